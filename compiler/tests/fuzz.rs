//! Fuzzing the front end and the compiler: no input makes lexing, parsing,
//! checking, preflight evaluation or code generation panic. Two sources of
//! inputs: random programs from a small grammar of Wing (so the checker
//! and code generator see deep, mostly well-formed code), and random edits
//! of every real program in the repository. Bounded: `WING_FUZZ=n` sets the
//! number of cases per source (default 400).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use wingc::driver::{Compiled, Input, compile};

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
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

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

/// Well-typed random programs: a generator that tracks the variables in
/// scope and their types, so every program should get through the checker
/// into preflight evaluation and code generation.
struct Typed {
    rng: Rng,
    /// Variables in scope: name, type, reassignable.
    vars: Vec<(String, &'static str, bool)>,
    next: usize,
}

const SIMPLE: &[&str] = &["num", "str", "bool", "Array<num>", "Map<str>", "Json", "str?", "MutArray<num>"];

impl Typed {
    fn fresh(&mut self) -> String {
        self.next += 1;
        format!("v{}", self.next)
    }

    fn var_of(&mut self, ty: &str) -> Option<String> {
        let found: Vec<String> = self.vars.iter().filter(|(_, t, _)| *t == ty).map(|(n, _, _)| n.clone()).collect();
        (!found.is_empty()).then(|| found[self.rng.below(found.len())].clone())
    }

    fn expr(&mut self, ty: &'static str, depth: usize) -> String {
        if self.rng.below(3) == 0
            && let Some(name) = self.var_of(ty)
        {
            return name;
        }
        let leaf = depth == 0;
        let choice = self.rng.below(if leaf { 2 } else { 6 });
        match (ty, choice) {
            ("num", 0) => self.rng.below(50).to_string(),
            ("num", 1) => format!("{}.5", self.rng.below(9)),
            ("num", 2) => format!(
                "({} {} {})",
                self.expr("num", depth - 1),
                self.rng.pick(&["+", "-", "*", "\\", "%", "**"]),
                self.expr("num", depth - 1)
            ),
            ("num", 3) => format!("{}.length", self.expr("str", depth - 1)),
            ("num", 4) => format!("{}.length", self.expr("Array<num>", depth - 1)),
            ("num", _) => format!("({} ?? \"\").length", self.optional_str(depth - 1)),
            ("str", 0) => format!("\"s{}\"", self.rng.below(9)),
            ("str", 1) => "\"\"".into(),
            ("str", 2) => format!("\"{{{}}}-{{{}}}\"", self.expr("num", depth - 1), self.expr("str", depth - 1)),
            ("str", 3) => format!("{}.{}", self.expr("str", depth - 1), self.rng.pick(&["uppercase()", "lowercase()", "trim()"])),
            ("str", 4) => format!("{}.join(\",\")", self.expr("Array<num>", depth - 1)),
            ("str", _) => format!("({} ?? \"d\")", self.optional_str(depth - 1)),
            ("bool", 0) => "true".into(),
            ("bool", 1) => "false".into(),
            ("bool", 2) => format!(
                "({} {} {})",
                self.expr("num", depth - 1),
                self.rng.pick(&["<", ">=", "==", "!="]),
                self.expr("num", depth - 1)
            ),
            ("bool", 3) => format!("!{}", self.expr("bool", depth - 1)),
            ("bool", 4) => format!("({} && {})", self.expr("bool", depth - 1), self.expr("bool", depth - 1)),
            ("bool", _) => format!("{}.contains({})", self.expr("str", depth - 1), self.expr("str", depth - 1)),
            ("Array<num>", 0 | 1) => format!("[{}]", self.rng.below(9)),
            ("Array<num>", 2) => format!("[{}, {}]", self.expr("num", depth - 1), self.expr("num", depth - 1)),
            ("Array<num>", 3) => format!("{}.concat({})", self.expr("Array<num>", depth - 1), self.expr("Array<num>", depth - 1)),
            ("Array<num>", _) => format!("{}.copy()", self.expr("MutArray<num>", depth - 1)),
            ("MutArray<num>", _) => format!("MutArray<num>[{}]", self.expr("num", depth.saturating_sub(1))),
            ("Map<str>", 0 | 1) => "{\"k\" => \"v\"}".into(),
            ("Map<str>", _) => format!("{{\"k\" => {}, \"j\" => {}}}", self.expr("str", depth - 1), self.expr("str", depth - 1)),
            ("Json", 0 | 1) => format!("Json {}", self.rng.below(9)),
            ("Json", _) => format!(
                "Json {{ a: {}, b: [{}], c: {{ d: {} }} }}",
                self.expr("num", depth - 1),
                self.expr("str", depth - 1),
                self.expr("bool", depth - 1)
            ),
            ("str?", 0) => "nil".into(),
            ("str?", 1) => format!("\"o{}\"", self.rng.below(9)),
            ("str?", _) => format!("{}.tryGet(\"k\")", self.expr("Map<str>", depth - 1)),
            _ => unreachable!("a type the generator does not know"),
        }
    }

