// Persisting structs as Json text and back: Json.stringify of a struct
// (optional fields left out when nil), pretty printing with indent,
// arrays of structs, and Struct.parseJson to restore them.
bring expect;

struct Address {
  street: str;
  city: str;
}

struct Customer {
  id: num;
  name: str;
  email: str?;
  addresses: Array<Address>;
}

let alice = Customer {
  id: 1,
  name: "Alice",
  addresses: [Address { street: "1 Main St", city: "Springfield" }]
};

test "struct to json text and back" {
  let text = Json.stringify(alice);
  expect.equal(text, "\{\"id\":1,\"name\":\"Alice\",\"addresses\":[\{\"street\":\"1 Main St\",\"city\":\"Springfield\"}]}");
  let back = Customer.parseJson(text);
  expect.equal(back.name, "Alice");
  expect.equal(back.addresses.at(0).city, "Springfield");
  assert(back.email == nil);
}

test "optional fields appear once set" {
  let bob = Customer { id: 2, name: "Bob", email: "bob@x.io", addresses: [] };
  let j = Json.parse(Json.stringify(bob));
  expect.equal(j.get("email").asStr(), "bob@x.io");
  expect.equal(Json.stringify(j.get("addresses")), "[]");
}

test "pretty printed documents" {
  let addr = Address { street: "2 Side Rd", city: "Shelbyville" };
  expect.equal(Json.stringify(addr, indent: 4), "\{\n    \"street\": \"2 Side Rd\",\n    \"city\": \"Shelbyville\"\n}");
  let many = [addr, addr];
  let j = Json.parse(Json.stringify(many));
  expect.equal(j.getAt(1).get("city").asStr(), "Shelbyville");
}
