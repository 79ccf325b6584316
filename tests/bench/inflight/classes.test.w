inflight class Point {
  x: num;
  y: num;
  new(x: num, y: num) {
    this.x = x;
    this.y = y;
  }
  pub norm1(): num {
    return this.x + this.y;
  }
}

test "class instances: 100k new + method call" {
  let start = datetime.utcNow().timestampMs;
  let var total = 0;
  for i in 0..100000 {
    let p = new Point(i, 1);
    total = total + p.norm1();
  }
  let end = datetime.utcNow().timestampMs;
  log("BENCH classes {end - start}");
  assert(total == 5000050000);
}
