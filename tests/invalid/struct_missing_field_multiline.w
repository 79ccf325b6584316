// A struct literal must give every required (non-optional) field.
struct Address {
  street: str;
  city: str;
  zip: str?;
}

struct Customer {
  name: str;
  email: str;
  address: Address;
}

let c = Customer {
  name: "Ada",
  address: Address { street: "1 Main St" },
};
