//! The `imprint` command. Everything is in the library; see [`imprint::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    let terminal = imprint::cli::Terminal::detect();
    let code = imprint::cli::run_with(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr(), terminal);
    ExitCode::from(code)
}
