// Every field without a default must be assigned in the constructor.
bring cloud;

class Uploader {
  bucket: cloud.Bucket;
  prefix: str;
  new(prefix: str) {
    this.bucket = new cloud.Bucket();
  }
}
