// The order types and store of the `bring_files` program.
bring cloud;

pub enum OrderStatus {
  PLACED,
  SHIPPED
}

pub struct Order {
  id: str;
  total: num;
  status: OrderStatus;
}

pub class OrderBook {
  bucket: cloud.Bucket;
  new() {
    this.bucket = new cloud.Bucket();
  }
  pub inflight place(order: Order) {
    this.bucket.put("orders/{order.id}", Json.stringify(order));
  }
  pub inflight find(id: str): Order? {
    if let text = this.bucket.tryGet("orders/{id}") {
      return Order.parseJson(text);
    }
    return nil;
  }
}
