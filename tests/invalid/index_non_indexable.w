// A number cannot be indexed.
let version = 3;
let major = version[0];
