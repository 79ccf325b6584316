//! The simulator enforces each bundle's grant: hand-made bundles that call
//! a resource operation they were not granted, use a handle they were
//! never given, or use one resource's handle for another's operation,
//! fail; the same bundle with the grant succeeds. The host checks the grant
//! before any backend runs the operation, so another backend (the Lambda
//! runtime's) is held to the same grants.

use std::sync::{Arc, Mutex};
use wasm_encoder::{
    CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection, Function, FunctionSection, ImportSection,
    Instruction, MemorySection, MemoryType, Module, TypeSection, ValType,
};
use wing_abi::{Bundle, LiftedValue, MANIFEST_VERSION, Manifest, Resource, Test};
use wing_runtime::backend::{Backend, OpCall, OpResult, ResourceIndex, ResourceName};
use wing_runtime::{App, Invocation, LoadedBundle};
use wing_std::Value;

const BUCKET: &str = "root/Default/uploads";
const QUEUE: &str = "root/Default/jobs";

/// A bundle whose handler calls `Bucket.put(bucket, "k", "k")` with
/// `bucket` the handle number given.
fn put_through_handle(bucket: i32) -> Vec<u8> {
    call_through_handle("Bucket.put", 2, bucket)
}

/// A bundle whose handler calls the `wing:cloud` import `name` on the
/// handle number given, with `strings` arguments that are all `"k"`.
fn call_through_handle(name: &str, strings: usize, handle: i32) -> Vec<u8> {
    call_import("wing:cloud", name, strings, handle)
}

/// A bundle whose handler calls the import `import_module` `name` with the
/// number given, then `strings` arguments that are all `"k"`.
fn call_import(import_module: &str, name: &str, strings: usize, handle: i32) -> Vec<u8> {
    drop_then_call(&[], (import_module, name), strings, handle)
}

/// [`call_import`] after the handler gave back the handles `dropped`
/// (`value.drop`), once it has made the `"k"` string.
fn drop_then_call(dropped: &[i32], (import_module, name): (&str, &str), strings: usize, handle: i32) -> Vec<u8> {
    let mut module = Module::new();
    let mut types = TypeSection::new();
    types.ty().function([ValType::I32, ValType::I32], [ValType::I32]); // str.const
    types.ty().function(vec![ValType::I32; strings + 1], []); // the operation
    types.ty().function([ValType::I32], []); // handler(env), value.drop
    module.section(&types);
    let mut imports = ImportSection::new();
    imports.import("wing:std", "str.const", EntityType::Function(0));
    imports.import(import_module, name, EntityType::Function(1));
    imports.import("wing:std", "value.drop", EntityType::Function(2));
    module.section(&imports);
    let mut functions = FunctionSection::new();
    functions.function(2);
    module.section(&functions);
    let mut memories = MemorySection::new();
    memories.memory(MemoryType { minimum: 1, maximum: Some(1), memory64: false, shared: false, page_size_log2: None });
    module.section(&memories);
    let mut exports = ExportSection::new();
    exports.export("handler", ExportKind::Func, 3);
    exports.export("memory", ExportKind::Memory, 0);
    module.section(&exports);
    let mut code = CodeSection::new();
    let mut handler = Function::new([(1, ValType::I32)]);
    handler.instruction(&Instruction::I32Const(0));
    handler.instruction(&Instruction::I32Const(1));
    handler.instruction(&Instruction::Call(0));
    handler.instruction(&Instruction::LocalSet(1));
    for dropped in dropped {
        handler.instruction(&Instruction::I32Const(*dropped));
        handler.instruction(&Instruction::Call(2));
    }
    handler.instruction(&Instruction::I32Const(handle));
    for _ in 0..strings {
        handler.instruction(&Instruction::LocalGet(1));
    }
    handler.instruction(&Instruction::Call(1));
    handler.instruction(&Instruction::End);
    code.function(&handler);
    module.section(&code);
    let mut data = DataSection::new();
    data.active(0, &ConstExpr::i32_const(0), b"k".iter().copied());
    module.section(&data);
    module.finish()
}

