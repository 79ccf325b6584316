// A binary min-heap priority queue for scheduling tasks: array-backed tree
// with sift-up/sift-down using `\` for parent indices and index
// assignment on a MutArray of structs.
bring expect;

struct Task {
  name: str;
  priority: num;
}

inflight class Heap {
  items: MutArray<Task>;
  new() {
    this.items = MutArray<Task>[];
  }
  swap(i: num, j: num) {
    let t = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = t;
  }
  pub size(): num {
    return this.items.length;
  }
  pub push(t: Task) {
    this.items.push(t);
    let var i = this.items.length - 1;
    while i > 0 {
      let parent = (i - 1) \ 2;
      if this.items[parent].priority <= this.items[i].priority {
        break;
      }
      this.swap(i, parent);
      i = parent;
    }
  }
  pub pop(): Task? {
    if this.items.length == 0 {
      return nil;
    }
    let top = this.items[0];
    let last = this.items.pop();
    if this.items.length > 0 {
      this.items[0] = last;
      let var i = 0;
      while true {
        let l = 2 * i + 1;
        let r = l + 1;
        let var smallest = i;
        if l < this.items.length && this.items[l].priority < this.items[smallest].priority {
          smallest = l;
        }
        if r < this.items.length && this.items[r].priority < this.items[smallest].priority {
          smallest = r;
        }
        if smallest == i {
          break;
        }
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }
}

test "tasks come out by priority" {
  let h = new Heap();
  for p in [5, 3, 8, 1, 9, 2] {
    h.push(Task { name: "t{p}", priority: p });
  }
  expect.equal(h.size(), 6);
  let order = MutArray<str>[];
  while h.size() > 0 {
    if let t = h.pop() {
      order.push(t.name);
    }
  }
  expect.equal(order.join(","), "t1,t2,t3,t5,t8,t9");
  assert(h.pop() == nil);
}
