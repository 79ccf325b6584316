//! Lexer tests: token kinds, values and spans, and lexical recovery.

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::FileId;
use crate::syntax::lexer::{Lexer, Tok};

fn lex(src: &str) -> (Vec<Tok<'_>>, Vec<Diagnostic>) {
    let mut lx = Lexer::new(src, FileId(0));
    let toks: Vec<Tok> = lx.by_ref().map(|t| t.unwrap().1).collect();
    (toks, lx.into_diagnostics())
}

fn toks(src: &str) -> Vec<Tok<'_>> {
    let (t, d) = lex(src);
    assert!(d.is_empty(), "unexpected diagnostics: {d:?}");
    t
}

#[test]
fn keywords_names_and_operators() {
    use Tok::*;
    assert_eq!(
        toks("let var x = y ?? z?.w; a..b ..= ... => ** \\ != !"),
        vec![
            Let,
            Var,
            Ident("x"),
            Assign,
            Ident("y"),
            QuestionQuestion,
            Ident("z"),
            QuestionDot,
            Ident("w"),
            Semi,
            Ident("a"),
            DotDot,
            Ident("b"),
            DotDotEq,
            DotDotDot,
            FatArrow,
            StarStar,
            Backslash,
            NotEq,
            Bang
        ]
    );
    assert_eq!(
        toks("MutArray<num> Json letx @dirname @"),
        vec![Coll("MutArray"), Lt, Ident("num"), Gt, Json, Ident("letx"), Intrinsic("dirname"), At]
    );
}

#[test]
fn numbers_and_durations() {
    use Tok::*;
    assert_eq!(
        toks("1 1.5 1_000 0x1F 1e3 2.5E-1 10ms 1s 5m 2h 1d 1.5s"),
        vec![
            Num(1.0),
            Num(1.5),
            Num(1000.0),
            Num(31.0),
            Num(1000.0),
            Num(0.25),
            Duration(0.01),
            Duration(1.0),
            Duration(300.0),
            Duration(7200.0),
            Duration(86400.0),
            Duration(1.5)
        ]
    );
    assert_eq!(
        toks("0..10 x.0 1.foo"),
        vec![Num(0.0), DotDot, Num(10.0), Ident("x"), Dot, Num(0.0), Num(1.0), Dot, Ident("foo")]
    );
    let (t, d) = lex("12abc 0xZZ 3w");
    assert_eq!(t, vec![Duration(0.0), Num(0.0), Duration(0.0)]);
    assert_eq!(d.len(), 3);
    assert!(d.iter().all(|d| d.code == "E0007"));
}

#[test]
fn comments_are_skipped() {
    use Tok::*;
    assert_eq!(toks("a // line\n/* block\n * more */ b /**/ c"), vec![Ident("a"), Ident("b"), Ident("c")]);
    let (t, d) = lex("a /* never closed");
    assert_eq!(t, vec![Ident("a")]);
    assert_eq!(d[0].code, "E0004");
}

