// Cloud resources. Constructors and preflight methods are implemented by the
// preflight evaluator; inflight methods by the simulator (`wing:cloud`
// `<Type>.<method>`), reachable only through a granted capability handle.

pub struct BucketProps {
  public: bool?;
}

pub class Bucket {
  pub extern new(props: BucketProps?);
  pub extern inflight put(key: str, body: str): void;
  pub extern inflight get(key: str): str;
  pub extern inflight tryGet(key: str): str?;
  pub extern inflight exists(key: str): bool;
  pub extern inflight delete(key: str): void;
  pub extern inflight list(prefix: str?): Array<str>;
}

pub struct QueueProps {
  timeout: duration?;
  retentionPeriod: duration?;
}

pub struct QueueSetConsumerOptions {
  batchSize: num?;
  timeout: duration?;
}

pub struct FunctionProps {
  timeout: duration?;
  memory: num?;
  env: Map<str>?;
  concurrency: num?;
}

pub class Function {
  pub extern new(handler: inflight (Json?): Json?, props: FunctionProps?);
  pub extern inflight invoke(payload: Json?): Json?;
}

pub class Queue {
  pub extern new(props: QueueProps?);
  pub extern setConsumer(handler: inflight (str): void, props: QueueSetConsumerOptions?): Function;
  pub extern inflight push(message: str): void;
}

pub struct CounterProps {
  initial: num?;
}

pub class Counter {
  pub extern new(props: CounterProps?);
  pub extern initial: num;
  pub extern inflight inc(amount: num?, key: str?): num;
  pub extern inflight dec(amount: num?, key: str?): num;
  pub extern inflight peek(key: str?): num;
  pub extern inflight set(value: num, key: str?): void;
}
