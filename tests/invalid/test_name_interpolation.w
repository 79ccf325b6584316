// Test names are fixed strings: they cannot use interpolation.
let region = "us-east-1";

test "deploys to {region}" {
  assert(region.length > 0);
}
