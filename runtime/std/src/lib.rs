//! Wing values and the standard library's semantics, shared by the two
//! places Wing code runs: the compiler's preflight evaluator and the
//! simulator's host. Takes values and stdlib member names, gives results.
//!
//! * [`value`]: the [`Value`] representation, equality, printing, Json.
//! * [`text`]: [`Text`], what a `str` holds: its text, whether it is
//!   ASCII (character positions in O(1)) and room to grow in place.
//! * [`walk`]: what keeps walks over nested values finite: cycles and
//!   depth end in a [`WalkError`], equality is iterative.
//! * [`ops`]: every `extern` member of `stdlib/*.w` that is pure data
//!   manipulation (`str.split`, `Json.get`, `math.round`, `expect.equal`),
//!   found by name with [`ops::lookup`].
//!
//! ```
//! use wing_std::{ops, Value};
//! let split = ops::lookup("std", "str.split").unwrap();
//! let parts = split(&[Value::str("a,b"), Value::str(",")]).unwrap();
//! assert_eq!(parts.to_json_text().unwrap(), r#"["a","b"]"#);
//! ```

pub mod ops;
pub mod text;
pub mod value;
pub mod walk;

pub use ops::{StdError, StdResult};
pub use text::Text;
pub use value::{Entries, Ref, RefKind, Value};
pub use walk::WalkError;
