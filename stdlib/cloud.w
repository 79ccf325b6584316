// Cloud resources. Constructors and preflight methods are implemented by the
// preflight evaluator; inflight methods by the simulator (`wing:cloud`
// `<Type>.<method>`), reachable only through a granted capability handle.
//

// The function settings every handler-creating method accepts.
pub struct FunctionProps {
  timeout: duration?;
  memory: num?;
  env: Map<str>?;
  concurrency: num?;
  // Kept for deployment targets; the simulator keeps logs in memory.
  logRetentionDays: num?;
}

pub class Function impl std.IInflightHost {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(handler: inflight (Json?): Json?, props: FunctionProps?);
  pub extern addEnvironment(name: str, value: str): void;
  pub extern inflight invoke(payload: Json?): Json?;
  pub extern inflight invokeAsync(payload: Json?): void;
}

pub enum BucketEventType {
  CREATE,
  UPDATE,
  DELETE,
}

pub enum BucketSignedUrlAction {
  DOWNLOAD,
  UPLOAD,
}

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

pub struct BucketProps {
  public: bool?;
  // Kept for deployment targets: the simulator's object server does not
  // apply CORS rules, and destroying is not a simulator notion.
  cors: bool?;
  corsOptions: BucketCorsOptions?;
  forceDestroy: bool?;
}

pub struct BucketCorsOptions {
  allowedMethods: Array<HttpMethod>;
  allowedOrigins: Array<str>;
  allowedHeaders: Array<str>?;
  exposeHeaders: Array<str>?;
  maxAge: duration?;
}

// A byte range of an object, both ends included.
pub struct BucketGetOptions {
  startByte: num?;
  endByte: num?;
}

pub struct BucketTryGetOptions {
  startByte: num?;
  endByte: num?;
}

pub struct BucketPutOptions {
  contentType: str;
}

pub struct BucketDeleteOptions {
  mustExist: bool?;
}

pub struct BucketSignedUrlOptions {
  duration: duration?;
  action: BucketSignedUrlAction?;
}

pub struct ObjectMetadata {
  size: num;
  lastModified: datetime;
  contentType: str?;
}

pub class Bucket {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: BucketProps?);
  pub extern addObject(key: str, body: str): void;
  // Adds the text of a file (relative to the program's directory).
  pub extern addFile(key: str, path: str, encoding: str?): void;
  pub extern addCorsRule(value: BucketCorsOptions): void;
  pub extern onCreate(handler: inflight (str, BucketEventType): void, props: FunctionProps?): void;
  pub extern onUpdate(handler: inflight (str, BucketEventType): void, props: FunctionProps?): void;
  pub extern onDelete(handler: inflight (str, BucketEventType): void, props: FunctionProps?): void;
  pub extern onEvent(handler: inflight (str, BucketEventType): void, props: FunctionProps?): void;
  pub extern inflight put(key: str, body: str, options: BucketPutOptions?): void;
  pub extern inflight putJson(key: str, body: Json): void;
  pub extern inflight get(key: str, options: BucketGetOptions?): str;
  pub extern inflight tryGet(key: str, options: BucketTryGetOptions?): str?;
  pub extern inflight getJson(key: str): Json;
  pub extern inflight tryGetJson(key: str): Json?;
  pub extern inflight exists(key: str): bool;
  pub extern inflight delete(key: str, options: BucketDeleteOptions?): void;
  pub extern inflight tryDelete(key: str): bool;
  pub extern inflight list(prefix: str?): Array<str>;
  pub extern inflight copy(srcKey: str, dstKey: str): void;
  pub extern inflight rename(srcKey: str, dstKey: str): void;
  pub extern inflight metadata(key: str): ObjectMetadata;
  pub extern inflight publicUrl(key: str): str;
  pub extern inflight signedUrl(key: str, options: BucketSignedUrlOptions?): str;
}

pub struct DeadLetterQueueProps {
  queue: Queue;
  maxDeliveryAttempts: num?;
}

pub struct QueueProps {
  timeout: duration?;
  retentionPeriod: duration?;
  dlq: DeadLetterQueueProps?;
}

pub struct QueueSetConsumerOptions {
  batchSize: num?;
  timeout: duration?;
  memory: num?;
  env: Map<str>?;
  concurrency: num?;
}

