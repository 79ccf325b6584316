// A program split over files: types come from `modules/orders.w`.
bring expect;
bring "./modules/orders.w" as orders;

let book = new orders.OrderBook();

test "an order round-trips through the brought class" {
  book.place(orders.Order { id: "a1", total: 30, status: orders.OrderStatus.PLACED });
  let found = book.find("a1")!;
  expect.equal(found.total, 30);
  assert(found.status == orders.OrderStatus.PLACED);
  assert(book.find("zz") == nil);
}
