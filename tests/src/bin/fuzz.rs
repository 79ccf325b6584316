//! `cargo run --release -p wing-tests --bin fuzz -- run [options]`: the fuzzer
//! (see `wing_tests::fuzz`). Runs programs from the corpus mutations and
//! the grammar generator, each in a child process under a time limit, and
//! prints what it found; exits 1 when it found a crash or a stall.
//!
//! Options: `--seed N` (default 1), `--programs N` (default unlimited),
//! `--minutes M` (default 2), `--limit SECONDS` per program (default 10),
//! `--jobs N` (default 1), `--out DIR` (default `target/fuzz`).
//! `fuzz replay FILE` judges one program and prints its outcome;
//! `fuzz show N [--seed S]` prints case N of a campaign;
//! `fuzz child FILE [--dir DIR]` is what the campaign runs per program.

use std::path::{Path, PathBuf};
use std::time::Duration;
use wing_tests::fuzz::{self, Config, outcome};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let number = |name: &str, default: u64| value(name).map_or(default, |v| v.parse().unwrap_or_else(|_| usage(name)));
    let exe = std::env::current_exe().expect("the fuzz binary's path");
    match args.first().map(String::as_str) {
        Some("child") => {
            let file = PathBuf::from(args.get(1).unwrap_or_else(|| usage("child FILE")));
            let dir = value("--dir").map(PathBuf::from);
            std::process::exit(outcome::judge(&file, dir.as_deref()));
        }
        Some("show") => {
            let index = args.get(1).and_then(|v| v.parse().ok()).unwrap_or_else(|| usage("show N"));
            let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository");
            print!("{}", fuzz::case(number("--seed", 1), index, &fuzz::corpus::load(root)).text);
            return;
        }
        Some("replay") => {
            let file = PathBuf::from(args.get(1).unwrap_or_else(|| usage("replay FILE")));
            let limit = Duration::from_secs(number("--limit", 10));
            let dir = file.parent().map(Path::to_path_buf);
            println!("{:?}", outcome::run_child(&exe, &file, dir.as_deref(), limit));
            return;
        }
        Some("run") | None => {}
        Some(other) => usage(other),
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository").to_path_buf();
    let out = value("--out").map_or_else(|| root.join("target/fuzz"), PathBuf::from);
    let config = Config {
        exe,
        work: std::env::temp_dir().join(format!("wing-fuzz-{}", std::process::id())),
        out,
        seed: number("--seed", 1),
        programs: number("--programs", u64::MAX) as usize,
        duration: Duration::from_secs(number("--minutes", 2) * 60),
        limit: Duration::from_secs(number("--limit", 10)),
        jobs: number("--jobs", 1) as usize,
        shrink_budget: 400,
        root,
    };
    eprintln!("fuzzing with seed {} for {:?} (findings go to {})", config.seed, config.duration, config.out.display());
    let summary = fuzz::run(&config, &|line| eprintln!("{line}"));
    let _ = std::fs::remove_dir_all(&config.work);
    println!("{}", summary.line());
    for finding in &summary.findings {
        println!(
            "{:?} ×{}: {} (case {}, {})",
            finding.outcome,
            finding.count,
            finding.file.display(),
            finding.case,
            finding.origin
        );
    }
    if !summary.findings.is_empty() {
        std::process::exit(1);
    }
}

fn usage(what: &str) -> ! {
    eprintln!("fuzz: bad or missing {what}; see the module documentation of tests/src/bin/fuzz.rs");
    std::process::exit(2)
}
