// An element of an immutable `Map` cannot be assigned.
let limits = {"free" => 10, "pro" => 100};
limits["pro"] = 200;
