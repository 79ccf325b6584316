//! Struct schemas: takes a struct type, gives the Json text describing its
//! fields that `Struct.fromJson` validates against (both preflight and
//! inflight run `wing-std`'s validator with it).
//!
//! A schema is `{"structs": [S0, S1, …]}`: every struct reachable from the
//! one asked for (S0), each once, as `{"struct": "Name", "fields":
//! [["field", T], …]}`. A field type `T` is a type name (`"str"`, `"num"`,
//! `"bool"`, `"Json"`, `"any"`) or an object: `{"optional": T}`,
//! `{"array": T}`, `{"set": T}`, `{"map": T}`, `{"enum": "Name", "values":
//! [...]}`, or `{"ref": i}` for the struct `Si`. Referring to structs by
//! number keeps recursive structs finite and the text linear in the number
//! of structs, however often one is used.

use super::model::Semantics;
use super::types::{StructId, Type, TypeId};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The schema text of a struct.
pub fn struct_schema(sem: &Semantics, id: StructId) -> String {
    let mut numbers = HashMap::from([(id, 0)]);
    let mut order = vec![id];
    let mut structs = Vec::new();
    while let Some(&next) = order.get(structs.len()) {
        let info = sem.structure(next);
        let fields: Vec<Value> =
            info.fields.iter().map(|(name, ty)| json!([name, field_schema(sem, *ty, &mut numbers, &mut order)])).collect();
        structs.push(json!({ "struct": info.qualified, "fields": fields }));
    }
    json!({ "structs": structs }).to_string()
}

fn field_schema(sem: &Semantics, ty: TypeId, numbers: &mut HashMap<StructId, usize>, order: &mut Vec<StructId>) -> Value {
    match sem.types.get(ty) {
        Type::Str => json!("str"),
        Type::Num => json!("num"),
        Type::Bool => json!("bool"),
        Type::Json | Type::MutJson => json!("Json"),
        Type::Optional(inner) => json!({ "optional": field_schema(sem, *inner, numbers, order) }),
        Type::Array(inner) | Type::MutArray(inner) => json!({ "array": field_schema(sem, *inner, numbers, order) }),
        Type::Set(inner) | Type::MutSet(inner) => json!({ "set": field_schema(sem, *inner, numbers, order) }),
        Type::Map(inner) | Type::MutMap(inner) => json!({ "map": field_schema(sem, *inner, numbers, order) }),
        Type::Struct(id) => {
            let number = *numbers.entry(*id).or_insert_with(|| {
                order.push(*id);
                order.len() - 1
            });
            json!({ "ref": number })
        }
        Type::Enum(id) => {
            let info = sem.enumeration(*id);
            json!({ "enum": info.qualified, "values": info.variants })
        }
        _ => json!("any"),
    }
}
