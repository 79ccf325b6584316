// A directory exports the `pub` types of its files; a type that is not
// `pub` is not reachable (Wing 0.85.49: "Unknown symbol").
bring "../valid/modules/shapes_lib" as shapes;

class Uses {
  h: shapes.Helper?;
  new() { }
}
