//! The fuzzer (stable Rust, no cargo-fuzz): programs from two sources, the
//! mutation of every real program of the repository ([`corpus`],
//! [`mutate`]) and a generator of random programs from Wing's grammar
//! ([`grammar`], with [`typed`] for well-typed code), each compiled (and
//! its tests run) in a child process under a time limit ([`outcome`]), so
//! that exit 0, located errors, a crash (panic, abort, internal error) and
//! a stall are all observed. Every new crash or stall is shrunk to a
//! minimal program ([`shrink`]) and written out.
//!
//! Case `i` of a run depends only on the seed and `i`, so a run is
//! repeatable and its findings can be replayed by number. The binary is
//! `tests/src/bin/fuzz.rs`; `tests/harness/fuzz.rs` runs a bounded,
//! fixed-seed campaign in `cargo test`.

pub mod corpus;
pub mod grammar;
pub mod mutate;
pub mod outcome;
pub mod rng;
pub mod shrink;
pub mod typed;

use outcome::Outcome;
use rng::Rng;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

/// What a campaign runs and for how long.
#[derive(Debug, Clone)]
pub struct Config {
    /// The fuzz binary, run as `exe child FILE` for each program.
    pub exe: PathBuf,
    /// The repository, whose programs are the mutation corpus.
    pub root: PathBuf,
    /// Scratch space for the programs being run.
    pub work: PathBuf,
    /// Where minimal programs of findings are written.
    pub out: PathBuf,
    pub seed: u64,
    /// Stop after this many programs …
    pub programs: usize,
    /// … or after this long, whichever comes first.
    pub duration: Duration,
    /// How long one program may take before it counts as a stall.
    pub limit: Duration,
    pub jobs: usize,
    /// How many candidates shrinking one finding may try.
    pub shrink_budget: usize,
}

/// A crash or stall: the first program that showed it (shrunk) and how
/// many programs showed it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub outcome: Outcome,
    pub case: usize,
    pub origin: String,
    pub program: String,
    pub count: usize,
    /// The minimal program's file in `Config::out`.
    pub file: PathBuf,
}

/// What a campaign saw.
#[derive(Debug, Default)]
pub struct Summary {
    pub tried: usize,
    pub ok: usize,
    pub errors: usize,
    pub findings: Vec<Finding>,
}

impl Summary {
    pub fn crashes(&self) -> usize {
        self.findings.iter().filter(|f| matches!(f.outcome, Outcome::Crash(_))).map(|f| f.count).sum()
    }

    pub fn stalls(&self) -> usize {
        self.findings.iter().filter(|f| f.outcome == Outcome::Stall).map(|f| f.count).sum()
    }

    /// One line: programs tried, how they went.
    pub fn line(&self) -> String {
        format!(
            "{} programs: {} compiled and ran, {} rejected with located errors, {} crashes, {} stalls ({} distinct)",
            self.tried,
            self.ok,
            self.errors,
            self.crashes(),
            self.stalls(),
            self.findings.len()
        )
    }
}

/// A program to try.
pub struct Case {
    pub text: String,
    pub dir: Option<PathBuf>,
    /// Where it came from: `grammar` or the mutated file.
    pub origin: String,
}

/// Case `index` of the campaign with `seed`: even cases mutate a corpus
/// program, odd ones are generated.
pub fn case(seed: u64, index: usize, corpus: &[corpus::Seed]) -> Case {
    let case_seed = seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng::new(case_seed);
    if index.is_multiple_of(2) && !corpus.is_empty() {
        let seed_program = &corpus[rng.below(corpus.len())];
        let donor = &corpus[rng.below(corpus.len())];
        let text = mutate::mutate(&mut rng, &seed_program.text, &donor.text);
        return Case { text, dir: seed_program.dir.clone(), origin: format!("mutation of {}", seed_program.origin) };
    }
    Case { text: grammar::Grammar::new(case_seed).program(), dir: None, origin: "grammar".to_string() }
}

/// Runs a campaign; `progress` hears one line now and then.
pub fn run(config: &Config, progress: &(dyn Fn(&str) + Sync)) -> Summary {
    let corpus = corpus::load(&config.root);
    let started = Instant::now();
    let next = AtomicUsize::new(0);
    let known: Mutex<HashMap<Outcome, usize>> = Mutex::new(HashMap::new());
    let (sender, receiver) = mpsc::channel::<(usize, Outcome, Option<Finding>)>();
    let mut summary = Summary::default();
    std::thread::scope(|scope| {
        for job in 0..config.jobs.max(1) {
            let sender = sender.clone();
            let (corpus, next, known) = (&corpus, &next, &known);
            scope.spawn(move || {
                let work = config.work.join(format!("job{job}"));
                loop {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    if index >= config.programs || started.elapsed() >= config.duration {
                        return;
                    }
                    let case = case(config.seed, index, corpus);
                    let outcome = try_program(config, &work, &case.text, case.dir.as_deref());
                    let finding =
                        outcome.is_finding().then(|| new_finding(config, &work, known, index, &case, &outcome)).flatten();
                    if sender.send((index, outcome, finding)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        for (index, outcome, finding) in receiver {
            summary.tried += 1;
            match &outcome {
                Outcome::Ok => summary.ok += 1,
                Outcome::Errors => summary.errors += 1,
                _ => match finding {
                    Some(finding) => {
                        progress(&format!("case {index}: {:?} → {}", finding.outcome, finding.file.display()));
                        summary.findings.push(finding);
                    }
                    None => {
                        if let Some(seen) = summary.findings.iter_mut().find(|f| f.outcome == outcome) {
                            seen.count += 1;
                        }
                    }
                },
            }
            if summary.tried % 200 == 0 {
                progress(&format!("{:.0?}: {}", started.elapsed(), summary.line()));
            }
        }
    });
    summary
}

fn try_program(config: &Config, work: &Path, text: &str, dir: Option<&Path>) -> Outcome {
    match outcome::write_program(work, text) {
        Ok(file) => outcome::run_child(&config.exe, &file, dir, config.limit),
        Err(e) => Outcome::Crash(format!("cannot write the program: {e}")),
    }
}

/// The finding for a case, shrunk and written out, when its outcome has
/// not been seen before in this campaign.
fn new_finding(
    config: &Config,
    work: &Path,
    known: &Mutex<HashMap<Outcome, usize>>,
    index: usize,
    case: &Case,
    outcome: &Outcome,
) -> Option<Finding> {
    let number = {
        let mut known = known.lock().unwrap_or_else(|e| e.into_inner());
        let count = known.len();
        if known.contains_key(outcome) {
            return None;
        }
        known.insert(outcome.clone(), count);
        count
    };
    // A stall costs the whole time limit per try: shrink it less.
    let budget = if *outcome == Outcome::Stall { config.shrink_budget / 10 } else { config.shrink_budget };
    let program =
        shrink::shrink(&case.text, budget, |candidate| try_program(config, work, candidate, case.dir.as_deref()) == *outcome);
    let _ = std::fs::create_dir_all(&config.out);
    let file = config.out.join(format!("finding-{number}-case-{index}.w"));
    let header = format!("// {outcome:?}\n// case {index} of seed {} ({})\n", config.seed, case.origin);
    let _ = std::fs::write(&file, header + &program);
    Some(Finding { outcome: outcome.clone(), case: index, origin: case.origin.clone(), program, count: 1, file })
}
