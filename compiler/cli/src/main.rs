//! The `wingc` command line: takes arguments, gives exit codes and printed output.
//! `compile` writes the target directory; `test` compiles, then runs every
//! `test` block in the simulator and prints one line per test and a closing
//! `N passed, N failed` line; `run` keeps a simulator up until Ctrl-C.
//! `fmt` lays files out canonically (`--check` lists the ones that would
//! change); `lsp` serves the language server on stdin/stdout.
//! Exit code 1 for a program with errors or a failed test, 2 for bad usage
//! (clap's own).

mod deploy;
mod fmt;
mod run;
mod test;

/// jemalloc, whose background thread returns freed memory to the system
/// (see .cargo/config.toml): after an invocation that filled its memory
/// limit ends, `wingc run` shrinks back. glibc's malloc keeps such memory
/// in the heap of the thread that freed it.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::time::Duration;
use wingc::diagnostics::{Diagnostic, SourceMap, render, render_json};
use wingc::driver::{Compiled, Input, compile};
use wingc::targets::sim::{self, SimApp};

#[derive(Parser)]
#[command(name = "wingc", version, about = "Compiler and simulator for the Wing cloud language")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile a program for a target.
    Compile {
        /// The entry file.
        #[arg(default_value = "main.w")]
        file: PathBuf,
        #[command(flatten)]
        options: CompileOptions,
    },
    /// Compile a program and run its `test` blocks in the simulator.
    Test {
        #[arg(default_value = "main.w")]
        file: PathBuf,
        #[command(flatten)]
        options: CompileOptions,
        /// Run only tests whose name contains this text.
        #[arg(long)]
        filter: Option<String>,
        /// Tests run at once (default: the number of cores).
        #[arg(short = 'j', long)]
        jobs: Option<usize>,
        /// How long one test may run (`30s`, `500ms`, `2m`; default 60s).
        #[arg(long, value_parser = parse_duration)]
        timeout: Option<Duration>,
        /// Write every invocation of every test (resource, duration,
        /// outcome, logs) to this JSON file.
        #[arg(long)]
        trace: Option<PathBuf>,
    },
    /// Start the simulator and keep it running until Ctrl-C.
    Run {
        #[arg(default_value = "main.w")]
        file: PathBuf,
        #[command(flatten)]
        options: CompileOptions,
        /// Keep the state of buckets, counters, tables and queues here,
        /// across restarts.
        #[arg(long)]
        state_dir: Option<PathBuf>,
        /// The secrets file for `cloud.Secret` (default: `.env` beside the
        /// program).
        #[arg(long)]
        secrets: Option<PathBuf>,
        /// Write every invocation to this JSON file when stopping.
        #[arg(long)]
        trace: Option<PathBuf>,
    },
    /// Lay out files in the canonical format (in place).
    Fmt {
        /// The files to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Change nothing: list the files that would change, exit 1 if any.
        #[arg(long)]
        check: bool,
    },
    /// Serve the language server (LSP) on stdin/stdout.
    Lsp,
}

#[derive(clap::Args)]
struct CompileOptions {
    /// The target platform.
    #[arg(short, long, value_enum, default_value_t = Target::Sim)]
    target: Target,
    /// Output directory (default: `target/<name>.wsim`, or `.tfaws`,
    /// beside the file).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// How diagnostics are printed.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Target {
    Sim,
    TfAws,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

fn run_cli() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Compile { file, options } => {
            let dir = match options.target {
                Target::Sim => build(&file, &options).map(|(dir, _)| dir),
                Target::TfAws => deploy::build_tf_aws(&file, &options),
            };
            match dir {
                Some(dir) => {
                    println!("Compiled {} to {}", file.display(), dir.display());
                    0
                }
                None => 1,
            }
        }
        Command::Test { options, .. } | Command::Run { options, .. } if options.target != Target::Sim => {
            eprintln!("error: tests and `wingc run` use the simulator; `-t tf-aws` is for `wingc compile`");
            2
        }
        Command::Test { file, options, filter, jobs, timeout, trace } => match build(&file, &options) {
            Some((_, app)) => test::run(&file, &app, test::Flags { filter, jobs, timeout, trace }),
            None => 1,
        },
        Command::Run { file, options, state_dir, secrets, trace } => match build(&file, &options) {
            Some((_, app)) => run::run(&file, &app, state_dir, secrets, trace),
            None => 1,
        },
        Command::Fmt { files, check } => fmt::run(&files, check),
        Command::Lsp => wing_lsp::run_stdio(),
    }
}

/// How a simulator for the program in `file` runs: its folder for
/// relative paths and its secrets file (`.env` beside it unless given).
fn sim_options(file: &Path, state_dir: Option<PathBuf>, secrets: Option<PathBuf>, trace: bool) -> wing_runtime::SimOptions {
    let root = file.parent().map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }).unwrap_or(Path::new("."));
    let secrets_file = secrets.unwrap_or_else(|| root.join(".env"));
    let secrets = std::fs::read_to_string(&secrets_file).map(|text| wing_runtime::parse_env_file(&text)).unwrap_or_default();
    wing_runtime::SimOptions { state_dir, secrets, root: Some(root.to_path_buf()), trace, log_sink: None }
}

/// `30s`, `500ms`, `2m`, `1h` or a number of seconds.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let (number, unit) = text.find(|c: char| c.is_ascii_alphabetic()).map_or((text, "s"), |at| text.split_at(at));
    let value: f64 = number.trim().parse().map_err(|_| format!("`{text}` is not a duration (try `30s`)"))?;
    let seconds = match unit {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        _ => return Err(format!("unknown unit `{unit}` in `{text}` (ms, s, m, h)")),
    };
    if !seconds.is_finite() || seconds <= 0.0 {
        return Err(format!("`{text}` must be a positive duration"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Compiles for the simulator and writes the output; prints diagnostics
/// and gives `None` on failure.
fn build(file: &Path, options: &CompileOptions) -> Option<(PathBuf, SimApp)> {
    let (app, dir) = compiled(file, options, "sim", compile)?;
    match sim::write(&app, &dir) {
        Ok(()) => Some((dir, app)),
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", dir.display());
            None
        }
    }
}

/// Reads and compiles `file` for `target` with `compile_for`; prints the
/// diagnostics or the program's preflight logs. Gives the app and the
/// directory to write it to (`-o`, or `target/<stem>.<extension>` beside
/// the program).
fn compiled<App>(
    file: &Path,
    options: &CompileOptions,
    target: &str,
    compile_for: impl FnOnce(Input<'_>) -> Compiled<App>,
) -> Option<(App, PathBuf)> {
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return None;
        }
    };
    let name = file.file_name().map_or("main.w".into(), |n| n.to_string_lossy().into_owned());
    let input = Input { name: &name, text: &text, dir: file.parent(), out_dir: options.output.as_deref() };
    let output = input.output(target);
    match compile_for(input) {
        Compiled::Failed { sources, diagnostics } => {
            print_diagnostics(&diagnostics, &sources, options.format);
            None
        }
        Compiled::Ok { app, logs, .. } => {
            for line in logs {
                println!("{line}");
            }
            Some((app, output))
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], sources: &SourceMap, format: Format) {
    match format {
        Format::Human => {
            eprint!("{}", render(diagnostics, sources));
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("error: could not compile: {errors} error{}", if errors == 1 { "" } else { "s" });
        }
        Format::Json => println!("{}", render_json(diagnostics, sources)),
    }
}

fn main() {
    std::process::exit(run_cli());
}
