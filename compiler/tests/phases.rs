//! Differential test of the two places Wing code runs: random expressions
//! are evaluated preflight (by the interpreter) and inflight (compiled to
//! Wasm, run in the simulator), and must give equal values. Bounded:
//! `WING_FUZZ=n` sets the number of programs (default 60, 8 expressions
//! each).

mod support;

use support::generator::{Rng, SIMPLE, Typed};
use wingc::driver::{Compiled, compile_sim};

#[test]
fn preflight_and_inflight_compute_the_same_values() {
    let programs = std::env::var("WING_FUZZ").ok().and_then(|v| v.parse::<usize>().ok()).map_or(60, |n| n / 6);
    let mut generator = Typed { rng: Rng(0xD1FF), vars: Vec::new(), next: 0 };
    for _ in 0..programs {
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
        for result in simulator.run_tests(None, 1) {
            assert!(result.passed, "preflight and inflight disagree:\n{program}\n{}", result.error.unwrap_or_default());
        }
    }
}
