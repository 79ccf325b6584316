// Stock reservations for an online shop: available stock in a MutMap,
// reservations as structs with an enum status, overselling rejected with
// `throw`, and cancelled reservations returning stock.
bring expect;

enum ResStatus {
  HELD,
  CONFIRMED,
  CANCELLED
}

struct Reservation {
  id: str;
  sku: str;
  qty: num;
  status: ResStatus;
}

inflight class Inventory {
  stock: MutMap<num>;
  reservations: MutMap<Reservation>;
  var nextId: num;
  new(initial: Map<num>) {
    this.stock = initial.copyMut();
    this.reservations = MutMap<Reservation>{};
    this.nextId = 1;
  }
  pub available(sku: str): num {
    return this.stock.tryGet(sku) ?? 0;
  }
  pub reserve(sku: str, qty: num): str {
    let have = this.available(sku);
    if qty > have {
      throw "only {have} {sku} left";
    }
    this.stock.set(sku, have - qty);
    let id = "r{this.nextId}";
    this.nextId += 1;
    this.reservations.set(id, Reservation { id, sku, qty, status: ResStatus.HELD });
    return id;
  }
  setStatus(id: str, s: ResStatus): Reservation {
    let r = this.reservations.get(id);
    if r.status != ResStatus.HELD {
      throw "reservation {id} is {r.status}";
    }
    let updated = Reservation { id: r.id, sku: r.sku, qty: r.qty, status: s };
    this.reservations.set(id, updated);
    return updated;
  }
  pub confirm(id: str) {
    this.setStatus(id, ResStatus.CONFIRMED);
  }
  pub cancel(id: str) {
    let r = this.setStatus(id, ResStatus.CANCELLED);
    this.stock.set(r.sku, this.available(r.sku) + r.qty);
  }
}

test "reserve, confirm and cancel" {
  let inv = new Inventory({ "mug" => 5, "cap" => 1 });
  let a = inv.reserve("mug", 2);
  let b = inv.reserve("mug", 3);
  expect.equal(inv.available("mug"), 0);
  inv.confirm(a);
  inv.cancel(b);
  expect.equal(inv.available("mug"), 3);
  let var err = "";
  try {
    inv.cancel(a);
  } catch e {
    err = e;
  }
  expect.equal(err, "reservation r1 is CONFIRMED");
}

test "overselling is rejected" {
  let inv = new Inventory({ "cap" => 1 });
  inv.reserve("cap", 1);
  let var err = "";
  try {
    inv.reserve("cap", 1);
  } catch e {
    err = e;
  }
  expect.equal(err, "only 0 cap left");
  expect.equal(inv.available("unknown"), 0);
}
