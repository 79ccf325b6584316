//! Name occurrences: takes a checked program, gives every name written in
//! the user's files (declarations and uses) with the [`Target`] it refers
//! to, read from the checker's tables, and the span and phase of every
//! function body. Hover, go to definition, references, rename and
//! semantic tokens all read this one list.

use std::collections::HashMap;
use wingc::check::{ArgSlot, MemberRef, MethodReceiver, NameRef, Owner, Semantics, Type, TypeRef, VarId};
use wingc::check::{EnumId, StructId};
use wingc::driver::Checked;
use wingc::syntax::ast::*;
use wingc::syntax::visit::{self, Visitor};

/// What a name refers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    Var(VarId),
    Type(TypeRef),
    /// A field, method or property of a class or interface.
    Member {
        owner: Owner,
        name: String,
    },
    StructField {
        id: StructId,
        name: String,
    },
    EnumVariant {
        id: EnumId,
        name: String,
    },
    /// A stdlib free function or constant (`log`, `math.PI`).
    Function {
        module: String,
        name: String,
    },
    /// A brought module (`cloud`, or a file's alias).
    Namespace(String),
}

impl Target {
    /// The name as written.
    pub fn name<'a>(&'a self, sem: &'a Semantics) -> &'a str {
        match self {
            Target::Var(v) => &sem.var(*v).name,
            Target::Type(TypeRef::Class(c)) => &sem.class(*c).name,
            Target::Type(TypeRef::Struct(s)) => &sem.structure(*s).name,
            Target::Type(TypeRef::Interface(i)) => &sem.interface(*i).name,
            Target::Type(TypeRef::Enum(e)) => &sem.enumeration(*e).name,
            Target::Member { name, .. }
            | Target::StructField { name, .. }
            | Target::EnumVariant { name, .. }
            | Target::Function { name, .. }
            | Target::Namespace(name) => name,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Occurrence {
    pub span: Span,
    pub target: Target,
    /// Whether this is where the target is declared.
    pub is_def: bool,
}

/// Every occurrence in the user's files.
pub fn collect(checked: &Checked) -> Vec<Occurrence> {
    let sem = &checked.semantics;
    let mut types: HashMap<String, TypeRef> = HashMap::new();
    let all = (0..sem.classes.len()).map(|i| (&sem.classes[i].qualified, TypeRef::Class(wingc::check::ClassId(i as u32))));
    let all = all.chain((0..sem.structs.len()).map(|i| (&sem.structs[i].qualified, TypeRef::Struct(StructId(i as u32)))));
    let all = all.chain(
        (0..sem.interfaces.len())
            .map(|i| (&sem.interfaces[i].qualified, TypeRef::Interface(wingc::check::InterfaceId(i as u32)))),
    );
    let all = all.chain((0..sem.enums.len()).map(|i| (&sem.enums[i].qualified, TypeRef::Enum(EnumId(i as u32)))));
    for (name, t) in all {
        types.entry(name.clone()).or_insert(t);
    }
    let mut collector = Collector { sem, types, out: Vec::new() };
    for file in &checked.files {
        visit::walk_module(&mut collector, &file.module);
    }
    collector.out.sort_by_key(|o| (o.span.file, o.span.start));
    collector.out
}

/// Every function body of the user's files (closures, methods, tests)
/// with its phase.
pub fn bodies(checked: &Checked) -> Vec<(Span, Phase)> {
    struct Bodies<'a> {
        sem: &'a Semantics,
        out: Vec<(Span, Phase)>,
    }
    impl Visitor<'_> for Bodies<'_> {
        fn stmt(&mut self, stmt: &Stmt) {
            if let StmtKind::Test { body, .. } = &stmt.kind {
                self.out.push((body.span, Phase::Inflight));
            }
            visit::walk_stmt(self, stmt);
        }

        fn method(&mut self, method: &MethodDecl) {
            if let (Some(body), Some(info)) = (&method.body, self.sem.closures.get(method.id)) {
                self.out.push((body.span, info.phase));
            }
            visit::walk_method(self, method);
        }

        fn expr(&mut self, expr: &Expr) {
            if let ExprKind::Closure(c) = &expr.kind
                && let Some(info) = self.sem.closures.get(expr.id)
            {
                self.out.push((c.body.span, info.phase));
            }
            visit::walk_expr(self, expr);
        }
    }
    let mut bodies = Bodies { sem: &checked.semantics, out: Vec::new() };
    for file in &checked.files {
        visit::walk_module(&mut bodies, &file.module);
    }
    bodies.out
}

struct Collector<'a> {
    sem: &'a Semantics,
    /// Declared types by qualified name.
    types: HashMap<String, TypeRef>,
    out: Vec<Occurrence>,
}

impl Collector<'_> {
    fn add(&mut self, span: Span, target: Target, is_def: bool) {
        if span.end > span.start {
            self.out.push(Occurrence { span, target, is_def });
        }
    }

