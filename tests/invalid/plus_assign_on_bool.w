// `+=` works on numbers and strings, not booleans.
let var ready = false;
ready += true;
