//! The abstract syntax tree: what the parser gives and every later stage takes.
//!
//! Every node carries a [`Span`] (byte offsets into its file, plus the file id)
//! so diagnostics can point at it. Expressions and statements also carry a
//! [`NodeId`], unique within a compilation, which the checker uses to attach
//! types, name resolutions and lifting facts without mutating the tree.
//! The tree survives syntax errors: a part the parser could not read becomes
//! an [`ExprKind::Error`] or [`StmtKind::Error`] node.

use std::fmt;

/// Which source file a span points into (an index into the source map).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range of one file.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: start as u32, end: end as u32 }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Identity of an expression or statement, unique within one compilation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// A name as written, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// Where code runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Phase {
    /// At compile time, building the resource tree.
    Preflight,
    /// In a function resource, at run time.
    Inflight,
    /// Either (stdlib `unphased` members, pure functions).
    Independent,
}

/// One parsed file.
#[derive(Debug, Clone)]
pub struct Module {
    pub file: FileId,
    pub stmts: Vec<Stmt>,
}

#[derive(Debug, Clone)]
pub struct Stmt {
    pub id: NodeId,
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum StmtKind {
    /// `bring cloud;` `bring "./lib.w" as lib;`
    Bring {
        target: BringTarget,
        alias: Option<Ident>,
    },
    /// `let x: T = e;` / `let var x = e;`
    Let {
        reassignable: bool,
        name: Ident,
        ty: Option<TypeAnnotation>,
        value: Expr,
    },
    /// `target = value;` `target += value;` `target -= value;`
    Assign {
        target: Expr,
        op: AssignOp,
        value: Expr,
    },
    Expr(Expr),
    /// `if c { } else if d { } else { }`
    If {
        cond: Expr,
        then: Block,
        /// An `else if` is an `else` block holding one `If` statement.
        otherwise: Option<Block>,
    },
    /// `if let x = opt { } else { }` (also `if let var`)
    IfLet {
        reassignable: bool,
        name: Ident,
        value: Expr,
        then: Block,
        otherwise: Option<Block>,
    },
    /// `for x in iterable { }`
    For {
        var: Ident,
        iterable: Expr,
        body: Block,
    },
    While {
        cond: Expr,
        body: Block,
    },
    Break,
    Continue,
    Return(Option<Expr>),
    Throw(Expr),
    /// `try { } catch e { } finally { }`
    Try {
        body: Block,
        catch: Option<CatchClause>,
        finally: Option<Block>,
    },
    /// A nested `{ … }` block.
    Block(Block),
    /// `lift { bucket: [put, get] } { … }`: inflight code that may call
    /// these methods of these preflight objects even where it cannot be
    /// told which object a value is.
    Lift {
        qualifications: Vec<LiftQualification>,
        body: Block,
    },
    /// `test "name" { … }`
    Test {
        name: String,
        name_span: Span,
        body: Block,
    },
    Class(ClassDecl),
    Interface(InterfaceDecl),
    Struct(StructDecl),
    Enum(EnumDecl),
    /// A bodiless function declared in a stdlib file:
    /// `pub extern inflight waitUntil(…): bool;`
    ExternFunction(FunctionSignatureDecl),
    /// A host-provided module constant in a stdlib file:
    /// `pub extern unphased PI: num;`
    ExternConstant {
        modifiers: Modifiers,
        name: Ident,
        ty: TypeAnnotation,
    },
    /// Statements the parser could not read.
    Error,
}

#[derive(Debug, Clone)]
pub enum BringTarget {
    /// `bring cloud;`
    Module(Ident),
    /// `bring "./lib.w" as lib;`
    File { path: String, span: Span },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssignOp {
    Set,
    Add,
    Sub,
}

/// One `object: [method, …]` of a `lift` block.
#[derive(Debug, Clone)]
pub struct LiftQualification {
    /// The preflight object: a name or a field path (`this.store`).
    pub target: Expr,
    pub ops: Vec<Ident>,
}

#[derive(Debug, Clone)]
pub struct CatchClause {
    pub var: Option<Ident>,
    pub body: Block,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// No modifier: visible inside the class only.
    Private,
    Protected,
    Public,
}

/// Modifiers in front of a declaration, in Wing's order:
/// `pub protected extern static inflight unphased`.
#[derive(Debug, Clone)]
pub struct Modifiers {
    pub visibility: Visibility,
    pub is_extern: bool,
    pub is_static: bool,
    /// `None` when no phase keyword was written (the phase of the enclosing
    /// declaration applies).
    pub phase: Option<Phase>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ClassDecl {
    pub name: Ident,
    /// `class Array<T>`: only stdlib files may declare type parameters.
    pub type_params: Vec<Ident>,
    /// `inflight class T { }`
    pub phase: Phase,
    pub is_pub: bool,
    pub extends: Option<UserTypeRef>,
    pub implements: Vec<UserTypeRef>,
    pub members: Vec<ClassMember>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ClassMember {
    /// `pub inflight name: T;`
    Field { modifiers: Modifiers, reassignable: bool, name: Ident, ty: TypeAnnotation, span: Span },
    /// Methods, and constructors (name `new`, `init` is not special).
    Method(MethodDecl),
}

#[derive(Debug, Clone)]
pub struct MethodDecl {
    /// Identity of the method's body for the checker's tables.
    pub id: NodeId,
    pub modifiers: Modifiers,
    pub signature: FunctionSignatureDecl,
    /// `None` for `extern` declarations (stdlib only) and interface members.
    pub body: Option<Block>,
    /// True for `new(…)`: the constructor.
    pub is_constructor: bool,
    pub span: Span,
}

impl MethodDecl {
    /// Whether this constructor calls `super(…)` as one of its statements.
    pub fn calls_super(&self) -> bool {
        self.body.as_ref().is_some_and(|body| {
            body.stmts.iter().any(|stmt| match &stmt.kind {
                StmtKind::Expr(Expr { kind: ExprKind::Call { callee, .. }, .. }) => {
                    matches!(&callee.kind, ExprKind::Ident(i) if i.name == "super")
                }
                _ => false,
            })
        })
    }
}

/// Name, type parameters, parameters and return type of a declared function.
#[derive(Debug, Clone)]
pub struct FunctionSignatureDecl {
    pub modifiers: Modifiers,
    pub name: Ident,
    pub type_params: Vec<Ident>,
    pub params: Vec<Param>,
    /// `None` when omitted (`void`, or inferred for closures).
    pub return_type: Option<TypeAnnotation>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: Ident,
    pub ty: TypeAnnotation,
    /// `...rest: Array<T>`
    pub variadic: bool,
    pub reassignable: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct InterfaceDecl {
    pub name: Ident,
    /// `inflight interface I { }`: its members are inflight.
    pub phase: Phase,
    pub is_pub: bool,
    pub extends: Vec<UserTypeRef>,
    /// Members have no body.
    pub members: Vec<MethodDecl>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct StructDecl {
    pub name: Ident,
    pub is_pub: bool,
    pub extends: Vec<UserTypeRef>,
    pub fields: Vec<StructField>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct StructField {
    pub name: Ident,
    pub ty: TypeAnnotation,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EnumDecl {
    pub name: Ident,
    pub is_pub: bool,
    pub variants: Vec<Ident>,
    pub span: Span,
}

/// A possibly qualified type name: `Store`, `cloud.Bucket`.
#[derive(Debug, Clone)]
pub struct UserTypeRef {
    pub path: Vec<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct TypeAnnotation {
    pub kind: TypeAnnotationKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum TypeAnnotationKind {
    /// `num`, `cloud.Bucket`, `Array<str>`, `MutMap<num>`, `Json` …:
    /// a (qualified) name with optional type arguments.
    Named { path: Vec<Ident>, args: Vec<TypeAnnotation> },
    /// `T?`
    Optional(Box<TypeAnnotation>),
    /// Not written: a closure parameter whose type comes from the function
    /// type the context expects (`inflight (msg) => …`).
    Inferred,
    /// `(num, str): bool`, `inflight (str): void`
    Function { phase: Phase, params: Vec<TypeAnnotation>, result: Box<TypeAnnotation> },
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub id: NodeId,
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Nil,
    Bool(bool),
    Num(f64),
    /// A duration literal, in seconds (`10ms` → 0.01).
    Duration(f64),
    /// A string without interpolation (escapes already resolved); raw
    /// strings `#"…"` too.
    Str(String),
    /// `"a {b} c"`: literal parts and expressions, in order.
    Interpolated(Vec<InterpolationPart>),
    /// A bare name.
    Ident(Ident),
    /// `object.name`, `object?.name`
    Member {
        object: Box<Expr>,
        name: Ident,
        optional: bool,
    },
    /// `callee(args)`, `callee?.(args)` is not Wing.
    Call {
        callee: Box<Expr>,
        args: Vec<Arg>,
    },
    /// `object[index]`, `object?[index]`.
    Index {
        object: Box<Expr>,
        index: Box<Expr>,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `a..b`, `a..=b` (only as a `for` iterable).
    Range {
        start: Box<Expr>,
        end: Box<Expr>,
        inclusive: bool,
    },
    /// `new T(args) as "id" in scope`
    New {
        class: UserTypeRef,
        args: Vec<Arg>,
        id: Option<Box<Expr>>,
        scope: Option<Box<Expr>>,
    },
    /// `(a: num): num => { … }`, `inflight (x) => { … }`
    Closure(Box<Closure>),
    /// `[1, 2]`, `MutArray<num>[1]`, `Set<str>["a"]`
    ArrayLiteral {
        /// The written collection type, if any (`MutArray<num>`).
        ty: Option<TypeAnnotation>,
        items: Vec<Expr>,
    },
    /// `{"k" => v}`, `MutMap<num>{"k" => 1}`
    MapLiteral {
        ty: Option<TypeAnnotation>,
        entries: Vec<(Expr, Expr)>,
    },
    /// `Json { a: 1 }`, `MutJson { }`, and bare `{ a: 1 }`: field names
    /// are literal keys.
    JsonLiteral {
        mutable: bool,
        /// Whether `Json`/`MutJson` was written in front.
        explicit: bool,
        fields: Vec<(Ident, Expr)>,
    },
    /// `Json 5`, `Json "x"`, `Json [1, 2]`: an explicit Json value of any
    /// expression.
    JsonValue {
        mutable: bool,
        value: Box<Expr>,
    },
    /// `Point { x: 1, y }` (punning stores the ident expression).
    StructLiteral {
        ty: UserTypeRef,
        fields: Vec<(Ident, Expr)>,
    },
    /// `@filename`, `@dirname`, `@app`, `@target`
    Intrinsic(Ident),
    /// An expression the parser could not read.
    Error,
}

#[derive(Debug, Clone)]
pub enum InterpolationPart {
    Text(String),
    Expr(Expr),
}

/// A call argument: positional, or named (struct expansion `f(1, name: "a")`).
#[derive(Debug, Clone)]
pub struct Arg {
    pub name: Option<Ident>,
    pub value: Expr,
}

#[derive(Debug, Clone)]
pub struct Closure {
    pub phase: Phase,
    pub params: Vec<Param>,
    pub return_type: Option<TypeAnnotation>,
    pub body: Block,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `!x`
    Not,
    /// `x!` (unwrap an optional or fail)
    Unwrap,
    /// `x?` (does the optional hold a value)
    IsSome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    Div,
    /// `\`: floor division
    FloorDiv,
    Mod,
    Pow,
    Eq,
    NotEq,
    Less,
    LessEq,
    Greater,
    GreaterEq,
    And,
    Or,
    /// `??`
    Coalesce,
}

impl BinaryOp {
    /// The operator as written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::FloorDiv => "\\",
            BinaryOp::Mod => "%",
            BinaryOp::Pow => "**",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::Less => "<",
            BinaryOp::LessEq => "<=",
            BinaryOp::Greater => ">",
            BinaryOp::GreaterEq => ">=",
            BinaryOp::And => "&&",
            BinaryOp::Or => "||",
            BinaryOp::Coalesce => "??",
        }
    }
}
