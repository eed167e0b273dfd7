//! The build driver: load and check the sources, assemble every publication, render every
//! format in parallel, and write the results into `output/` atomically. The only module that
//! writes files.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Report, Severity, SourceFiles, Span};
use crate::fonts::{FontPlan, FontSet};
use crate::layouts::Layouts;
use crate::model::Document;
use crate::plan::{Job, plan};
use crate::readability;
use crate::render::epub::EpubRenderer;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::PdfRenderer;
use crate::render::{Artifact, BuildInfo, LargePrint, Problem, RenderContext, Rendered, Renderer, Site, Theme};
use crate::source::{self, Format, LoadFailure, Sources};

/// The sources of a project, loaded and checked, with every publication assembled.
#[derive(Debug)]
pub struct Checked {
    /// The text of every file, for printing diagnostics.
    pub files: SourceFiles,
    /// Every problem found.
    pub report: Report,
    /// The loaded sources.
    pub sources: Sources,
    /// Each document to build: every publication in every language and edition.
    pub jobs: Vec<Job>,
    /// The layouts (built-in, overridden by the project's).
    pub layouts: Layouts,
    /// The fonts of `fonts/`.
    pub fonts: FontSet,
    /// Which fonts each language is set in.
    pub font_plan: FontPlan,
    /// The readability targets and the measures of every section, standard and plain (the
    /// gate's input, kept for `imprint report readability`).
    pub readability: (readability::report::Targets, Vec<readability::report::Row>),
}

/// Loads and checks the project in `project` (the folder holding `sources/`).
pub fn check(project: &Path) -> Result<Checked, LoadFailure> {
    let mut files = SourceFiles::default();
    let mut report = Report::default();
    let sources = source::load(&project.join("sources"), &mut files, &mut report)?;
    let layouts = Layouts::load(&project.join("layouts")).map_err(LoadFailure)?;
    let fonts = FontSet::load(&project.join("fonts")).map_err(LoadFailure)?;
    let (font_plan, plan_ok) = font_plan(&layouts, &fonts, &mut files, &mut report);
    let jobs = plan(&sources, &files, &mut report);
    // With a broken font plan every character would be reported; the plan's errors say it all.
    for job in jobs.iter().filter(|_| plan_ok) {
        for d in crate::glyphs::check(&job.doc, &job.strings, &fonts, &font_plan, false, &files) {
            report.push(d);
        }
        if job.formats.contains(&Format::LargePrint) {
            for d in crate::glyphs::check(&job.doc, &job.strings, &fonts, &font_plan, true, &files) {
                if !report.diagnostics.contains(&d) {
                    report.push(d);
                }
            }
        }
    }
    let targets = sources.config.as_ref().map(|c| c.readability.targets()).unwrap_or_default();
    let docs: Vec<&Document> = jobs.iter().map(|j| &j.doc).collect();
    let rows = readability::report::rows(&docs, &targets);
    for d in readability::report::gate(&rows, &targets) {
        report.push(d);
    }
    report.sort();
    Ok(Checked { files, report, sources, jobs, layouts, fonts, font_plan, readability: (targets, rows) })
}

/// Reads and checks `layouts/fonts.toml` against the fonts of `fonts/`: the plan, and whether
/// it is sound (it parses, every key is a language tag written as imprint writes it, every
/// family is in `fonts/`). A plan that does not parse falls back to Noto Sans alone.
fn font_plan(layouts: &Layouts, fonts: &FontSet, files: &mut SourceFiles, report: &mut Report) -> (FontPlan, bool) {
    let plan_file = layouts.get("fonts.toml").expect("built-in layout");
    let errors_before = report.errors();
    let mut file = None;
    let mut at = |files: &mut SourceFiles, range: std::ops::Range<usize>| {
        let id = *file.get_or_insert_with(|| files.add(plan_file.shown_as.clone(), plan_file.text.clone()));
        Span::new(id, range)
    };
    let plan = match FontPlan::parse(&plan_file.text) {
        Ok(p) => p,
        Err(e) => {
            report.push(
                Diagnostic::error(format!("invalid TOML: {}", e.message()))
                    .at(at(files, e.span().unwrap_or(0..0)))
                    .hint("Write `default = [\"Family\", ...]` and a [languages] table of `tag = [\"Family\", ...]`."),
            );
            let fallback = FontPlan {
                default: vec!["Noto Sans".into()],
                languages: Default::default(),
                large_print: Default::default(),
            };
            return (fallback, false);
        }
    };
    // Where a quoted name first appears in the file, to point at it.
    let find = |quoted: &str| {
        let start = plan_file.text.find(quoted).unwrap_or(0);
        start..start + if start == 0 { 0 } else { quoted.len() }
    };
    for key in plan.languages.keys().chain(plan.large_print.keys()) {
        let canonical = crate::lang::parse_lang(key).ok().filter(|tag| tag.as_str() == key);
        if canonical.is_none() {
            let line = find(&format!("\n{key}"));
            let span = at(files, if line.is_empty() { line } else { line.start + 1..line.end });
            report.push(
                Diagnostic::error(format!("`{key}` in layouts/fonts.toml is not a language tag as imprint writes it"))
                    .at(span)
                    .hint("Write the tag as in imprint.toml's [languages]: `es`, `zh-Hant`, `fa`; a tag written otherwise is never used."),
            );
        }
    }
    let mut named: Vec<&String> = plan
        .default
        .iter()
        .chain(plan.languages.values().flatten())
        .chain(plan.large_print.values().flatten())
        .collect();
    named.sort();
    named.dedup();
    let families = fonts.families();
    for family in named {
        if !families.iter().any(|f| f.eq_ignore_ascii_case(family)) {
            let span = at(files, find(&format!("\"{family}\"")));
            report.push(
                Diagnostic::error(format!("layouts/fonts.toml names the family `{family}`, which is not in fonts/"))
                    .at(span)
                    .hint(format!("The families in fonts/ are: {}.", families.join(", "))),
            );
        }
    }
    (plan, report.errors() == errors_before)
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

/// Builds every publication of the project into `output`, with the date and other fixed
/// facts of `info`. When anything fails, nothing in `output` changes.
pub fn build(project: &Path, output: &Path, info: BuildInfo) -> Result<Built, LoadFailure> {
    let mut checked = check(project)?;
    if checked.report.errors() > 0 {
        return Ok(Built { checked, written: Vec::new() });
    }
    let artifacts = render_all(&mut checked, info);
    typst::comemo::evict(10);
    if checked.report.errors() > 0 {
        return Ok(Built { checked, written: Vec::new() });
    }
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
        Format::Pdf => &PdfRenderer::BROCHURE,
        Format::LargePrint => &PdfRenderer::LARGE_PRINT,
        Format::Epub => &EpubRenderer,
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

/// What every renderer of a checked project shares besides the fonts and layouts.
struct Shared {
    theme: Theme,
    large_print: LargePrint,
}

impl Shared {
    fn of(checked: &Checked) -> Shared {
        let large_print = checked
            .sources
            .config
            .as_ref()
            .map(|c| LargePrint {
                body_size: *c.large_print.body_size.get_ref(),
                line_spacing: *c.large_print.line_spacing.get_ref(),
            })
            .unwrap_or_default();
        let theme = theme(&checked.sources).expect("a checked project has a configuration");
        Shared { theme, large_print }
    }

    fn context<'a>(&'a self, checked: &'a Checked, job: &'a Job, build: BuildInfo) -> RenderContext<'a> {
        RenderContext {
            layouts: &checked.layouts,
            fonts: &checked.fonts,
            font_plan: &checked.font_plan,
            theme: &self.theme,
            strings: &job.strings,
            build,
            large_print: self.large_print,
        }
    }
}

