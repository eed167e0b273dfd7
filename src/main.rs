//! The `imprint` command. Everything is in the library; see [`imprint::cli`].

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = imprint::cli::run(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(code)
}
