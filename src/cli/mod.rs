//! The command line: parses the arguments and hands each subcommand to its own file
//! ([`init`], [`check`], [`build`], [`translate`], [`report`], [`review`]), a thin layer over the library that prints
//! diagnostics and chooses the exit code. Nothing below the command line imports it.

mod build;
mod check;
mod init;
mod report;
mod review;
mod translate;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::Checked;
use crate::diag::Style;

/// imprint: accessible publications in many languages from one structured source.
#[derive(Debug, Parser)]
#[command(name = "imprint", version, about)]
pub struct Cli {
    /// The project folder: the one holding `sources/` (and optionally `layouts/`).
    #[arg(long, global = true, default_value = ".")]
    pub project: PathBuf,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new project: a commented imprint.toml and an example of every kind of content.
    Init {
        /// The folder to make it in (default: the project folder, `--project` or `.`).
        folder: Option<PathBuf>,
    },
    /// Check the sources and report every problem (exit 0: clean, 1: errors, 2: could not run).
    Check {
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = DiagnosticStyle::Rich)]
        format: DiagnosticStyle,
    },
    /// Build every publication into the output folder.
    Build {
        /// Where to write (default: `output/` in the project folder).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Instead of building, emit an intermediate form: `model` prints the document model;
        /// `typst` writes each PDF's Typst source under `<output>/typst/`.
        #[arg(long, value_enum)]
        emit: Option<Emit>,
        /// How to print problems.
        #[arg(long, value_enum, default_value_t = DiagnosticStyle::Rich)]
        format: DiagnosticStyle,
    },
    /// Work with the translation catalogs (gettext PO) in sources/translations/.
    Translate {
        /// What to do.
        #[command(subcommand)]
        action: TranslateAction,
    },
    /// Record a person's accessibility review of some files in sources/reviews.toml, bound to
    /// their content as it is now.
    Review(Box<review::ReviewArgs>),
    /// Print a report about the sources.
    Report {
        /// Which report.
        #[arg(value_enum)]
        kind: ReportKind,
    },
}

/// Translation commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum TranslateAction {
    /// Write translations/imprint.pot: every message of the sources.
    Extract,
    /// Merge the template into every language's PO file, as msgmerge does.
    Update,
    /// Print, per language, how many messages are translated, stale or missing.
    Status,
}

/// The reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// Reading level per section and language, standard beside plain language.
    Readability,
}

/// How to print problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticStyle {
    /// A snippet of the file with the problem marked, and a hint.
    Rich,
    /// One line per problem: file:line:column: severity: message.
    Short,
}

/// Intermediate forms that `build --emit` can print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// The document model of each publication, as indented text.
    Model,
    /// The Typst source of each PDF, with the layouts and images it reads, written under
    /// `<output>/typst/` so that Typst itself can compile it.
    Typst,
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the sources have errors.
pub const EXIT_ERRORS: u8 = 1;
/// Exit code: imprint could not run (no sources folder, unreadable file, bad arguments).
pub const EXIT_FAILURE: u8 = 2;

/// Runs imprint with the given arguments; returns the exit code.
pub fn run(args: impl IntoIterator<Item = OsString>, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            if e.use_stderr() {
                let _ = write!(err, "{}", e.render());
                return EXIT_FAILURE;
            }
            let _ = write!(out, "{}", e.render());
            return EXIT_OK;
        }
    };
    match cli.command {
        Command::Init { folder } => init::run(&folder.unwrap_or(cli.project.clone()), out, err),
        Command::Check { format } => check::run(&cli.project, format, out, err),
        Command::Report { kind: ReportKind::Readability } => report::readability(&cli.project, out, err),
        Command::Translate { action } => translate::run(&cli.project, action, out, err),
        Command::Review(args) => review::run(&cli.project, *args, out, err),
        Command::Build { output, emit, format } => {
            let output = output.unwrap_or_else(|| {
                if cli.project == std::path::Path::new(".") {
                    PathBuf::from("output")
                } else {
                    cli.project.join("output")
                }
            });
            build::run(&cli.project, &output, emit, format, out, err)
        }
    }
}

/// The checked project, or the exit code after saying why it could not be checked.
fn checked(project: &std::path::Path, err: &mut dyn Write) -> Result<Checked, u8> {
    crate::check::check(project).map_err(|e| {
        let _ = writeln!(err, "error: {e}");
        EXIT_FAILURE
    })
}

fn style(f: DiagnosticStyle) -> Style {
    match f {
        DiagnosticStyle::Rich => Style::Rich,
        DiagnosticStyle::Short => Style::Short,
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
    };
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

fn human_size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}
