//! Command line: takes arguments, gives exit codes and printed output.
//! `compile` writes the target directory; `test` compiles, then runs every
//! `test` block in the simulator and prints one line per test and a closing
//! `N passed, N failed` line. Exit code 1 for a program with errors or a
//! failed test, 2 for bad usage (clap's own).

mod test;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
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
    },
    /// Start the simulator and keep it running.
    Run {
        #[arg(default_value = "main.w")]
        file: PathBuf,
    },
}

#[derive(clap::Args)]
struct CompileOptions {
    /// The target platform.
    #[arg(short, long, value_enum, default_value_t = Target::Sim)]
    target: Target,
    /// Output directory (default: `target/<name>.wsim` beside the file).
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

pub fn main() -> i32 {
    let cli = Cli::parse();
    match cli.command {
        Command::Compile { file, options } => match build(&file, &options) {
            Some((dir, _)) => {
                println!("Compiled {} to {}", file.display(), dir.display());
                0
            }
            None => 1,
        },
        Command::Test { file, options, filter, jobs } => match build(&file, &options) {
            Some((_, app)) => test::run(&file, &app, filter.as_deref(), jobs),
            None => 1,
        },
        Command::Run { .. } => {
            eprintln!("error: `wingc run` is not supported by this version of wingc yet; use `wingc test`");
            1
        }
    }
}

/// Compiles and writes the output; prints diagnostics and gives `None` on
/// failure.
fn build(file: &Path, options: &CompileOptions) -> Option<(PathBuf, SimApp)> {
    if options.target == Target::TfAws {
        eprintln!("error: the `tf-aws` target is not supported by this version of wingc yet; use `-t sim`");
        return None;
    }
    let text = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return None;
        }
    };
    let name = file.file_name().map_or("main.w".into(), |n| n.to_string_lossy().into_owned());
    match compile(Input { name: &name, text: &text, dir: file.parent() }) {
        Compiled::Failed { sources, diagnostics } => {
            print_diagnostics(&diagnostics, &sources, options.format);
            None
        }
        Compiled::Ok { app, logs, .. } => {
            for line in logs {
                println!("{line}");
            }
            let dir = options.output.clone().unwrap_or_else(|| {
                let stem = file.file_stem().map_or("main".into(), |s| s.to_string_lossy().into_owned());
                file.parent().unwrap_or(Path::new(".")).join("target").join(format!("{stem}.wsim"))
            });
            if let Err(e) = sim::write(&app, &dir) {
                eprintln!("error: cannot write {}: {e}", dir.display());
                return None;
            }
            Some((dir, app))
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
