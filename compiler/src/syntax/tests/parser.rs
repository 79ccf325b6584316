//! Parser tests: constructs, precedence, ambiguities, recovery, node ids.

use super::{ok, outline};
use crate::syntax::ast::{ExprKind, FileId, StmtKind};
use crate::syntax::{NodeIdGen, parse, printer};

/// The outline of one expression (the value of `let x = <src>;`).
fn expr(src: &str) -> String {
    let mut ids = NodeIdGen::new();
    let (module, diags) = parse(&format!("let x = {src};"), FileId(0), &mut ids);
    assert!(diags.is_empty(), "unexpected diagnostics for {src:?}: {diags:#?}");
    match &module.stmts[0].kind {
        StmtKind::Let { value, .. } => printer::dump_expr(value),
        other => panic!("not a let: {other:?}"),
    }
}

/// The expression as a fully parenthesized one-liner, for precedence tests.
fn shape(src: &str) -> String {
    let mut ids = NodeIdGen::new();
    let (module, diags) = parse(&format!("let x = {src};"), FileId(0), &mut ids);
    assert!(diags.is_empty(), "unexpected diagnostics for {src:?}: {diags:#?}");
    let StmtKind::Let { value, .. } = &module.stmts[0].kind else {
        panic!("not a let");
    };
    fn go(e: &crate::syntax::ast::Expr) -> String {
        use crate::syntax::ast::UnaryOp;
        match &e.kind {
            ExprKind::Binary { op, left, right } => {
                format!("({} {} {})", go(left), op.symbol(), go(right))
            }
            ExprKind::Unary { op, operand } => match op {
                UnaryOp::Neg => format!("(-{})", go(operand)),
                UnaryOp::Not => format!("(!{})", go(operand)),
                UnaryOp::Unwrap => format!("({}!)", go(operand)),
                UnaryOp::IsSome => format!("({}?)", go(operand)),
            },
            ExprKind::Range { start, end, inclusive } => {
                format!("({} {} {})", go(start), if *inclusive { "..=" } else { ".." }, go(end))
            }
            ExprKind::Member { object, name, optional } => {
                format!("{}{}{}", go(object), if *optional { "?." } else { "." }, name.name)
            }
            ExprKind::Call { callee, args } => format!("{}({})", go(callee), args.len()),
            ExprKind::Index { object, index } => format!("{}[{}]", go(object), go(index)),
            ExprKind::Ident(i) => i.name.clone(),
            ExprKind::Num(n) => n.to_string(),
            ExprKind::JsonValue { value, .. } => format!("(Json {})", go(value)),
            _ => "…".into(),
        }
    }
    go(value)
}

#[test]
fn precedence_table() {
    let cases = [
        ("a ?? b || c", "((a ?? b) || c)"),
        ("a ?? b == c", "((a ?? b) == c)"),
        ("a < b ?? c", "(a < (b ?? c))"),
        ("a ?? b + c", "(a ?? (b + c))"),
        ("a || b && c", "(a || (b && c))"),
        ("a && b == c", "(a && (b == c))"),
        ("a == b < c", "(a == (b < c))"),
        ("a < b + c", "(a < (b + c))"),
        ("a + b * c", "(a + (b * c))"),
        ("a - b - c", "((a - b) - c)"),
        ("a / b \\ c % d", "(((a / b) \\ c) % d)"),
        ("-a * b", "((-a) * b)"),
        ("-a ** b", "(-(a ** b))"),
        ("a ** b ** c", "(a ** (b ** c))"),
        ("a ** -b", "(a ** (-b))"),
        ("!a && b", "((!a) && b)"),
        ("!a?", "(!(a?))"),
        ("a! + b?.c", "((a!) + b?.c)"),
        ("a.b(1)[2].c", "a.b(1)[2].c"),
        ("a ?? b ?? c", "((a ?? b) ?? c)"),
        ("a + 1 ?? 0", "((a + 1) ?? 0)"),
        ("a * 2 ?? 0", "((a * 2) ?? 0)"),
        ("0..n + 1", "(0 .. (n + 1))"),
        ("a ?? 0..=b ?? 9", "((a ?? 0) ..= (b ?? 9))"),
        ("Json a + 1", "((Json a) + 1)"),
        ("- -a", "(-(-a))"),
    ];
    for (src, want) in cases {
        assert_eq!(shape(src), want, "for {src}");
    }
}

#[test]
fn struct_literals_are_not_read_in_statement_heads() {
    // `x {` in an `if` head opens the body, as in Rust.
    let out = ok("if x { y; }\nwhile a.b { }\nfor i in items { }");
    assert!(out.contains("if\n  ident x\nthen\n  expr\n    ident y"), "{out}");
    assert!(!out.contains("struct"), "{out}");
    // In parentheses or outside heads it is a struct literal.
    let out = ok("if (P { x: 1 }).x == 1 { }\nlet p = a.P { x: 1, y };");
    assert!(out.contains("struct P\n"), "{out}");
    assert!(out.contains("struct a.P\n"), "{out}");
    // A Json literal and a typed map work in heads.
    ok("if x == Json { a: 1 } { }\nwhile m == Map<num>{} { }\nif {a: 1} == x { }");
}

