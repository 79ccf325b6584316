// A multi-file program: enums, structs and classes (with preflight and
// inflight static methods) come from `modules/billing.w`; only its `pub`
// declarations are visible here.
bring expect;
bring "./modules/billing.w" as billing;

let biller = new billing.Biller();
let teamInvoice = biller.invoice("acme", billing.Plan.TEAM, 5);
let bigInvoice = biller.invoice("globex", billing.Plan.ENTERPRISE, 3);
let customers = biller.customers.copy();

test "invoices built preflight from brought types" {
  expect.equal(teamInvoice.items.length, 1);
  expect.equal(teamInvoice.items.at(0).amount, 40);
  expect.equal(bigInvoice.items.at(0).description, "3 seats");
  assert(bigInvoice.plan == billing.Plan.ENTERPRISE);
  expect.equal(customers.join(","), "acme,globex");
}

test "inflight static methods from the module" {
  expect.equal(billing.Pricing.total(teamInvoice), 40);
  expect.equal(billing.Pricing.total(bigInvoice), 159.999);
  let custom = billing.Invoice {
    customer: "initech",
    plan: billing.Plan.FREE,
    items: [billing.LineItem { description: "setup", amount: 10 }]
  };
  expect.equal(billing.Pricing.total(custom), 10);
}
