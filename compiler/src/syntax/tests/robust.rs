//! Robustness: no input makes the parser panic or overflow the stack.

use super::outline;
use crate::syntax::MAX_DEPTH;

/// A small deterministic PRNG (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const VOCABULARY: &[&str] = &[
    "bring",
    "let",
    "var",
    "if",
    "else",
    "for",
    "in",
    "while",
    "break",
    "continue",
    "return",
    "throw",
    "try",
    "catch",
    "finally",
    "test",
    "class",
    "interface",
    "struct",
    "enum",
    "extends",
    "impl",
    "new",
    "as",
    "pub",
    "protected",
    "static",
    "extern",
    "inflight",
    "preflight",
    "unphased",
    "true",
    "false",
    "nil",
    "this",
    "super",
    "Json",
    "MutJson",
    "x",
    "Foo",
    "cloud",
    "MutArray",
    "Map",
    "1",
    "2.5",
    "10ms",
    "0x1F",
    "\"s\"",
    "\"a{",
    "}b\"",
    "#\"raw\"",
    "@dirname",
    "+",
    "-",
    "*",
    "/",
    "\\",
    "%",
    "**",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "&&",
    "||",
    "!",
    "??",
    "?.",
    "?",
    ".",
    "..",
    "..=",
    "...",
    "=>",
    "=",
    "+=",
    "-=",
    ":",
    ";",
    ",",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "@",
    "/*",
    "*/",
    "//",
    "\n",
    "\"",
    "é",
    "~",
];

#[test]
fn random_token_sequences_do_not_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..std::env::var("WING_FUZZ").ok().and_then(|v| v.parse().ok()).unwrap_or(2000) {
        let len = 1 + rng.below(60);
        let mut src = String::new();
        for _ in 0..len {
            src.push_str(VOCABULARY[rng.below(VOCABULARY.len())]);
            if rng.below(3) > 0 {
                src.push(' ');
            }
        }
        let (_, diags) = outline(&src);
        for d in &diags {
            assert_user_terms(&d.message);
            assert!(d.span.start <= d.span.end && d.span.end as usize <= src.len());
        }
    }
}

/// Messages never show the grammar's internal names.
fn assert_user_terms(message: &str) {
    for internal in [
        "`Ident`",
        "`Num`",
        "`Duration`",
        "`Str`",
        "`StrHead`",
        "`StrMid`",
        "`StrTail`",
        "`Coll`",
        "`Intrinsic`",
        "Unknown",
        "parser error",
    ] {
        assert!(!message.contains(internal), "internal name in {message:?}");
    }
}

#[test]
fn random_mutations_of_a_real_program_do_not_panic() {
    let base = include_str!("programs/everything.w");
    let mut rng = Rng(42);
    let chars: Vec<char> = base.chars().collect();
    for _ in 0..std::env::var("WING_FUZZ").ok().and_then(|v| v.parse::<usize>().ok()).map_or(300, |n| n / 4) {
        let mut c = chars.clone();
        for _ in 0..1 + rng.below(5) {
            let i = rng.below(c.len().max(1)).min(c.len());
            match rng.below(3) {
                0 if i < c.len() => {
                    c.remove(i);
                }
                1 => c.insert(i, ['{', '}', '(', ')', '"', ';', ','][rng.below(7)]),
                _ => c.truncate(i),
            }
        }
        let src: String = c.into_iter().collect();
        let (_, diags) = outline(&src);
        diags.iter().for_each(|d| assert_user_terms(&d.message));
    }
}

fn run_deep(src: String) -> Vec<&'static str> {
    // A thread with a modest stack: drops and printing must not recurse
    // deeper than MAX_DEPTH.
    std::thread::Builder::new()
        .stack_size(4 << 20)
        .spawn(move || {
            let (_, diags) = outline(&src);
            diags.iter().map(|d| d.code).collect()
        })
        .expect("spawn")
        .join()
        .expect("no panic")
}

