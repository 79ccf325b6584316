// Scaling recipes: ingredients as structs extending a base quantity
// struct, scaling by servings, unit conversion for large amounts, and
// formatting quantities with rounding.
bring math;
bring expect;

struct Quantity {
  amount: num;
  unit: str;
}

struct Ingredient extends Quantity {
  name: str;
  optional: bool?;
}

struct Recipe {
  title: str;
  serves: num;
  ingredients: Array<Ingredient>;
}

let pancakes = Recipe {
  title: "Pancakes",
  serves: 4,
  ingredients: [
    Ingredient { name: "flour", amount: 250, unit: "g" },
    Ingredient { name: "milk", amount: 500, unit: "ml" },
    Ingredient { name: "eggs", amount: 2, unit: "pc" },
    Ingredient { name: "blueberries", amount: 100, unit: "g", optional: true }
  ]
};

inflight class Scaler {
  pub static normalize(q: Quantity): Quantity {
    if q.unit == "g" && q.amount >= 1000 {
      return Quantity { amount: q.amount / 1000, unit: "kg" };
    }
    if q.unit == "ml" && q.amount >= 1000 {
      return Quantity { amount: q.amount / 1000, unit: "l" };
    }
    return q;
  }
  pub static scale(r: Recipe, serves: num, skipOptional: bool): Array<str> {
    let factor = serves / r.serves;
    let out = MutArray<str>[];
    for i in r.ingredients {
      if skipOptional && (i.optional ?? false) {
        continue;
      }
      let q = Scaler.normalize(Quantity { amount: math.round(i.amount * factor * 100) / 100, unit: i.unit });
      out.push("{i.name} {q.amount}{q.unit}");
    }
    return out.copy();
  }
}

test "scaling up converts units" {
  expect.equal(Scaler.scale(pancakes, 10, false).join(", "), "flour 625g, milk 1.25l, eggs 5pc, blueberries 250g");
  expect.equal(Scaler.scale(pancakes, 20, true).join(", "), "flour 1.25kg, milk 2.5l, eggs 10pc");
}

test "scaling down rounds" {
  expect.equal(Scaler.scale(pancakes, 3, true).join(", "), "flour 187.5g, milk 375ml, eggs 1.5pc");
}