#[test]
fn braces_at_statement_start_open_a_block() {
    let out = ok("{ a; }\nlet j = { a: 1 };\nlet e = {};\nlet m = { \"k\" => 1, };");
    assert_eq!(
        out,
        "block\n  expr\n    ident a\nlet j\n  json (bare)\n    a:\n      num 1\nlet e\n  json (bare)\nlet m\n  map\n    entry\n      str \"k\"\n      num 1\n"
    );
}

#[test]
fn json_forms() {
    assert_eq!(expr("Json {}"), "json Json\n");
    assert_eq!(expr("MutJson { \"a b\": 1 }"), "json MutJson\n  a b:\n    num 1\n");
    assert_eq!(expr("Json [1]"), "json value Json\n  array\n    num 1\n");
    assert_eq!(expr("Json.parse(s)"), "call\n  member .parse\n    ident Json\n  ident s\n");
    assert_eq!(expr("MutJson.x"), "member .x\n  ident MutJson\n");
    assert_eq!(expr("Json { nil: 1, if: 2 }"), "json Json\n  nil:\n    num 1\n  if:\n    num 2\n");
}

#[test]
fn closures_and_parentheses() {
    assert_eq!(expr("(a)"), "ident a\n");
    assert_eq!(expr("() => {}"), "closure ()\n");
    assert_eq!(expr("(a: num): (num): str => { }"), "closure (a: num): (num): str\n");
    assert_eq!(
        expr("inflight (e: Json?): Json? => { return e; }"),
        "closure inflight (e: Json?): Json?\n  return\n    ident e\n"
    );
    assert_eq!(expr("unphased () => {}"), "closure unphased ()\n");
    assert_eq!(expr("((): void => {})()"), "call\n  closure (): void\n");
    // Untyped parameters: the `=>` after `)` makes the `(` a closure's.
    assert_eq!(expr("(x) => { }"), "closure (x: _)\n");
    assert_eq!(expr("(a, var b): num => { }"), "closure (a: _, var b: _): num\n");
    assert_eq!(expr("(): (): num => { }"), "closure (): (): num\n");
    assert_eq!(expr("f((a), (b) => { })"), "call\n  ident f\n  ident a\n  closure (b: _)\n");
    assert_eq!(expr("(a) + (b)"), "binary +\n  ident a\n  ident b\n");
    // A closure as a statement and as an argument.
    ok("inflight () => { };\nq.setConsumer(inflight (m: str) => { log(m); });");
}

#[test]
fn types() {
    let out = ok(concat!(
        "let a: Array<Array<num>> = [];\n",
        "let b: cloud.Bucket? = nil;\n",
        "let c: inflight (str, num?): void = f;\n",
        "let d: ((): void)? = nil;\n",
        "let e: MutMap<Json> = {};\n",
        "let f: (num): (str): bool = g;\n",
    ));
    for want in [
        "let a: Array<Array<num>>",
        "let b: cloud.Bucket?",
        "let c: inflight (str, num?): void",
        "let d: ((): void)?",
        "let e: MutMap<Json>",
        "let f: (num): (str): bool",
    ] {
        assert!(out.contains(want), "missing {want} in {out}");
    }
}

#[test]
fn new_expressions() {
    assert_eq!(expr("new A()"), "new A\n");
    assert_eq!(
        expr("new cloud.Queue(timeout: 1s) as \"q\" in this"),
        "new cloud.Queue\n  timeout:\n    duration 1s\n  as\n    str \"q\"\n  in\n    ident this\n"
    );
    assert_eq!(expr("new A() in scope"), "new A\n  in\n    ident scope\n");
    assert_eq!(expr("new A().b()"), "call\n  member .b\n    new A\n");
}

#[test]
fn keywords_as_member_and_declaration_names() {
    ok("expect.nil(x);\nx.new;\nx.inflight.class;\nf(nil: 1, test: 2);");
    let out = ok("pub extern unphased nil<T>(value: T?): void;\nclass C { test(): void {} }");
    assert!(out.contains("function pub extern unphased nil<T>(value: T?): void"), "{out}");
    assert!(out.contains("method test(): void"), "{out}");
}

#[test]
fn modifiers_are_checked() {
    let (_, d) = outline("static class A { }\nclass B { pub pub x: num; pub protected y: num; }");
    let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
    assert_eq!(codes, vec!["E0015", "E0015", "E0015"]);
    assert_eq!(d[1].message, "`pub` is written twice");
    assert_eq!(d[2].message, "`protected` conflicts with `pub`");
    let (_, d) = outline("pub inflight foo(): void;");
    assert_eq!(d[0].code, "E0016");
}

