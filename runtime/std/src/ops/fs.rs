//! The `fs` module: takes paths (and what to write), gives paths, file
//! contents and directory listings, as Wing's `fs` (Node's `fs` and
//! `path`) gives them. Paths use `/` and are normalized as Node's `path`
//! normalizes them. The operations that touch files are declared preflight
//! in `stdlib/fs.w` and only the compiler looks them up
//! ([`super::lookup_preflight`]); an error reads as
//! Node's (`ENOENT: no such file or directory, open 'x'`) so `try` code
//! written for Wing sees the same message.

use super::{StdError, StdFn, StdResult, arg, str_arg};
use crate::value::Value;
use std::io::{ErrorKind, Write};

/// The path operations, which run in both phases.
pub(super) fn lookup(name: &str) -> Option<StdFn> {
    Some(match name {
        "join" => |args| Ok(Value::string(join(&strings(arg(args, 0))?))),
        "dirname" => |args| Ok(Value::string(dirname(&str_arg(args, 0)?))),
        "basename" => |args| Ok(Value::string(basename(&str_arg(args, 0)?).to_string())),
        "extension" => |args| Ok(extension(&str_arg(args, 0)?).map_or(Value::Nil, |e| Value::string(e.to_string()))),
        _ => return None,
    })
}

/// The operations that read the working directory and files: only the
/// compiler runs them (a bundle that imports one fails to link).
pub(super) fn lookup_files(name: &str) -> Option<StdFn> {
    Some(match name {
        "absolute" => |args| Ok(Value::string(absolute(&strings(arg(args, 0))?)?)),
        "relative" => |args| Ok(Value::string(relative(&str_arg(args, 0)?, &str_arg(args, 1)?)?)),
        "exists" => |args| Ok(Value::Bool(std::fs::exists(&*str_arg(args, 0)?).unwrap_or(false))),
        "isDir" => |args| Ok(Value::Bool(std::path::Path::new(&*str_arg(args, 0)?).is_dir())),
        "readdir" => readdir,
        "tryReaddir" => |args| Ok(readdir(args).unwrap_or_default()),
        "readFile" => read_file,
        "tryReadFile" => |args| Ok(read_file(args).unwrap_or_default()),
        "readJson" => read_json,
        "tryReadJson" => |args| Ok(read_json(args).unwrap_or_default()),
        "mkdir" => mkdir,
        "mkdtemp" => mkdtemp,
        "writeFile" => |args| write(args, false),
        "appendFile" => |args| write(args, true),
        "writeJson" => write_json,
        "remove" => remove,
        _ => return None,
    })
}

/// The strings of a variadic argument.
fn strings(value: &Value) -> Result<Vec<String>, StdError> {
    match value {
        Value::Array(items) => {
            items.borrow().iter().map(|item| Ok(str_arg(std::slice::from_ref(item), 0)?.to_string())).collect()
        }
        Value::Nil => Ok(Vec::new()),
        other => Ok(vec![str_arg(std::slice::from_ref(other), 0)?.to_string()]),
    }
}

/// A field of an options struct (nil when the struct or field is absent).
fn option(options: &Value, name: &str) -> Value {
    match options {
        Value::Map(fields) => fields.borrow().get(name).cloned().unwrap_or_default(),
        _ => Value::Nil,
    }
}

fn bool_option(options: &Value, name: &str, default: bool) -> bool {
    match option(options, name) {
        Value::Bool(value) => value,
        _ => default,
    }
}

/// Node's message for a failed `syscall` on `path`.
fn failure(error: std::io::Error, syscall: &str, path: &str) -> StdError {
    let code = match error.kind() {
        ErrorKind::NotFound => "ENOENT: no such file or directory",
        ErrorKind::PermissionDenied => "EACCES: permission denied",
        ErrorKind::AlreadyExists => "EEXIST: file already exists",
        ErrorKind::IsADirectory => "EISDIR: illegal operation on a directory",
        ErrorKind::NotADirectory => "ENOTDIR: not a directory",
        ErrorKind::DirectoryNotEmpty => "ENOTEMPTY: directory not empty",
        _ => return StdError::new(format!("{error}, {syscall} '{path}'")),
    };
    StdError::new(format!("{code}, {syscall} '{path}'"))
}

/// `a/./b/../c/` as `a/c/`: `.` and `..` resolved, repeated `/` merged,
/// a trailing `/` kept; `.` for nothing.
pub fn normalize(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|last| *last != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    let mut out = match (absolute, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    };
    if path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out
}

