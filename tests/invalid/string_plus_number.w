// `+` does not convert a number to a string; use interpolation.
let items = 3;
let message = "items in cart: " + items;
