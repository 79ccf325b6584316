// Roman numeral conversion both ways: parallel arrays of values and
// symbols, greedy subtraction in a while loop, and parsing with lookahead
// over the characters of a string.
bring expect;

let values = [1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1];
let symbols = ["M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"];

let toRoman = (n: num): str => {
  let var rest = n;
  let var out = "";
  for i in 0..values.length {
    while rest >= values.at(i) {
      out += symbols.at(i);
      rest -= values.at(i);
    }
  }
  return out;
};

let year = toRoman(2024);

test "to roman (computed preflight)" {
  expect.equal(year, "MMXXIV");
}

test "from roman (inflight)" {
  let digit = { "I" => 1, "V" => 5, "X" => 10, "L" => 50, "C" => 100, "D" => 500, "M" => 1000 };
  let fromRoman = (s: str): num => {
    let var total = 0;
    for i in 0..s.length {
      let v = digit.get(s.at(i));
      let var next = 0;
      if i + 1 < s.length {
        next = digit.get(s.at(i + 1));
      }
      if v < next {
        total -= v;
      } else {
        total += v;
      }
    }
    return total;
  };
  expect.equal(fromRoman("MMXXIV"), 2024);
  expect.equal(fromRoman("XLII"), 42);
  expect.equal(fromRoman("MCMXCIX"), 1999);
  expect.equal(fromRoman(year), 2024);
}