/// Runs the bundle as a test whose one lift is the bucket with `ops`.
fn run(wasm: Vec<u8>, ops: &[&str]) -> Result<(), String> {
    run_lifting(wasm, BUCKET, ops)
}

/// Runs the bundle as a test whose one lift is the resource at `path`
/// with `ops` (the app has a bucket and a queue).
fn run_lifting(wasm: Vec<u8>, path: &str, ops: &[&str]) -> Result<(), String> {
    let manifest = Manifest {
        version: MANIFEST_VERSION,
        name: "main".into(),
        source: "main.w".into(),
        resources: vec![
            Resource { path: BUCKET.into(), type_name: "cloud.Bucket".into(), props: Default::default(), bundle: None },
            Resource { path: QUEUE.into(), type_name: "cloud.Queue".into(), props: Default::default(), bundle: None },
        ],
        edges: vec![],
        bundles: vec![Bundle {
            id: "b0".into(),
            file: "bundles/b0.wasm".into(),
            hash: "0".into(),
            params: vec![],
            result: "void".into(),
            lifts: vec![LiftedValue::Resource { path: path.into(), ops: ops.iter().map(|s| s.to_string()).collect() }],
        }],
        tests: vec![Test { name: "t".into(), path: "root/Default/test:t".into(), bundle: "b0".into() }],
    };
    let app = App::new(manifest, &[("b0".to_string(), wasm)]).map_err(|e| e.to_string())?;
    let options = wing_runtime::TestOptions { jobs: 1, ..Default::default() };
    let result = app.run_tests(&options).pop().expect("one test ran");
    match result.error {
        None => Ok(()),
        Some(error) => Err(error),
    }
}

/// `fs` reads and writes files only preflight: no bundle can import it.
#[test]
fn a_bundle_cannot_reach_the_hosts_files() {
    for name in ["readFile", "writeFile", "readdir", "remove"] {
        let error = run(call_import("wing:fs", name, 1, 0), &[]).expect_err("file access is not linked");
        assert!(error.contains("wing:fs") && error.contains(name), "{name}: {error}");
    }
}

#[test]
fn a_granted_operation_runs() {
    assert_eq!(run(put_through_handle(1), &["get", "put"]), Ok(()));
}

#[test]
fn an_operation_outside_the_grant_is_refused() {
    let error = run(put_through_handle(1), &["get"]).unwrap_err();
    assert_eq!(error, format!("capability error: {BUCKET} does not grant \"put\""));
}

#[test]
fn a_handle_the_bundle_was_never_given_is_refused() {
    let error = run(put_through_handle(99), &["put"]).unwrap_err();
    assert_eq!(error, "invalid handle 99");
}

#[test]
fn a_value_that_is_not_a_resource_cannot_be_used_as_one() {
    // Handle 2 is the key string the handler just made.
    let error = run(put_through_handle(2), &["put"]).unwrap_err();
    assert_eq!(error, "capability error: handle 2 is not a cloud.Bucket");
}

/// `value.drop` gives back slots the compiled code made; a lifted value's
/// slot, or nil, is never freed, so the grant stays where it was.
#[test]
fn dropping_a_lifted_handle_keeps_the_capability() {
    let put_after_drops = drop_then_call(&[1, 1, 0], ("wing:cloud", "Bucket.put"), 2, 1);
    assert_eq!(run(put_after_drops, &["put"]), Ok(()));
}

/// A dropped slot holds nothing until the host hands it out again for a
/// value of this bundle: dropping a string does not make its handle a
/// resource.
#[test]
fn a_dropped_handle_names_nothing() {
    // Handle 2 is the key string the handler made, then dropped.
    let put_on_dropped = drop_then_call(&[2], ("wing:cloud", "Bucket.put"), 2, 2);
    assert_eq!(run(put_on_dropped, &["put"]).unwrap_err(), "capability error: handle 2 is not a cloud.Bucket");
}

