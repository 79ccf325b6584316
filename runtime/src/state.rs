//! The state of one invocation, owned by its wasmtime store: takes values
//! the guest creates or receives, gives them `i32` handles. Also holds the
//! capabilities the bundle was granted, the closures it made, its memory
//! budget, its deadline, its environment and (when traced) its log lines.
//!
//! Handle `0` is `nil`; slots `1..=n` hold the bundle's lifted values (set
//! before the entry runs). A slot the compiled code says it is done with
//! (`value.drop`, spec/abi.md "Reclaiming values") goes on a free list and
//! is handed out again; the rest of the table is dropped with the store
//! when the invocation ends. A string constant has one handle per
//! invocation. A *builder* slot, made by `str.append`, belongs to the one
//! local the compiler proved holds it (spec/abi.md, "In-place string
//! building"): it grows in place and `str.release` frees it.

use crate::LoadedBundle;
use crate::backend::{Backend, ResourceIndex};
use crate::bundle::SourceFrame;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;
use std::sync::Arc;
use std::time::Instant;
use wing_std::{Entries, Ref, RefKind, Text, Value};

/// A guest closure: its index in the bundle's function table and the
/// handle of its environment (0 when it captures nothing).
#[derive(Debug, Clone, Copy)]
pub struct GuestFunction {
    pub table_index: u32,
    pub env: i32,
}

/// An instance of a user class: its class id and fields in layout order.
#[derive(Debug, Clone)]
pub struct Object {
    pub class: u32,
    pub fields: Vec<Value>,
}

/// A resource handle as granted to this bundle.
#[derive(Debug, Clone)]
pub struct Capability {
    pub resource: ResourceIndex,
    /// Operation names, sorted.
    pub ops: Arc<[String]>,
}

/// Store data of one invocation.
pub struct HostState {
    /// Where the resources are: the simulator, or AWS.
    pub backend: Arc<dyn Backend>,
    pub bundle: Arc<LoadedBundle>,
    /// Resource path of what runs (for logs and messages).
    pub path: Arc<str>,
    values: Vec<Value>,
    functions: Vec<GuestFunction>,
    capabilities: Vec<Capability>,
    objects: Vec<Object>,
    /// Approximate bytes held by the value table.
    heap_bytes: usize,
    heap_limit: usize,
    pub deadline: Option<Instant>,
    /// Where the exception now propagating was raised.
    pub error_trace: Vec<SourceFrame>,
    /// The running function's environment (`util.env`).
    pub env: Arc<BTreeMap<String, String>>,
    /// Lines logged, kept for the trace when the simulator traces.
    logs: Vec<String>,
    /// The handle of each string constant read so far, by its place in
    /// the bundle's memory.
    constants: HashMap<(i32, i32), i32>,
    /// Slots made by `str.append`, each owned by one local of the guest.
    builders: HashSet<i32>,
    /// Slots given back by `value.drop`, handed out again before the table
    /// grows.
    free: Vec<i32>,
    /// Slots `1..=lifted` hold the lifted values: never freed.
    lifted: usize,
}

/// Why a host operation cannot go on: the invocation fails (a trap, not a
/// Wing exception a `catch` could see).
pub fn fatal(message: impl Into<String>) -> wasmtime::Error {
    wasmtime::format_err!("{}", message.into())
}

impl HostState {
    pub fn new(backend: Arc<dyn Backend>, bundle: Arc<LoadedBundle>, path: Arc<str>, heap_limit: usize) -> HostState {
        HostState {
            backend,
            bundle,
            path,
            values: vec![Value::Nil],
            functions: Vec::new(),
            capabilities: Vec::new(),
            objects: Vec::new(),
            heap_bytes: 0,
            heap_limit,
            deadline: None,
            error_trace: Vec::new(),
            env: Arc::default(),
            logs: Vec::new(),
            constants: HashMap::new(),
            builders: HashSet::new(),
            free: Vec::new(),
            lifted: 0,
        }
    }

