//! The build driver: check the project ([`crate::check`]), render every document in every
//! format in parallel, and hand the files to [`crate::write`], which puts them into `output/`
//! atomically. It judges nothing itself: every rule lives in the checking stage or in a
//! renderer.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

mod session;
pub use session::{Rebuilt, Session};

use crate::braille::Louis;
use crate::check::{Checked, check, problem_diagnostic};
use crate::model::LangTag;
use crate::plan::Job;
use crate::render::braille::BrailleRenderer;
use crate::render::epub::EpubRenderer;
use crate::render::html::HtmlRenderer;
use crate::render::pdf::PdfRenderer;
use crate::render::{Artifact, BuildInfo, LargePrint, RenderContext, Rendered, Renderer, Theme};
use crate::select::{Filter, Selection};
use crate::source::{Format, LoadFailure, Sources};

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
    build_with(project, output, info, &Options::default())
}

/// How a build runs besides its inputs: which part of the matrix, and whom to tell how far
/// it got.
#[derive(Default, Clone, Copy)]
pub struct Options<'a> {
    /// The languages, editions and formats to build (by default all).
    pub filter: Option<&'a Filter>,
    /// Called after each rendering with (done, total), from any thread.
    pub progress: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

/// [`build`] with options: only the documents the filter selects are rendered and written;
/// every other file in `output` stays as it is. With languages chosen, only their documents
/// (and the source language's) are assembled and checked. A filter naming what the project does not
/// build is a [`LoadFailure`] that lists what it does build.
pub fn build_with(project: &Path, output: &Path, info: BuildInfo, options: &Options) -> Result<Built, LoadFailure> {
    let mut checked = match options.filter.filter(|f| !f.langs.is_empty()) {
        Some(f) => {
            let fonts = crate::fonts::FontSet::load(&project.join("fonts")).map_err(LoadFailure)?;
            crate::check::check_languages(project, fonts, Some(&f.langs))?
        }
        None => check(project)?,
    };
    if checked.report.errors() > 0 {
        return Ok(Built { checked, written: Vec::new() });
    }
    let selection = match options.filter {
        Some(f) => Selection::new(f.clone(), &checked.sources, &checked.jobs).map_err(LoadFailure)?,
        None => Selection::all(),
    };
    let (mut artifacts, pages) = render_selected(&mut checked, info, &selection, options.progress);
    typst::comemo::evict(10);
    if checked.report.errors() > 0 {
        return Ok(Built { checked, written: Vec::new() });
    }
    // The reports and the downloads site describe the whole matrix: a partial build leaves
    // them as they are (the next full build brings them up to date).
    if options.filter.is_none() {
        let reports = crate::report::artifacts(&checked, &artifacts);
        artifacts.extend(reports);
        add_site(&mut checked, &mut artifacts, &pages, info);
        if checked.report.errors() > 0 {
            return Ok(Built { checked, written: Vec::new() });
        }
    }
    // The files this build answers for are those `selection.owns` (every file for a full
    // build): what a writer that removes stale outputs may remove.
    crate::write::write_scoped(output, &artifacts, &|p| selection.owns(p)).map_err(|e| {
        LoadFailure(format!(
            "failed to write the outputs into `{}` ({e}); the previous outputs are unchanged",
            output.display()
        ))
    })?;
    let written = artifacts.iter().map(|a| (a.path.clone(), a.bytes.len())).collect();
    Ok(Built { checked, written })
}

/// The renderer of a format; braille has one only when liblouis could be loaded.
fn renderer<'a>(format: Format, braille: Option<&'a BrailleRenderer<'a>>) -> Option<&'a dyn Renderer> {
    Some(match format {
        Format::Html => &HtmlRenderer,
        Format::Pdf => &PdfRenderer::BROCHURE,
        Format::LargePrint => &PdfRenderer::LARGE_PRINT,
        Format::Epub => &EpubRenderer,
        Format::Braille => braille?,
    })
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
    /// `[braille] experimental-languages`, valid tags only (the check reported the others).
    braille_languages: Vec<LangTag>,
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
        let braille_languages = checked.sources.config.iter().flat_map(|c| &c.braille.experimental_languages);
        let braille_languages = braille_languages.filter_map(|l| crate::lang::parse_lang(l.get_ref()).ok()).collect();
        Shared { theme, large_print, braille_languages }
    }

    /// The braille renderer over the process's liblouis, or why there is none.
    fn braille(&self) -> Result<BrailleRenderer<'_>, String> {
        let louis = Louis::shared()?;
        Ok(BrailleRenderer { translator: louis, experimental: &self.braille_languages })
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
            siblings: &job.siblings,
        }
    }
}

