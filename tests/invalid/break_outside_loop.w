// `break` is only allowed inside `for` and `while` loops.
let check = (items: Array<num>) => {
  if items.length == 0 {
    break;
  }
  for i in items {
    log("{i}");
  }
};
