// Two brought files that bring each other form a cycle.
bring "./modules/orders.w" as orders;

let o = orders.Order { id: "o-1", amount: 30 };
