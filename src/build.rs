//! The build driver: load and check the sources, assemble every publication, render every
//! format in parallel, and write the results into `output/` atomically. The only module that
//! writes files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assemble::assemble;
use crate::diag::{Diagnostic, Report, SourceFiles, Span};
use crate::layouts::Layouts;
use crate::model::Document;
use crate::render::html::HtmlRenderer;
use crate::render::{Artifact, RenderContext, RenderError, Renderer, Theme};
use crate::source::{self, Format, LoadFailure, Sources};
use crate::ui::Strings;

/// The sources of a project, loaded and checked, with every publication assembled.
#[derive(Debug)]
pub struct Checked {
    /// The text of every file, for printing diagnostics.
    pub files: SourceFiles,
    /// Every problem found.
    pub report: Report,
    /// The loaded sources.
    pub sources: Sources,
    /// Each publication's document with the formats to build it in.
    pub documents: Vec<(Document, Vec<Format>)>,
}

/// Loads and checks the project in `project` (the folder holding `sources/`).
pub fn check(project: &Path) -> Result<Checked, LoadFailure> {
    let mut files = SourceFiles::default();
    let mut report = Report::default();
    let sources = source::load(&project.join("sources"), &mut files, &mut report)?;
    let mut documents = Vec::new();
    if let Some(config) = &sources.config {
        for p in &config.publications {
            let p = p.get_ref();
            if let Some(doc) = assemble(&sources, p, &mut report) {
                let formats = p.formats.iter().map(|f| *f.get_ref()).collect();
                documents.push((doc, formats));
            }
        }
    }
    report.sort();
    Ok(Checked { files, report, sources, documents })
}

/// What a build did.
#[derive(Debug)]
pub struct Built {
    /// The checked sources (with any problems, including rendering errors).
    pub checked: Checked,
    /// The files written, relative to the output folder, with their sizes; empty when the
    /// build failed (then nothing was written).
    pub written: Vec<(PathBuf, usize)>,
}

/// Builds every publication of the project into `output`. When anything fails, nothing in
/// `output` changes.
pub fn build(project: &Path, output: &Path) -> Result<Built, LoadFailure> {
    let mut checked = check(project)?;
    if checked.report.errors() > 0 {
        return Ok(Built { checked, written: Vec::new() });
    }
    let layouts = Layouts::load(&project.join("layouts")).map_err(LoadFailure)?;
    let artifacts = render_all(&checked, &layouts);
    let artifacts = match artifacts {
        Ok(a) => a,
        Err(errors) => {
            for e in errors {
                let d = render_diagnostic(e, &layouts, &mut checked.files);
                checked.report.push(d);
            }
            return Ok(Built { checked, written: Vec::new() });
        }
    };
    write_atomically(output, &artifacts).map_err(|e| {
        LoadFailure(format!(
            "failed to write the outputs into `{}` ({e}); the previous outputs are unchanged",
            output.display()
        ))
    })?;
    let written = artifacts.iter().map(|a| (a.path.clone(), a.bytes.len())).collect();
    Ok(Built { checked, written })
}

/// The renderer of a format.
fn renderer(format: Format) -> &'static dyn Renderer {
    match format {
        Format::Html => &HtmlRenderer,
    }
}

fn theme(sources: &Sources) -> Option<Theme> {
    let b = &sources.config.as_ref()?.brand;
    Some(Theme {
        text: b.text.get_ref().clone(),
        background: b.background.get_ref().clone(),
        primary: b.primary.get_ref().clone(),
        on_primary: b.on_primary.get_ref().clone(),
        accent: b.accent.get_ref().clone(),
        surface: b.surface.get_ref().clone(),
    })
}

/// Renders every document in every format, in parallel; the artifacts come back in a stable
/// order whatever the scheduling.
fn render_all(checked: &Checked, layouts: &Layouts) -> Result<Vec<Artifact>, Vec<RenderError>> {
    let theme = theme(&checked.sources).expect("a checked project has a configuration");
    let strings = Strings::english();
    let jobs: Vec<(&Document, Format)> =
        checked.documents.iter().flat_map(|(doc, formats)| formats.iter().map(move |f| (doc, *f))).collect();
    let results: Vec<Result<Vec<Artifact>, RenderError>> = jobs
        .par_iter()
        .map(|(doc, format)| {
            let cx = RenderContext { layouts, theme: &theme, strings: &strings };
            renderer(*format).render(doc, cx)
        })
        .collect();
    let mut artifacts: Vec<Artifact> = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(list) => {
                for a in list {
                    // Images shared by several publications are identical; keep one copy.
                    if !artifacts.iter().any(|b| b.path == a.path) {
                        artifacts.push(a);
                    }
                }
            }
            Err(e) => errors.push(e),
        }
    }
    errors.dedup();
    if errors.is_empty() { Ok(artifacts) } else { Err(errors) }
}

fn render_diagnostic(e: RenderError, layouts: &Layouts, files: &mut SourceFiles) -> Diagnostic {
    let mut d = Diagnostic::error(e.message).hint(e.hint);
    if let Some((shown_as, line)) = e.layout {
        let text =
            layouts.iter().find(|(_, f)| f.shown_as == shown_as).map(|(_, f)| f.text.clone()).unwrap_or_default();
        let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
        let start = start.min(text.len());
        let end = text[start..].find('\n').map(|i| start + i).unwrap_or(text.len());
        let file = files.add(shown_as, text);
        d = d.at(Span::new(file, start..end));
    }
    d
}

/// The folder inside `output/` where a build is prepared before it is moved into place.
const STAGING: &str = ".imprint-staging";

/// Writes every artifact into a staging folder, then moves each into place with a rename, so
/// that no output is ever half-written and a failure before the moves changes nothing.
pub fn write_atomically(output: &Path, artifacts: &[Artifact]) -> io::Result<()> {
    fs::create_dir_all(output)?;
    let staging = output.join(STAGING);
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    for a in artifacts {
        let path = staging.join(&a.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &a.bytes)?;
    }
    for a in artifacts {
        let target = output.join(&a.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(staging.join(&a.path), &target)?;
    }
    fs::remove_dir_all(&staging)
}
