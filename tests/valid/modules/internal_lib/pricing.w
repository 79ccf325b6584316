// `internal` types and members: visible to the files of the library that
// declares them, and a wingc program is one library (as a Wing app with
// its local directories is). Brought whole by `internal_visibility.w`.
internal class Rates {
  internal static vat(): num {
    return 0.2;
  }
}

pub class Pricer {
  internal base: num;
  new(base: num) {
    this.base = base;
  }
  internal gross(): num {
    return this.base * (1 + Rates.vat());
  }
  pub describe(): str {
    return "{this.gross()}";
  }
}
