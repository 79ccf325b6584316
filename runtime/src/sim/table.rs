//! `ex.Table`: Json rows by primary key. `insert` refuses a key that
//! exists, `update` one that does not, `upsert` takes either; rows come
//! back with their key as the `primaryKey` column. With a state directory,
//! every row is a file written atomically before the call returns.

use super::ops::{Op, OpContext, OpError, OpResult, arg, text, wing};
use super::props::{Props, str_prop};
use super::store::KeyFiles;
use super::{ResourceState, lock};
use std::collections::BTreeMap;
use std::sync::Mutex;
use wing_std::Value;

#[derive(Debug)]
pub struct Table {
    name: String,
    primary_key: String,
    rows: Mutex<BTreeMap<String, serde_json::Value>>,
    files: Option<KeyFiles>,
}

impl Table {
    /// A table with its saved rows (from `files`) and its `initialRows`.
    pub fn new(path: &str, props: &Props, files: Option<KeyFiles>) -> Result<Table, String> {
        let mut rows = BTreeMap::new();
        if let Some(files) = &files {
            for (key, bytes) in files.load().map_err(|e| format!("cannot read the saved rows: {e}"))? {
                rows.insert(key, serde_json::from_slice(&bytes).map_err(|_| "a saved row is damaged")?);
            }
        }
        if let Some(serde_json::Value::Object(initial)) = props.get("initialRows") {
            for (key, row) in initial {
                rows.entry(key.clone()).or_insert_with(|| row.clone());
            }
        }
        Ok(Table {
            name: str_prop(props, "name").unwrap_or_else(|| path.rsplit('/').next().unwrap_or("table")).to_string(),
            primary_key: str_prop(props, "primaryKey").unwrap_or("id").to_string(),
            rows: Mutex::new(rows),
            files,
        })
    }

    /// Writes (or with `None` deletes) a row; `must_exist` says whether the
    /// key must already be there (`Some(false)`: must not be).
    fn write(&self, key: &str, row: Option<serde_json::Value>, must_exist: Option<bool>) -> Result<(), OpError> {
        let mut rows = lock(&self.rows);
        match (must_exist, rows.contains_key(key)) {
            (Some(true), false) => return Err(row_missing(key, &self.name)),
            (Some(false), true) => return Err(row_exists(key, &self.name)),
            _ => {}
        }
        let saved = match (&self.files, &row) {
            (Some(files), Some(row)) => files.put(key, row.to_string().as_bytes()),
            (Some(files), None) => files.remove(key),
            (None, _) => Ok(()),
        };
        saved.map_err(|e| OpError::Wing(format!("cannot save the row (key={key}): {e}"), vec![]))?;
        match row {
            Some(row) => rows.insert(key.to_string(), row),
            None => rows.remove(key),
        };
        Ok(())
    }

    /// A row as Wing sees it: its columns plus the key.
    fn shown(&self, key: &str, row: &serde_json::Value) -> Value {
        let mut row = row.clone();
        if let serde_json::Value::Object(columns) = &mut row {
            columns.insert(self.primary_key.clone(), serde_json::Value::String(key.to_string()));
        }
        Value::from_json(&row)
    }
}

/// The table operation `method`.
pub fn op(method: &str) -> Option<Op> {
    Some(match method {
        "insert" => |ctx, args| write(ctx, args, Some(false)),
        "update" => |ctx, args| write(ctx, args, Some(true)),
        "upsert" => |ctx, args| write(ctx, args, None),
        "delete" => |ctx, args| {
            table(ctx)?.write(&text(args, 0)?, None, None)?;
            ctx.sim.notify();
            Ok(Value::Nil)
        },
        "get" => |ctx, args| {
            let key = text(args, 0)?;
            let table = table(ctx)?;
            let row = lock(&table.rows).get(&key).cloned();
            match row {
                Some(row) => Ok(table.shown(&key, &row)),
                None => Err(row_missing(&key, &table.name)),
            }
        },
        "tryGet" => |ctx, args| {
            let key = text(args, 0)?;
            let table = table(ctx)?;
            let row = lock(&table.rows).get(&key).cloned();
            Ok(row.map_or(Value::Nil, |row| table.shown(&key, &row)))
        },
        "list" => |ctx, _| {
            let table = table(ctx)?;
            let rows = lock(&table.rows);
            Ok(Value::array(rows.iter().map(|(key, row)| table.shown(key, row)).collect()))
        },
        _ => return None,
    })
}

fn write(ctx: &OpContext<'_>, args: &[Value], must_exist: Option<bool>) -> OpResult {
    let key = text(args, 0)?;
    let table = table(ctx)?;
    let mut row = arg(args, 1).to_json().or_else(|problem| wing(problem.to_string()))?;
    let serde_json::Value::Object(columns) = &mut row else {
        return wing(format!("a row must be a Json object (key={key})"));
    };
    columns.remove(&table.primary_key);
    table.write(&key, Some(row), must_exist)?;
    ctx.sim.notify();
    Ok(Value::Nil)
}

/// The error of reading or updating a missing row (every backend's).
pub fn row_missing(key: &str, table: &str) -> OpError {
    OpError::Wing(format!("Row does not exist (key={key}) in table {table}"), vec![])
}

/// The error of inserting a row whose key exists (every backend's).
pub fn row_exists(key: &str, table: &str) -> OpError {
    OpError::Wing(format!("Row already exists (key={key}) in table {table}"), vec![])
}

fn table<'a>(ctx: &'a OpContext<'_>) -> Result<&'a Table, OpError> {
    match ctx.state() {
        ResourceState::Table(table) => Ok(table),
        _ => Err(OpError::Fatal(format!("{} is not a table", ctx.node().path))),
    }
}
