// A misspelled type name in a struct field is an unknown type.
struct Order {
  id: str;
  total: nmu;
  paid: bool;
}

let o = Order { id: "o-1", total: 12, paid: false };
