// A struct literal cannot give a field the struct does not declare.
struct Endpoint {
  host: str;
  port: num;
}

let e = Endpoint { host: "localhost", port: 8080, protocol: "https" };
