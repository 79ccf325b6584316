// The `as` and `in` of a `new` are checked like any other expression,
// also for a class without a constructor and for a class that cannot be
// created (before, "internal error: unresolved name").
class Plain { }
let a = new Plain() as plainId;
let b = new Plain() in parent;
let c = new Plain() as 42;
let d = new Missing() as alsoMissing;
