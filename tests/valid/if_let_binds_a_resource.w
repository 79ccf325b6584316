// `if let` of an optional resource, inflight: the bound name is the
// resource it was read from, so its methods are granted. Wing 0.85.49
// rejects these calls ("references an unknown preflight object") and asks
// for a `lift` block; wingc follows the binding as it follows a `let`.
bring cloud;

struct Sinks {
  audit: cloud.Counter?;
  spill: cloud.Bucket?;
}

class Recorder {
  hits: cloud.Counter?;
  sinks: Sinks;
  new(sinks: Sinks, hits: cloud.Counter?) {
    this.hits = hits;
    this.sinks = sinks;
  }
  pub inflight record(text: str): num {
    if let hits = this.hits {
      hits.inc();
    }
    if let audit = this.sinks.audit {
      audit.inc(10);
    }
    if let spill = this.sinks.spill {
      spill.put("last", text);
    }
    return this.hits?.peek() ?? -1;
  }
}

let hits = new cloud.Counter() as "hits";
let audit = new cloud.Counter() as "audit";
let counted = new Recorder(Sinks { audit: audit }, hits) as "counted";
let silent = new Recorder(Sinks {}, nil) as "silent";
let maybeHits: cloud.Counter? = hits;

test "if let of an optional resource" {
  assert(counted.record("a") == 1);
  assert(silent.record("b") == -1);
  assert(audit.peek() == 10);
  if let h = maybeHits {
    h.inc();
  }
  assert(hits.peek() == 2);
}
