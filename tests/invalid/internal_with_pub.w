// `internal` is a visibility, like `pub` and `protected`: one of them per
// declaration (Wing 0.85.49 reports the same conflict).
internal pub class Twice { }
class Members {
  protected internal value: num;
  new() { this.value = 1; }
}
