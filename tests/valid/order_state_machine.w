// An order lifecycle as an enum-driven state machine: enum declarations,
// `Enum.MEMBER` values, `==`/`!=` on enums, enums in struct fields,
// arrays and maps, and enum values interpolated into strings.
bring expect;

enum State {
  CREATED,
  PAID,
  SHIPPED,
  DELIVERED,
  CANCELLED
}
enum Action {
  PAY,
  SHIP,
  DELIVER,
  CANCEL
}

struct Order {
  id: str;
  state: State;
}

inflight class Machine {
  pub static next(s: State, a: Action): State {
    if a == Action.CANCEL {
      if s == State.SHIPPED || s == State.DELIVERED {
        throw "cannot cancel an order that is {s}";
      }
      return State.CANCELLED;
    }
    if s == State.CREATED && a == Action.PAY {
      return State.PAID;
    } else if s == State.PAID && a == Action.SHIP {
      return State.SHIPPED;
    } else if s == State.SHIPPED && a == Action.DELIVER {
      return State.DELIVERED;
    }
    throw "invalid transition {a} from {s}";
  }
}

let terminal = [State.DELIVERED, State.CANCELLED];

test "the happy path" {
  let var o = Order { id: "o1", state: State.CREATED };
  for a in [Action.PAY, Action.SHIP, Action.DELIVER] {
    o = Order { id: o.id, state: Machine.next(o.state, a) };
  }
  assert(o.state == State.DELIVERED);
  assert(terminal.contains(o.state));
  expect.equal("{o.state}", "DELIVERED");
}

test "invalid transitions throw" {
  let var error = "";
  try {
    Machine.next(State.CREATED, Action.SHIP);
  } catch e {
    error = e;
  }
  expect.equal(error, "invalid transition SHIP from CREATED");
  try {
    Machine.next(State.SHIPPED, Action.CANCEL);
  } catch e {
    error = e;
  }
  expect.equal(error, "cannot cancel an order that is SHIPPED");
  assert(Machine.next(State.PAID, Action.CANCEL) == State.CANCELLED);
}

test "enums as map values" {
  let labels = MutMap<State>{};
  labels.set("o1", State.PAID);
  labels.set("o2", State.CANCELLED);
  assert(labels.get("o1") != State.CANCELLED);
  assert(labels.get("o2") == State.CANCELLED);
  let var open = 0;
  for k in labels.keys() {
    if !terminal.contains(labels.get(k)) {
      open += 1;
    }
  }
  expect.equal(open, 1);
}
