// Seed data written once per deployment.
bring cloud;

let settings = new cloud.Bucket() as "settings";
let seed = new cloud.OnDeploy(inflight () => {
  if !settings.exists("defaults.json") {
    settings.putJson("defaults.json", { theme: "light" });
  }
}) as "seed";

// Migrations run before the seed.
new cloud.OnDeploy(inflight () => {
  settings.put("schema", "v2");
}, executeBefore: [seed]) as "migrate";
