// The construct tree: ids and paths of resources and class instances.
bring cloud;

class Shop {
  pub orders: cloud.Queue;
  new() {
    this.orders = new cloud.Queue() as "orders";
  }
  pub describe(): str {
    return nodeof(this.orders).path;
  }
}

let shop = new Shop() as "main-shop";
let bucket = new cloud.Bucket() as "assets";
let shopId = nodeof(shop).id;
let bucketPath = nodeof(bucket).path;
let ordersPath = shop.describe();

test "ids and paths" {
  assert(shopId == "main-shop");
  assert(bucketPath == "root/Default/assets");
  assert(ordersPath == "root/Default/main-shop/orders");
}
