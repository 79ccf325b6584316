// Struct fields hold data: a class instance (here a resource) is not allowed.
bring cloud;

struct Storage {
  name: str;
  bucket: cloud.Bucket;
}
