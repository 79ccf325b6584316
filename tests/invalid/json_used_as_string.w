// A `Json` field is not a `str`: convert it with `asStr()`.
let event = Json.parse("\{\"user\": \"ada\", \"action\": \"login\"}");
let user: str = event.get("user");
