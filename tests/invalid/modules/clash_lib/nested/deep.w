// In a subdirectory of `clash_lib`: Wing reaches it as `lib.nested.Deep`.
pub class Deep { }