    fn def_var(&mut self, id: NodeId, span: Span) {
        if let Some(v) = self.sem.declared.get(id) {
            self.add(span, Target::Var(*v), true);
        }
    }

    fn params(&mut self, body: NodeId, params: &[Param]) {
        if let Some(info) = self.sem.closures.get(body) {
            for (p, v) in params.iter().zip(&info.params) {
                self.add(p.name.span, Target::Var(*v), true);
            }
        }
    }

    /// A written type path: `Store`, `cloud.Bucket`, `lib.Item`.
    fn type_path(&mut self, path: &[Ident]) {
        let Some(last) = path.last() else { return };
        let full = path.iter().map(|i| i.name.as_str()).collect::<Vec<_>>().join(".");
        let found = self.types.get(&full).or_else(|| self.types.get(&last.name)).copied();
        if let Some(t) = found {
            self.add(last.span, Target::Type(t), false);
        }
        if path.len() == 2 {
            self.add(path[0].span, Target::Namespace(path[0].name.clone()), false);
        }
    }

    fn extern_target(&self, module: &str, name: &str) -> Target {
        if let Some((ty, member)) = name.split_once('.')
            && let Some(c) = self.sem.classes.iter().position(|c| c.module == module && c.name == ty)
        {
            let owner = self.member_owner(wingc::check::ClassId(c as u32), member);
            return Target::Member { owner, name: member.to_string() };
        }
        Target::Function { module: module.to_string(), name: name.to_string() }
    }

    /// The class (of `class`'s ancestry) that declares `name`.
    fn member_owner(&self, class: wingc::check::ClassId, name: &str) -> Owner {
        Owner::Class(self.sem.find_member(class, name).map_or(class, |(c, _)| c))
    }

    fn struct_of(&self, ty: wingc::check::TypeId) -> Option<StructId> {
        match self.sem.types.get(self.sem.types.strip_optional(ty)) {
            Type::Struct(id) => Some(*id),
            _ => None,
        }
    }

    fn struct_fields(&mut self, ty: wingc::check::TypeId, fields: &[(Ident, Expr)]) {
        if let Some(id) = self.struct_of(ty) {
            for (name, _) in fields {
                self.add(name.span, Target::StructField { id, name: name.name.clone() }, false);
            }
        }
    }

    fn member(&mut self, expr: &Expr, object: &Expr, name: &Ident) {
        let target = match self.sem.members.get(expr.id) {
            Some(MemberRef::Extern { target, .. }) => self.extern_target(&target.module, &target.name),
            Some(MemberRef::StructField(field)) => match self.struct_of(self.sem.type_of(object.id)) {
                Some(id) => Target::StructField { id, name: field.clone() },
                None => return,
            },
            Some(MemberRef::Field { class, name }) | Some(MemberRef::StaticMethod { class, name }) => {
                Target::Member { owner: self.member_owner(*class, name), name: name.clone() }
            }
            Some(MemberRef::Method { receiver, name }) => match receiver {
                MethodReceiver::Class(c) | MethodReceiver::Super(c) => {
                    Target::Member { owner: self.member_owner(*c, name), name: name.clone() }
                }
                MethodReceiver::Interface(i) => Target::Member { owner: Owner::Interface(*i), name: name.clone() },
            },
            Some(MemberRef::EnumVariant { id, name }) => Target::EnumVariant { id: *id, name: name.clone() },
            Some(MemberRef::Type(t)) => Target::Type(*t),
            Some(MemberRef::StructStatic { .. }) | None => return,
        };
        self.add(name.span, target, false);
    }

    fn class(&mut self, stmt: &Stmt, class: &ClassDecl) {
        let Some(TypeRef::Class(id)) = self.sem.declarations.get(stmt.id).copied() else { return };
        self.add(class.name.span, Target::Type(TypeRef::Class(id)), true);
        for member in &class.members {
            match member {
                ClassMember::Field { name, .. } => {
                    self.add(name.span, Target::Member { owner: Owner::Class(id), name: name.name.clone() }, true)
                }
                ClassMember::Method(m) if !m.is_constructor => {
                    let name = &m.signature.name;
                    self.add(name.span, Target::Member { owner: Owner::Class(id), name: name.name.clone() }, true);
                }
                ClassMember::Method(_) => {}
            }
        }
    }