pub class Queue {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: QueueProps?);
  pub extern setConsumer(handler: inflight (str): void, props: QueueSetConsumerOptions?): Function;
  pub extern inflight push(...messages: Array<str>): void;
  pub extern inflight pop(): str?;
  pub extern inflight purge(): void;
  pub extern inflight approxSize(): num;
}

pub class Topic {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new();
  pub extern onMessage(handler: inflight (str): void, props: FunctionProps?): Function;
  pub extern subscribeQueue(queue: Queue): void;
  pub extern inflight publish(...messages: Array<str>): void;
}

pub struct CounterProps {
  initial: num?;
}

pub class Counter {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: CounterProps?);
  pub extern initial: num;
  pub extern inflight inc(amount: num?, key: str?): num;
  pub extern inflight dec(amount: num?, key: str?): num;
  pub extern inflight peek(key: str?): num;
  pub extern inflight set(value: num, key: str?): void;
}

pub struct ApiCorsOptions {
  allowOrigin: str?;
  allowMethods: Array<HttpMethod>?;
  allowHeaders: Array<str>?;
  exposeHeaders: Array<str>?;
  allowCredentials: bool?;
  maxAge: duration?;
}

pub struct ApiProps {
  cors: bool?;
  corsOptions: ApiCorsOptions?;
}

pub struct ApiRequest {
  method: HttpMethod;
  path: str;
  query: Map<str>;
  vars: Map<str>;
  headers: Map<str>?;
  body: str?;
}

pub struct ApiResponse {
  status: num?;
  headers: Map<str>?;
  body: str?;
}

// `url` is known once the simulator serves the Api: preflight it is a
// placeholder the simulator replaces wherever the text is lifted.
pub class Api {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: ApiProps?);
  pub extern unphased url: str;
  pub extern get(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern post(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern put(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern delete(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern patch(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern options(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern head(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
  pub extern connect(path: str, handler: inflight (ApiRequest): ApiResponse?, props: FunctionProps?): void;
}

pub struct WebsiteProps {
  path: str;
  errorDocument: str?;
}

pub struct AddFileOptions {
  contentType: str?;
}

pub class Website {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: WebsiteProps);
  pub extern unphased url: str;
  pub extern addFile(path: str, data: str, options: AddFileOptions?): str;
  pub extern addJson(path: str, data: Json): str;
}

pub struct ScheduleProps {
  rate: duration?;
  cron: str?;
}

pub class Schedule {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: ScheduleProps?);
  pub extern onTick(handler: inflight (): void, props: FunctionProps?): Function;
}

pub struct SecretProps {
  name: str?;
}

pub struct GetSecretValueOptions {
  cache: bool?;
}

pub class Secret {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(props: SecretProps?);
  pub extern name: str;
  pub extern inflight value(options: GetSecretValueOptions?): str;
  pub extern inflight valueJson(options: GetSecretValueOptions?): Json;
}

pub struct ServiceProps {
  env: Map<str>?;
  autoStart: bool?;
}

// The handler starts the service and may give back the inflight closure
// that stops it.
pub class Service {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(handler: inflight (): (inflight (): void)?, props: ServiceProps?);
  pub extern addEnvironment(name: str, value: str): void;
  pub extern inflight start(): void;
  pub extern inflight stop(): void;
  pub extern inflight started(): bool;
}

// Wing takes any resources in `executeAfter`/`executeBefore`; the order
// matters only among deployment handlers, which is what these take.
pub struct OnDeployProps extends FunctionProps {
  executeAfter: Array<OnDeploy>?;
  executeBefore: Array<OnDeploy>?;
}

pub class OnDeploy {
  pub extern onLift(host: std.IInflightHost, ops: Array<str>): void;
  pub extern new(handler: inflight (): void, props: OnDeployProps?);
}

// The handler interfaces, by Wing's names: a class implementing one (with
// its `inflight handle(…)`) is a closure class, callable like a function of
// the same shape (spec/08-classes-interfaces.md).
pub interface IFunctionHandler {
  inflight handle(event: Json?): Json?;
}

pub interface IQueueSetConsumerHandler {
  inflight handle(message: str): void;
}

pub interface ITopicOnMessageHandler {
  inflight handle(message: str): void;
}

pub interface IApiEndpointHandler {
  inflight handle(request: ApiRequest): ApiResponse?;
}

pub interface IScheduleOnTickHandler {
  inflight handle(): void;
}

pub interface IBucketEventHandler {
  inflight handle(key: str, type: BucketEventType): void;
}

pub interface IOnDeployHandler {
  inflight handle(): void;
}
