//! The data operations of the `util` module: random identifiers. (What
//! depends on where the code runs, such as `util.env`, is the host's.)

use super::{StdError, StdFn, StdResult, arg, opt_num_arg, str_arg};
use crate::value::Value;

/// nanoid's default alphabet (URL-safe).
const NANOID_ALPHABET: &str = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict";

pub(super) fn lookup(name: &str) -> Option<StdFn> {
    Some(match name {
        "uuidv4" => |_| Ok(Value::string(uuidv4())),
        "nanoid" => nanoid,
        _ => return None,
    })
}

/// A random (version 4) UUID in its usual lowercase text form.
fn uuidv4() -> String {
    let mut bytes = fastrand::u128(..).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// `nanoid(options?)`: `size` characters (21) from `alphabet`.
fn nanoid(args: &[Value]) -> StdResult {
    let options = arg(args, 0);
    let field = |name: &str| match options {
        Value::Map(map) => map.borrow().get(name).cloned().unwrap_or_default(),
        _ => Value::Nil,
    };
    let size = opt_num_arg(&[field("size")], 0)?.unwrap_or(21.0);
    if !(0.0..=10_000.0).contains(&size) || size.fract() != 0.0 {
        return Err(StdError::new("nanoid: `size` must be a whole number from 0 to 10000"));
    }
    let alphabet: Vec<char> = match field("alphabet") {
        Value::Nil => NANOID_ALPHABET.chars().collect(),
        value => str_arg(&[value], 0)?.chars().collect(),
    };
    if alphabet.is_empty() {
        return Err(StdError::new("nanoid: the alphabet is empty"));
    }
    Ok(Value::string((0..size as usize).map(|_| alphabet[fastrand::usize(..alphabet.len())]).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Entries;

    #[test]
    fn identifiers_have_their_shape() {
        let id = uuidv4();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!("89ab".contains(&id[19..20]));
        let options =
            Value::map(Entries::from_iter([("size".to_string(), Value::Num(5.0)), ("alphabet".to_string(), Value::str("ab"))]));
        let Ok(Value::Str(ref short)) = nanoid(&[options]) else { panic!("nanoid failed") };
        assert_eq!(short.len(), 5);
        assert!(short.chars().all(|c| c == 'a' || c == 'b'));
        let Ok(Value::Str(ref default)) = nanoid(&[]) else { panic!("nanoid failed") };
        assert_eq!(default.len(), 21);
    }
}