#[test]
fn deep_nesting_is_reported_not_overflowed() {
    let n = 10_000;
    let parens = format!("let x = {}1{};", "(".repeat(n), ")".repeat(n));
    assert_eq!(run_deep(parens), vec!["E0008"]);
    let arrays = format!("let x = {}1{};", "[".repeat(n), "]".repeat(n));
    assert_eq!(run_deep(arrays), vec!["E0008"]);
    let unary = format!("let x = {}1;", "-".repeat(n));
    assert_eq!(run_deep(unary), vec!["E0008"]);
    let chain = format!("let x = 1{};", " + 1".repeat(n));
    assert_eq!(run_deep(chain), vec!["E0008"]);
    let blocks = format!("{}{}", "{".repeat(n), "}".repeat(n));
    assert_eq!(run_deep(blocks), vec!["E0008"]);
    let strings = format!("let x = {}1{};", "\"{".repeat(n), "}\"".repeat(n));
    assert_eq!(run_deep(strings), vec!["E0008"]);
    let unclosed = format!("let x = {}", "f(".repeat(n));
    assert_eq!(run_deep(unclosed), vec!["E0008"]);
    let types = format!("let x: {}num{} = [];", "Array<".repeat(n), ">".repeat(n));
    assert_eq!(run_deep(types), vec!["E0008"]);
    let optionals = format!("let x: num{} = nil;", " ?".repeat(n));
    assert_eq!(run_deep(optionals), vec!["E0008"]);
    let functions = format!("let f: {}num = nil;", "(): ".repeat(n));
    assert_eq!(run_deep(functions), vec!["E0008"]);
    let else_ifs = format!("if true {{ }}{} else {{ }}", " else if true { }".repeat(n));
    assert_eq!(run_deep(else_ifs), vec!["E0008"]);
    // Nesting up to the limit is fine: the `let` (1) holding arrays
    // (MAX_DEPTH - 2) around a number (1).
    let k = MAX_DEPTH as usize - 2;
    let ok = format!("let x = {}1{};", "[".repeat(k), "]".repeat(k));
    assert!(run_deep(ok).is_empty());
    let k = k + 1;
    let too_deep = format!("let x = {}1{};", "[".repeat(k), "]".repeat(k));
    assert_eq!(run_deep(too_deep), vec!["E0008"]);
}

#[test]
fn thousands_of_syntax_errors_stop_at_the_limit() {
    use crate::syntax::parser::MAX_SYNTAX_ERRORS;
    let src = "let x = 1 +;\n".repeat(MAX_SYNTAX_ERRORS * 3);
    let (_, diags) = outline(&src);
    assert_eq!(diags.len(), MAX_SYNTAX_ERRORS + 1);
    assert!(diags[..MAX_SYNTAX_ERRORS].iter().all(|d| d.code == "E0001"));
    let last = diags.last().expect("the limit");
    assert_eq!((last.code, last.message.as_str()), ("E0021", "too many syntax errors"));
    assert_eq!(last.span.start as usize, src.find(";").unwrap() + "let x = 1 +;\n".len() * MAX_SYNTAX_ERRORS);
}

#[test]
fn a_delimiter_nested_too_deeply_ends_the_parse_there() {
    // Fuzz finding (seed 21, case 61432): braces opened inside a string
    // interpolation, thousands deep, with an error on every line. Each
    // recovery cost the parser time in the square of the depth (minutes).
    let line = format!("let g = \"{}\"x\" : {}\";\n", "{ ".repeat(1000), "} ".repeat(1000));
    let src = format!("bring cloud;\n{}", line.repeat(200));
    let (_, diags) = outline(&src);
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["E0008"]);
    let opener = src.find("let g").unwrap() + "let g = \"".len() + 2 * MAX_DEPTH as usize;
    assert_eq!((diags[0].span.start as usize, diags[0].span.end as usize), (opener, opener + 1));
}

#[test]
fn recoveries_inside_deep_nesting_count_more() {
    use crate::syntax::parser::{MAX_RECOVERIES, recovery_cost};
    // Errors inside 200 open braces: each recovery costs 626, so the
    // parser stops reading on the line after the 7th rather than the 4,000th.
    let depth = 200;
    let bad = "let = ;\n";
    let head = "{ ".repeat(depth);
    let src = format!("{head}{}{}let last = 1;\n", bad.repeat(50), "} ".repeat(depth));
    let (tree, diags) = outline(&src);
    assert!(!tree.contains("last"), "the parser read past its recovery limit");
    let stop = diags.last().expect("a diagnostic");
    assert_eq!(stop.code, "E0021");
    let line = (stop.span.start as usize - head.len()) / bad.len();
    assert_eq!(line, MAX_RECOVERIES.div_ceil(recovery_cost(depth)));
}

#[test]
fn the_parser_stops_reading_after_its_recovery_limit() {
    use crate::syntax::parser::MAX_RECOVERIES;
    // Each `(` is one error whose consequences are not reported, so the
    // report limit is never reached: the recovery limit stops the parser.
    let bad = "if true { ) ( ) ( }\n";
    let src = format!("{}let last = 1;\n", bad.repeat(MAX_RECOVERIES * 2));
    let (tree, diags) = outline(&src);
    assert!(!tree.contains("last"), "the parser read past its recovery limit");
    let stop = diags.last().expect("a diagnostic");
    assert_eq!((stop.code, stop.message.as_str()), ("E0021", "too many syntax errors"));
    assert!(diags.iter().filter(|d| d.code == "E0021").count() == 1);
    assert!((stop.span.start as usize) < src.len() - "let last = 1;\n".len());
}
