//! AST printer: takes a [`Module`], gives a compact indented outline with
//! no spans or node ids (for snapshot tests and `--dump-ast`-style
//! debugging). One node per line; children are indented two spaces.

use std::fmt::Write;

use super::ast::*;

/// The outline of a whole module.
pub fn dump(module: &Module) -> String {
    let mut p = Printer::default();
    for s in &module.stmts {
        p.stmt(s);
    }
    p.out
}

/// The outline of one expression.
pub fn dump_expr(expr: &Expr) -> String {
    let mut p = Printer::default();
    p.expr(expr);
    p.out
}

#[derive(Default)]
struct Printer {
    out: String,
    indent: usize,
}

fn path(p: &[Ident]) -> String {
    p.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(".")
}

/// A type annotation on one line, as it would be written.
pub fn type_text(t: &TypeAnnotation) -> String {
    match &t.kind {
        TypeAnnotationKind::Inferred => "_".to_string(),
        TypeAnnotationKind::Named { path: p, args } if args.is_empty() => path(p),
        TypeAnnotationKind::Named { path: p, args } => {
            let args: Vec<String> = args.iter().map(type_text).collect();
            format!("{}<{}>", path(p), args.join(", "))
        }
        TypeAnnotationKind::Optional(inner) => match inner.kind {
            TypeAnnotationKind::Function { .. } => format!("({})?", type_text(inner)),
            _ => format!("{}?", type_text(inner)),
        },
        TypeAnnotationKind::Function { phase, params, result } => {
            let params: Vec<String> = params.iter().map(type_text).collect();
            let ph = match phase {
                Phase::Inflight => "inflight ",
                Phase::Independent => "unphased ",
                Phase::Preflight => "",
            };
            format!("{ph}({}): {}", params.join(", "), type_text(result))
        }
    }
}

fn modifiers(m: &Modifiers) -> String {
    let mut s = String::new();
    match m.visibility {
        Visibility::Public => s.push_str("pub "),
        Visibility::Protected => s.push_str("protected "),
        Visibility::Private => {}
    }
    if m.is_extern {
        s.push_str("extern ");
    }
    if m.is_static {
        s.push_str("static ");
    }
    match m.phase {
        Some(Phase::Inflight) => s.push_str("inflight "),
        Some(Phase::Preflight) => s.push_str("preflight "),
        Some(Phase::Independent) => s.push_str("unphased "),
        None => {}
    }
    s
}

fn signature(s: &FunctionSignatureDecl) -> String {
    let mut out = s.name.name.clone();
    if !s.type_params.is_empty() {
        out.push('<');
        out.push_str(&path(&s.type_params).replace('.', ", "));
        out.push('>');
    }
    out.push('(');
    let params: Vec<String> = s.params.iter().map(param).collect();
    out.push_str(&params.join(", "));
    out.push(')');
    if let Some(r) = &s.return_type {
        out.push_str(": ");
        out.push_str(&type_text(r));
    }
    out
}

fn param(p: &Param) -> String {
    format!(
        "{}{}{}: {}",
        if p.reassignable { "var " } else { "" },
        if p.variadic { "..." } else { "" },
        p.name.name,
        type_text(&p.ty)
    )
}

impl Printer {
    fn line(&mut self, text: impl AsRef<str>) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    fn nested(&mut self, f: impl FnOnce(&mut Printer)) {
        self.indent += 1;
        f(self);
        self.indent -= 1;
    }

    fn block(&mut self, label: &str, b: &Block) {
        self.line(label);
        self.nested(|p| b.stmts.iter().for_each(|s| p.stmt(s)));
    }

