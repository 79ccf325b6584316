// Helper for bring_cycle.w: brings orders.w, which brought this file.
bring "./orders.w" as orders;

pub class Invoice {
  pub order: orders.Order;
  new(order: orders.Order) {
    this.order = order;
  }
}
