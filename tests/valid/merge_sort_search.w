// Sorting and searching a price list: a recursive merge sort written as an
// inflight closure, binary search using `\` for the midpoint, and
// Array.slice/concat to split and join halves.
bring expect;

let prices = [42, 7, 19, 3, 88, 19, 56, 1];

test "merge sort" {
  let mergeSort = (xs: Array<num>): Array<num> => {
    if xs.length <= 1 {
      return xs;
    }
    let mid = xs.length \ 2;
    let left = mergeSort(xs.slice(0, mid));
    let right = mergeSort(xs.slice(mid));
    let out = MutArray<num>[];
    let var i = 0;
    let var j = 0;
    while i < left.length && j < right.length {
      if left.at(i) <= right.at(j) {
        out.push(left.at(i));
        i += 1;
      } else {
        out.push(right.at(j));
        j += 1;
      }
    }
    return out.copy().concat(left.slice(i)).concat(right.slice(j));
  };
  let sorted = mergeSort(prices);
  expect.equal(sorted.join(","), "1,3,7,19,19,42,56,88");
  expect.equal(prices.join(","), "42,7,19,3,88,19,56,1");

  let search = (xs: Array<num>, target: num): num => {
    let var lo = 0;
    let var hi = xs.length - 1;
    while lo <= hi {
      let mid = (lo + hi) \ 2;
      if xs.at(mid) == target {
        return mid;
      } else if xs.at(mid) < target {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return -1;
  };
  expect.equal(search(sorted, 42), 5);
  expect.equal(search(sorted, 1), 0);
  expect.equal(search(sorted, 88), 7);
  expect.equal(search(sorted, 50), -1);
}
