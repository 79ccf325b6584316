// A `Json` value is immutable: `set` exists only on `MutJson`.
let user = Json { name: "Ada", roles: ["admin"] };
user.set("name", "Grace");
