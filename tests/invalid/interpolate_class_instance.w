// A class instance cannot be interpolated into a string.
bring cloud;

let bucket = new cloud.Bucket();
log("using bucket {bucket}");
