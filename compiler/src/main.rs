//! The `wingc` command: `compile`, `test` and `run` a Wing program.

mod cli;

fn main() {
    std::process::exit(cli::main());
}
