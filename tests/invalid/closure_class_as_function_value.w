// Wing 0.85.49 accepts a closure-class object where a function is
// expected, and a closure where a handler interface is (both match by the
// shape of `handle`); wingc does not do these yet and says so, with the
// way around it. Calling an inflight `handle` preflight is an error, as
// calling any inflight function there.
bring cloud;

class Handler impl cloud.IFunctionHandler {
  pub inflight handle(event: Json?): Json? {
    return event;
  }
}

let handler = new Handler();
let fn = new cloud.Function(handler);
let typed: cloud.IFunctionHandler = inflight (event: Json?): Json? => { return event; };
let early = handler(nil);
