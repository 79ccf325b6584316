//! The standard library's declaration files, embedded in the compiler so a
//! `wingc` binary needs nothing beside it. Takes nothing, gives each
//! module's name and source text.

/// `(module name, file name, source)` for every stdlib module; `std` first.
pub const MODULES: [(&str, &str, &str); 8] = [
    ("std", "std.w", include_str!("../../stdlib/std.w")),
    ("cloud", "cloud.w", include_str!("../../stdlib/cloud.w")),
    ("util", "util.w", include_str!("../../stdlib/util.w")),
    ("expect", "expect.w", include_str!("../../stdlib/expect.w")),
    ("http", "http.w", include_str!("../../stdlib/http.w")),
    ("ex", "ex.w", include_str!("../../stdlib/ex.w")),
    ("math", "math.w", include_str!("../../stdlib/math.w")),
    ("fs", "fs.w", include_str!("../../stdlib/fs.w")),
];
