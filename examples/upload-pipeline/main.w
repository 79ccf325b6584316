// An upload pipeline for sales files. Every object written to the "uploads"
// bucket is queued for processing; the consumer parses it (a CSV with the
// header `sku,qty,price`, or Json `{"items": [{sku, qty, price}, …]}`),
// writes a summary to the "processed" bucket and announces the file on the
// "finished" topic. A file that breaks a business rule is moved aside to the
// "rejected" bucket with the reason; a file that cannot be parsed at all
// fails the consumer and lands in the dead-letter queue for a human to
// look at.
//
//   wingc run main.w     runs the pipeline (drop files into the bucket)
//   wingc test main.w    uploads files and watches where they end up
bring cloud;
bring util;
bring expect;

struct LineItem {
  sku: str;
  qty: num;
  price: num;
}

struct JsonUpload {
  items: Array<LineItem>;
}

struct Summary {
  file: str;
  lines: num;
  units: num;
  revenue: num;
  topSku: str;
}

let uploads = new cloud.Bucket() as "uploads";
let processed = new cloud.Bucket() as "processed";
let rejected = new cloud.Bucket() as "rejected";
let deadLetters = new cloud.Queue() as "dead-letters";
// Parsing is deterministic, so a failure is not retried: one delivery, then the DLQ.
let work = new cloud.Queue(dlq: { queue: deadLetters, maxDeliveryAttempts: 1 }) as "work";
let finished = new cloud.Topic() as "finished";
let announcements = new cloud.Queue() as "announcements";
finished.subscribeQueue(announcements);

uploads.onCreate(inflight (key: str, event: cloud.BucketEventType) => {
  work.push(key);
});

// Throws on text that is not a sales file at all.
let parse = inflight (key: str, text: str): Array<LineItem> => {
  if key.endsWith(".json") {
    return JsonUpload.parseJson(text).items;
  }
  let lines = text.trim().split("\n");
  if lines.at(0).trim() != "sku,qty,price" {
    throw "{key}: expected the header sku,qty,price";
  }
  let items = MutArray<LineItem>[];
  for line in lines.slice(1) {
    let cells = line.split(",");
    if cells.length != 3 {
      throw "{key}: expected 3 cells in `{line}`";
    }
    items.push(LineItem { sku: cells.at(0).trim(), qty: num.fromStr(cells.at(1)), price: num.fromStr(cells.at(2)) });
  }
  return items.copy();
};

// Why parsed items cannot be accepted, or nil when they can.
let ruleBroken = inflight (items: Array<LineItem>): str? => {
  if items.length == 0 {
    return "the file has no line items";
  }
  for item in items {
    if item.qty <= 0 || item.price < 0 {
      return "line item {item.sku} has qty {item.qty} and price {item.price}";
    }
  }
  return nil;
};

work.setConsumer(inflight (key: str) => {
  let items = parse(key, uploads.get(key));
  if let reason = ruleBroken(items) {
    rejected.putJson("{key}.json", { file: key, reason: reason });
    log("rejected {key}: {reason}");
    return;
  }
  let units = MutMap<num>{};
  let var total = 0;
  let var revenue = 0;
  for item in items {
    units.set(item.sku, (units.tryGet(item.sku) ?? 0) + item.qty);
    total += item.qty;
    revenue += item.qty * item.price;
  }
  let var top = "";
  for sku in units.keys() {
    if top == "" || units.get(sku) > units.get(top) {
      top = sku;
    }
  }
  let summary = Summary { file: key, lines: items.length, units: total, revenue: revenue, topSku: top };
  processed.putJson("{key}.json", summary);
  finished.publish(key);
});

test "a CSV upload is summarized and announced" {
  uploads.put("sales/jan.csv", "sku,qty,price\napple,3,0.5\npear,2,1.25\napple,1,0.5\n");
  util.waitUntil(inflight () => {
    return processed.exists("sales/jan.csv.json");
  });
  let summary = Summary.fromJson(processed.getJson("sales/jan.csv.json"));
  expect.equal(summary, Summary { file: "sales/jan.csv", lines: 3, units: 6, revenue: 4.5, topSku: "apple" });
  util.waitUntil(inflight () => {
    return announcements.approxSize() > 0;
  });
  expect.equal(announcements.pop(), "sales/jan.csv");
}

test "a Json upload goes through the same pipeline" {
  let items = [LineItem { sku: "kiwi", qty: 10, price: 0.2 }, LineItem { sku: "fig", qty: 12, price: 1 }];
  uploads.putJson("sales/feb.json", { items: items });
  util.waitUntil(inflight () => {
    return processed.exists("sales/feb.json.json");
  });
  let summary = processed.getJson("sales/feb.json.json");
  expect.equal(summary.get("units").asNum(), 22);
  expect.equal(summary.get("revenue").asNum(), 14);
  expect.equal(summary.get("topSku").asStr(), "fig");
}

test "a file breaking a rule is rejected with its reason" {
  uploads.put("sales/bad.csv", "sku,qty,price\napple,-3,0.5\n");
  util.waitUntil(inflight () => {
    return rejected.exists("sales/bad.csv.json");
  });
  let reason = rejected.getJson("sales/bad.csv.json").get("reason").asStr();
  expect.equal(reason, "line item apple has qty -3 and price 0.5");
  expect.equal(processed.exists("sales/bad.csv.json"), false);
}

test "a poison file ends in the dead-letter queue" {
  uploads.put("sales/garbage.json", "\{ this is not json");
  util.waitUntil(inflight () => {
    return deadLetters.approxSize() > 0;
  });
  expect.equal(deadLetters.pop(), "sales/garbage.json");
  expect.equal(processed.list().length, 0);
  expect.equal(rejected.list().length, 0);
}
