// `save` is passed along as a value: its callers cannot be traced, so the
// bucket it is given cannot be granted `put`.
bring cloud;

let uploads = new cloud.Bucket();

new cloud.Function(inflight () => {
  let save = inflight (b: cloud.Bucket) => {
    b.put("k", "v");
  };
  let actions = MutArray<inflight (cloud.Bucket): void>[];
  actions.push(save);
  for action in actions {
    action(uploads);
  }
});
