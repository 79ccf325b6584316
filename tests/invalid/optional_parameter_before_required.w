// A required parameter after an optional one: a call could not leave the
// optional one out. Wing 0.85.49 reports "Optional parameters must always
// be after all non-optional parameters." for each of these.
let greet = (greeting: str?, name: str) => {
  log("{greeting ?? "hello"} {name}");
};

class Mailer {
  pub send(subject: str?, body: str, cc: Array<str>?) { }
}

// Fine: every optional parameter is last, or followed only by a variadic one.
let fine = (name: str, greeting: str?, ...rest: Array<str>) => { };
