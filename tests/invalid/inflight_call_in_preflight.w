bring cloud;
let bucket = new cloud.Bucket();
bucket.put("key", "value");
