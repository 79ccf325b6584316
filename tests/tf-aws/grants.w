// Grants follow resources through aliases, the parameters of closures and
// methods (along chains of calls), and `lift` blocks: each function gets exactly the methods it
// calls (tests/harness/tf_aws.rs checks the sets).
bring cloud;

let uploads = new cloud.Bucket() as "uploads";
let archive = new cloud.Bucket() as "archive";
let jobs = new cloud.Queue() as "jobs";
let visits = new cloud.Counter() as "visits";

// A helper taking a bucket: each caller is granted what it calls.
let save = inflight (b: cloud.Bucket, key: str) => {
  b.put(key, "saved");
};

class Mover {
  pub inflight move(from: cloud.Bucket, to: cloud.Bucket, key: str) {
    to.put(key, from.get(key));
    from.delete(key);
  }
  pub inflight moveTwice(from: cloud.Bucket, to: cloud.Bucket) {
    this.move(from, to, "a");
    this.move(from, to, "b");
  }
}
let mover = new Mover() as "mover";

// A chain of calls, one of them recursive: the grant comes back up the
// whole chain.
class Steps {
  pub static inflight first(c: cloud.Counter, n: num) {
    Steps.second(c, n);
  }
  pub static inflight second(c: cloud.Counter, n: num) {
    if n > 0 {
      Steps.second(c, n - 1);
    } else {
      Steps.third(c);
    }
  }
  pub static inflight third(c: cloud.Counter) {
    c.inc();
  }
}

let chain = new cloud.Function(inflight () => {
  Steps.first(visits, 3);
}) as "chain";

let alias = new cloud.Function(inflight () => {
  let b = uploads;
  let again = b;
  return again.exists("k");
}) as "alias";

let closureParameter = new cloud.Function(inflight () => {
  save(archive, "k");
}) as "closure-parameter";

let methodParameters = new cloud.Function(inflight () => {
  mover.moveTwice(uploads, archive);
}) as "method-parameters";

let buckets = [uploads, archive];
let collection = new cloud.Function(inflight () => {
  lift { uploads: [list], archive: [list] } {
    for b in buckets {
      log("{b.list().length}");
    }
  }
}) as "collection";

let inflightClosure = new cloud.Function(inflight () => {
  let forward = inflight (queue: cloud.Queue, message: str) => {
    queue.push(message);
  };
  forward(jobs, "m");
}) as "inflight-closure";

// A class extending a resource: its object's resource is granted the
// inherited methods called on it, directly or through its own methods.
class Hits extends cloud.Counter {
  pub inflight hit(): num {
    return this.inc();
  }
}
class Notes extends cloud.Bucket {
  pub inflight note(key: str, text: str) {
    this.putJson(key, { text: text });
  }
}
let hits = new Hits() as "hits";
let notes = new Notes() as "notes";
let subclass = new cloud.Function(inflight () => {
  hits.hit();
  notes.note("k", "v");
  return hits.peek();
}) as "subclass";

test "each function can do what it was granted" {
  uploads.put("a", "1");
  uploads.put("b", "2");
  methodParameters.invoke();
  assert(archive.get("b") == "2" && !uploads.exists("a"));
  closureParameter.invoke();
  assert(archive.get("k") == "saved");
  alias.invoke();
  collection.invoke();
  inflightClosure.invoke();
  assert(jobs.approxSize() == 1);
  chain.invoke();
  assert(visits.peek() == 1);
  assert(subclass.invoke()?.asNum() == 1);
  assert(notes.getJson("k").get("text").asStr() == "v");
}