/// Renders one document of a checked project (with no errors) in one format, exactly as the
/// build does, and writes nothing: for benchmarks and tools.
pub fn render_job(checked: &Checked, job: &Job, format: Format, build: BuildInfo) -> Rendered {
    let shared = Shared::of(checked);
    let braille = shared.braille();
    match renderer(format, braille.as_ref().ok()) {
        Some(r) => r.render(&job.doc, shared.context(checked, job, build)),
        None => Rendered::default(),
    }
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
                Format::Html | Format::Epub | Format::Braille => continue,
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

/// How many evictions an entry of Typst's memo cache survives unused. Without eviction the
/// cache keeps every document's layout until the build ends (fourteen languages: 408 MB
/// peak); evicting after each rendering keeps what the next documents share (layouts,
/// fonts) and lets the rest go (228 MB, and no slower; measured on 2 cores).
const EVICT_AFTER: usize = 2;

/// Renders every document the selection wants in each of its formats, in parallel, telling
/// `progress` after each. The artifacts come back in a stable order whatever the scheduling,
/// with the page count of each paged file; problems are added to the report.
fn render_selected(
    checked: &mut Checked,
    build: BuildInfo,
    selection: &Selection,
    progress: Option<&(dyn Fn(usize, usize) + Sync)>,
) -> (Vec<Artifact>, Vec<(PathBuf, usize)>) {
    let shared = Shared::of(checked);
    let ro: &Checked = checked;
    let tasks: Vec<(&Job, Format)> = ro
        .jobs
        .iter()
        .flat_map(|j| j.formats.iter().map(move |f| (j, *f)))
        .filter(|(j, f)| selection.wants(j, *f))
        .collect();
    let braille = braille_or_skip(&shared, &tasks);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Rendered> = tasks
        .par_iter()
        .filter_map(|(job, format)| {
            let rendered = renderer(*format, braille.0.as_ref())?.render(&job.doc, shared.context(ro, job, build));
            typst::comemo::evict(EVICT_AFTER);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            if let Some(report) = progress {
                report(n, tasks.len());
            }
            Some(rendered)
        })
        .collect();
    if let Some(d) = braille.1 {
        checked.report.push(d);
    }
    collect(checked, results)
}

/// The artifacts of the renderings, in their order, without duplicates; their problems go
/// into the report.
fn collect(checked: &mut Checked, results: Vec<Rendered>) -> (Vec<Artifact>, Vec<(PathBuf, usize)>) {
    let mut artifacts: Vec<Artifact> = Vec::new();
    let mut problems = Vec::new();
    let mut pages = Vec::new();
    for r in results {
        pages.extend(r.pages);
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
    (artifacts, pages)
}

/// Adds the downloads site (index pages, catalog, checksums) made from the rendered files.
fn add_site(checked: &mut Checked, artifacts: &mut Vec<Artifact>, pages: &[(PathBuf, usize)], build: BuildInfo) {
    match site_of(checked, artifacts, pages, build) {
        Ok(files) => artifacts.extend(files),
        Err(p) => {
            let layouts = checked.layouts.clone();
            let d = problem_diagnostic(p, &layouts, &mut checked.files);
            checked.report.push(d);
        }
    }
}

/// The downloads site of a checked project whose files were rendered (`artifacts`, with the
/// page count of each PDF in `pages`), exactly as the build makes it, written nowhere: for
/// benchmarks and tools.
pub fn site_of(
    checked: &Checked,
    artifacts: &[Artifact],
    pages: &[(PathBuf, usize)],
    build: BuildInfo,
) -> Result<Vec<Artifact>, crate::render::Problem> {
    let shared = Shared::of(checked);
    let input = crate::site::SiteInput {
        jobs: &checked.jobs,
        artifacts,
        pages,
        layouts: &checked.layouts,
        fonts: &checked.fonts,
        font_plan: &checked.font_plan,
        theme: &shared.theme,
        large_print: shared.large_print,
        base_url: checked.sources.config.as_ref().and_then(|c| c.site.base_url.as_ref()).map(|u| u.get_ref().clone()),
        build,
    };
    crate::site::site(&input)
}

/// Renders every document of a checked project (with no errors) in every format, as the build
/// does, and writes nothing: the files, and the page count of each PDF. For benchmarks.
pub fn render_everything(checked: &mut Checked, build: BuildInfo) -> (Vec<Artifact>, Vec<(PathBuf, usize)>) {
    render_selected(checked, build, &Selection::all(), None)
}

/// The braille renderer when some publication asks for braille and liblouis loads; when it
/// does not load, the one-line warning that braille was skipped and what to install.
fn braille_or_skip<'a>(
    shared: &'a Shared,
    tasks: &[(&Job, Format)],
) -> (Option<BrailleRenderer<'a>>, Option<crate::diag::Diagnostic>) {
    if !tasks.iter().any(|(_, f)| *f == Format::Braille) {
        return (None, None);
    }
    match shared.braille() {
        Ok(b) => (Some(b), None),
        Err(e) => (None, Some(crate::diag::Diagnostic::warning(format!("braille was skipped: {e}")))),
    }
}
