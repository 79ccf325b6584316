// A daily sales report. Orders come in through the "place-order" function
// and are kept in a bucket, one Json object per order under the day it was
// placed. A schedule ticks and the `SalesReport` class sums up the day's
// orders (count, total, per customer, best customer) into a dated report,
// `daily/YYYY-MM-DD.json`, in the "reports" bucket; each tick rewrites the
// day's report with the orders so far.
//
//   wingc run main.w     runs it; invoke the function and watch the reports
//   wingc test main.w    places orders and waits for a tick to report them
//
// In the simulator the report is rebuilt every 2 seconds, so the tests can
// watch ticks; deployed (`wingc compile -t tf-aws`), every hour: AWS (and
// Wing 0.85.49) run schedules at most once a minute.
bring cloud;
bring util;
bring expect;

struct Order {
  id: str;
  customer: str;
  amount: num;
}

struct ReportProps {
  every: duration;
}

class SalesReport {
  orders: cloud.Bucket;
  reports: cloud.Bucket;

  new(props: ReportProps) {
    this.orders = new cloud.Bucket() as "orders";
    this.reports = new cloud.Bucket() as "reports";
    let schedule = new cloud.Schedule(rate: props.every) as "schedule";
    schedule.onTick(inflight () => {
      let key = this.publish(datetime.utcNow());
      log("wrote {key}");
    });
  }

  pub inflight record(order: Order, placed: datetime) {
    this.orders.putJson("{SalesReport.day(placed)}/{order.id}.json", order);
  }

  // The report of one day: what was ordered, by whom, and who bought most.
  pub inflight build(day: str): Json {
    let perCustomer = MutJson {};
    let var total = 0;
    let var count = 0;
    let var top = "";
    let var topAmount = 0;
    for key in this.orders.list("{day}/") {
      let order = Order.fromJson(this.orders.getJson(key));
      let spent = (perCustomer.tryGet(order.customer)?.asNum() ?? 0) + order.amount;
      perCustomer.set(order.customer, spent);
      total += order.amount;
      count += 1;
      if spent > topAmount {
        top = order.customer;
        topAmount = spent;
      }
    }
    return { date: day, orders: count, total: total, perCustomer: Json.deepCopy(perCustomer), topCustomer: top };
  }

  pub inflight publish(now: datetime): str {
    let day = SalesReport.day(now);
    let key = "daily/{day}.json";
    this.reports.putJson(key, this.build(day));
    return key;
  }

  pub inflight report(day: str): Json? {
    return this.reports.tryGetJson("daily/{day}.json");
  }

  pub static inflight day(t: datetime): str {
    return t.toUtc().toIso().substring(0, 10);
  }
}

let var every = 1h;
if @target == "sim" {
  every = 2s;
}
let sales = new SalesReport(every: every) as "sales";

let placeOrder = new cloud.Function(inflight (event: Json?): Json? => {
  let order = Order.fromJson(event!);
  if order.amount <= 0 {
    throw "order {order.id}: the amount must be positive";
  }
  sales.record(order, datetime.utcNow());
  return { accepted: order.id };
}) as "place-order";

test "a tick reports the orders placed today" {
  placeOrder.invoke({ id: "o1", customer: "ann", amount: 12.5 });
  placeOrder.invoke({ id: "o2", customer: "bob", amount: 30 });
  placeOrder.invoke({ id: "o3", customer: "ann", amount: 20.25 });
  let today = SalesReport.day(datetime.utcNow());
  util.waitUntil(inflight () => {
    return sales.report(today)?.get("orders")?.asNum() == 3;
  });
  let report = sales.report(today)!;
  expect.equal(report.get("total").asNum(), 62.75);
  expect.equal(report.get("topCustomer").asStr(), "ann");
  expect.equal(report.get("perCustomer").get("bob").asNum(), 30);
}

test "a tick with no orders still writes an empty report" {
  let today = SalesReport.day(datetime.utcNow());
  util.waitUntil(inflight () => {
    return sales.report(today) != nil;
  });
  expect.equal(sales.report(today)?.get("orders")?.asNum(), 0);
  expect.equal(sales.report(today)?.get("topCustomer")?.asStr(), "");
}

test "a day's report counts only that day's orders" {
  let newYear = datetime.fromIso("2024-01-01T09:30:00Z");
  sales.record(Order { id: "old", customer: "cy", amount: 5 }, newYear);
  expect.equal(sales.publish(newYear), "daily/2024-01-01.json");
  expect.equal(sales.report("2024-01-01")?.get("total")?.asNum(), 5);
  expect.equal(sales.publish(datetime.fromIso("2024-01-02T00:00:00Z")), "daily/2024-01-02.json");
  expect.equal(sales.report("2024-01-02")?.get("orders")?.asNum(), 0);
}

test "invalid orders are refused" {
  let var error = "";
  try {
    placeOrder.invoke({ id: "o9", customer: "dan", amount: -1 });
  } catch e {
    error = e;
  }
  expect.ok(error.contains("the amount must be positive"), error);
  expect.equal(sales.build(SalesReport.day(datetime.utcNow())).get("orders").asNum(), 0);
}