/// Node's `path.join`: the non-empty parts joined with `/`, normalized.
pub fn join(parts: &[String]) -> String {
    let parts: Vec<&str> = parts.iter().map(String::as_str).filter(|p| !p.is_empty()).collect();
    normalize(&parts.join("/"))
}

/// Node's `path.dirname`: everything before the last name.
pub fn dirname(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return if path.is_empty() { "." } else { "/" }.to_string();
    }
    match trimmed.rfind('/') {
        None => ".".to_string(),
        Some(at) => match trimmed[..at].trim_end_matches('/') {
            "" => "/".to_string(),
            parent => parent.to_string(),
        },
    }
}

/// Node's `path.basename`: the last name.
pub fn basename(path: &str) -> &str {
    let trimmed = path.trim_end_matches('/');
    trimmed.rsplit('/').next().unwrap_or("")
}

/// The extension without its dot, as Wing's `fs.extension`: none for a
/// name without one, a name that is only an extension (`.bashrc`), or one
/// ending in a dot.
pub fn extension(path: &str) -> Option<&str> {
    let name = basename(path);
    let dot = name.rfind('.').filter(|&at| at > 0)?;
    Some(&name[dot + 1..]).filter(|ext| !ext.is_empty())
}

/// Node's `path.resolve`: the parts from the last absolute one, against
/// the working directory, normalized, without a trailing `/`.
fn absolute(parts: &[String]) -> Result<String, StdError> {
    let cwd = std::env::current_dir().map_err(|e| StdError::new(format!("the working directory is unknown: {e}")))?;
    let mut all = vec![cwd.to_string_lossy().into_owned()];
    all.extend(parts.iter().cloned());
    let start = all.iter().rposition(|p| p.starts_with('/')).unwrap_or(0);
    let resolved = join(&all[start..]);
    Ok(match resolved.trim_end_matches('/') {
        "" => "/".to_string(),
        trimmed => trimmed.to_string(),
    })
}

