// Numbers (`wing:math`): the same functions preflight and inflight.

pub extern unphased PI: num;
pub extern unphased E: num;
pub extern unphased TAU: num;

pub extern unphased floor(value: num): num;
pub extern unphased ceil(value: num): num;
// Halves round up, as in JavaScript: round(-2.5) == -2.
pub extern unphased round(value: num): num;
pub extern unphased abs(value: num): num;
pub extern unphased sqrt(value: num): num;
pub extern unphased pow(base: num, exponent: num): num;
pub extern unphased sin(value: num): num;
pub extern unphased cos(value: num): num;
pub extern unphased tan(value: num): num;
pub extern unphased log(value: num): num;
pub extern unphased min(values: Array<num>): num;
pub extern unphased max(values: Array<num>): num;
// A random number in [0, max) (max defaults to 1).
pub extern unphased random(max: num?): num;
