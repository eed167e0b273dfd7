//! The checking stage: load the sources, the layouts and the fonts, assemble every
//! document, and judge what only a whole project shows (the font plan, a glyph for every
//! character, the reading level of the plain-language edition). It reads files and writes
//! none; `imprint check`, the build and the other commands all start here.

pub mod glyphs;
pub mod reviews;

use std::path::Path;

use crate::diag::{Diagnostic, Report, Severity, SourceFiles, Span};
use crate::fonts::{FontPlan, FontSet};
use crate::layouts::Layouts;
use crate::model::{Document, LangTag};
use crate::plan::{Job, plan};
use crate::readability;
use crate::render::pdf::{PdfRenderer, check_layout};
use crate::render::{Problem, Site};
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
    /// Every recorded review as it applies to each document it covers.
    pub reviews: Vec<reviews::ReviewOutcome>,
}

/// Loads and checks the project in `project` (the folder holding `sources/`).
pub fn check(project: &Path) -> Result<Checked, LoadFailure> {
    let fonts = FontSet::load(&project.join("fonts")).map_err(LoadFailure)?;
    check_with_fonts(project, fonts)
}

/// [`check`] with the fonts already loaded (a watching build keeps them between rebuilds).
pub fn check_with_fonts(project: &Path, fonts: FontSet) -> Result<Checked, LoadFailure> {
    check_languages(project, fonts, None)
}

/// [`check_with_fonts`] that assembles and judges the documents of the source language and of
/// `langs` only (all languages with `None`): for a build of some languages, and for the
/// preview, which shows the source language before the others. Every source file is still
/// loaded and checked.
pub fn check_languages(project: &Path, fonts: FontSet, langs: Option<&[LangTag]>) -> Result<Checked, LoadFailure> {
    let mut files = SourceFiles::default();
    let mut report = Report::default();
    let mut sources = source::load(&project.join("sources"), &mut files, &mut report)?;
    if let Some(langs) = langs {
        sources.translations.retain(|t| langs.contains(&t.lang));
    }
    let layouts = Layouts::load(&project.join("layouts")).map_err(LoadFailure)?;
    let (font_plan, plan_ok) = font_plan(&layouts, &fonts, &mut files, &mut report);
    let mut jobs = plan(&sources, &files, &mut report);
    let review_outcomes = reviews::apply(&sources, &mut jobs, &files, &mut report);
    // With a broken font plan every character would be reported; the plan's errors say it all.
    for job in jobs.iter().filter(|_| plan_ok) {
        for d in glyphs::check(&job.doc, &job.strings, &fonts, &font_plan, false, &files) {
            report.push(d);
        }
        if job.formats.contains(&Format::LargePrint) {
            for d in glyphs::check(&job.doc, &job.strings, &fonts, &font_plan, true, &files) {
                if !report.diagnostics.contains(&d) {
                    report.push(d);
                }
            }
        }
    }
    // The Typst layouts the publications use must compile and keep the contract, checked at
    // the layout's own lines before any content is set in them.
    let mut typst_layouts: Vec<&str> = jobs
        .iter()
        .flat_map(|j| &j.formats)
        .filter_map(|f| match f {
            Format::Pdf => Some(PdfRenderer::BROCHURE.layout()),
            Format::LargePrint => Some(PdfRenderer::LARGE_PRINT.layout()),
            Format::Html | Format::Epub | Format::Braille => None,
        })
        .collect();
    typst_layouts.sort();
    typst_layouts.dedup();
    for name in typst_layouts {
        for p in check_layout(&layouts, &fonts, name) {
            let d = problem_diagnostic(p, &layouts, &mut files);
            if !report.diagnostics.contains(&d) {
                report.push(d);
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
    Ok(Checked {
        files,
        report,
        sources,
        jobs,
        layouts,
        fonts,
        font_plan,
        readability: (targets, rows),
        reviews: review_outcomes,
    })
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

/// A renderer's problem as a diagnostic, at the place in the sources or the layout it names.
pub(crate) fn problem_diagnostic(p: Problem, layouts: &Layouts, files: &mut SourceFiles) -> Diagnostic {
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
