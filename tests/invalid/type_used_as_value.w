// A class name is a type, not a value: create an instance with `new`.
bring cloud;

let queues = [cloud.Queue];
