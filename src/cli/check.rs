//! `imprint check`: every problem of the sources, printed, and the exit code.

use std::io::Write;
use std::path::Path;

use super::output::Printer;
use super::{DiagnosticStyle, EXIT_ERRORS, EXIT_OK, Verbosity, checked, summary};

/// Checks the project and prints every problem (in full, never folded: this is where a
/// build's one-line summaries send the reader).
pub(super) fn run(
    project: &Path,
    format: DiagnosticStyle,
    mut printer: Printer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let checked = match checked(project, err) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if printer.verbosity == Verbosity::Normal {
        printer.verbosity = Verbosity::Verbose;
    }
    printer.diagnostics(&checked.files, &checked.report.diagnostics, format, err);
    let (errors, warnings) = (checked.report.errors(), checked.report.warnings());
    let _ = writeln!(
        out,
        "checked {} files, {} documents: {}",
        checked.files.len(),
        checked.jobs.len(),
        summary(errors, warnings)
    );
    if let Some(summary) = checked.sources.config.as_ref().and_then(crate::source::configcheck::large_print_summary) {
        let _ = writeln!(out, "{summary}");
    }
    if errors > 0 { EXIT_ERRORS } else { EXIT_OK }
}
