// A resource type that the `cloud` module does not have.
bring cloud;

let store = new cloud.Storage();
