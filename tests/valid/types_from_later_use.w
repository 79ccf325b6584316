// An empty literal or an untyped closure parameter gets its type from a
// later use, as in Wing.
bring cloud;

let sum = (xs: Array<num>): num => {
  let var total = 0;
  for x in xs {
    total += x;
  }
  return total;
};

let noOrders = [];
let noRevenue = sum(noOrders);

let label = (who) => {
  return "order for {who}";
};
let firstLabel = label("ada");

let twice = (n) => {
  return n * 2;
};
let four = twice(2);

let tags = [];
let tagList: Array<str> = tags;

let bucket = new cloud.Bucket();

test "types found by a later use" {
  assert(noRevenue == 0);
  assert(firstLabel == "order for ada");
  assert(four == 4);
  assert(tagList.length == 0);
  let seen = [];
  let asStrings: Array<str> = seen;
  bucket.put("seen", asStrings.join(","));
  assert(bucket.get("seen") == "");
}
