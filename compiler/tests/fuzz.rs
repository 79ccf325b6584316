//! Fuzzing the compiler: no input makes lexing, parsing, checking,
//! preflight evaluation or code generation panic, and random expressions
//! give the same values preflight (interpreted) and inflight (compiled to
//! Wasm, run in the simulator). Two sources of
//! inputs: random programs from a small grammar of Wing (so the checker
//! and code generator see deep, mostly well-formed code), and random edits
//! of every real program in the repository. Bounded: `WING_FUZZ=n` sets the
//! number of cases per source (default 400).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use wingc::driver::{Compiled, Input, compile, compile_sim};

mod support;
use support::generator::{Rng, SIMPLE, Typed};

fn cases() -> usize {
    std::env::var("WING_FUZZ").ok().and_then(|v| v.parse().ok()).unwrap_or(400)
}

/// Compiles `text`; fails the test with the program if anything panics.
/// Gives whether it compiled (reached code generation without errors).
fn compiles_without_panic(text: &str, dir: Option<&Path>) -> bool {
    let outcome = catch_unwind(AssertUnwindSafe(|| matches!(compile(Input { name: "main.w", text, dir }), Compiled::Ok { .. })));
    match outcome {
        Ok(compiled) => compiled,
        Err(_) => panic!("the compiler panicked on this program:\n{text}"),
    }
}

const NAMES: &[&str] = &["a", "b", "count", "name", "items", "store", "s", "this", "x", "y", "total", "f", "Item", "Store"];
const TYPES: &[&str] = &[
    "num",
    "str",
    "bool",
    "duration",
    "Json",
    "MutJson",
    "str?",
    "num?",
    "Array<num>",
    "MutArray<str>",
    "Map<num>",
    "MutMap<str>",
    "Set<num>",
    "cloud.Bucket",
    "Item",
    "Store",
    "IThing",
    "Color",
    "(num): str",
    "inflight (str): void",
];

/// A random expression of bounded depth.
fn expr(rng: &mut Rng, depth: usize) -> String {
    if depth == 0 {
        return match rng.below(9) {
            0 => rng.below(100).to_string(),
            1 => format!("\"t{}\"", rng.below(9)),
            2 => "true".into(),
            3 => "nil".into(),
            4 => "5s".into(),
            5 => format!("\"x{{{}}}\"", rng.pick(NAMES)),
            6 => "Color.RED".into(),
            _ => rng.pick(NAMES).into(),
        };
    }
    let e = |rng: &mut Rng| expr(rng, depth - 1);
    match rng.below(18) {
        0 => format!(
            "{} {} {}",
            e(rng),
            rng.pick(&["+", "-", "*", "/", "\\", "%", "**", "==", "!=", "<", ">=", "&&", "||", "??"]),
            e(rng)
        ),
        1 => format!("!{}", e(rng)),
        2 => format!("{}!", e(rng)),
        3 => format!(
            "{}.{}",
            e(rng),
            rng.pick(&["length", "at(0)", "get(\"k\")", "push(1)", "put(\"k\", \"v\")", "name", "size()", "asStr()"])
        ),
        4 => format!("{}?.{}", e(rng), rng.pick(&["length", "name", "get(\"k\")"])),
        5 => format!("{}({})", rng.pick(NAMES), e(rng)),
        6 => format!("[{}, {}]", e(rng), e(rng)),
        7 => format!("{{\"k\" => {}}}", e(rng)),
        8 => format!("Json {{ a: {}, b: [{}] }}", e(rng), e(rng)),
        9 => format!("Item {{ name: {}, qty: {} }}", e(rng), e(rng)),
        10 => format!("new Store({})", e(rng)),
        11 => format!("new cloud.Bucket() as \"b{}\"", rng.below(3)),
        12 => format!("{}(x: num): num => {{ {} }}", rng.pick(&["", "inflight "]), stmts(rng, depth - 1, 2)),
        13 => format!("{}[{}]", e(rng), e(rng)),
        14 => format!("unsafeCast({})", e(rng)),
        15 => format!("MutArray<{}>[{}]", rng.pick(TYPES), e(rng)),
        16 => format!("Item.fromJson({})", e(rng)),
        _ => format!("({})", e(rng)),
    }
}

/// Random statements of bounded depth.
fn stmts(rng: &mut Rng, depth: usize, count: usize) -> String {
    (0..count).map(|_| stmt(rng, depth)).collect::<Vec<_>>().join("\n")
}

fn stmt(rng: &mut Rng, depth: usize) -> String {
    let e = |rng: &mut Rng| expr(rng, depth.min(2));
    let block = |rng: &mut Rng| {
        let count = 1 + rng.below(2);
        if depth == 0 { String::new() } else { stmts(rng, depth - 1, count) }
    };
    match rng.below(16) {
        0 => format!("let {}{} = {};", rng.pick(&["", "var "]), rng.pick(NAMES), e(rng)),
        1 => format!("let {}: {} = {};", rng.pick(NAMES), rng.pick(TYPES), e(rng)),
        2 => format!("{} {} {};", rng.pick(NAMES), rng.pick(&["=", "+=", "-="]), e(rng)),
        3 => format!("if {} {{ {} }} else {{ {} }}", e(rng), block(rng), block(rng)),
        4 => format!("if let {} = {} {{ {} }} else if let z = {} {{ }}", rng.pick(NAMES), e(rng), block(rng), e(rng)),
        5 => format!("for {} in {} {{ {} }}", rng.pick(NAMES), rng.pick(&["0..3", "3..=0", "items", "[1, 2]", "x"]), block(rng)),
        6 => format!("while {} {{ {} break; }}", e(rng), block(rng)),
        7 => format!("return {};", e(rng)),
        8 => format!("try {{ {} }} catch e {{ {} }} finally {{ {} }}", block(rng), block(rng), block(rng)),
        9 => format!("throw {};", e(rng)),
        10 => format!("log({});", e(rng)),
        11 => format!("assert({});", e(rng)),
        12 => format!("{}.{} = {};", rng.pick(NAMES), rng.pick(NAMES), e(rng)),
        13 => format!("{}[{}] = {};", rng.pick(NAMES), e(rng), e(rng)),
        14 => format!("test \"t{}\" {{ {} }}", rng.below(5), block(rng)),
        _ => format!("{};", e(rng)),
    }
}

