// An HTTP client (`wing:http`), inflight only. A response of any status is
// a `Response`; only a request that gets no response at all throws.
// `method` is a `str` (Wing: the `HttpMethod` enum).

pub struct RequestOptions {
  method: str?;
  headers: Map<str>?;
  body: str?;
  timeout: duration?;
  redirect: str?;
}

pub struct Response {
  status: num;
  url: str;
  ok: bool;
  headers: Map<str>;
  body: str;
}

pub extern inflight fetch(url: str, options: RequestOptions?): Response;
pub extern inflight get(url: str, options: RequestOptions?): Response;
pub extern inflight post(url: str, options: RequestOptions?): Response;
pub extern inflight put(url: str, options: RequestOptions?): Response;
pub extern inflight patch(url: str, options: RequestOptions?): Response;
pub extern inflight delete(url: str, options: RequestOptions?): Response;
