// Using a variant an enum does not declare.
enum Status {
  PENDING,
  SHIPPED,
  DELIVERED,
}

let describe = (s: Status): str => {
  if s == Status.CANCELLED {
    return "cancelled";
  }
  return "active";
};
