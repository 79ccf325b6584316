//! Random programs from Wing's grammar: declarations that refer to each
//! other in any order (recursive structs, `extends` chains and cycles of
//! structs, interfaces and classes), statements and expressions nested to
//! any depth, long lines, many declarations, huge literals and
//! interpolations, and the run-time shapes that once broke things (cyclic
//! `MutJson` in every operation, cyclic preflight objects lifted inflight,
//! resource handles flowing through long alias chains into `lift` blocks).
//! Most programs are nearly well typed, so many reach preflight evaluation,
//! code generation and the simulator; the rest exercise error paths.

use super::rng::Rng;
use super::typed::Typed;

/// A generator of whole programs.
pub struct Grammar {
    pub rng: Rng,
    /// Whether this program may grow large in one dimension (most stay
    /// small, so that many are tried).
    stress: bool,
    typed: Typed,
    /// Declared types, by kind: how many of each (names are `S0`, `I3`, …).
    structs: usize,
    interfaces: usize,
    classes: usize,
    enums: usize,
}

const NAMES: &[&str] = &["a", "b", "count", "name", "items", "store", "s", "this", "x", "y", "total", "f", "j", "m"];
const OPS: &[&str] = &["+", "-", "*", "/", "\\", "%", "**", "==", "!=", "<", ">=", "&&", "||", "??"];

impl Grammar {
    pub fn new(seed: u64) -> Grammar {
        let mut rng = Rng::new(seed);
        Grammar {
            stress: rng.one_in(5),
            rng,
            typed: Typed { rng: Rng::new(seed ^ 0x9E37_79B9_7F4A_7C15), vars: Vec::new(), next: 0 },
            structs: 0,
            interfaces: 0,
            classes: 0,
            enums: 0,
        }
    }

    /// One program.
    pub fn program(&mut self) -> String {
        self.structs = self.size(400, 12);
        self.interfaces = self.size(60, 12);
        self.classes = self.size(60, 12);
        self.enums = 1 + self.rng.below(3);
        let mut out = String::from("bring cloud;\nbring expect;\nbring util;\n");
        let mut parts: Vec<String> = Vec::new();
        for i in 0..self.structs {
            parts.push(self.structure(i));
        }
        for i in 0..self.interfaces {
            parts.push(self.interface(i));
        }
        for i in 0..self.classes {
            parts.push(self.class(i));
        }
        for i in 0..self.enums {
            parts.push(self.enumeration(i));
        }
        // Declarations are hoisted: any order must do.
        if self.rng.one_in(2) {
            self.shuffle(&mut parts);
        }
        for part in parts {
            out += &part;
        }
        let statements = self.size(300, 10);
        for _ in 0..statements {
            out += &self.top_statement();
            out.push('\n');
        }
        out
    }

    /// A size: 1..=4, or up to `max` now and then when stressing.
    fn size(&mut self, max: usize, rare: usize) -> usize {
        if self.stress { self.rng.size(max, rare) } else { 1 + self.rng.below(4) }
    }

    fn shuffle(&mut self, items: &mut [String]) {
        for i in (1..items.len()).rev() {
            let j = self.rng.below(i + 1);
            items.swap(i, j);
        }
    }

    fn struct_name(&mut self) -> String {
        format!("S{}", self.rng.below(self.structs))
    }

    fn class_name(&mut self) -> String {
        format!("C{}", self.rng.below(self.classes))
    }

    /// A written type: primitives, collections, the declared types (so
    /// struct fields refer to each other and themselves).
    fn ty(&mut self, depth: usize) -> String {
        let leaf = depth == 0 || self.rng.one_in(3);
        match self.rng.below(if leaf { 8 } else { 14 }) {
            0 => "num".into(),
            1 => "str".into(),
            2 => "bool".into(),
            3 => "Json".into(),
            4 => format!("{}?", self.struct_name()),
            5 => format!("E{}", self.rng.below(self.enums)),
            6 => "duration".into(),
            7 => "MutJson?".into(),
            8 => format!("Array<{}>", self.ty(depth - 1)),
            9 => format!("Map<{}>", self.ty(depth - 1)),
            10 => format!("Set<{}>", self.ty(depth - 1)),
            11 => format!("{}?", self.ty(depth - 1)),
            12 => format!("({}): {}", self.ty(depth - 1), self.ty(depth - 1)),
            _ => format!("MutArray<{}>", self.ty(depth - 1)),
        }
    }

