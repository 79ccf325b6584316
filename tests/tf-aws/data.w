// Page views in a counter, users in a table seeded with an admin, and an
// API key kept in a secret.
bring cloud;
bring ex;

let views = new cloud.Counter(initial: 100) as "views";
let users = new ex.Table(name: "users", primaryKey: "email") as "users";
users.addRow("admin@example.com", { name: "Admin", roles: ["admin"], active: true });
let apiKey = new cloud.Secret(name: "payments-api-key") as "payments-key";

new cloud.Function(inflight (event: Json?) => {
  let email = event?.get("email")?.asStr() ?? "";
  let user = users.tryGet(email);
  views.inc();
  return { user: user, views: views.peek(), keyLength: apiKey.value().length };
}) as "profile";
