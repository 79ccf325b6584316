// `unsafeCast` needs to know its target type from the context.
let raw: Json = Json.parse("42");
let value = unsafeCast(raw);