    fn declaration(&mut self, stmt: &Stmt) {
        let found = self.sem.declarations.get(stmt.id).copied();
        match (&stmt.kind, found) {
            (StmtKind::Class(class), _) => self.class(stmt, class),
            (StmtKind::Interface(decl), Some(TypeRef::Interface(id))) => {
                self.add(decl.name.span, Target::Type(TypeRef::Interface(id)), true);
                for m in &decl.members {
                    let name = &m.signature.name;
                    self.add(name.span, Target::Member { owner: Owner::Interface(id), name: name.name.clone() }, true);
                }
            }
            (StmtKind::Struct(decl), Some(TypeRef::Struct(id))) => {
                self.add(decl.name.span, Target::Type(TypeRef::Struct(id)), true);
                for f in &decl.fields {
                    self.add(f.name.span, Target::StructField { id, name: f.name.name.clone() }, true);
                }
            }
            (StmtKind::Enum(decl), Some(TypeRef::Enum(id))) => {
                self.add(decl.name.span, Target::Type(TypeRef::Enum(id)), true);
                for v in &decl.variants {
                    self.add(v.span, Target::EnumVariant { id, name: v.name.clone() }, true);
                }
            }
            _ => {}
        }
    }
}

impl Visitor<'_> for Collector<'_> {
    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Let { name, .. } | StmtKind::IfLet { name, .. } | StmtKind::For { var: name, .. } => {
                self.def_var(stmt.id, name.span)
            }
            StmtKind::Try { catch: Some(CatchClause { var: Some(var), .. }), .. } => self.def_var(stmt.id, var.span),
            StmtKind::Bring { target, alias } => {
                if let BringTarget::Module(m) = target {
                    self.add(m.span, Target::Namespace(m.name.clone()), false);
                }
                if let Some(alias) = alias {
                    self.add(alias.span, Target::Namespace(alias.name.clone()), true);
                }
            }
            StmtKind::Class(_) | StmtKind::Interface(_) | StmtKind::Struct(_) | StmtKind::Enum(_) => self.declaration(stmt),
            _ => {}
        }
        visit::walk_stmt(self, stmt);
    }

    fn method(&mut self, method: &MethodDecl) {
        self.params(method.id, &method.signature.params);
        visit::walk_method(self, method);
    }

    fn expr(&mut self, expr: &Expr) {
        match &expr.kind {
            ExprKind::Ident(ident) => {
                let target = match self.sem.names.get(expr.id) {
                    Some(NameRef::Var(v)) => Some(Target::Var(*v)),
                    Some(NameRef::Extern(e)) => Some(self.extern_target(&e.module, &e.name)),
                    Some(NameRef::Namespace(n)) => Some(Target::Namespace(n.clone())),
                    Some(NameRef::Type(t)) => Some(Target::Type(*t)),
                    Some(NameRef::SuperConstructor { .. }) | None => None,
                };
                if let Some(target) = target {
                    self.add(ident.span, target, false);
                }
            }
            ExprKind::Member { object, name, .. } => self.member(expr, object, name),
            ExprKind::Closure(c) => self.params(expr.id, &c.params),
            ExprKind::StructLiteral { fields, .. } | ExprKind::JsonLiteral { fields, .. } => {
                self.struct_fields(self.sem.type_of(expr.id), fields)
            }
            ExprKind::Call { args, .. } => {
                if let Some(call) = self.sem.calls.get(expr.id) {
                    for (slot, param) in call.slots.iter().zip(&call.params) {
                        if let (ArgSlot::Expanded { fields }, Some(id)) = (slot, self.struct_of(*param)) {
                            for (field, index) in fields {
                                if let Some(name) = args.get(*index).and_then(|a| a.name.as_ref()) {
                                    self.add(name.span, Target::StructField { id, name: field.clone() }, false);
                                }
                            }
                        }
                    }
                }
            }
            _ => {}
        }
        visit::walk_expr(self, expr);
    }

    fn ty(&mut self, ty: &TypeAnnotation) {
        if let TypeAnnotationKind::Named { path, .. } = &ty.kind {
            self.type_path(path);
        }
        visit::walk_ty(self, ty);
    }

    fn user_type(&mut self, ty: &UserTypeRef) {
        self.type_path(&ty.path);
    }
}
