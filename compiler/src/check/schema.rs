//! Struct schemas: takes a struct type, gives the Json text describing its
//! fields that `Struct.fromJson` validates against (both preflight and
//! inflight run `wing-std`'s validator with it).
//!
//! A schema is a type name (`"str"`, `"num"`, `"bool"`, `"Json"`,
//! `"any"`) or an object: `{"optional": S}`, `{"array": S}`, `{"set": S}`,
//! `{"map": S}`, `{"enum": "Name", "values": [...]}`, or
//! `{"struct": "Name", "fields": [["field", S], ...]}`.

use super::model::Semantics;
use super::types::{StructId, Type, TypeId};
use serde_json::{Value, json};

/// The schema text of a struct.
pub fn struct_schema(sem: &Semantics, id: StructId) -> String {
    schema_of_struct(sem, id, &mut Vec::new()).to_string()
}

fn schema_of_struct(sem: &Semantics, id: StructId, seen: &mut Vec<StructId>) -> Value {
    let info = sem.structure(id);
    if seen.contains(&id) {
        return json!("any");
    }
    seen.push(id);
    let fields: Vec<Value> = info.fields.iter().map(|(name, ty)| json!([name, schema(sem, *ty, seen)])).collect();
    seen.pop();
    json!({ "struct": info.qualified, "fields": fields })
}

fn schema(sem: &Semantics, ty: TypeId, seen: &mut Vec<StructId>) -> Value {
    match sem.types.get(ty) {
        Type::Str => json!("str"),
        Type::Num => json!("num"),
        Type::Bool => json!("bool"),
        Type::Json | Type::MutJson => json!("Json"),
        Type::Optional(inner) => json!({ "optional": schema(sem, *inner, seen) }),
        Type::Array(inner) | Type::MutArray(inner) => json!({ "array": schema(sem, *inner, seen) }),
        Type::Set(inner) | Type::MutSet(inner) => json!({ "set": schema(sem, *inner, seen) }),
        Type::Map(inner) | Type::MutMap(inner) => json!({ "map": schema(sem, *inner, seen) }),
        Type::Struct(id) => schema_of_struct(sem, *id, seen),
        Type::Enum(id) => {
            let info = sem.enumeration(*id);
            json!({ "enum": info.qualified, "values": info.variants })
        }
        _ => json!("any"),
    }
}
