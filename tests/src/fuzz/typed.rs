//! Well-typed random programs: a generator of code that tracks the
//! variables in scope and their types, so every program gets through the
//! checker into preflight evaluation, code generation and the simulator.
//! The differential test runs its expressions in both phases.

use super::rng::Rng;

/// Well-typed random programs: a generator that tracks the variables in
/// scope and their types, so every program should get through the checker
/// into preflight evaluation and code generation.
pub struct Typed {
    pub rng: Rng,
    /// Variables in scope: name, type, reassignable.
    pub vars: Vec<(String, &'static str, bool)>,
    pub next: usize,
}

pub const SIMPLE: &[&str] = &["num", "str", "bool", "Array<num>", "Map<str>", "Json", "str?", "MutArray<num>"];

impl Typed {
    fn fresh(&mut self) -> String {
        self.next += 1;
        format!("v{}", self.next)
    }

    fn var_of(&mut self, ty: &str) -> Option<String> {
        let found: Vec<String> = self.vars.iter().filter(|(_, t, _)| *t == ty).map(|(n, _, _)| n.clone()).collect();
        (!found.is_empty()).then(|| found[self.rng.below(found.len())].clone())
    }

    pub fn expr(&mut self, ty: &'static str, depth: usize) -> String {
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
            ("num", 2) => match self.rng.pick(&["+", "-", "*", "\\", "%", "**"]) {
                // Right operands that keep the result a number (no NaN from
                // a zero divisor or a fractional power of a negative base).
                op @ ("\\" | "%") => format!("({} {op} {})", self.expr("num", depth - 1), 1 + self.rng.below(9)),
                "**" => format!("({} ** {})", self.expr("num", depth - 1), self.rng.below(4)),
                op => format!("({} {op} {})", self.expr("num", depth - 1), self.expr("num", depth - 1)),
            },
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

    pub fn program(&mut self) -> String {
        self.vars.clear();
        let preflight = self.scoped(2);
        let saved = self.vars.len();
        let inflight = self.scoped(3);
        self.vars.truncate(saved);
        format!("bring cloud;\n{preflight}\ntest \"generated\" {{\n{inflight}\n}}\n")
    }
}
