// A `break` inside a closure does not refer to the loop around the closure.
let handlers = MutArray<(): void>[];
for i in 0..10 {
  handlers.push(() => {
    if i > 5 {
      break;
    }
    log("handler {i}");
  });
}