    fn structure(&mut self, i: usize) -> String {
        let parents = self.parents(i, self.structs, "S");
        let fields = self.size(40, 20);
        let mut out = format!("struct S{i}{parents} {{\n");
        for f in 0..fields {
            let ty = self.ty(2);
            out += &format!("  f{i}_{f}: {ty};\n");
        }
        out + "}\n"
    }

    /// ` extends P1, P2` over declarations of one kind: any of them, so
    /// forward references, self references and cycles all occur.
    fn parents(&mut self, i: usize, count: usize, prefix: &str) -> String {
        if self.rng.one_in(2) {
            return String::new();
        }
        let n = 1 + self.rng.below(3);
        let names: Vec<String> = (0..n)
            .map(|_| {
                // Mostly earlier or later neighbours; sometimes itself.
                let j = if self.rng.one_in(10) { i } else { self.rng.below(count) };
                format!("{prefix}{j}")
            })
            .collect();
        format!(" extends {}", names.join(", "))
    }

    fn interface(&mut self, i: usize) -> String {
        let parents = self.parents(i, self.interfaces, "I");
        let mut out = format!("interface I{i}{parents} {{\n");
        for m in 0..1 + self.rng.below(3) {
            let phase = if self.rng.one_in(2) { "inflight " } else { "" };
            out += &format!("  {phase}m{i}_{m}(x: num): str;\n");
        }
        out + "}\n"
    }

    fn class(&mut self, i: usize) -> String {
        let phase = if self.rng.one_in(4) { "inflight " } else { "" };
        let parent = if self.rng.one_in(3) { format!(" extends {}", self.class_name()) } else { String::new() };
        let implements = if self.rng.one_in(3) && self.interfaces > 0 {
            format!(" impl I{}", self.rng.below(self.interfaces))
        } else {
            String::new()
        };
        let mut out = format!("{phase}class C{i}{parent}{implements} {{\n");
        let fields = self.size(30, 20);
        let mut init = String::new();
        for f in 0..fields {
            let (ty, value) = self.field_type_and_default();
            out += &format!("  pub var g{i}_{f}: {ty};\n");
            init += &format!("    this.g{i}_{f} = {value};\n");
        }
        if self.rng.one_in(4) {
            out += &format!("  pub var next{i}: C{i}?;\n");
            init += &format!("    this.next{i} = nil;\n");
        }
        if !self.rng.one_in(5) {
            out += &format!("  new() {{\n{init}  }}\n");
        }
        for m in 0..self.size(6, 10) {
            let inflight = if phase.is_empty() && self.rng.one_in(2) { "inflight " } else { "" };
            let body = self.block(2);
            out += &format!("  pub {inflight}m{i}_{m}(x: num): str {{\n    {body}\n    return \"{{x}}\";\n  }}\n");
        }
        out + "}\n"
    }

    fn field_type_and_default(&mut self) -> (String, String) {
        match self.rng.below(8) {
            0 => ("num".into(), self.rng.below(100).to_string()),
            1 => ("str".into(), format!("\"v{}\"", self.rng.below(9))),
            2 => ("bool".into(), "true".into()),
            3 => ("Json".into(), "Json { a: [1, 2], b: { c: nil } }".into()),
            4 => ("MutJson".into(), "MutJson { a: 1 }".into()),
            5 => ("MutArray<num>".into(), "MutArray<num>[1, 2]".into()),
            6 => (format!("{}?", self.struct_name()), "nil".into()),
            _ => ("cloud.Bucket?".into(), "nil".into()),
        }
    }

    fn enumeration(&mut self, i: usize) -> String {
        let variants = self.size(2000, 30);
        let names: Vec<String> = (0..variants).map(|v| format!("V{v}")).collect();
        format!("enum E{i} {{ {} }}\n", names.join(", "))
    }

    fn top_statement(&mut self) -> String {
        match self.rng.below(13) {
            0 | 1 => self.typed_program_part(),
            2 => self.cyclic_json(),
            3 => self.cyclic_objects(),
            4 => self.struct_use(),
            5 => self.deep_nesting(),
            6 => self.long_line(),
            7 => format!("test \"t{}\" {{\n{}\n}}", self.rng.below(1000), self.block(3)),
            8 => self.new_placement(),
            9 => self.grant_flow(),
            _ => self.statement(3),
        }
    }

    /// Well-typed statements, preflight and in a test (they compile and run).
    fn typed_program_part(&mut self) -> String {
        let program = self.typed.program();
        program.replacen("bring cloud;\n", "", 1).replace("test \"generated\"", &format!("test \"g{}\"", self.rng.below(100_000)))
    }

