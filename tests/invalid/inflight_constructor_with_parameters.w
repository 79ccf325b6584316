// The inflight constructor of a preflight class takes no parameters.
bring cloud;

class Client {
  bucket: cloud.Bucket;
  inflight var token: str;
  new() {
    this.bucket = new cloud.Bucket();
  }
  inflight new(token: str) {
    this.token = token;
  }
}
