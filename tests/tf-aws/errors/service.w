bring cloud;

new cloud.Service(inflight () => {
  log("started");
}) as "worker";
