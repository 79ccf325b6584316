// A URL shortener: a function stores links under short codes from a counter.
bring cloud;

let links = new cloud.Bucket() as "links";
let ids = new cloud.Counter(initial: 1000) as "ids";

let shorten = new cloud.Function(inflight (event: Json?): Json? => {
  let url = str.fromJson(event!);
  let id = ids.inc();
  let code = "r{id}";
  links.put(code, url);
  return code;
}) as "shorten";

test "shortening a url gives a code that resolves" {
  let code = str.fromJson(shorten.invoke("https://example.com/a")!);
  assert(code == "r1000");
  assert(links.get(code) == "https://example.com/a");
}

test "codes are unique" {
  let first = shorten.invoke("https://a.example")!.asStr();
  let second = shorten.invoke("https://b.example")!.asStr();
  assert(first != second);
  assert(links.get(second) == "https://b.example");
}
