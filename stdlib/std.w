// The built-in types and global functions, available without `bring`.
// An `extern` member has no body: it is bound by name to the host
// (`wing:std` `<Type>.<member>`, see spec/abi.md) and to the preflight
// evaluator. `unphased` members can be called from preflight and inflight.

pub extern unphased log(message: str): void;
// Compiled inline: a failure throws `assertion failed: <source of condition>`.
pub extern unphased assert(condition: bool, message: str?): void;

pub class str {
  pub extern unphased length: num;
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
  pub extern unphased at(index: num): str;
  pub extern static unphased fromJson(json: Json): str;
}

pub class num {
  pub extern static unphased fromStr(s: str): num;
  pub extern static unphased fromJson(json: Json): num;
}

pub class bool {
  pub extern static unphased fromJson(json: Json): bool;
}

pub class duration {
  pub extern unphased milliseconds: num;
  pub extern unphased seconds: num;
  pub extern unphased minutes: num;
  pub extern unphased hours: num;
}

pub class Json {
  pub extern unphased get(key: str): Json;
  pub extern unphased tryGet(key: str): Json?;
  pub extern unphased getAt(index: num): Json;
  pub extern unphased asStr(): str;
  pub extern unphased tryAsStr(): str?;
  pub extern unphased asNum(): num;
  pub extern unphased tryAsNum(): num?;
  pub extern unphased asBool(): bool;
  pub extern unphased tryAsBool(): bool?;
  pub extern static unphased stringify(json: Json): str;
  pub extern static unphased parse(text: str): Json;
}

pub class Array<T> {
  pub extern unphased length: num;
  pub extern unphased at(index: num): T;
  pub extern unphased contains(value: T): bool;
  pub extern unphased join(separator: str?): str;
}

pub class Map<T> {
  pub extern unphased get(key: str): T;
  pub extern unphased tryGet(key: str): T?;
  pub extern unphased has(key: str): bool;
  pub extern unphased size(): num;
  pub extern unphased keys(): Array<str>;
}
