// Calling a method that `str` does not have (a JavaScript name instead of Wing's).
let title = "quarterly report";
let heading = title.toUpperCase();