    /// The handle of the string constant at `ptr`, `len`, if read before.
    pub fn constant(&self, ptr: i32, len: i32) -> Option<i32> {
        self.constants.get(&(ptr, len)).copied()
    }

    pub fn remember_constant(&mut self, ptr: i32, len: i32, handle: i32) {
        self.constants.insert((ptr, len), handle);
    }

    /// `str.append(a, piece)`: `a + piece`. When `a` is a builder slot its
    /// text grows in place (copied first if a collection or a capture
    /// shares it) and `a` is the result; otherwise the result is a new
    /// builder slot with room to grow, and `a` is left as it was.
    pub fn append(&mut self, handle: i32, piece: &Text) -> wasmtime::Result<i32> {
        if self.builders.contains(&handle) {
            let Some(Value::Str(text)) = self.values.get_mut(handle as usize) else {
                return Err(fatal(format!("handle {handle} is not a string")));
            };
            let before = if Rc::strong_count(text) == 1 { text.capacity() } else { 0 };
            let grown = {
                let text = Rc::make_mut(text);
                text.push_str(piece);
                text.capacity()
            };
            self.charge(grown.saturating_sub(before))?;
            return Ok(handle);
        }
        let old = match self.get(handle)? {
            Value::Str(text) => text.clone(),
            other => return Err(fatal(format!("expected a string handle, found {}", other.kind_name()))),
        };
        let mut joined = String::with_capacity((2 * (old.len() + piece.len())).max(32));
        joined.push_str(&old);
        joined.push_str(piece);
        let room = joined.capacity() - joined.len();
        self.charge(room)?;
        let built = self.alloc(Value::string(joined))?;
        self.builders.insert(built);
        Ok(built)
    }

    /// Frees a builder slot whose local is about to be overwritten or
    /// leave scope (nothing else names it); any other handle is left alone.
    pub fn release(&mut self, handle: i32) {
        if self.builders.contains(&handle) {
            self.free(handle);
        }
    }

    /// `value.drop(handle)`: the compiled code holds `handle` nowhere any
    /// more (spec/abi.md, "Reclaiming values"), so its slot is emptied,
    /// what only it kept alive is given back to the budget, and the
    /// slot is handed out again. `nil`, a lifted value and an empty slot are
    /// left alone (the compiler never gives them, but a hand-made bundle
    /// could: the table stays consistent).
    pub fn free(&mut self, handle: i32) {
        let Ok(index) = usize::try_from(handle) else { return };
        if index <= self.lifted {
            return;
        }
        let Some(slot) = self.values.get_mut(index) else { return };
        if slot.is_nil() {
            return;
        }
        let mut value = std::mem::replace(slot, Value::Nil);
        let payload = match &value {
            // A builder was charged the room it keeps to grow.
            Value::Str(text) if !self.builders.is_empty() && self.builders.remove(&handle) && Rc::strong_count(text) == 1 => {
                heap_block(16 + text.capacity())
            }
            // What only this slot kept alive, as `alloc` counts it.
            _ => owned_size(&mut value),
        };
        self.heap_bytes = self.heap_bytes.saturating_sub(SLOT + payload);
        self.free.push(handle);
    }

    /// Gives back `bytes` a host operation freed ([`released`]).
    pub fn credit(&mut self, bytes: usize) {
        self.heap_bytes = self.heap_bytes.saturating_sub(bytes);
    }

    /// Logs a line of the running code.
    pub fn log(&mut self, line: String) {
        if self.backend.tracing() {
            self.logs.push(line.clone());
        }
        self.backend.log(&self.path, line);
    }

    /// The lines logged so far (when tracing), leaving none.
    pub fn take_logs(&mut self) -> Vec<String> {
        std::mem::take(&mut self.logs)
    }

    /// A new handle for `value` (`nil` is always handle 0, which is how
    /// compiled code tests for it). Fails the invocation when its values
    /// outgrow the memory budget.
    pub fn alloc(&mut self, mut value: Value) -> wasmtime::Result<i32> {
        if value.is_nil() {
            return Ok(0);
        }
        self.heap_bytes += SLOT + owned_size(&mut value);
        if self.heap_bytes > self.heap_limit {
            return Err(fatal(format!("out of memory: the invocation used more than {} MB", self.heap_limit / (1 << 20))));
        }
        if let Some(handle) = self.free.pop() {
            self.values[handle as usize] = value;
            return Ok(handle);
        }
        self.values.push(value);
        Ok(self.values.len() as i32 - 1)
    }