#[test]
fn statement_checks() {
    let (_, d) = outline("try { }");
    assert_eq!(d[0].code, "E0017");
    let (_, d) = outline("f(a: 1, 2);");
    assert_eq!(d[0].code, "E0012");
    let (_, d) = outline("let f = (...a: Array<num>, b: num) => {};");
    assert_eq!(d[0].code, "E0013");
    let (_, d) = outline("let f: (num, str) = g;");
    assert_eq!(d[0].code, "E0014");
    let (out, d) = outline("test \"a {b}\" { }");
    assert_eq!(d[0].code, "E0018");
    assert_eq!(out, "test \"a {…}\"\n");
    let (_, d) = outline("bring a;\nlet x = 1;\nbring b;");
    assert!(d.is_empty(), "Wing allows `bring` after other statements: {d:?}");
}

#[test]
fn recovery_keeps_the_rest_of_the_file() {
    let (out, d) = outline(concat!(
        "let a = 1\n",
        "let b = ;\n",
        "class C {\n",
        "  x: num\n",
        "  foo( { }\n",
        "  bar(): num { return 1; }\n",
        "}\n",
        "let c = f(1 2);\n",
        "let d = 4;\n",
    ));
    assert_eq!(d.len(), 5, "{d:#?}");
    assert!(out.contains("  field x: num\n  method bar(): num\n"), "{out}");
    assert!(out.contains("let a\n  num 1\n"), "{out}");
    assert!(out.contains("let b\n  <error>\n"), "{out}");
    assert!(out.contains("let d\n  num 4\n"), "{out}");
    assert!(d.iter().all(|d| !d.message.contains('"')), "{d:#?}");
}

#[test]
fn errors_are_in_user_terms() {
    let msg = |src: &str| {
        let (_, d) = outline(src);
        d.first().map(|d| d.message.clone()).unwrap_or_default()
    };
    assert_eq!(msg("if x { log(1) }"), "expected `;` after the statement, found `}`");
    assert_eq!(msg("let x = );"), "expected an expression, found `)`");
    assert_eq!(msg("f(1 2);"), "expected `,` or `)`, found `2`");
    assert_eq!(msg("let = 1;"), "expected a name or `var`, found `=`");
    assert_eq!(msg("let x: = 1;"), "expected a type, found `=`");
    assert_eq!(msg("x.;"), "expected a name, found `;`");
    assert_eq!(msg("let x = 1;;"), "expected a statement, found `;`");
    assert_eq!(msg("let x = 1 +"), "expected an expression, found the end of the file");
    assert_eq!(msg("class A { 5 }"), "expected a class member or `}`, found `5`");
    assert_eq!(msg("let s = \"{}\";"), "expected an expression, found `}`");
}

#[test]
fn node_ids_are_unique_across_files() {
    let mut ids = NodeIdGen::new();
    let (a, _) = parse("let x = 1 + 2;", FileId(0), &mut ids);
    let after_a = ids.count();
    let (b, _) = parse("let y = 3;", FileId(1), &mut ids);
    assert!(a.stmts[0].id.0 < after_a);
    assert!(b.stmts[0].id.0 >= after_a);
    assert_eq!(b.file, FileId(1));
    assert_eq!(b.stmts[0].span.file, FileId(1));
    // Within a file, every id differs.
    let (m, _) = parse(include_str!("programs/everything.w"), FileId(2), &mut ids);
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<String> = Vec::new();
    collect_ids(&format!("{:?}", m.stmts), &mut seen, &mut stack);
    assert!(stack.is_empty(), "duplicate ids: {stack:?}");
    assert!(seen.len() > 300, "{}", seen.len());
}

/// Finds `NodeId(n)` in a debug dump, recording duplicates.
fn collect_ids(dump: &str, seen: &mut std::collections::HashSet<u32>, dups: &mut Vec<String>) {
    for part in dump.split("NodeId(").skip(1) {
        let n: u32 = part[..part.find(')').unwrap_or(0)].parse().unwrap_or(u32::MAX);
        if !seen.insert(n) {
            dups.push(n.to_string());
        }
    }
}

#[test]
fn spans_point_at_the_source() {
    let src = "let total = price * 2;";
    let mut ids = NodeIdGen::new();
    let (m, _) = parse(src, FileId(0), &mut ids);
    let s = &m.stmts[0];
    assert_eq!(&src[s.span.range()], src);
    let StmtKind::Let { name, value, .. } = &s.kind else { panic!() };
    assert_eq!(&src[name.span.range()], "total");
    assert_eq!(&src[value.span.range()], "price * 2");
}
