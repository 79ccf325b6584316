// `internal` reads as `pub` across the files of one program, as in Wing
// 0.85.49 for an app and the directories it brings.
bring "./modules/internal_lib" as pricing;

let p = new pricing.Pricer(100);
let gross = p.gross();
let rate = pricing.Rates.vat();
let text = p.describe();

test "internal members from another file" {
  assert(gross == 120);
  assert(rate == 0.2);
  assert(p.base == 100);
  assert(text == "120");
}
