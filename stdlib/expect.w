// Assertions for tests (`wing:expect`). A failed expectation throws.

pub extern unphased equal<T>(actual: T, expected: T): void;
pub extern unphased notEqual<T>(actual: T, expected: T): void;
pub extern unphased ok(condition: bool, message: str?): void;
pub extern unphased nil<T>(actual: T?): void;
pub extern unphased notNil<T>(actual: T?): void;
pub extern unphased fail(message: str?): void;
pub extern unphased match(actual: str, expected: str): void;
pub extern unphased doesNotMatch(actual: str, expected: str): void;