/// Node's `path.relative`: the way from `from` to `to`, both resolved.
fn relative(from: &str, to: &str) -> Result<String, StdError> {
    let from = absolute(&[from.to_string()])?;
    let to = absolute(&[to.to_string()])?;
    let names = |path: &str| path.split('/').filter(|p| !p.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let (from, to) = (names(&from), names(&to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = std::iter::repeat_n("..".to_string(), from.len() - common);
    Ok(ups.chain(to[common..].iter().cloned()).collect::<Vec<_>>().join("/"))
}

fn readdir(args: &[Value]) -> StdResult {
    let path = str_arg(args, 0)?;
    let entries = std::fs::read_dir(&*path).map_err(|e| failure(e, "scandir", &path))?;
    let mut names = entries
        .map(|entry| entry.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| failure(e, "scandir", &path))?;
    names.sort();
    Ok(Value::array(names.into_iter().map(Value::string).collect()))
}

fn read_text(path: &str) -> Result<String, StdError> {
    let bytes = std::fs::read(path).map_err(|e| failure(e, "open", path))?;
    Ok(String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

fn read_file(args: &[Value]) -> StdResult {
    Ok(Value::string(read_text(&str_arg(args, 0)?)?))
}

fn read_json(args: &[Value]) -> StdResult {
    super::json::parse(&read_text(&str_arg(args, 0)?)?)
}

fn mkdir(args: &[Value]) -> StdResult {
    let path = str_arg(args, 0)?;
    let made =
        if bool_option(arg(args, 1), "recursive", true) { std::fs::create_dir_all(&*path) } else { std::fs::create_dir(&*path) };
    made.map_err(|e| failure(e, "mkdir", &path))?;
    Ok(Value::Nil)
}

/// A new directory under the system's temporary directory, its name
/// `prefix` (`wingtemp`) and six random characters.
fn mkdtemp(args: &[Value]) -> StdResult {
    let prefix = match arg(args, 0) {
        Value::Nil => "wingtemp".to_string(),
        _ => str_arg(args, 0)?.to_string(),
    };
    let base = std::env::temp_dir().join(&prefix);
    loop {
        let suffix: String = (0..6).map(|_| fastrand::alphanumeric()).collect();
        let path = format!("{}{suffix}", base.to_string_lossy());
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(Value::string(path)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(failure(e, "mkdtemp", &path)),
        }
    }
}

/// Writes (or, `append`ing, adds) the text `args[1]` to the file `args[0]`.
fn write(args: &[Value], append: bool) -> StdResult {
    let path = str_arg(args, 0)?;
    let text = str_arg(args, 1)?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(&*path)
        .map_err(|e| failure(e, "open", &path))?;
    file.write_all(text.as_bytes()).map_err(|e| failure(e, "write", &path))?;
    Ok(Value::Nil)
}

/// Writes Json as `JSON.stringify(obj, null, 2)` writes it.
fn write_json(args: &[Value]) -> StdResult {
    let text = arg(args, 1).to_json_text_pretty().map_err(|e| StdError::new(e.to_string()))?;
    write(&[arg(args, 0).clone(), Value::string(text)], false)
}

fn remove(args: &[Value]) -> StdResult {
    let path = str_arg(args, 0)?;
    let options = arg(args, 1);
    let (force, recursive) = (bool_option(options, "force", true), bool_option(options, "recursive", true));
    let removed = match std::fs::symlink_metadata(&*path) {
        Err(e) if e.kind() == ErrorKind::NotFound && force => return Ok(Value::Nil),
        Err(e) => Err(e),
        Ok(meta) if meta.is_dir() && recursive => std::fs::remove_dir_all(&*path),
        Ok(meta) if meta.is_dir() => {
            return Err(StdError::new(format!("Path is a directory: rm returned EISDIR (is a directory) {path}")));
        }
        Ok(_) => std::fs::remove_file(&*path),
    };
    removed.map_err(|e| failure(e, "rm", &path))?;
    Ok(Value::Nil)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_nodes_path_module_reads_them() {
        let join_all = |parts: &[&str]| join(&parts.iter().map(|p| p.to_string()).collect::<Vec<_>>());
        assert_eq!(join_all(&["a", "b/../c", "./d"]), "a/c/d");
        assert_eq!(join_all(&["/a/", "b/"]), "/a/b/");
        assert_eq!(join_all(&["", ""]), ".");
        assert_eq!(join_all(&["..", "x"]), "../x");
        assert_eq!(join_all(&["/..", "x"]), "/x");
        assert_eq!(dirname("/a/b/c.txt"), "/a/b");
        assert_eq!(dirname("/a"), "/");
        assert_eq!(dirname("a"), ".");
        assert_eq!(dirname("a//b//"), "a");
        assert_eq!(basename("/a/b/c.txt"), "c.txt");
        assert_eq!(basename("/a/b/"), "b");
        assert_eq!(extension("x/a.tar.gz"), Some("gz"));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("a."), None);
        assert_eq!(extension("README"), None);
        assert_eq!(relative("/data/a/b", "/data/c").unwrap(), "../../c");
        assert_eq!(relative("/data", "/data").unwrap(), "");
        assert_eq!(absolute(&["/x".into(), "y".into(), "/z".into(), "w/".into()]).unwrap(), "/z/w");
    }

    #[test]
    fn files_round_trip_and_fail_as_node_fails() {
        let dir = mkdtemp(&[Value::str("wingc-fs-test")]).unwrap().display();
        let file = join(&[dir.clone(), "sub/notes.txt".into()]);
        let call = |name: &str, args: &[Value]| lookup_files(name).expect("an fs operation")(args);
        let missing = call("readFile", &[Value::string(file.clone())]).unwrap_err();
        assert_eq!(missing.0, format!("ENOENT: no such file or directory, open '{file}'"));
        assert!(call("tryReadFile", &[Value::string(file.clone())]).unwrap().is_nil());
        call("mkdir", &[Value::string(dirname(&file))]).unwrap();
        call("writeFile", &[Value::string(file.clone()), Value::str("one\n")]).unwrap();
        call("appendFile", &[Value::string(file.clone()), Value::str("two\n")]).unwrap();
        assert_eq!(call("readFile", &[Value::string(file.clone())]).unwrap().display(), "one\ntwo\n");
        let json = join(&[dir.clone(), "b.json".into()]);
        call("writeJson", &[Value::string(json.clone()), super::super::json::parse(r#"{"a":[1]}"#).unwrap()]).unwrap();
        assert_eq!(call("readFile", &[Value::string(json.clone())]).unwrap().display(), "{\n  \"a\": [\n    1\n  ]\n}");
        assert_eq!(call("readdir", &[Value::string(dir.clone())]).unwrap().display_json(), r#"["b.json","sub"]"#);
        call("remove", &[Value::string(dir.clone())]).unwrap();
        assert_eq!(call("exists", &[Value::string(dir)]).unwrap().display(), "false");
    }
}
