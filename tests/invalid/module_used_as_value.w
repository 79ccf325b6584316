// A module is a namespace, not a value.
bring cloud;

let resources = cloud;
