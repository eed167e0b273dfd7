//! `imprint build`: build every publication, or emit an intermediate form (`--emit model`,
//! `--emit typst`).

use std::io::Write;
use std::path::Path;

use super::{DiagnosticStyle, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK, Emit, checked, human_size, style, summary};
use crate::diag;
use crate::model::dump::dump;

/// Builds the project into `output`, or emits what `emit` asks for.
pub(super) fn run(
    project: &Path,
    output: &Path,
    emit: Option<Emit>,
    format: DiagnosticStyle,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    if let Some(emit) = emit {
        let checked = match checked(project, err) {
            Ok(c) => c,
            Err(code) => return code,
        };
        let _ = write!(err, "{}", diag::render(&checked.files, &checked.report.diagnostics, style(format)));
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
    let built = match crate::build::build(project, output, crate::render::BuildInfo::from_env()) {
        Ok(b) => b,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return EXIT_FAILURE;
        }
    };
    let report = &built.checked.report;
    let _ = write!(err, "{}", diag::render(&built.checked.files, &report.diagnostics, style(format)));
    if report.errors() > 0 {
        let _ = writeln!(
            err,
            "build failed: {}; nothing in `{}` was changed",
            summary(report.errors(), report.warnings()),
            output.display()
        );
        return EXIT_ERRORS;
    }
    for (path, size) in &built.written {
        let _ = writeln!(out, "wrote {} ({})", output.join(path).display(), human_size(*size));
    }
    let _ = writeln!(out, "built {} files: {}", built.written.len(), summary(0, report.warnings()));
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
