// Parsing URLs into a struct with optional parts (port, query, fragment),
// query strings into a map, and rebuilding the URL from its parts.
bring expect;

struct Url {
  scheme: str;
  host: str;
  port: num?;
  path: str;
  query: Map<str>;
  fragment: str?;
}

inflight class UrlParser {
  pub static parse(text: str): Url {
    let schemeEnd = text.indexOf("://");
    if schemeEnd < 0 {
      throw "missing scheme in {text}";
    }
    let scheme = text.substring(0, schemeEnd);
    let var rest = text.substring(schemeEnd + 3);
    let var fragment: str? = nil;
    let hash = rest.indexOf("#");
    if hash >= 0 {
      fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    let query = MutMap<str>{};
    let q = rest.indexOf("?");
    if q >= 0 {
      for pair in rest.substring(q + 1).split("&") {
        let kv = pair.split("=");
        query.set(kv.at(0), kv.tryAt(1) ?? "");
      }
      rest = rest.substring(0, q);
    }
    let slash = rest.indexOf("/");
    let var authority = rest;
    let var path = "/";
    if slash >= 0 {
      authority = rest.substring(0, slash);
      path = rest.substring(slash);
    }
    let var port: num? = nil;
    let colon = authority.indexOf(":");
    let var host = authority;
    if colon >= 0 {
      host = authority.substring(0, colon);
      port = num.fromStr(authority.substring(colon + 1));
    }
    return Url { scheme, host, port, path, query: query.copy(), fragment };
  }
  pub static format(u: Url): str {
    let var out = "{u.scheme}://{u.host}";
    if let p = u.port {
      out += ":{p}";
    }
    out += u.path;
    let parts = MutArray<str>[];
    for k in u.query.keys() {
      parts.push("{k}={u.query.get(k)}");
    }
    if parts.length > 0 {
      out += "?" + parts.join("&");
    }
    if let f = u.fragment {
      out += "#{f}";
    }
    return out;
  }
}

test "a full url" {
  let u = UrlParser.parse("https://api.example.com:8443/v1/users?limit=10&sort=name#top");
  expect.equal(u.scheme, "https");
  expect.equal(u.host, "api.example.com");
  expect.equal(u.port ?? 0, 8443);
  expect.equal(u.path, "/v1/users");
  expect.equal(u.query.get("limit"), "10");
  expect.equal(u.query.size(), 2);
  expect.equal(u.fragment ?? "", "top");
  expect.equal(UrlParser.format(u), "https://api.example.com:8443/v1/users?limit=10&sort=name#top");
}

test "a minimal url" {
  let u = UrlParser.parse("http://localhost");
  assert(u.port == nil);
  assert(u.fragment == nil);
  expect.equal(u.path, "/");
  expect.equal(u.query.size(), 0);
  expect.equal(UrlParser.format(u), "http://localhost/");
}

test "invalid urls throw" {
  let var err = "";
  try {
    UrlParser.parse("example.com/x");
  } catch e {
    err = e;
  }
  expect.equal(err, "missing scheme in example.com/x");
}
