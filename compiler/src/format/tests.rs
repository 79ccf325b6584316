//! The formatter on small programs: the layout of each construct, comments
//! kept, idempotence, and refusing broken files.

use super::format;

/// Formats `input`, checks that formatting the result changes nothing,
/// and gives the result.
fn fmt(input: &str) -> String {
    let once = format(input).unwrap_or_else(|d| panic!("does not format: {d:?}"));
    let twice = format(&once).unwrap_or_else(|d| panic!("formatted text does not parse: {d:?}\n{once}"));
    assert_eq!(once, twice, "formatting is not idempotent");
    once
}

#[test]
fn statements_get_one_line_each_and_blocks_two_spaces() {
    let input = "bring cloud;let x=1+2*3;if x>2{log(\"big\");}else if x<0 {log(\"neg\");} else{ log(\"small\"); }";
    let expected = "bring cloud;\nlet x = 1 + 2 * 3;\nif x > 2 {\n  log(\"big\");\n} else if x < 0 {\n  log(\"neg\");\n} else {\n  log(\"small\");\n}\n";
    assert_eq!(fmt(input), expected);
}

#[test]
fn classes_closures_and_calls() {
    let input = "class Store {\n  pub b: cloud.Bucket;\n  new() { this.b = new cloud.Bucket() as \"b\"; }\n  pub inflight put(k: str, v: str): void { this.b.put(k, v); }\n}\nlet s = new Store();\ntest \"t\" { let f = inflight (x: num): num => { return -x; }; assert(f(1) == -1); }\n";
    let expected = "class Store {\n  pub b: cloud.Bucket;\n  new() {\n    this.b = new cloud.Bucket() as \"b\";\n  }\n  pub inflight put(k: str, v: str): void {\n    this.b.put(k, v);\n  }\n}\nlet s = new Store();\ntest \"t\" {\n  let f = inflight (x: num): num => {\n    return -x;\n  };\n  assert(f(1) == -1);\n}\n";
    assert_eq!(fmt(input), expected);
}

#[test]
fn literals_stay_on_one_line_unless_written_across_lines() {
    let input = "let a = {x:1,y:[1,2]};\nlet b = MutMap<num>{\"k\"=>1};\nlet c = {\n  x: 1, y: 2 };\nlet d: Array<str>? = nil;\nlet e = a.x! ?? 3;\n";
    let expected = "let a = { x: 1, y: [1, 2] };\nlet b = MutMap<num>{ \"k\" => 1 };\nlet c = {\n  x: 1,\n  y: 2\n};\nlet d: Array<str>? = nil;\nlet e = a.x! ?? 3;\n";
    assert_eq!(fmt(input), expected);
}

#[test]
fn comments_stay_where_they_were() {
    let input = "// header\n\n\n\nlet x = 1; // why\n/* block */\nlet y = \"a{x}b\";\n  // inside\nenum Color { RED, GREEN }\n// the end\n";
    let expected = "// header\n\nlet x = 1; // why\n/* block */\nlet y = \"a{x}b\";\n// inside\nenum Color {\n  RED,\n  GREEN\n}\n// the end\n";
    assert_eq!(fmt(input), expected);
}

#[test]
fn unary_and_postfix_operators_and_ranges() {
    let input = "for i in 0 .. 10 { let ok = !(i > 2) && x? ; let n = - i; }\n";
    let expected = "for i in 0..10 {\n  let ok = !(i > 2) && x?;\n  let n = -i;\n}\n";
    assert_eq!(fmt(input), expected);
}

#[test]
fn a_file_with_syntax_errors_is_not_formatted() {
    let errors = format("let x = ;\n").expect_err("a broken file");
    assert!(errors.iter().any(|d| d.code.starts_with("E00")), "{errors:?}");
}

/// Regression (fuzz seed 14, case 3058): thousands of comment lines before
/// a broken interface overflowed the caller's stack while parsing.
#[test]
fn thousands_of_comments_before_a_syntax_error_are_reported_not_a_crash() {
    let text = format!("{}interface ILog {{\n  write(line: str);\n", "// error: E0144\n".repeat(5_000));
    let result = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || format(&text).map_err(|diagnostics| diagnostics.len()))
        .expect("a thread")
        .join()
        .expect("no crash");
    assert!(matches!(result, Err(n) if n >= 1), "{result:?}");
}
