// The built-in types and global functions, available without `bring`.
// An `extern` member has no body: it is bound by name to the host
// (`wing:std` `<Type>.<member>`, see spec/abi.md) and to the preflight
// evaluator; both run `wing-std`, so a member behaves the same in both
// phases. `unphased` members can be used preflight and inflight.

pub extern unphased log(message: str): void;
// Compiled inline: a failure throws `assertion failed: <source of condition>`.
pub extern unphased assert(condition: bool, message: str?): void;

// The tree node of a resource or preflight object: `nodeof(bucket).path`.
// `title`, `description`, `hidden`, `color` and `icon` describe it (for
// Wing's console): set and read preflight. `addDependency` is accepted
// and changes nothing (the simulator sets every resource up before any
// code runs).
pub class Node {
  pub extern path: str;
  pub extern id: str;
  pub extern var title: str?;
  pub extern var description: str?;
  pub extern var hidden: bool?;
  pub extern var color: str?;
  pub extern var icon: str?;
  pub extern addDependency(...deps: IResource): void;
  pub extern app: IApp;
}

// The app (`@app`, or `nodeof(x).app`), as Wing's `std.IApp`:
// `entrypointDir` is the entry file's directory; `isTestEnvironment` is
// true for the simulator's app (which `wingc test` and `wingc run` share)
// and false for tf-aws.
pub class IApp {
  pub extern entrypointDir: str;
  pub extern isTestEnvironment: bool;
  pub extern workdir: str;
}

// Anything with a node in the construct tree: every resource and every
// preflight object is one, as Wing's `std.IResource`.
pub interface IResource {}

// A resource that runs inflight code (`cloud.Function`), as Wing's
// `std.IInflightHost`: what an `onLift(host, ops)` hook is given.
pub interface IInflightHost extends IResource {}

// A compiled regular expression, as Wing's `regex`: `regex.compile(p)`.
// Patterns are JavaScript's syntax where the two agree (no look-around or
// back-references); indices count UTF-16 code units, as in Wing.
pub class regex {
  pub extern static unphased compile(pattern: str): regex;
  pub extern unphased test(text: str): bool;
  pub extern unphased find(text: str): str?;
  pub extern unphased findIndex(text: str): Array<num>?;
  pub extern unphased findSubmatch(text: str): Array<str>?;
  pub extern unphased findSubmatchIndex(text: str): Array<Array<num>>?;
  pub extern unphased findAll(text: str): Array<str>;
  pub extern unphased findAllIndex(text: str): Array<Array<num>>;
  pub extern unphased replaceAll(text: str, replacement: str): str;
}

pub class str {
  pub extern unphased length: num;
  pub extern unphased at(index: num): str;
  pub extern unphased concat(strN: str): str;
  pub extern unphased contains(searchString: str): bool;
  pub extern unphased startsWith(searchString: str): bool;
  pub extern unphased endsWith(searchString: str): bool;
  pub extern unphased indexOf(searchString: str): num;
  pub extern unphased split(separator: str): Array<str>;
  pub extern unphased trim(): str;
  pub extern unphased uppercase(): str;
  pub extern unphased lowercase(): str;
  pub extern unphased substring(indexStart: num, indexEnd: num?): str;
  pub extern unphased replace(searchString: str, replaceString: str): str;
  pub extern unphased replaceAll(searchString: str, replaceString: str): str;
  pub extern static unphased fromJson(json: Json): str;
}

pub class num {
  pub extern static unphased fromStr(s: str): num;
  pub extern static unphased fromJson(json: Json): num;
}

pub class bool {
  pub extern static unphased fromJson(json: Json): bool;
  pub extern static unphased fromStr(s: str): bool;
}

pub class duration {
  pub extern unphased milliseconds: num;
  pub extern unphased seconds: num;
  pub extern unphased minutes: num;
  pub extern unphased hours: num;
  pub extern unphased days: num;
  pub extern unphased months: num;
  pub extern unphased years: num;
  pub extern static unphased fromMilliseconds(amount: num): duration;
  pub extern static unphased fromSeconds(amount: num): duration;
  pub extern static unphased fromMinutes(amount: num): duration;
  pub extern static unphased fromHours(amount: num): duration;
  pub extern static unphased fromDays(amount: num): duration;
  pub extern static unphased fromMonths(amount: num): duration;
  pub extern static unphased fromYears(amount: num): duration;
}

// Month is 0–11 and `tz` the offset in minutes as JavaScript gives it.
pub struct DatetimeComponents {
  year: num;
  month: num;
  day: num;
  hour: num;
  min: num;
  sec: num;
  ms: num;
  tz: num;
}