    /// Puts a lifted value in the next slot, even `nil`: slot `i` must be
    /// handle `i`.
    pub fn place(&mut self, value: Value) -> wasmtime::Result<i32> {
        self.charge(SLOT + shallow_size(&value))?;
        self.values.push(value);
        self.lifted = self.values.len() - 1;
        Ok(self.values.len() as i32 - 1)
    }

    /// Counts `bytes` more against the memory budget (a collection grew).
    pub fn charge(&mut self, bytes: usize) -> wasmtime::Result<()> {
        self.heap_bytes += bytes;
        if self.heap_bytes > self.heap_limit {
            return Err(fatal(format!("out of memory: the invocation used more than {} MB", self.heap_limit / (1 << 20))));
        }
        Ok(())
    }

    /// The value behind a handle.
    pub fn get(&self, handle: i32) -> wasmtime::Result<&Value> {
        usize::try_from(handle).ok().and_then(|i| self.values.get(i)).ok_or_else(|| fatal(format!("invalid handle {handle}")))
    }

    /// The value behind a handle, owned.
    pub fn value(&self, handle: i32) -> wasmtime::Result<Value> {
        self.get(handle).cloned()
    }

    /// A new function value (not yet given a handle).
    pub fn add_function(&mut self, function: GuestFunction) -> Value {
        self.functions.push(function);
        Value::Ref(Ref { kind: RefKind::Function, id: self.functions.len() as u32 - 1 })
    }

    pub fn function(&self, handle: i32) -> wasmtime::Result<GuestFunction> {
        match self.get(handle)? {
            Value::Ref(Ref { kind: RefKind::Function, id }) => Ok(self.functions[*id as usize]),
            other => Err(fatal(format!("handle {handle} is {}, not a function", other.kind_name()))),
        }
    }

    /// A new object value.
    pub fn add_object(&mut self, object: Object) -> wasmtime::Result<Value> {
        self.charge(16 * object.fields.len())?;
        self.objects.push(object);
        Ok(Value::Ref(Ref { kind: RefKind::Object, id: self.objects.len() as u32 - 1 }))
    }

    /// The object behind a handle.
    pub fn object(&mut self, handle: i32) -> wasmtime::Result<&mut Object> {
        match self.get(handle)? {
            Value::Ref(Ref { kind: RefKind::Object, id }) => {
                let id = *id as usize;
                Ok(&mut self.objects[id])
            }
            other => Err(fatal(format!("handle {handle} is {}, not an object", other.kind_name()))),
        }
    }

    /// A resource value carrying `capability`.
    pub fn add_capability(&mut self, capability: Capability) -> Value {
        self.capabilities.push(capability);
        Value::Ref(Ref { kind: RefKind::Resource, id: self.capabilities.len() as u32 - 1 })
    }

    /// The resource behind `handle`, if it is a `type_name` and the grant
    /// allows `op`; otherwise the invocation fails with a capability error.
    pub fn resource(&self, handle: i32, type_name: &str, op: &str) -> wasmtime::Result<ResourceIndex> {
        let capability = self.capability(handle, type_name)?;
        let resource = self.backend.resource(capability.resource);
        if capability.ops.binary_search_by(|g| g.as_str().cmp(op)).is_err() {
            return Err(fatal(format!("capability error: {} does not grant \"{op}\"", resource.path)));
        }
        Ok(capability.resource)
    }

    /// The resource behind `handle` for reading an attribute (an Api's
    /// `url`): holding the handle is enough, no operation is granted.
    pub fn attribute_owner(&self, handle: i32, type_name: &str) -> wasmtime::Result<ResourceIndex> {
        Ok(self.capability(handle, type_name)?.resource)
    }

