// A struct literal must give every required (non-optional) field.
struct Address {
  street: str;
  city: str;
  zip: str?;
}

let home = Address { street: "1 Main St", zip: "10001" };
