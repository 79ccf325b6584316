// Wing has no `? :` ternary operator: use `if`/`else`.
let n = 3;
let label = n == 1 ? "item" : "items";
