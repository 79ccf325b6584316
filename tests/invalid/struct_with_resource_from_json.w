// A struct may hold a resource, but then it is not Json data: it cannot be
// read from Json nor stored in it (Wing 0.85.49 rejects both too:
// "Struct "Deps" contains field "store" which cannot be represented in Json").
bring cloud;

struct Deps {
  name: str;
  store: cloud.Bucket;
}

let d = Deps.fromJson(Json { name: "a", store: "x" });
let j = Json { d: Deps { name: "b", store: new cloud.Bucket() } };