fn declarations(rng: &mut Rng) -> String {
    let mut out = String::from(
        "bring cloud;\nbring expect;\nstruct Item { name: str; qty: num; tags: Array<str>?; }\nenum Color { RED, GREEN }\n",
    );
    out += "interface IThing { inflight run(): str; }\n";
    out += &format!(
        "class Store impl IThing {{\n  b: cloud.Bucket;\n  {}: {};\n  new({}: {}) {{ this.b = new cloud.Bucket(); {} }}\n  pub inflight run(): str {{ {} }}\n  {}inflight put(k: str) {{ this.b.put(k, \"v\"); {} }}\n}}\n",
        rng.pick(NAMES),
        rng.pick(TYPES),
        rng.pick(NAMES),
        rng.pick(TYPES),
        stmts(rng, 1, 1),
        stmts(rng, 2, 2),
        rng.pick(&["pub ", "", "protected "]),
        stmts(rng, 1, 1),
    );
    out += &format!("inflight class Helper {{ new() {{ }} pub go(x: num): num {{ {} }} }}\n", stmts(rng, 1, 2));
    out
}

#[test]
fn random_programs_do_not_panic_the_compiler() {
    let mut rng = Rng(0x5EED_CAFE_F00D_D00D);
    for _ in 0..cases() {
        let count = 1 + rng.below(6);
        let program = format!("{}{}", declarations(&mut rng), stmts(&mut rng, 3, count));
        compiles_without_panic(&program, None);
    }
}

#[test]
fn well_typed_random_programs_compile() {
    let mut generator = Typed { rng: Rng(7), vars: Vec::new(), next: 0 };
    let mut rejected = Vec::new();
    for _ in 0..cases() {
        let program = generator.program();
        if !compiles_without_panic(&program, None) {
            rejected.push(program);
        }
    }
    assert!(rejected.is_empty(), "{} well-typed programs were rejected, the first:\n{}", rejected.len(), rejected[0]);
}

/// Every `.w` file of the repository's programs.
fn real_programs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("repository root");
    let mut files = Vec::new();
    for dir in ["tests/valid", "tests/invalid", "examples/hello"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            files.extend(entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "w")));
        }
    }
    files.sort();
    files
}

#[test]
fn edits_of_real_programs_do_not_panic_the_compiler() {
    let programs = real_programs();
    assert!(!programs.is_empty());
    let mut rng = Rng(42);
    let per_program = (cases() / programs.len()).max(4);
    for file in &programs {
        let text = std::fs::read_to_string(file).expect("read program");
        let words: Vec<&str> = text.split_inclusive(|c: char| c.is_whitespace() || "(){}[];,.".contains(c)).collect();
        for _ in 0..per_program {
            let mut edited: Vec<&str> = words.clone();
            for _ in 0..1 + rng.below(3) {
                let i = rng.below(edited.len());
                match rng.below(4) {
                    0 if !edited.is_empty() => {
                        edited.remove(i.min(edited.len() - 1));
                    }
                    1 => {
                        let j = rng.below(words.len());
                        edited.insert(i.min(edited.len()), words[j]);
                    }
                    2 if edited.len() > 1 => {
                        let j = rng.below(edited.len());
                        let last = edited.len() - 1;
                        edited.swap(i.min(last), j);
                    }
                    _ => edited.insert(i.min(edited.len()), rng.pick(&["{", "}", "(", ")", ";", "nil", "inflight ", "!", "?."])),
                }
            }
            compiles_without_panic(&edited.concat(), file.parent());
        }
    }
}

#[test]
fn preflight_and_inflight_compute_the_same_values() {
    let programs = cases() / 6;
    let mut generator = Typed { rng: Rng(0xD1FF), vars: Vec::new(), next: 0 };
    for _ in 0..programs {
        let mut preflight = String::from("bring expect;\n");
        let mut inflight = String::from("test \"phases agree\" {\n");
        for i in 0..8 {
            let ty = generator.rng.pick(SIMPLE);
            let expr = generator.expr(ty, 3);
            preflight += &format!("let p{i}: {ty} = {expr};\n");
            inflight += &format!("  expect.equal({expr}, p{i});\n");
        }
        let program = format!("{preflight}{inflight}}}\n");
        let app = match compile_sim("main.w", &program) {
            Compiled::Ok { app, .. } => app,
            Compiled::Failed { sources, diagnostics } => {
                panic!("a generated program does not compile:\n{program}\n{}", wingc::diagnostics::render(&diagnostics, &sources))
            }
        };
        let simulator = wing_runtime::App::new(app.manifest, &app.bundles).expect("the simulator loads the app");
        let options = wing_runtime::TestOptions { jobs: 1, ..Default::default() };
        for result in simulator.run_tests(&options) {
            assert!(result.passed, "preflight and inflight disagree:\n{program}\n{}", result.error.unwrap_or_default());
        }
    }
}
