// Wing 0.85.49 accepts a closure-class object passed as a function
// inflight (it matches it by the shape of `handle`); wingc takes an object
// as a function preflight, when `handle` has exactly the expected type,
// and reports the rest as not supported yet (E0900), with the way around
// it. Like Wing, it rejects a `handle` of another shape (E0210), a closure
// where an interface with more than `handle` is expected (E0210), and
// calling an inflight `handle` preflight (E0303).
bring cloud;

class Handler impl cloud.IFunctionHandler {
  pub inflight handle(event: Json?): Json? {
    return event;
  }
}

class Quiet {
  pub inflight handle(): void {}
}

let handler = new Handler();
let fine = new cloud.Function(handler) as "fine";
let narrower = new cloud.Function(new Quiet()) as "narrower";
interface INamedHandler {
  inflight handle(): void;
  name(): str;
}
let named: INamedHandler = inflight () => {};
let early = handler(nil);
test "passing an object inflight" {
  let run = (f: inflight (Json?): Json?): Json? => {
    return f(nil);
  };
  run(handler);
}
