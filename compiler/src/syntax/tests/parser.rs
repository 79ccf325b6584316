//! Parser tests: each construct, precedence, ambiguities, recovery.

use super::{ok, outline};

#[test]
fn everything() {
    let (out, d) = outline(include_str!("programs/everything.w"));
    println!("{out}");
    for d in d { println!("{d:?}"); }
}

#[test]
fn errors_probe() {
    let progs = [
        "let x = 1\nlet y = 2;",
        "let x = ;",
        "f(1 2);",
        "f(1, , 2);",
        "class A {\n  x: num\n  foo() { }\n}",
        "if x { log(1) }",
        "let = 5;\nlet y = 1;",
        "let x = (1 + ;\nlet y = 2;",
        "class { }",
        "let x = [1, 2;\nlet y = 3;",
        "for in x { }",
        "let x: = 1;",
        "let s = \"abc {1 +} d\";",
        "struct S { a: num b: str; }",
        "x.;",
        "let x = 1 +",
        "class A {\n  foo( {\n  }\n}\nlet z = 1;",
        "fn foo() { }",
        "let x = 1;;",
        "enum E { A B }",
        "interface I { x: num; }",
        "return return;",
        "let x = a ? b : c;",
        "let x = if y { 1 } else { 2 };",
        "log(\"a\") log(\"b\");",
        "bring cloud\nlet b = new cloud.Bucket();",
        "let x = new cloud.Bucket;",
    ];
    for p in progs {
        let (out, d) = outline(p);
        println!("=== {p}\n{out}");
        for d in d { println!("  {}: {} [{}] ({:?})", d.code, d.message, d.label.clone().unwrap_or_default(), d.span); }
    }
}
