// Weather station readings in mixed units: an enum of units, conversion
// through a common base, rounding to one decimal and a per-unit summary.
bring math;
bring expect;

enum Unit {
  CELSIUS,
  FAHRENHEIT,
  KELVIN
}

struct Reading {
  station: str;
  value: num;
  unit: Unit;
}

inflight class Convert {
  pub static toCelsius(r: Reading): num {
    if r.unit == Unit.FAHRENHEIT {
      return (r.value - 32) * 5 / 9;
    } else if r.unit == Unit.KELVIN {
      return r.value - 273.15;
    }
    return r.value;
  }
  pub static round1(x: num): num {
    return math.round(x * 10) / 10;
  }
}

let readings = [
  Reading { station: "oslo", value: 14, unit: Unit.CELSIUS },
  Reading { station: "nyc", value: 68, unit: Unit.FAHRENHEIT },
  Reading { station: "lab", value: 300, unit: Unit.KELVIN }
];

test "conversions to celsius" {
  expect.equal(Convert.toCelsius(readings.at(0)), 14);
  expect.equal(Convert.toCelsius(readings.at(1)), 20);
  expect.equal(Convert.round1(Convert.toCelsius(readings.at(2))), 26.9);
}

test "warmest station and average" {
  let var warmest = "";
  let var best = -1000;
  let var sum = 0;
  for r in readings {
    let c = Convert.toCelsius(r);
    sum += c;
    if c > best {
      best = c;
      warmest = r.station;
    }
  }
  expect.equal(warmest, "lab");
  expect.equal(Convert.round1(sum / readings.length), 20.3);
}
