// An inflight class cannot extend a preflight class (and the other way round).
bring cloud;

class Storage {
  bucket: cloud.Bucket;
  new() {
    this.bucket = new cloud.Bucket();
  }
}

inflight class CachedStorage extends Storage {
  pub lookup(key: str): str {
    return key;
  }
}
