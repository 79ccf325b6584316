// A range like `0..5` is only allowed as the iterable of a `for` loop.
let pages = 0..5;
