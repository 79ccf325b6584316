// A struct literal cannot give the same field twice.
struct Job {
  name: str;
  priority: num;
}

let j = Job { name: "backup", priority: 1, name: "restore" };
