// An object of a class extending a std resource is not usable where the
// resource type itself is expected.
bring cloud;

class Store extends cloud.Bucket {}

let store = new Store();
let bucket: cloud.Bucket = store;
let all: Array<cloud.Bucket> = [store];
