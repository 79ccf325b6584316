// After a syntax error the parser recovers and the checker still reports the type errors of the rest of the file.
bring cloud;

let uploads = new cloud.Bucket();
let maxSize: num = 1024 *;

let describe = (name: str): str => {
  return "file {name}";
};

test "uploads a report" {
  let size: num = describe("report.csv");
  uploads.put("report.csv", size);
}
