// A bucket reached through an array: wingc cannot tell which bucket each
// `put` writes to, so it cannot grant it (Wing 0.85.49 reports the same
// problem as "references an unknown preflight object").
bring cloud;

let buckets = [new cloud.Bucket() as "a", new cloud.Bucket() as "b"];

new cloud.Function(inflight () => {
  for bucket in buckets {
    bucket.put("k", "v");
  }
});