#[test]
fn plain_and_raw_strings() {
    use Tok::*;
    assert_eq!(
        toks(r#""a\n\t\"\\\{x\}\u{41}" #"raw {x} \n \"q\"""#),
        vec![Str("a\n\t\"\\{x}A".into()), Str("raw {x} \n \"q\"".into())]
    );
    let (t, d) = lex(r#""\u{41" "\u{110000}" "\u{}""#);
    assert_eq!(t, vec![Str("\u{FFFD}".into()), Str("\u{FFFD}".into()), Str("\u{FFFD}".into())]);
    assert_eq!(d.len(), 3);
    assert!(d.iter().all(|d| d.code == "E0006"));
    let (t, d) = lex(r#""a \/ b" "\x41\u0042\uD83D\uDE00\b\f\v""#);
    assert_eq!(t, vec![Str("a / b".into()), Str("AB\u{1F600}\u{8}\u{c}\u{b}".into())]);
    assert!(d.is_empty(), "{d:?}");
    let (t, d) = lex(r#""bad \q escape""#);
    assert_eq!(t, vec![Str("bad q escape".into())]);
    assert_eq!(d[0].code, "E0006");
    assert_eq!(d[0].span.range(), 5..7);
    let (t, d) = lex(r#""bad \x4 and \u12 and \1""#);
    assert_eq!(t, vec![Str("bad \u{FFFD} and \u{FFFD} and 1".into())]);
    assert_eq!(d.iter().map(|d| d.span.range()).collect::<Vec<_>>(), vec![5..8, 13..17, 22..24]);
    assert!(d.iter().all(|d| d.code == "E0006"));
}

#[test]
fn interpolation_with_nesting() {
    use Tok::*;
    assert_eq!(
        toks(r#""a {b} c {d + "x{e}"} f""#),
        vec![
            StrHead("a ".into()),
            Ident("b"),
            StrMid(" c ".into()),
            Ident("d"),
            Plus,
            StrHead("x".into()),
            Ident("e"),
            StrTail("".into()),
            StrTail(" f".into())
        ]
    );
    // Braces inside an interpolation do not close it.
    assert_eq!(
        toks(r#""{ {a: 1} }""#),
        vec![StrHead("".into()), LBrace, Ident("a"), Colon, Num(1.0), RBrace, StrTail("".into())]
    );
}

#[test]
fn token_spans() {
    let mut lx = Lexer::new(r#"x "a{b}c" y"#, FileId(0));
    let spans: Vec<(usize, usize)> = lx.by_ref().map(|t| t.unwrap()).map(|t| (t.0, t.2)).collect();
    assert_eq!(spans, vec![(0, 1), (2, 5), (5, 6), (6, 9), (10, 11)]);
}

#[test]
fn unterminated_strings_and_bad_characters() {
    use Tok::*;
    let (t, d) = lex("\"abc");
    assert_eq!(t, vec![Str("abc".into())]);
    assert_eq!(d[0].code, "E0003");
    let (t, d) = lex("\"a{b");
    assert_eq!(t, vec![StrHead("a".into()), Ident("b"), StrTail("".into())]);
    assert_eq!(d[0].code, "E0003");
    let (t, d) = lex("a ~~~ b # c");
    assert_eq!(t, vec![Ident("a"), Ident("b"), Ident("c")]);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].message, "unexpected characters");
    let (t, d) = lex("é\"\\");
    assert_eq!(t, vec![Str("".into())]);
    assert_eq!(d.len(), 2);
}

#[test]
fn unclosed_delimiters_are_closed_at_eof() {
    use Tok::*;
    let (t, d) = lex("f({[");
    assert_eq!(t, vec![Ident("f"), LParen, LBrace, LBracket, RBracket, RBrace, RParen]);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].code, "E0009");
    // A `}` closes the nearest `{`, dropping unclosed parens inside.
    let (t, d) = lex("{ ( }");
    assert_eq!(t, vec![LBrace, LParen, RBrace]);
    assert!(d.is_empty());
}

/// Fuzz finding (seed 14, case 3160): a program followed by thousands of
/// `// error: …` lines overflowed the stack of a debug build, because the
/// line comments were a logos `skip` and logos chains skips by calls.
#[test]
fn thousands_of_comment_lines_in_a_row_lex_on_a_small_stack() {
    let src = format!("let x = 1;\n{}let y = 2;\n", "// error: E0126\n\n".repeat(20_000));
    let handle =
        std::thread::Builder::new().stack_size(256 << 10).spawn(move || toks(&src).len()).expect("spawn the lexing thread");
    assert_eq!(handle.join().expect("lexing overflowed the stack"), 10);
}

#[test]
fn a_line_comment_ends_at_the_line_and_may_end_the_file() {
    use Tok::*;
    assert_eq!(toks("a // b c\nd // e"), vec![Ident("a"), Ident("d")]);
}
