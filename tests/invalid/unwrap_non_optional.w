// `!` asserts that an optional value is set; a `str` is never nil.
let host = "localhost";
let h = host!;
