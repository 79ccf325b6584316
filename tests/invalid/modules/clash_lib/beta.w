// The other file of `clash_lib` that exports `Shared`.
pub class Shared { }
