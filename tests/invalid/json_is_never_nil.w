// A `Json` is never nil, as in Wing 0.85.49, which reports each of these
// ("Expected type to be \"Json\", but got \"nil\"", "… got \"Json?\"", …):
// an optional must be unwrapped first. Json is no `num` or `str` either.
bring cloud;

let j = Json { a: 1 };
let n: num = j.get("a");
let s: str? = j;
let k: Json = nil;
let p: Json = j.tryGet("a");
let takesJson = (x: Json) => { };
takesJson(nil);
let maybe: num? = 1;
let jj: Json = maybe;
let m: MutJson = nil;
let handler = new cloud.Function(inflight (event: Json): Json => { return event; });

// Fine: optional Json, and optionals inside Json (nil becomes null).
let o: Json? = j.tryGet("a");
let g: Json? = maybe;
let inside = Json { a: maybe, list: [maybe] };
