// An interface has no implementation, so it cannot be created with `new`.
interface ILogger {
  log(message: str): void;
}

let logger = new ILogger();