    /// An expression of type `str?` that may really be nil.
    fn optional_str(&mut self, depth: usize) -> String {
        match self.var_of("str?") {
            Some(name) if self.rng.below(2) == 0 => name,
            _ if self.rng.below(3) == 0 => "nil".into(),
            _ => format!("{}.tryGet(\"k\")", self.expr("Map<str>", depth)),
        }
    }

    fn stmt(&mut self, depth: usize) -> String {
        let ty = self.rng.pick(SIMPLE);
        match self.rng.below(if depth == 0 { 3 } else { 9 }) {
            0 => {
                let name = self.fresh();
                let value = self.expr(ty, 2);
                let var = self.rng.below(2) == 0;
                self.vars.push((name.clone(), ty, var));
                format!("let {}{name}: {ty} = {value};", if var { "var " } else { "" })
            }
            1 => match self.vars.iter().filter(|(_, _, var)| *var).map(|(n, t, _)| (n.clone(), *t)).next() {
                Some((name, ty)) => format!("{name} = {};", self.expr(ty, 2)),
                None => format!("log({});", self.expr("str", 2)),
            },
            2 => format!("log({});", self.expr("str", 2)),
            3 => format!("if {} {{ {} }} else {{ {} }}", self.expr("bool", 2), self.scoped(depth - 1), self.scoped(depth - 1)),
            4 => format!("for i in 0..{} {{ {} }}", self.rng.below(4), self.scoped(depth - 1)),
            5 => format!("for item in {} {{ {} }}", self.expr("Array<num>", 1), self.scoped(depth - 1)),
            6 => {
                format!("try {{ {} }} catch err {{ log(err); }} finally {{ {} }}", self.scoped(depth - 1), self.scoped(depth - 1))
            }
            7 => {
                let name = self.fresh();
                let body = self.expr("num", 2);
                let fn_ty = "(num): num";
                let text = format!("let {name} = (n: num): num => {{ return n + {body}; }};");
                self.vars.push((name, fn_ty, false));
                text
            }
            _ => format!("assert({} || true);", self.expr("bool", 2)),
        }
    }

    /// Statements in a nested block: what they declare stays inside.
    fn scoped(&mut self, depth: usize) -> String {
        let saved = self.vars.len();
        let count = 1 + self.rng.below(3);
        let text = (0..count).map(|_| self.stmt(depth)).collect::<Vec<_>>().join(" ");
        self.vars.truncate(saved);
        text
    }

    fn program(&mut self) -> String {
        self.vars.clear();
        let preflight = self.scoped(2);
        let saved = self.vars.len();
        let inflight = self.scoped(3);
        self.vars.truncate(saved);
        format!("bring cloud;\n{preflight}\ntest \"generated\" {{\n{inflight}\n}}\n")
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
