// A required field of a class's props struct must be passed as a named argument.
bring cloud;

struct ServiceProps {
  name: str;
  replicas: num;
  public: bool?;
}

class Service {
  pub name: str;
  new(props: ServiceProps) {
    this.name = props.name;
  }
}

let web = new Service(name: "web", public: true);
