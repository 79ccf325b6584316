//! Snapshot tests: the AST outline of a program using every construct, and
//! the rendered diagnostics (with the recovered outline) of programs with
//! syntax errors. Also: every stdlib declaration file parses cleanly.

use crate::diagnostics::{SourceMap, render};
use crate::syntax::{NodeIdGen, parse, printer};

#[test]
fn everything_outline() {
    let mut ids = NodeIdGen::new();
    let mut sources = SourceMap::default();
    let text = include_str!("programs/everything.w");
    let file = sources.add("everything.w", text);
    let (module, diags) = parse(text, file, &mut ids);
    assert!(diags.is_empty(), "{}", render(&diags, &sources));
    insta::assert_snapshot!(printer::dump(&module));
}

/// Programs with syntax errors: name, source.
const ERROR_PROGRAMS: &[(&str, &str)] = &[
    ("missing_semicolons", "let a = 1\nlet b = 2\nlog(\"{a}\")\n"),
    ("missing_expression", "let x = ;\nlet y = (1 + );\nlet z = 3;\n"),
    ("bad_arguments", "f(1 2);\nf(1, , 2);\ng(a: 1, 2);\n"),
    (
        "class_body",
        "class Store {\n  count: num\n  get( {\n    return 1;\n  }\n  put(k: str): void { }\n  5;\n}\nlet after = 1;\n",
    ),
    ("unclosed_block", "test \"t\" {\n  if x {\n    log(\"x\");\n"),
    ("lexical", "let a = \"bad \\x4\";\nlet b = 12abc;\nlet c = 3 ~ 4;\nlet d = 5w;\n"),
    ("unterminated_string", "let a = 1;\nlet s = \"never closed;\nlet b = 2;\n"),
    ("unterminated_comment", "let a = 1;\n/* comment\nlet b = 2;\n"),
    ("declarations", "struct S { a: num b: str; }\nenum E { A B }\ninterface I { x: num; }\nstatic class C { }\n"),
    ("statements", "for in x { }\ntry { }\nlet x = if y { 1 } else { 2 };\nreturn return;\n"),
    ("expressions", "let a = x.;\nlet b = a ? b : c;\nlet c = new cloud.Bucket;\nlet d = f() { };\n"),
    ("bring_order", "let x = 1;\nbring cloud;\nbring \"./lib.w\" as lib\n"),
    ("types", "let a: = 1;\nlet b: Array<num = [];\nlet c: (num, str) = f;\nlet d: inflight (str) = g;\n"),
    ("interpolation", "let a = \"{}\";\nlet b = \"x {1 +} y\";\ntest \"t {a}\" { }\n"),
    ("empty_and_junk", "};\n)\nlet ok = 1;\n@\n"),
];

#[test]
fn syntax_error_reports() {
    for (name, text) in ERROR_PROGRAMS {
        let mut ids = NodeIdGen::new();
        let mut sources = SourceMap::default();
        let file = sources.add(format!("{name}.w"), *text);
        let (module, diags) = parse(text, file, &mut ids);
        assert!(!diags.is_empty(), "{name}: expected diagnostics");
        let report =
            format!("--- source\n{text}--- outline\n{}--- diagnostics\n{}", printer::dump(&module), render(&diags, &sources));
        insta::assert_snapshot!(format!("error_{name}"), report);
    }
}

#[test]
fn stdlib_files_parse_without_errors() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../stdlib");
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("stdlib folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "w"))
        .collect();
    entries.sort();
    assert!(!entries.is_empty());
    let mut ids = NodeIdGen::new();
    let mut sources = SourceMap::default();
    for path in entries {
        let text = std::fs::read_to_string(&path).expect("readable");
        let file = sources.add(path.display().to_string(), text.clone());
        let (module, diags) = parse(&text, file, &mut ids);
        assert!(diags.is_empty(), "{}", render(&diags, &sources));
        assert!(!module.stmts.is_empty());
    }
}