    fn capability(&self, handle: i32, type_name: &str) -> wasmtime::Result<&Capability> {
        let capability = match self.get(handle)? {
            Value::Ref(Ref { kind: RefKind::Resource, id }) => &self.capabilities[*id as usize],
            _ => return Err(fatal(format!("capability error: handle {handle} is not a {type_name}"))),
        };
        if self.backend.resource(capability.resource).type_name != type_name {
            return Err(fatal(format!("capability error: handle {handle} is not a {type_name}")));
        }
        Ok(capability)
    }
}

/// Bytes one handle costs in the value table: the slot, and the room the
/// table keeps to grow.
const SLOT: usize = 2 * std::mem::size_of::<Value>();
/// Bytes one entry of a map costs beside its key's text: the entry (key,
/// value, hash) and its index.
const MAP_ENTRY: usize = 64;

/// Bytes a value keeps alive that nothing else holds: its own payload
/// when no other value or slot shares it, and so on into the items of a
/// collection it alone holds. `alloc` charges this and `free` gives it
/// back, so a value is counted once whoever drops it last: a string
/// pushed into an array stays charged to the array after its slot goes,
/// a captured value read into a slot costs that slot nothing, and an
/// array dropped with its strings gives them all back. Only what the slot
/// alone holds is walked: a collection a host call has just made (in as
/// many steps) or one being freed (as many as the allocator takes).
/// A work list, not recursion: Json may nest deeper than the stack.
fn owned_size(value: &mut Value) -> usize {
    match value {
        Value::Str(text) if Rc::strong_count(text) == 1 => shallow_size(value),
        Value::Array(_) | Value::Set(_) | Value::Map(_) => owned_collection_size(value),
        _ => 0,
    }
}

/// [`owned_size`] of a collection: the walk.
fn owned_collection_size(value: &mut Value) -> usize {
    let mut total = 0;
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        let size = shallow_size(value);
        match value {
            Value::Str(text) if Rc::strong_count(text) == 1 => total += size,
            Value::Array(items) | Value::Set(items) => {
                if let Some(items) = Rc::get_mut(items) {
                    total += size;
                    pending.extend(items.get_mut().iter_mut());
                }
            }
            Value::Map(entries) => {
                if let Some(entries) = Rc::get_mut(entries) {
                    total += size;
                    pending.extend(entries.get_mut().values_mut());
                }
            }
            _ => {}
        }
    }
    total
}

/// Bytes a value adds beyond its handle, not counting its items' own
/// payloads, as the allocator gives them: a block has a header and is
/// rounded up to 16 bytes; a string keeps its reference counts, a
/// collection the room it has reserved (a map's keys counted as short
/// ones, as [`items_size`] does).
fn shallow_size(value: &Value) -> usize {
    match value {
        Value::Str(s) => heap_block(16 + s.len()),
        Value::Map(_) | Value::Array(_) | Value::Set(_) => heap_block(64) + items_size(value),
        _ => 0,
    }
}

/// The bytes behind a collection's items, told in constant time (a map's
/// keys counted as short ones); 0 for other values. An operation that
/// grows a collection in place is charged the difference.
pub fn items_size(value: &Value) -> usize {
    match value {
        Value::Array(items) | Value::Set(items) => array_size(&items.borrow()),
        Value::Map(entries) => entries_size(&entries.borrow()),
        _ => 0,
    }
}

/// [`items_size`] of an array's or a set's items.
pub fn array_size(items: &Vec<Value>) -> usize {
    std::mem::size_of::<Value>() * items.capacity()
}

/// [`items_size`] of a map's entries.
pub fn entries_size(entries: &Entries) -> usize {
    (MAP_ENTRY + 16) * entries.len()
}

/// What `value` alone kept alive, to [`HostState::credit`] when a host
/// operation drops it (`MutMap.set` replaced it).
pub fn released(mut value: Value) -> usize {
    owned_size(&mut value)
}

/// The bytes the allocator takes for a block of `bytes`.
fn heap_block(bytes: usize) -> usize {
    (bytes + 8).next_multiple_of(16)
}
