//! The module under construction: takes functions as buffered instructions
//! that name imports and sibling functions symbolically, gives the encoded
//! Wasm bytes once every import is known (imports come first in the
//! function index space, so indices are fixed only at the end).

use std::collections::{BTreeMap, HashMap};
use wasm_encoder::{
    CodeSection, ConstExpr, CustomSection, DataSection, ElementSection, Elements, EntityType, ExportKind, ExportSection,
    Function, FunctionSection, GlobalSection, GlobalType, ImportSection, Instruction, MemorySection, MemoryType, Module, RefType,
    TableSection, TableType, TagKind, TagSection, TagType, TypeSection, ValType,
};

/// One buffered instruction.
#[derive(Debug, Clone)]
pub enum Op {
    Wasm(Instruction<'static>),
    /// Call an import by its index in [`ModuleBuilder::imports`].
    CallImport(u32),
    /// Call a function of the module by its index among defined functions.
    CallFunction(u32),
    /// `call_indirect` with a signature registered by [`ModuleBuilder::type_index`].
    CallIndirect(u32),
    /// The next instructions belong to the statement at this line and column.
    Mark(u32, u32),
}

/// A function ready for encoding.
#[derive(Debug)]
pub struct FunctionCode {
    pub name: String,
    pub type_index: u32,
    pub locals: Vec<ValType>,
    pub ops: Vec<Op>,
}

#[derive(Debug, Default)]
pub struct ModuleBuilder {
    types: Vec<(Vec<ValType>, Vec<ValType>)>,
    type_ids: HashMap<(Vec<ValType>, Vec<ValType>), u32>,
    imports: Vec<(String, String, u32)>,
    import_ids: HashMap<(String, String), u32>,
    /// `module/name` → value representations, for the `wing.imports`
    /// section (imports the host implements generically).
    import_reprs: BTreeMap<String, String>,
    data: Vec<u8>,
    strings: HashMap<String, (u32, u32)>,
    /// The global caching the handle of each string constant, by place.
    string_globals: HashMap<(u32, u32), u32>,
    /// Defined functions by index (0 is the handler); `None` while reserved.
    functions: Vec<Option<FunctionCode>>,
    /// The function exported as `wing_init`, if any.
    init: Option<u32>,
}

impl ModuleBuilder {
    pub fn type_index(&mut self, params: Vec<ValType>, results: Vec<ValType>) -> u32 {
        let key = (params, results);
        if let Some(id) = self.type_ids.get(&key) {
            return *id;
        }
        let id = self.types.len() as u32;
        self.types.push(key.clone());
        self.type_ids.insert(key, id);
        id
    }

    /// The index of an import, adding it on first use.
    pub fn import(&mut self, module: &str, name: &str, params: Vec<ValType>, results: Vec<ValType>) -> u32 {
        if let Some(id) = self.import_ids.get(&(module.to_string(), name.to_string())) {
            return *id;
        }
        let ty = self.type_index(params, results);
        let id = self.imports.len() as u32;
        self.imports.push((module.to_string(), name.to_string(), ty));
        self.import_ids.insert((module.to_string(), name.to_string()), id);
        id
    }

    /// Records how an import's values are represented (`"hf>b"`: a handle
    /// and a number in, a bool out; see spec/abi.md).
    pub fn describe_import(&mut self, module: &str, name: &str, reprs: String) {
        self.import_reprs.insert(format!("{module}/{name}"), reprs);
    }

    /// Offset and length of a string constant in memory.
    pub fn string(&mut self, text: &str) -> (u32, u32) {
        if let Some(place) = self.strings.get(text) {
            return *place;
        }
        let place = (self.data.len() as u32, text.len() as u32);
        self.data.extend_from_slice(text.as_bytes());
        self.strings.insert(text.to_string(), place);
        place
    }

    /// The mutable `i32` global that keeps the handle of the string
    /// constant at `place` once read (0 until then). An instance lives
    /// with its store, so the handle stays valid for the instance's life.
    pub fn string_global(&mut self, place: (u32, u32)) -> u32 {
        let next = self.string_globals.len() as u32;
        *self.string_globals.entry(place).or_insert(next)
    }

    /// Reserves the next function (and table) index.
    pub fn reserve_function(&mut self) -> u32 {
        self.functions.push(None);
        self.functions.len() as u32 - 1
    }

    pub fn define_function(&mut self, index: u32, code: FunctionCode) {
        self.functions[index as usize] = Some(code);
    }

    /// Defines and exports `wing_init(this)`: for an object of one of the
    /// given classes (by class id), calls that class's functions in order
    /// with `this`.
    pub fn define_init(&mut self, cases: Vec<(u32, Vec<u32>)>) {
        let class_of = self.import("wing:std", "object.class", vec![ValType::I32], vec![ValType::I32]);
        let type_index = self.type_index(vec![ValType::I32], vec![]);
        let mut ops = vec![Op::Wasm(Instruction::LocalGet(0)), Op::CallImport(class_of), Op::Wasm(Instruction::LocalSet(1))];
        for (class, functions) in cases {
            ops.push(Op::Wasm(Instruction::LocalGet(1)));
            ops.push(Op::Wasm(Instruction::I32Const(class as i32)));
            ops.push(Op::Wasm(Instruction::I32Eq));
            ops.push(Op::Wasm(Instruction::If(wasm_encoder::BlockType::Empty)));
            for function in functions {
                ops.push(Op::Wasm(Instruction::LocalGet(0)));
                ops.push(Op::CallFunction(function));
            }
            ops.push(Op::Wasm(Instruction::End));
        }
        let index = self.reserve_function();
        self.define_function(index, FunctionCode { name: "wing_init".to_string(), type_index, locals: vec![ValType::I32], ops });
        self.init = Some(index);
    }

