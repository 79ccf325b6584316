// `new C() as id in scope` for user classes without a constructor: the id
// and scope are expressions, evaluated like any other (issue 14).
bring cloud;
bring expect;

class Box {}
class Shelf {
  pub items: cloud.Bucket;
  new() {
    this.items = new cloud.Bucket();
  }
}

let prefix = "box";
let shelf = new Shelf() as "shelf-{prefix}";
let first = new Box() as "{prefix}-1" in shelf;
let second = new Box() as prefix + "-2" in first;
let paths = [nodeof(shelf).path, nodeof(first).path, nodeof(second).path];

test "ids and scopes of classes without a constructor" {
  expect.equal(paths.at(0), "root/Default/shelf-box");
  expect.equal(paths.at(1), "root/Default/shelf-box/box-1");
  expect.equal(paths.at(2), "root/Default/shelf-box/box-1/box-2");
}