#[test]
fn every_resource_operation_checks_the_grant() {
    let push = || call_through_handle("Queue.push", 1, 1);
    assert_eq!(run_lifting(push(), QUEUE, &["pop", "push"]), Ok(()));
    let refused = run_lifting(push(), QUEUE, &["pop"]).unwrap_err();
    assert_eq!(refused, format!("capability error: {QUEUE} does not grant \"push\""));
}

#[test]
fn one_resource_handle_cannot_be_used_for_another_resource() {
    // The bundle lifted the bucket (granted "push" by a forged manifest)
    // and calls a queue operation on it.
    let error = run_lifting(call_through_handle("Queue.push", 1, 1), BUCKET, &["push"]).unwrap_err();
    assert_eq!(error, "capability error: handle 1 is not a cloud.Queue");
}

#[test]
fn a_resource_the_bundle_never_lifted_is_out_of_reach() {
    // The queue exists in the app, but the bundle lifted only the bucket:
    // no handle of it can name the queue.
    let error = run_lifting(call_through_handle("Queue.push", 1, 3), BUCKET, &["put"]).unwrap_err();
    assert_eq!(error, "invalid handle 3");
}

/// A backend with one bucket that records the operations it runs.
#[derive(Default)]
struct Recording {
    calls: Mutex<Vec<String>>,
}

impl Backend for Recording {
    fn resource(&self, _index: ResourceIndex) -> ResourceName<'_> {
        ResourceName { path: BUCKET, type_name: "cloud.Bucket" }
    }

    fn index_of(&self, path: &str) -> Option<ResourceIndex> {
        (path == BUCKET).then_some(0)
    }

    fn operation(self: Arc<Self>, call: &OpCall<'_>, args: &[Value]) -> OpResult {
        let args: Vec<String> = args.iter().map(Value::display).collect();
        self.calls.lock().unwrap().push(format!("{}.{}({})", call.operation.type_name, call.operation.method, args.join(", ")));
        Ok(Value::Nil)
    }

    fn attribute(&self, _index: ResourceIndex, _name: &str) -> Option<String> {
        None
    }

    fn property(&self, _index: ResourceIndex, _name: &str) -> Option<serde_json::Value> {
        None
    }

    fn log(&self, _source: &str, _line: String) {}
}

/// Runs the bundle on a [`Recording`] backend with the bucket granted
/// `ops`; gives the outcome and the operations the backend ran.
fn run_on_recording(wasm: &[u8], ops: &[&str]) -> (Result<(), String>, Vec<String>) {
    let lifts = vec![LiftedValue::Resource { path: BUCKET.into(), ops: ops.iter().map(|s| s.to_string()).collect() }];
    let bundle = Bundle {
        id: "b0".into(),
        file: "bundle.wasm".into(),
        hash: "0".into(),
        params: vec![],
        result: "void".into(),
        lifts: lifts.clone(),
    };
    let loaded = Arc::new(LoadedBundle::compile(&bundle, wasm).expect("the bundle loads"));
    let backend = Arc::new(Recording::default());
    let outcome = Invocation::of(backend.clone(), loaded, lifts.into(), "root/Default/fn").run(&[]);
    let calls = backend.calls.lock().unwrap().clone();
    (outcome.map(|_| ()).map_err(|failure| failure.message), calls)
}

#[test]
fn another_backend_runs_granted_operations_and_is_held_to_the_grant() {
    let (outcome, calls) = run_on_recording(&put_through_handle(1), &["put"]);
    assert_eq!(outcome, Ok(()));
    assert_eq!(calls, ["cloud.Bucket.put(k, k)"]);
    let (outcome, calls) = run_on_recording(&put_through_handle(1), &["get"]);
    assert_eq!(outcome, Err(format!("capability error: {BUCKET} does not grant \"put\"")));
    assert!(calls.is_empty(), "a refused operation never reaches the backend: {calls:?}");
}
