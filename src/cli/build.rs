//! `imprint build`: build every publication (or the languages, editions and formats asked
//! for), or emit an intermediate form (`--emit model`, `--emit typst`).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use super::output::Printer;
use super::{BuildArgs, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK, Emit, Verbosity, checked, human_size, summary};
use crate::build::{Built, Options};
use crate::model::dump::dump;

/// Builds the project as `args` say, or emits what `emit` asks for.
pub(super) fn run(
    project: &Path,
    args: &BuildArgs,
    emit: Option<Emit>,
    printer: Printer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let output = &args.output(project);
    let format = args.message_format;
    if let Some(emit) = emit {
        let checked = match checked(project, err) {
            Ok(c) => c,
            Err(code) => return code,
        };
        printer.diagnostics(&checked.files, &checked.report.diagnostics, format, err);
        if checked.report.errors() > 0 {
            return EXIT_ERRORS;
        }
        return match emit {
            Emit::Model => {
                for job in &checked.jobs {
                    let _ = write!(out, "{}", dump(&job.doc));
                }
                EXIT_OK
            }
            Emit::Typst => emit_typst(&checked, project, output, out, err),
        };
    }
    let filter = args.filter();
    let progress = printer.progress("building");
    let update = |done: usize, total: usize| progress.update(done, total);
    let options = Options { filter: (!filter.is_all()).then_some(&filter), progress: Some(&update) };
    let start = Instant::now();
    let built = crate::build::build_with(project, output, crate::render::BuildInfo::from_env(), &options);
    progress.finish();
    match built {
        Ok(built) => report(&built, output, start, printer, format, out, err),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_FAILURE
        }
    }
}

/// Prints what a build did (problems, files, a summary) and returns the exit code.
pub(super) fn report(
    built: &Built,
    output: &Path,
    start: Instant,
    printer: Printer,
    format: super::DiagnosticStyle,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let report = &built.checked.report;
    printer.diagnostics(&built.checked.files, &report.diagnostics, format, err);
    if report.errors() > 0 {
        let _ = writeln!(
            err,
            "build failed: {}; nothing in `{}` was changed",
            summary(report.errors(), report.warnings()),
            output.display()
        );
        return EXIT_ERRORS;
    }
    if printer.verbosity == Verbosity::Verbose {
        for (path, size) in &built.written {
            let _ = writeln!(out, "wrote {} ({})", output.join(path).display(), human_size(*size));
        }
    }
    if printer.chatty() {
        let _ = writeln!(
            out,
            "built {} files into {} in {:.2} s: {}",
            built.written.len(),
            output.display(),
            start.elapsed().as_secs_f64(),
            summary(0, report.warnings())
        );
    }
    EXIT_OK
}

/// Writes the Typst projects of the PDFs, and says how to compile one with Typst.
fn emit_typst(
    checked: &crate::check::Checked,
    project: &Path,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let files = crate::build::typst_projects(checked, crate::render::BuildInfo::from_env());
    // The Typst projects are a part of the output folder of their own: the publications
    // beside them stay as they are.
    if let Err(e) = crate::write::write_scoped(output, &files, &|p| p.starts_with("typst")) {
        let _ = writeln!(err, "error: failed to write into `{}` ({e})", output.display());
        return EXIT_FAILURE;
    }
    for a in &files {
        let _ = writeln!(out, "wrote {}", output.join(&a.path).display());
    }
    let main = |a: &&crate::render::Artifact| {
        !a.path.starts_with("typst/layouts") && a.path.extension().is_some_and(|e| e == "typ")
    };
    if let Some(first) = files.iter().find(main) {
        let _ = writeln!(
            out,
            "compile one with Typst itself:\n  typst compile --root {} --font-path {} --ignore-system-fonts \
             --ignore-embedded-fonts --features a11y-extras --pdf-standard ua-1 {}",
            output.join("typst").display(),
            project.join("fonts").display(),
            output.join(&first.path).display()
        );
    }
    EXIT_OK
}