    fn labelled(&mut self, label: &str, e: &Expr) {
        self.line(label);
        self.nested(|p| p.expr(e));
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Bring { target, alias } => {
                let t = match target {
                    BringTarget::Module(m) => m.name.clone(),
                    BringTarget::File { path, .. } => format!("{path:?}"),
                };
                match alias {
                    Some(a) => self.line(format!("bring {t} as {}", a.name)),
                    None => self.line(format!("bring {t}")),
                }
            }
            StmtKind::Let { reassignable, name, ty, value } => {
                let var = if *reassignable { "var " } else { "" };
                let ty = ty.as_ref().map(|t| format!(": {}", type_text(t)));
                self.labelled(&format!("let {var}{}{}", name.name, ty.unwrap_or_default()), value);
            }
            StmtKind::Assign { target, op, value } => {
                let op = match op {
                    AssignOp::Set => "=",
                    AssignOp::Add => "+=",
                    AssignOp::Sub => "-=",
                };
                self.line(format!("assign {op}"));
                self.nested(|p| {
                    p.expr(target);
                    p.expr(value);
                });
            }
            StmtKind::Expr(e) => self.labelled("expr", e),
            StmtKind::If { cond, then, otherwise } => {
                self.labelled("if", cond);
                self.block("then", then);
                if let Some(o) = otherwise {
                    self.block("else", o);
                }
            }
            StmtKind::IfLet { reassignable, name, value, then, otherwise } => {
                let var = if *reassignable { "var " } else { "" };
                self.labelled(&format!("if let {var}{}", name.name), value);
                self.block("then", then);
                if let Some(o) = otherwise {
                    self.block("else", o);
                }
            }
            StmtKind::For { var, iterable, body } => {
                self.labelled(&format!("for {} in", var.name), iterable);
                self.block("do", body);
            }
            StmtKind::While { cond, body } => {
                self.labelled("while", cond);
                self.block("do", body);
            }
            StmtKind::Break => self.line("break"),
            StmtKind::Continue => self.line("continue"),
            StmtKind::Return(None) => self.line("return"),
            StmtKind::Return(Some(e)) => self.labelled("return", e),
            StmtKind::Throw(e) => self.labelled("throw", e),
            StmtKind::Try { body, catch, finally } => {
                self.block("try", body);
                if let Some(c) = catch {
                    let var = c.var.as_ref().map(|v| format!(" {}", v.name));
                    self.block(&format!("catch{}", var.unwrap_or_default()), &c.body);
                }
                if let Some(f) = finally {
                    self.block("finally", f);
                }
            }
            StmtKind::Block(b) => self.block("block", b),
            StmtKind::Lift { qualifications, body } => {
                for q in qualifications {
                    let ops: Vec<&str> = q.ops.iter().map(|op| op.name.as_str()).collect();
                    self.labelled(&format!("lift [{}]", ops.join(", ")), &q.target);
                }
                self.block("lifted", body);
            }
            StmtKind::Test { name, body, .. } => self.block(&format!("test {name:?}"), body),
            StmtKind::Class(c) => self.class(c),
            StmtKind::Interface(i) => {
                let ext: Vec<String> = i.extends.iter().map(|t| path(&t.path)).collect();
                let pub_ = if i.is_pub { "pub " } else { "" };
                let ext = if ext.is_empty() { String::new() } else { format!(" extends {}", ext.join(", ")) };
                self.line(format!("{pub_}interface {}{ext}", i.name.name));
                self.nested(|p| {
                    for m in &i.members {
                        p.line(format!("method {}{}", modifiers(&m.modifiers), signature(&m.signature)));
                    }
                });
            }
            StmtKind::Struct(st) => {
                let ext: Vec<String> = st.extends.iter().map(|t| path(&t.path)).collect();
                let pub_ = if st.is_pub { "pub " } else { "" };
                let ext = if ext.is_empty() { String::new() } else { format!(" extends {}", ext.join(", ")) };
                self.line(format!("{pub_}struct {}{ext}", st.name.name));
                self.nested(|p| {
                    for f in &st.fields {
                        p.line(format!("field {}: {}", f.name.name, type_text(&f.ty)));
                    }
                });
            }
            StmtKind::Enum(e) => {
                let v: Vec<&str> = e.variants.iter().map(|v| v.name.as_str()).collect();
                let pub_ = if e.is_pub { "pub " } else { "" };
                self.line(format!("{pub_}enum {} {{ {} }}", e.name.name, v.join(", ")));
            }
            StmtKind::ExternFunction(sig) => {
                self.line(format!("function {}{}", modifiers(&sig.modifiers), signature(sig)));
            }
            StmtKind::ExternConstant { modifiers: m, name, .. } => {
                self.line(format!("constant {}{}", modifiers(m), name.name));
            }
            StmtKind::Error => self.line("<error>"),
        }
    }

    fn class(&mut self, c: &ClassDecl) {
        let mut head = String::new();
        if c.is_pub {
            head.push_str("pub ");
        }
        if c.phase == Phase::Inflight {
            head.push_str("inflight ");
        }
        let _ = write!(head, "class {}", c.name.name);
        if !c.type_params.is_empty() {
            let _ = write!(head, "<{}>", path(&c.type_params).replace('.', ", "));
        }
        if let Some(e) = &c.extends {
            let _ = write!(head, " extends {}", path(&e.path));
        }
        if !c.implements.is_empty() {
            let imp: Vec<String> = c.implements.iter().map(|t| path(&t.path)).collect();
            let _ = write!(head, " impl {}", imp.join(", "));
        }
        self.line(head);
        self.nested(|p| {
            for m in &c.members {
                match m {
                    ClassMember::Field { modifiers: m, reassignable, name, ty, .. } => {
                        let var = if *reassignable { "var " } else { "" };
                        p.line(format!("field {}{var}{}: {}", modifiers(m), name.name, type_text(ty)));
                    }
                    ClassMember::Method(m) => {
                        let kind = if m.is_constructor { "constructor" } else { "method" };
                        let text = format!("{kind} {}{}", modifiers(&m.modifiers), signature(&m.signature));
                        match &m.body {
                            Some(b) => p.block(&text, b),
                            None => p.line(format!("{text};")),
                        }
                    }
                }
            }
        });
    }

    fn args(&mut self, args: &[Arg]) {
        for a in args {
            match &a.name {
                Some(n) => self.labelled(&format!("{}:", n.name), &a.value),
                None => self.expr(&a.value),
            }
        }
    }

    fn fields(&mut self, fields: &[(Ident, Expr)]) {
        for (name, value) in fields {
            self.labelled(&format!("{}:", name.name), value);
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Nil => self.line("nil"),
            ExprKind::Bool(b) => self.line(b.to_string()),
            ExprKind::Num(n) => self.line(format!("num {n}")),
            ExprKind::Duration(d) => self.line(format!("duration {d}s")),
            ExprKind::Str(s) => self.line(format!("str {s:?}")),
            ExprKind::Interpolated(parts) => {
                self.line("interpolated");
                self.nested(|p| {
                    for part in parts {
                        match part {
                            InterpolationPart::Text(t) => p.line(format!("text {t:?}")),
                            InterpolationPart::Expr(e) => p.expr(e),
                        }
                    }
                });
            }
            ExprKind::Ident(i) => self.line(format!("ident {}", i.name)),
            ExprKind::Member { object, name, optional } => {
                let dot = if *optional { "?." } else { "." };
                self.labelled(&format!("member {dot}{}", name.name), object);
            }
            ExprKind::Call { callee, args } => {
                self.line("call");
                self.nested(|p| {
                    p.expr(callee);
                    p.args(args);
                });
            }
            ExprKind::Index { object, index } => {
                self.line("index");
                self.nested(|p| {
                    p.expr(object);
                    p.expr(index);
                });
            }
            ExprKind::Unary { op, operand } => {
                let op = match op {
                    UnaryOp::Neg => "-",
                    UnaryOp::Not => "!",
                    UnaryOp::Unwrap => "postfix !",
                    UnaryOp::IsSome => "postfix ?",
                };
                self.labelled(&format!("unary {op}"), operand);
            }
            ExprKind::Binary { op, left, right } => {
                self.line(format!("binary {}", op.symbol()));
                self.nested(|p| {
                    p.expr(left);
                    p.expr(right);
                });
            }
            ExprKind::Range { start, end, inclusive } => {
                self.line(if *inclusive { "range ..=" } else { "range .." });
                self.nested(|p| {
                    p.expr(start);
                    p.expr(end);
                });
            }
            ExprKind::New { class, args, id, scope } => {
                self.line(format!("new {}", path(&class.path)));
                self.nested(|p| {
                    p.args(args);
                    if let Some(id) = id {
                        p.labelled("as", id);
                    }
                    if let Some(s) = scope {
                        p.labelled("in", s);
                    }
                });
            }
            ExprKind::Closure(c) => {
                let ph = match c.phase {
                    Phase::Inflight => "inflight ",
                    Phase::Independent => "unphased ",
                    Phase::Preflight => "",
                };
                let params: Vec<String> = c.params.iter().map(param).collect();
                let ret = c.return_type.as_ref().map(|t| format!(": {}", type_text(t)));
                let head = format!("closure {ph}({}){}", params.join(", "), ret.unwrap_or_default());
                self.block(&head, &c.body);
            }
            ExprKind::ArrayLiteral { ty, items } => {
                let ty = ty.as_ref().map(|t| format!(" {}", type_text(t)));
                self.line(format!("array{}", ty.unwrap_or_default()));
                self.nested(|p| items.iter().for_each(|i| p.expr(i)));
            }
            ExprKind::MapLiteral { ty, entries } => {
                let ty = ty.as_ref().map(|t| format!(" {}", type_text(t)));
                self.line(format!("map{}", ty.unwrap_or_default()));
                self.nested(|p| {
                    for (k, v) in entries {
                        p.line("entry");
                        p.nested(|p| {
                            p.expr(k);
                            p.expr(v);
                        });
                    }
                });
            }
            ExprKind::JsonLiteral { mutable, explicit, fields } => {
                let kw = match (explicit, mutable) {
                    (false, _) => "json (bare)",
                    (true, false) => "json Json",
                    (true, true) => "json MutJson",
                };
                self.line(kw);
                self.nested(|p| p.fields(fields));
            }
            ExprKind::JsonValue { mutable, value } => {
                let kw = if *mutable { "MutJson" } else { "Json" };
                self.labelled(&format!("json value {kw}"), value);
            }
            ExprKind::StructLiteral { ty, fields } => {
                self.line(format!("struct {}", path(&ty.path)));
                self.nested(|p| p.fields(fields));
            }
            ExprKind::Intrinsic(i) => self.line(format!("intrinsic @{}", i.name)),
            ExprKind::Error => self.line("<error>"),
        }
    }
}
