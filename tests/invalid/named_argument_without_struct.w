// Named arguments fill the fields of a trailing struct parameter; this function has none.
let resize = (width: num, height: num): str => {
  return "{width}x{height}";
};

log(resize(width: 800, height: 600));