pub class datetime {
  pub extern static unphased utcNow(): datetime;
  pub extern static unphased systemNow(): datetime;
  pub extern static unphased fromIso(iso: str): datetime;
  pub extern static unphased fromComponents(c: DatetimeComponents): datetime;
  pub extern unphased timestamp: num;
  pub extern unphased timestampMs: num;
  pub extern unphased year: num;
  pub extern unphased month: num;
  pub extern unphased dayOfMonth: num;
  pub extern unphased dayOfWeek: num;
  pub extern unphased hours: num;
  pub extern unphased min: num;
  pub extern unphased sec: num;
  pub extern unphased ms: num;
  pub extern unphased timezone: num;
  pub extern unphased toIso(): str;
  pub extern unphased toUtc(): datetime;
}

pub struct JsonStringifyOptions {
  indent: num;
}

pub struct JsonEntry {
  key: str;
  value: Json;
}

pub class Json {
  pub extern unphased get(key: str): Json;
  pub extern unphased tryGet(key: str): Json?;
  pub extern unphased getAt(index: num): Json;
  pub extern unphased tryGetAt(index: num): Json?;
  pub extern unphased has(key: str): bool;
  pub extern unphased asStr(): str;
  pub extern unphased tryAsStr(): str?;
  pub extern unphased asNum(): num;
  pub extern unphased tryAsNum(): num?;
  pub extern unphased asBool(): bool;
  pub extern unphased tryAsBool(): bool?;
  // As in Wing, `stringify` and `keys` also take an optional Json (nil is `null`).
  pub extern static unphased stringify(json: Json?, options: JsonStringifyOptions?): str;
  pub extern static unphased parse(text: str): Json;
  pub extern static unphased tryParse(text: str?): Json?;
  pub extern static unphased keys(json: Json?): Array<str>;
  pub extern static unphased values(json: Json): Array<Json>;
  pub extern static unphased entries(json: Json): Array<JsonEntry>;
  pub extern static unphased delete(json: MutJson, key: str): void;
  pub extern static unphased deepCopy(json: MutJson): Json;
  pub extern static unphased deepCopyMut(json: Json): MutJson;
}

pub class MutJson {
  pub extern unphased get(key: str): MutJson;
  pub extern unphased tryGet(key: str): MutJson?;
  pub extern unphased getAt(index: num): MutJson;
  pub extern unphased tryGetAt(index: num): MutJson?;
  pub extern unphased has(key: str): bool;
  pub extern unphased asStr(): str;
  pub extern unphased tryAsStr(): str?;
  pub extern unphased asNum(): num;
  pub extern unphased tryAsNum(): num?;
  pub extern unphased asBool(): bool;
  pub extern unphased tryAsBool(): bool?;
  pub extern unphased set(key: str, value: Json): void;
  pub extern unphased setAt(index: num, value: Json): void;
  pub extern unphased delete(key: str): bool;
}

pub class Array<T> {
  pub extern unphased length: num;
  pub extern unphased at(index: num): T;
  pub extern unphased tryAt(index: num): T?;
  pub extern unphased contains(value: T): bool;
  pub extern unphased indexOf(value: T): num;
  pub extern unphased lastIndexOf(value: T): num;
  pub extern unphased join(separator: str?): str;
  pub extern unphased concat(other: Array<T>): Array<T>;
  pub extern unphased slice(start: num?, end: num?): Array<T>;
  pub extern unphased copy(): Array<T>;
  pub extern unphased copyMut(): MutArray<T>;
}

// A mutable collection has every member of its immutable one, too.
pub class MutArray<T> {
  pub extern unphased push(...values: Array<T>): void;
  pub extern unphased pop(): T;
  pub extern unphased popAt(index: num): T;
  pub extern unphased set(index: num, value: T): void;
  pub extern unphased insert(index: num, value: T): void;
  pub extern unphased removeFirst(value: T): bool;
  pub extern unphased clear(): void;
}

// `Map.entries()` gives `Array<ArrayEntry>` with `value` typed as the
// map's values (the checker makes one `ArrayEntry` per value type).
pub struct ArrayEntry {
  key: str;
  value: Json;
}

pub class Map<T> {
  pub extern unphased size(): num;
  pub extern unphased get(key: str): T;
  pub extern unphased tryGet(key: str): T?;
  pub extern unphased has(key: str): bool;
  pub extern unphased keys(): Array<str>;
  pub extern unphased values(): Array<T>;
  pub extern unphased entries(): Array<ArrayEntry>;
  pub extern unphased copy(): Map<T>;
  pub extern unphased copyMut(): MutMap<T>;
}

pub class MutMap<T> {
  pub extern unphased set(key: str, value: T): void;
  pub extern unphased delete(key: str): bool;
  pub extern unphased clear(): void;
}

pub class Set<T> {
  pub extern unphased size: num;
  pub extern unphased has(value: T): bool;
  pub extern unphased toArray(): Array<T>;
  pub extern unphased copy(): Set<T>;
  pub extern unphased copyMut(): MutSet<T>;
}

pub class MutSet<T> {
  pub extern unphased add(value: T): MutSet<T>;
  pub extern unphased delete(value: T): bool;
  pub extern unphased clear(): void;
}
