// A URL shortener: `POST /links` with `{"url": "https://…"}` (and optionally
// a custom `code`, or `permanent: true` for a 301) answers 201 with the short
// code; `GET /:code` redirects to the target with a Location header and
// counts the click; `GET /links/:code` shows a link and its click count.
// Links live as Json objects in a bucket, clicks in a counter keyed by code.
//
//   wingc run main.w     serves the Api and prints its URL
//   wingc test main.w    exercises it over real HTTP
bring cloud;
bring http;
bring util;
bring expect;

struct NewLink {
  url: str;
  code: str?;
  permanent: bool?;
}

struct Link {
  code: str;
  url: str;
  permanent: bool;
  created: str;
}

let links = new cloud.Bucket() as "links";
let clicks = new cloud.Counter() as "clicks";
let api = new cloud.Api() as "shortener";

let codeAlphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

// Why a request cannot become a link, or nil when it can.
let problem = inflight (link: NewLink): str? => {
  if !link.url.startsWith("http://") && !link.url.startsWith("https://") {
    return "url must start with http:// or https://";
  }
  if let code = link.code {
    if code.length < 3 || code.length > 32 {
      return "code must be 3 to 32 characters long";
    }
    for ch in code.split("") {
      if !codeAlphabet.contains(ch) && ch != "-" {
        return "code may only use a-z, 0-9 and -";
      }
    }
  }
  return nil;
};

let reply = inflight (status: num, body: Json): cloud.ApiResponse => {
  return { status: status, headers: { "content-type" => "application/json" }, body: Json.stringify(body) };
};

api.post("/links", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let input = NewLink.tryParseJson(req.body ?? "");
  if input == nil {
    return reply(400, { error: "expected a Json object with a url" });
  }
  let link = input!;
  if let why = problem(link) {
    return reply(400, { error: why });
  }
  let code = link.code ?? util.nanoid(size: 7, alphabet: codeAlphabet);
  if links.exists("{code}.json") {
    return reply(409, { error: "code {code} is taken" });
  }
  let stored = Link {
    code: code,
    url: link.url,
    permanent: link.permanent ?? false,
    created: datetime.utcNow().toIso(),
  };
  links.putJson("{code}.json", stored);
  return reply(201, { code: code, short: "{api.url}/{code}" });
});

api.get("/:code", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let code = req.vars.get("code");
  if let stored = links.tryGetJson("{code}.json") {
    let link = Link.fromJson(stored);
    clicks.inc(1, code);
    let var status = 302;
    if link.permanent {
      status = 301;
    }
    return { status: status, headers: { "location" => link.url } };
  }
  return reply(404, { error: "no link {code}" });
});

api.get("/links/:code", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let code = req.vars.get("code");
  if let stored = links.tryGetJson("{code}.json") {
    let link = Link.fromJson(stored);
    return reply(200, { code: code, url: link.url, clicks: clicks.peek(code) });
  }
  return reply(404, { error: "no link {code}" });
});

let shorten = inflight (body: Json): http.Response => {
  return http.post("{api.url}/links", body: Json.stringify(body));
};

test "a short link redirects to its target and counts clicks" {
  let created = shorten({ url: "https://www.winglang.io/docs" });
  expect.equal(created.status, 201);
  let code = Json.parse(created.body).get("code").asStr();
  expect.equal(code.length, 7);
  for i in 0..2 {
    let res = http.get("{api.url}/{code}", redirect: http.RequestRedirect.MANUAL);
    expect.equal(res.status, 302);
    expect.equal(res.headers.get("location"), "https://www.winglang.io/docs");
  }
  let info = Json.parse(http.get("{api.url}/links/{code}").body);
  expect.equal(info.get("clicks").asNum(), 2);
}

test "custom codes, permanent redirects and following them" {
  // The target is the Api itself, so following the redirect ends on a real page.
  let created = shorten({ url: "{api.url}/links/home", code: "home", permanent: true });
  expect.equal(created.status, 201);
  let res = http.get("{api.url}/home", redirect: http.RequestRedirect.MANUAL);
  expect.equal(res.status, 301);
  let followed = http.get("{api.url}/home");
  expect.equal(followed.status, 200);
  expect.equal(Json.parse(followed.body).get("clicks").asNum(), 2);
  expect.equal(shorten({ url: "https://example.com", code: "home" }).status, 409);
}

test "bad input is refused with 400 and unknown codes are 404" {
  expect.equal(http.post("{api.url}/links", body: "not json").status, 400);
  expect.equal(shorten({ code: "abc" }).status, 400);
  expect.equal(shorten({ url: "ftp://example.com" }).status, 400);
  let bad = shorten({ url: "https://example.com", code: "No Spaces!" });
  expect.equal(bad.status, 400);
  expect.equal(Json.parse(bad.body).get("error").asStr(), "code may only use a-z, 0-9 and -");
  expect.equal(http.get("{api.url}/nope", redirect: http.RequestRedirect.MANUAL).status, 404);
  expect.equal(http.get("{api.url}/links/nope").status, 404);
}
