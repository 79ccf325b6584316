// A `[…]` literal builds an array or a set, not a map: maps use `{"key" => value}`.
let ports: Map<num> = ["http", "https"];
