// One of two files of `clash_lib` that export `Shared`.
pub class Shared { }
pub struct OnlyHere { n: num; }
