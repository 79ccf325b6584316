// A bucket handed to a function parameter: any function could be called
// there, so what it does with the bucket cannot be granted.
bring cloud;

let uploads = new cloud.Bucket();

let withBucket = inflight (action: inflight (cloud.Bucket): void) => {
  action(uploads);
};
