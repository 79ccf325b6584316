bring cloud;
let a = new cloud.Bucket();
let b = new cloud.Bucket();
