//! The fuzzer in `cargo test`: a fixed-seed campaign of about two minutes
//! (mutated repository programs and grammar-generated ones, each in a
//! child process under a time limit) that fails on any crash or stall;
//! well-typed random programs compile; and random expressions give the
//! same values preflight (interpreted) and inflight (compiled to Wasm, run
//! in the simulator). A longer campaign: `cargo run --release -p
//! wing-tests --bin fuzz -- run --minutes 60` (see `tests/src/bin/fuzz.rs`).

use std::path::Path;
use std::time::Duration;
use wing_tests::fuzz::typed::{SIMPLE, Typed};
use wing_tests::fuzz::{self, Config, rng::Rng};
use wingc::driver::{Compiled, compile_sim};

#[test]
fn a_fixed_seed_campaign_finds_no_crash_and_no_stall() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository").to_path_buf();
    let config = Config {
        exe: env!("CARGO_BIN_EXE_fuzz").into(),
        work: std::env::temp_dir().join(format!("wing-tests-{}-fuzz", std::process::id())),
        out: root.join("target/fuzz-ci"),
        seed: 14,
        programs: usize::MAX,
        duration: Duration::from_secs(120),
        limit: Duration::from_secs(30),
        jobs: 1,
        shrink_budget: 200,
        root,
    };
    let summary = fuzz::run(&config, &|line| eprintln!("{line}"));
    eprintln!("{}", summary.line());
    assert!(summary.tried > 0, "the campaign ran no program");
    let findings: Vec<String> = summary
        .findings
        .iter()
        .map(|f| format!("{:?} (case {}, {}, {} programs):\n{}", f.outcome, f.case, f.origin, f.count, f.program))
        .collect();
    assert!(findings.is_empty(), "{}\n{}", summary.line(), findings.join("\n\n"));
}

#[test]
fn well_typed_random_programs_compile() {
    let mut generator = Typed { rng: Rng::new(7), vars: Vec::new(), next: 0 };
    let mut rejected = Vec::new();
    for _ in 0..200 {
        let program = generator.program();
        if let Compiled::Failed { sources, diagnostics } = compile_sim("main.w", &program) {
            rejected.push(format!("{program}\n{}", wingc::diagnostics::render(&diagnostics, &sources)));
        }
    }
    assert!(rejected.is_empty(), "{} well-typed programs were rejected, the first:\n{}", rejected.len(), rejected[0]);
}

#[test]
fn preflight_and_inflight_compute_the_same_values() {
    let mut generator = Typed { rng: Rng::new(0xD1FF), vars: Vec::new(), next: 0 };
    for _ in 0..60 {
        let mut preflight = String::from("bring expect;\n");
        let mut inflight = String::from("test \"phases agree\" {\n");
        for i in 0..8 {
            let ty = generator.rng.pick(SIMPLE);
            let expr = generator.expr(ty, 3);
            preflight += &format!("let p{i}: {ty} = {expr};\n");
            inflight += &format!("  expect.equal({expr}, p{i});\n");
        }
        let program = format!("{preflight}{inflight}}}\n");
        let app = match compile_sim("main.w", &program) {
            Compiled::Ok { app, .. } => app,
            Compiled::Failed { sources, diagnostics } => {
                panic!("a generated program does not compile:\n{program}\n{}", wingc::diagnostics::render(&diagnostics, &sources))
            }
        };
        let simulator = wing_runtime::App::new(app.manifest, &app.bundles).expect("the simulator loads the app");
        let options = wing_runtime::TestOptions { jobs: 1, ..Default::default() };
        for result in simulator.run_tests(&options) {
            assert!(result.passed, "preflight and inflight disagree:\n{program}\n{}", result.error.unwrap_or_default());
        }
    }
}