    /// A `MutJson` that contains itself (directly, through another value,
    /// through an array), used by an operation that walks it: each must
    /// end with a Wing error, preflight and inflight.
    fn cyclic_json(&mut self) -> String {
        let n = self.rng.below(100_000);
        let build = match self.rng.below(3) {
            0 => format!("let c{n} = MutJson {{ a: 1 }};\nc{n}.set(\"self\", c{n});"),
            1 => format!(
                "let c{n} = MutJson {{ a: 1 }};\nlet d{n} = MutJson {{ b: 2 }};\nc{n}.set(\"d\", d{n});\nd{n}.set(\"c\", c{n});"
            ),
            _ => format!("let c{n} = MutJson [1, 2];\nc{n}.setAt(1, c{n});"),
        };
        let op = match self.rng.below(10) {
            0 => format!("log(\"{{c{n}}}\");"),
            1 => format!("log(Json.stringify(c{n}));"),
            2 => format!("throw \"bad: {{c{n}}}\";"),
            3 => format!("let copy{n} = Json.deepCopy(c{n});"),
            4 => format!("let copy{n} = Json.deepCopyMut(c{n});"),
            5 => format!("log(\"{{Json.keys(c{n}).length}}\");"),
            6 => format!("let s{n} = {}.tryFromJson(c{n});", self.struct_name()),
            7 => format!("log(\"{{c{n} == MutJson {{ a: 1 }}}}\");"),
            8 => format!("log(Json.stringify(c{n}, indent: 2));"),
            _ => format!("let frozen{n}: Json = c{n};\nlog(\"{{frozen{n}.get(\\\"a\\\")}}\");"),
        };
        match self.rng.below(3) {
            // Preflight, in a `try` (a Wing error, caught), or uncaught.
            0 => format!("{build}\ntry {{ {op} }} catch e {{ log(e); }}"),
            1 => format!("{build}\n{op}"),
            // Inflight, built there or lifted from preflight.
            _ if self.rng.one_in(2) => format!("test \"cycle {n}\" {{\n{build}\n{op}\n}}"),
            _ => format!("{build}\ntest \"lifted cycle {n}\" {{\n{op}\n}}"),
        }
    }

    /// Preflight objects whose fields point back at themselves or an
    /// ancestor, lifted into inflight code.
    fn cyclic_objects(&mut self) -> String {
        let n = self.rng.below(100_000);
        format!(
            "class Ring{n} {{\n  pub var next: Ring{n}?;\n  pub label: str;\n  new(label: str) {{ this.label = label; this.next = nil; }}\n  pub inflight name(): str {{ return this.label; }}\n}}\n\
             let r{n} = new Ring{n}(\"a\") as \"r{n}a\";\nlet q{n} = new Ring{n}(\"b\") as \"r{n}b\";\n\
             r{n}.next = q{n};\nq{n}.next = {};\n\
             test \"ring {n}\" {{\n  log(r{n}.next?.next?.name() ?? \"none\");\n}}",
            if self.rng.one_in(2) { format!("r{n}") } else { format!("q{n}") }
        )
    }

    /// A struct value used as Json, assigned to another struct, parsed.
    fn struct_use(&mut self) -> String {
        let (a, b) = (self.struct_name(), self.struct_name());
        let n = self.rng.below(100_000);
        match self.rng.below(4) {
            0 => format!("let p{n}: {a}? = {a}.tryFromJson(Json {{ a: 1 }});\nlet j{n}: Json? = p{n};"),
            1 => format!("let describe{n} = (v: {a}): Json => {{ let other: {b} = v; return v; }};"),
            2 => format!("let q{n} = {a}.tryParseJson(\"{{}}\");\ntest \"s{n}\" {{ log(Json.stringify(q{n})); }}"),
            _ => format!("let pass{n} = (j: Json) => {{ log(\"{{j}}\"); }};\nlet v{n}: {a}? = nil;\npass{n}(v{n});"),
        }
    }

