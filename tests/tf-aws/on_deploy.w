// Seed data written once per deployment.
bring cloud;

let settings = new cloud.Bucket() as "settings";
new cloud.OnDeploy(inflight () => {
  if !settings.exists("defaults.json") {
    settings.putJson("defaults.json", { theme: "light" });
  }
}) as "seed";