/// Renders one document of a checked project (with no errors) in one format, exactly as the
/// build does, and writes nothing: for benchmarks and tools.
pub fn render_job(checked: &Checked, job: &Job, format: Format, build: BuildInfo) -> Rendered {
    let shared = Shared::of(checked);
    renderer(format).render(&job.doc, shared.context(checked, job, build))
}

/// Every PDF of a checked project (with no errors) as a Typst project that Typst itself can
/// compile, under `typst/`: the main files, and the layouts and images they read.
pub fn typst_projects(checked: &Checked, build: BuildInfo) -> Vec<Artifact> {
    let shared = Shared::of(checked);
    let mut files: Vec<Artifact> = Vec::new();
    for job in &checked.jobs {
        for format in &job.formats {
            let pdf = match format {
                Format::Pdf => PdfRenderer::BROCHURE,
                Format::LargePrint => PdfRenderer::LARGE_PRINT,
                Format::Html | Format::Epub => continue,
            };
            for mut a in pdf.typst_project(&job.doc, shared.context(checked, job, build)) {
                a.path = Path::new("typst").join(&a.path);
                if !files.iter().any(|b| b.path == a.path) {
                    files.push(a);
                }
            }
        }
    }
    files
}

/// Renders every document in every format, in parallel. The artifacts come back in a stable
/// order whatever the scheduling; problems are added to the report.
fn render_all(checked: &mut Checked, build: BuildInfo) -> Vec<Artifact> {
    let shared = Shared::of(checked);
    let ro: &Checked = checked;
    let tasks: Vec<(&Job, Format)> = ro.jobs.iter().flat_map(|j| j.formats.iter().map(move |f| (j, *f))).collect();
    let results: Vec<Rendered> = tasks
        .par_iter()
        .map(|(job, format)| renderer(*format).render(&job.doc, shared.context(ro, job, build)))
        .collect();
    let mut artifacts: Vec<Artifact> = Vec::new();
    let mut problems = Vec::new();
    for r in results {
        for a in r.artifacts {
            // Images shared by several publications are identical; keep one copy.
            if !artifacts.iter().any(|b| b.path == a.path) {
                artifacts.push(a);
            }
        }
        for p in r.problems {
            if !problems.contains(&p) {
                problems.push(p);
            }
        }
    }
    let layouts = checked.layouts.clone();
    for p in problems {
        let d = problem_diagnostic(p, &layouts, &mut checked.files);
        checked.report.push(d);
    }
    artifacts
}

fn problem_diagnostic(p: Problem, layouts: &Layouts, files: &mut SourceFiles) -> Diagnostic {
    let mut d = match p.severity {
        Severity::Error => Diagnostic::error(p.message),
        Severity::Warning => Diagnostic::warning(p.message),
    };
    for hint in p.hints {
        d = d.hint(hint);
    }
    match p.site {
        Some(Site::Source(origin)) => {
            let mut span = Span::from(origin);
            // Narrow the place to the text the problem is about, when it is there.
            if let Some(focus) = &p.focus {
                let text = files.text(origin.file);
                if let Some(at) = text.get(origin.start..origin.end).and_then(|t| t.find(focus.as_str())) {
                    span = Span::new(origin.file, origin.start + at..origin.start + at + focus.len());
                }
            }
            d.at(span)
        }
        Some(Site::Layout { shown_as, range }) => {
            let text = layouts.iter().find(|(_, f)| f.shown_as == shown_as).map(|(_, f)| f.text.clone());
            let file = files.find(&shown_as).unwrap_or_else(|| files.add(shown_as, text.unwrap_or_default()));
            d.at(Span::new(file, range))
        }
        None => d,
    }
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
