// A duration literal with a unit Wing does not have (`sec` instead of `s`).
bring cloud;

let queue = new cloud.Queue(timeout: 30sec);
