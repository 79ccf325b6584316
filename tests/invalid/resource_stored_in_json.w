// A resource cannot be stored in a Json value.
bring cloud;

let bucket = new cloud.Bucket();
let manifest = Json { name: "assets", storage: bucket };
