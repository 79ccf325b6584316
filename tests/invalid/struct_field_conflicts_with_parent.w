// A struct cannot redeclare a field of the struct it extends with another type.
struct Event {
  id: str;
  timestamp: datetime;
}

struct ClickEvent extends Event {
  id: num;
  x: num;
  y: num;
}
