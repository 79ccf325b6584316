// An HTTP client (`wing:http`), inflight only. A response of any status is
// a `Response`; only a request that gets no response at all throws.

pub enum HttpMethod {
  GET,
  POST,
  PUT,
  DELETE,
  PATCH,
  OPTIONS,
  HEAD,
  CONNECT,
  TRACE,
}

pub enum RequestRedirect {
  FOLLOW,
  MANUAL,
  ERROR,
}

pub struct RequestOptions {
  method: HttpMethod?;
  headers: Map<str>?;
  body: str?;
  timeout: duration?;
  redirect: RequestRedirect?;
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
