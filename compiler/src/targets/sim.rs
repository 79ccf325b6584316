//! The simulator target: takes the preflight app, compiles one bundle per
//! function-like resource and test, gives the manifest (`app.json`) and the
//! bundle bytes, and writes them to `target/<name>.wsim/`.

use crate::check::Semantics;
use crate::codegen;
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::preflight::{App, ClosureValue};
use crate::syntax::index::DeclIndex;
use std::path::Path;
use wing_abi::{Bundle, Edge, EdgeKind, MANIFEST_VERSION, Manifest, Resource, Test};

/// A compiled app: the manifest and each bundle's bytes (by bundle id).
pub struct SimApp {
    pub manifest: Manifest,
    pub bundles: Vec<(String, Vec<u8>)>,
}

/// Compiles every handler and test of `app`.
pub fn build<'a>(
    sem: &Semantics,
    sources: &SourceMap,
    index: &DeclIndex<'a>,
    file_name: &str,
    app: &App<'a>,
) -> Result<SimApp, Box<Diagnostic>> {
    let name = Path::new(file_name).file_stem().map_or("main".to_string(), |s| s.to_string_lossy().into_owned());
    let mut out = SimApp {
        manifest: Manifest {
            version: MANIFEST_VERSION,
            name,
            source: file_name.to_string(),
            resources: Vec::new(),
            edges: Vec::new(),
            bundles: Vec::new(),
            tests: Vec::new(),
        },
        bundles: Vec::new(),
    };
    let program = codegen::Program::new(sem, sources, index, app);
    let mut uses = Vec::new();
    for (_, resource) in app.tree.iter() {
        let bundle = match &resource.handler {
            Some(handler) => {
                let (bundle_id, used) = add_bundle(&mut out, &program, handler, &resource.path)?;
                uses.extend(used.into_iter().map(|(to, ops)| (resource.path.clone(), to, ops)));
                Some(bundle_id)
            }
            None => None,
        };
        out.manifest.resources.push(Resource {
            path: resource.path.clone(),
            type_name: resource.type_name.clone(),
            props: resource.props.clone(),
            bundle,
        });
    }
    for (from, to, kind, labels) in app.tree.edges() {
        let (ops, events) = match kind {
            EdgeKind::Uses => (labels.to_vec(), Vec::new()),
            _ => (Vec::new(), labels.to_vec()),
        };
        out.manifest.edges.push(Edge {
            from: app.tree.get(from).path.clone(),
            to: app.tree.get(to).path.clone(),
            kind,
            ops,
            events,
        });
    }
    for (from, to, ops) in uses {
        out.manifest.edges.push(Edge { from, to, kind: EdgeKind::Uses, ops, events: Vec::new() });
    }
    for test in &app.tests {
        let (bundle, _) = add_bundle(&mut out, &program, &test.closure, &format!("test \"{}\"", test.name))?;
        out.manifest.tests.push(Test { name: test.name.clone(), path: format!("root/Default/test:{}", test.name), bundle });
    }
    Ok(out)
}

/// Resource paths with the operations granted on them (every handle of a
/// resource in one bundle has the same grant).
type Grants = Vec<(String, Vec<String>)>;

/// Compiles one bundle; gives its id and the resources it uses with the
/// granted operations.
fn add_bundle<'a>(
    out: &mut SimApp,
    program: &codegen::Program<'_, 'a>,
    handler: &ClosureValue<'a>,
    entry_name: &str,
) -> Result<(String, Grants), Box<Diagnostic>> {
    let compiled = codegen::compile_bundle(program, handler, entry_name)?;
    let id = format!("b{}", out.bundles.len());
    let mut used: Grants = Vec::new();
    for lift in &compiled.lifts {
        lift.visit(
            &mut |path, ops| {
                if !used.iter().any(|(p, _)| p == path) {
                    used.push((path.to_string(), ops.to_vec()));
                }
            },
            &mut |_| {},
        );
    }
    out.manifest.bundles.push(Bundle {
        id: id.clone(),
        file: format!("bundles/{id}.wasm"),
        hash: format!("{:016x}", super::tf_aws::names::fnv1a(&compiled.wasm)),
        params: compiled.params,
        result: compiled.result,
        lifts: compiled.lifts,
    });
    out.bundles.push((id.clone(), compiled.wasm));
    Ok((id, used))
}

/// Writes `app.json` and `bundles/*.wasm` under `dir` (created if needed).
pub fn write(app: &SimApp, dir: &Path) -> std::io::Result<()> {
    let bundles = dir.join("bundles");
    if bundles.exists() {
        std::fs::remove_dir_all(&bundles)?;
    }
    std::fs::create_dir_all(&bundles)?;
    for (id, wasm) in &app.bundles {
        std::fs::write(bundles.join(format!("{id}.wasm")), wasm)?;
    }
    let json = serde_json::to_string_pretty(&app.manifest).map_err(std::io::Error::other)?;
    std::fs::write(dir.join(wing_abi::MANIFEST_FILE), json)
}
