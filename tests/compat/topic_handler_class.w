// A topic subscriber written as a class implementing its handler interface.
bring cloud;
bring util;

class Recorder impl cloud.ITopicOnMessageHandler {
  pub log: cloud.Bucket;
  new() {
    this.log = new cloud.Bucket();
  }
  pub inflight handle(message: str): void {
    this.log.put(message, "seen");
  }
}

let rec = new Recorder();
let topic = new cloud.Topic();
topic.onMessage(rec);

test "the class receives messages" {
  topic.publish("alpha");
  util.waitUntil(inflight () => { return rec.log.exists("alpha"); });
  assert(rec.log.get("alpha") == "seen");
}
