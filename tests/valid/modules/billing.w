// Invoice types and pricing rules, brought by `multi_file_billing.w`.
pub enum Plan {
  FREE,
  TEAM,
  ENTERPRISE
}

pub struct LineItem {
  description: str;
  amount: num;
}

pub struct Invoice {
  customer: str;
  plan: Plan;
  items: Array<LineItem>;
}

pub class Pricing {
  pub static seatPrice(plan: Plan): num {
    if plan == Plan.TEAM {
      return 8;
    } else if plan == Plan.ENTERPRISE {
      return 20;
    }
    return 0;
  }
  pub static inflight total(invoice: Invoice): num {
    let var sum = 0;
    for item in invoice.items {
      sum += item.amount;
    }
    return sum;
  }
}

// Not `pub`: only used inside this file.
class Rounding {
  pub static cents(x: num): num {
    return (x * 100 \ 1) / 100;
  }
}

pub class Biller {
  pub customers: MutArray<str>;
  new() {
    this.customers = MutArray<str>[];
  }
  pub invoice(customer: str, plan: Plan, seats: num): Invoice {
    this.customers.push(customer);
    let items = MutArray<LineItem>[];
    items.push(LineItem { description: "{seats} seats", amount: Rounding.cents(seats * Pricing.seatPrice(plan)) });
    if plan == Plan.ENTERPRISE {
      items.push(LineItem { description: "support", amount: 99.999 });
    }
    return Invoice { customer: customer, plan: plan, items: items.copy() };
  }
}
