// Assertions for tests (`wing:expect`). A failed expectation throws.

pub extern unphased equal<T>(actual: T, expected: T): void;
pub extern unphased notEqual<T>(actual: T, expected: T): void;
pub extern unphased ok(condition: bool, message: str?): void;