    /// Blocks, parentheses, arrays, unary operators or else-if chains
    /// nested to a random depth (sometimes beyond the parser's limit).
    fn deep_nesting(&mut self) -> String {
        let depth = if self.stress && self.rng.one_in(2) { 200 + self.rng.below(400) } else { 1 + self.rng.below(60) };
        match self.rng.below(7) {
            0 => format!("{}log(\"deep\");{}", "if true { ".repeat(depth), " }".repeat(depth)),
            1 => format!("let p = {}1{};", "(".repeat(depth), ")".repeat(depth)),
            2 => format!("let arr = {}1{};", "[".repeat(depth), "]".repeat(depth)),
            3 => format!("let neg = {}1;", "-".repeat(depth)),
            4 => {
                let chain: String = (1..depth).map(|i| format!(" else if x == {i} {{ log(\"{i}\"); }}")).collect();
                format!("let x = 3;\nif x == 0 {{ log(\"0\"); }}{chain} else {{ log(\"other\"); }}")
            }
            5 => format!("let t: {}num{} = [];", "Array<".repeat(depth), ">".repeat(depth)),
            _ => format!("let f = {}1{};", "(x: num): num => { return ".repeat(depth), "; }".repeat(depth)),
        }
    }

    /// One line with thousands of tokens.
    fn long_line(&mut self) -> String {
        let n = self.size(20_000, 3);
        match self.rng.below(6) {
            0 => format!("let sum = {};", vec!["1"; n].join(" + ")),
            1 => format!("let list = [{}];", (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", ")),
            2 => format!("let y = 1;\nlet text = \"{}\";", "a{y}".repeat(n)),
            3 => format!("let obj = Json {{ {} }};", (0..n).map(|i| format!("k{i}: {i}")).collect::<Vec<_>>().join(", ")),
            4 => format!("let words = \"{}\";", "word ".repeat(n)),
            _ => (0..n).map(|i| format!("let v{i} = {i};")).collect::<Vec<_>>().join(" "),
        }
    }

    /// A resource handle flowing through aliases (chains of any length,
    /// sometimes cyclic through `var`s), closure and method parameters and
    /// `lift { … }` blocks whose qualifications are right, unknown or
    /// missing: the grant inference must end, and end with a located error
    /// where it cannot know the operations.
    fn grant_flow(&mut self) -> String {
        let n = self.rng.below(100_000);
        let resource = self.rng.pick(&["cloud.Bucket", "cloud.Queue", "cloud.Counter", "cloud.Topic"]);
        let op = self.rng.pick(&["put(\"k\", \"v\")", "push(\"m\")", "inc()", "publish(\"m\")", "get(\"k\")", "peek()"]);
        let chain = self.size(2_000, 20);
        let mut body = format!("    let a0 = r{n};\n");
        for i in 1..chain {
            let from = if self.rng.one_in(8) { self.rng.below(i) } else { i - 1 };
            body += &format!("    let a{i} = a{from};\n");
        }
        let last = chain - 1;
        let use_it = match self.rng.below(5) {
            0 => format!("    a{last}.{op};\n"),
            1 => format!("    let use{n} = inflight (h: {resource}) => {{ h.{op}; }};\n    use{n}(a{last});\n"),
            2 => format!("    let all{n} = [a0, a{last}];\n    all{n}.at(0).{op};\n"),
            3 => format!("    var v{n} = a0;\n    v{n} = a{last};\n    v{n}.{op};\n"),
            _ => format!("    a{last}.{}();\n", self.rng.pick(NAMES)),
        };
        let ops = self.rng.pick(&["[put, get]", "[push]", "[inc, peek]", "[publish]", "[]", "[nothing]", ""]);
        let body = match self.rng.below(3) {
            0 => format!("  lift {{ r{n}: {ops} }} {{\n{body}{use_it}  }}\n"),
            1 => format!("  lift {{ r{n}: {ops}, {}: [put] }} {{\n{body}{use_it}  }}\n", self.rng.pick(NAMES)),
            _ => format!("{body}{use_it}"),
        };
        format!("let r{n} = new {resource}() as \"flow{n}\";\ntest \"flow {n}\" {{\n{body}}}")
    }

    fn new_placement(&mut self) -> String {
        let class = self.class_name();
        let id = match self.rng.below(3) {
            0 => format!("\"id{}\"", self.rng.below(9)),
            1 => self.rng.pick(NAMES).to_string(),
            _ => self.expr(2),
        };
        let scope = if self.rng.one_in(2) { format!(" in {}", self.expr(1)) } else { String::new() };
        format!("let placed{} = new {class}() as {id}{scope};", self.rng.below(100_000))
    }

    fn block(&mut self, depth: usize) -> String {
        let count = self.size(20, 10);
        (0..count).map(|_| self.statement(depth)).collect::<Vec<_>>().join("\n")
    }

