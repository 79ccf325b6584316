// An API taking and returning Json.
bring cloud;
bring http;

let orders = new cloud.Counter();
let api = new cloud.Api();

api.post("/orders", inflight (req) => {
  let body = Json.parse(req.body ?? "\{}");
  let qty = body.get("qty").asNum();
  let id = orders.inc();
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: Json.stringify({ id: id, total: qty * 3 }),
  };
});

test "order via API" {
  let res = http.post("{api.url}/orders", body: Json.stringify({ qty: 4 }));
  assert(res.status == 200);
  let out = Json.parse(res.body);
  assert(out.get("total").asNum() == 12);
  assert(out.get("id").asNum() == 0);
  assert(res.headers.get("content-type").startsWith("application/json"));
}