    /// Encodes the module: function 0 is exported as `handler`, every
    /// function is in the exported `table` at its own index.
    pub fn finish(mut self, file: &str) -> Vec<u8> {
        let error_type = self.type_index(vec![ValType::I32], vec![]);
        let import_count = self.imports.len() as u32;
        let mut module = Module::new();

        let mut types = TypeSection::new();
        for (params, results) in &self.types {
            types.ty().function(params.iter().copied(), results.iter().copied());
        }
        module.section(&types);

        let mut imports = ImportSection::new();
        for (m, name, ty) in &self.imports {
            imports.import(m, name, EntityType::Function(*ty));
        }
        module.section(&imports);

        let functions: Vec<FunctionCode> = self.functions.into_iter().flatten().collect();
        let mut function_section = FunctionSection::new();
        for f in &functions {
            function_section.function(f.type_index);
        }
        module.section(&function_section);

        let count = functions.len() as u64;
        let mut tables = TableSection::new();
        tables.table(TableType {
            element_type: RefType::FUNCREF,
            table64: false,
            minimum: count,
            maximum: Some(count),
            shared: false,
        });
        module.section(&tables);

        let pages = (self.data.len() as u64).div_ceil(65536).max(1);
        let mut memories = MemorySection::new();
        memories.memory(MemoryType {
            minimum: pages,
            maximum: Some(pages),
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        module.section(&memories);

        // The exception every Wing error travels as: its payload is the
        // message's handle. The host raises it too, so it is exported.
        let mut tags = TagSection::new();
        tags.tag(TagType { kind: TagKind::Exception, func_type_idx: error_type });
        module.section(&tags);

        let mut globals = GlobalSection::new();
        for _ in 0..self.string_globals.len() {
            globals.global(GlobalType { val_type: ValType::I32, mutable: true, shared: false }, &ConstExpr::i32_const(0));
        }
        module.section(&globals);

        let mut exports = ExportSection::new();
        exports.export("handler", ExportKind::Func, import_count);
        exports.export("error", ExportKind::Tag, 0);
        if let Some(init) = self.init {
            exports.export("wing_init", ExportKind::Func, import_count + init);
        }
        exports.export("table", ExportKind::Table, 0);
        exports.export("memory", ExportKind::Memory, 0);
        module.section(&exports);

        let mut elements = ElementSection::new();
        let indices: Vec<u32> = (0..functions.len() as u32).map(|i| i + import_count).collect();
        elements.active(None, &ConstExpr::i32_const(0), Elements::Functions(indices.into()));
        module.section(&elements);

        let mut code = CodeSection::new();
        let mut srcmap = serde_json::Map::new();
        for (i, f) in functions.iter().enumerate() {
            let (body, lines) = encode_function(f, import_count);
            code.function(&body);
            srcmap.insert((i as u32 + import_count).to_string(), serde_json::json!({ "name": f.name, "lines": lines }));
        }
        module.section(&code);

        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(0), self.data.iter().copied());
        module.section(&data);

        let map = serde_json::json!({ "file": file, "funcs": srcmap });
        module.section(&CustomSection { name: "wing.srcmap".into(), data: map.to_string().into_bytes().into() });
        let reprs = serde_json::to_string(&self.import_reprs).unwrap_or_default();
        module.section(&CustomSection { name: "wing.imports".into(), data: reprs.into_bytes().into() });
        module.finish()
    }
}

/// Encodes one body; gives it with its `[offset, line, col]` marks.
fn encode_function(f: &FunctionCode, import_count: u32) -> (Function, Vec<[u32; 3]>) {
    let mut groups: Vec<(u32, ValType)> = Vec::new();
    for local in &f.locals {
        match groups.last_mut() {
            Some((count, ty)) if ty == local => *count += 1,
            _ => groups.push((1, *local)),
        }
    }
    let mut body = Function::new(groups);
    let mut lines = Vec::new();
    for op in &f.ops {
        match op {
            Op::Wasm(instruction) => {
                body.instruction(instruction);
            }
            Op::CallImport(i) => {
                body.instruction(&Instruction::Call(*i));
            }
            Op::CallFunction(i) => {
                body.instruction(&Instruction::Call(import_count + *i));
            }
            Op::CallIndirect(type_index) => {
                body.instruction(&Instruction::CallIndirect { type_index: *type_index, table_index: 0 });
            }
            Op::Mark(line, col) => lines.push([body.byte_len() as u32, *line, *col]),
        }
    }
    body.instruction(&Instruction::End);
    (body, lines)
}