    fn statement(&mut self, depth: usize) -> String {
        let e = |g: &mut Grammar| g.expr(depth.min(3));
        let block = |g: &mut Grammar| if depth == 0 { String::new() } else { g.block(depth - 1) };
        match self.rng.below(17) {
            0 => format!("let {}{} = {};", self.rng.pick(&["", "var "]), self.rng.pick(NAMES), e(self)),
            1 => format!("let {}: {} = {};", self.rng.pick(NAMES), self.ty(2), e(self)),
            2 => format!("{} {} {};", self.rng.pick(NAMES), self.rng.pick(&["=", "+=", "-="]), e(self)),
            3 => format!("if {} {{ {} }} else {{ {} }}", e(self), block(self), block(self)),
            4 => format!("if let {} = {} {{ {} }} else if let z = {} {{ }}", self.rng.pick(NAMES), e(self), block(self), e(self)),
            5 => format!(
                "for {} in {} {{ {} }}",
                self.rng.pick(NAMES),
                self.rng.pick(&["0..3", "3..=0", "items", "[1, 2]", "x"]),
                block(self)
            ),
            6 => format!("while {} {{ {} break; }}", e(self), block(self)),
            7 => format!("return {};", e(self)),
            8 => format!("try {{ {} }} catch e {{ {} }} finally {{ {} }}", block(self), block(self), block(self)),
            9 => format!("throw {};", e(self)),
            10 => format!("log({});", e(self)),
            11 => format!("assert({});", e(self)),
            12 => format!("{}.{} = {};", self.rng.pick(NAMES), self.rng.pick(NAMES), e(self)),
            13 => format!("{}[{}] = {};", self.rng.pick(NAMES), e(self), e(self)),
            14 => format!("let c = new {}();", self.class_name()),
            15 => format!("let v: {} = {};", self.struct_name(), e(self)),
            _ => format!("{};", e(self)),
        }
    }

    /// A random expression of bounded depth (mostly ill-typed).
    pub fn expr(&mut self, depth: usize) -> String {
        if depth == 0 {
            return match self.rng.below(9) {
                0 => self.rng.below(100).to_string(),
                1 => format!("\"t{}\"", self.rng.below(9)),
                2 => "true".into(),
                3 => "nil".into(),
                4 => "5s".into(),
                5 => format!("\"x{{{}}}\"", self.rng.pick(NAMES)),
                6 => format!("E0.V{}", self.rng.below(3)),
                _ => self.rng.pick(NAMES).into(),
            };
        }
        let e = |g: &mut Grammar| g.expr(depth - 1);
        match self.rng.below(22) {
            0 => format!("{} {} {}", e(self), self.rng.pick(OPS), e(self)),
            1 => format!("!{}", e(self)),
            2 => format!("{}!", e(self)),
            3 => format!(
                "{}.{}",
                e(self),
                self.rng.pick(&[
                    "length",
                    "at(0)",
                    "get(\"k\")",
                    "push(1)",
                    "set(\"k\", 1)",
                    "name",
                    "size()",
                    "asStr()",
                    "copy()"
                ])
            ),
            4 => format!("{}?.{}", e(self), self.rng.pick(&["length", "name", "get(\"k\")"])),
            5 => format!("{}({})", self.rng.pick(NAMES), e(self)),
            6 => format!("[{}, {}]", e(self), e(self)),
            7 => format!("{{\"k\" => {}}}", e(self)),
            8 => format!("Json {{ a: {}, b: [{}] }}", e(self), e(self)),
            9 => format!("MutJson {{ a: {}, b: [{}] }}", e(self), e(self)),
            10 => format!("{} {{ }}", self.struct_name()),
            11 => format!("new {}()", self.class_name()),
            12 => format!("new cloud.Bucket() as \"b{}\"", self.rng.below(3)),
            13 => format!("{}(x: num): num => {{ {} }}", self.rng.pick(&["", "inflight "]), self.block(depth - 1)),
            14 => format!("{}[{}]", e(self), e(self)),
            15 => format!("unsafeCast({})", e(self)),
            16 => format!("{}.fromJson({})", self.struct_name(), e(self)),
            17 => format!("Json.stringify({})", e(self)),
            18 => format!("Json.{}({})", self.rng.pick(&["deepCopy", "deepCopyMut", "keys", "values", "entries"]), e(self)),
            19 => format!("\"{{{}}} and {{{}}}\"", e(self), e(self)),
            20 => format!("{}.m{}_0({})", e(self), self.rng.below(self.classes.max(1)), e(self)),
            _ => format!("({})", e(self)),
        }
    }
}
