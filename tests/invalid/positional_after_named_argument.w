// A positional argument cannot follow a named argument.
struct RetryOptions {
  attempts: num;
  delay: duration;
}

let fetchWithRetry = (url: str, opts: RetryOptions): str => {
  return url;
};

fetchWithRetry(attempts: 3, "https://example.com", delay: 1s);
