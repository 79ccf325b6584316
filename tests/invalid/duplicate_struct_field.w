// A struct cannot declare the same field twice.
struct Invoice {
  number: str;
  total: num;
  number: num;
}
