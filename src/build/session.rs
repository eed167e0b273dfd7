//! A build that lives on between rebuilds (`imprint watch`, `imprint serve`): it keeps the
//! loaded fonts (and with them the hashes Typst's caches are keyed by, so that its layout
//! cache stays warm), and it renders again only the documents whose inputs changed. The
//! documents of the source language are rendered first and each is written as soon as it is
//! ready, so that the page a writer looks at comes back fast; the other languages follow and
//! are written together.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

use super::{Built, Shared, collect, renderer};
use crate::check::{Checked, check_languages};
use crate::diag::Severity;
use crate::fonts::FontSet;
use crate::model::Edition;
use crate::plan::Job;
use crate::render::{Artifact, BuildInfo, Rendered};
use crate::select::{Filter, Selection};
use crate::source::{Format, LoadFailure};

/// How many rebuilds an entry of Typst's memo cache survives unused in a session. Nothing
/// is evicted during a rebuild (a one-off build evicts after every document), so that what
/// the next save re-renders first, the source language's documents, finds its layouts still
/// cached after the other languages were rendered.
const SESSION_EVICT_AFTER: usize = 2;

/// The order renderings start in: the web page (the fastest preview), then the brochure.
fn first(format: Format) -> u8 {
    match format {
        Format::Html => 0,
        Format::Pdf => 1,
        _ => 2,
    }
}

/// One rendering of the matrix: language, publication, edition, format.
type Key = (String, String, Edition, Format);

/// The name, size and modification time of every file in `fonts/`.
type FontStamp = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// A build kept alive between rebuilds.
pub struct Session {
    project: PathBuf,
    output: PathBuf,
    info: BuildInfo,
    filter: Filter,
    fonts: Option<(FontStamp, FontSet)>,
    /// The hash of the inputs of each rendering when it was last written.
    written: HashMap<Key, [u8; 32]>,
    /// Set when a newer change makes this rebuild's other languages pointless.
    cancel: Option<Arc<AtomicBool>>,
}

/// What one rebuild did.
#[derive(Debug)]
pub struct Rebuilt {
    /// The checked project and the files written (none when the check found errors).
    pub built: Built,
    /// How many renderings were skipped because nothing they depend on changed.
    pub unchanged: usize,
    /// How many were rendered.
    pub rendered: usize,
    /// Whether the other languages were left for the next rebuild because the cancel flag
    /// was raised (see [`Session::cancel_when`]).
    pub interrupted: bool,
}

impl Session {
    /// A session building `project` into `output`, the part of the matrix `filter` selects.
    pub fn new(project: &Path, output: &Path, info: BuildInfo, filter: Filter) -> Session {
        Session {
            project: project.to_path_buf(),
            output: output.to_path_buf(),
            info,
            filter,
            fonts: None,
            written: HashMap::new(),
            cancel: None,
        }
    }

    /// Stops rendering the languages other than the source language (and writes none of
    /// them) when `flag` is raised during a rebuild: a newer save is waiting, and its source
    /// language should not wait behind the rest of this one.
    pub fn cancel_when(&mut self, flag: Arc<AtomicBool>) {
        self.cancel = Some(flag);
    }

    fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.load(Ordering::SeqCst))
    }

    /// Checks the project and renders what changed since the last rebuild, in two steps:
    /// the source language first (checked alone, each document written as soon as it is
    /// rendered), then the whole project (checked again, its other languages written
    /// together). `written` is called with the paths (relative to the output folder) of each
    /// group of files once they are renamed into place. When a check finds errors, nothing
    /// more is written and the last good output stays.
    pub fn rebuild(
        &mut self,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
        written: &(dyn Fn(&[PathBuf]) + Sync),
    ) -> Result<Rebuilt, LoadFailure> {
        let fonts = self.fonts()?;
        let mut files = Vec::new();
        let (mut rendered, mut unchanged, mut interrupted) = (0, 0, false);
        let mut checked = check_languages(&self.project, fonts.clone(), Some(&[]))?;
        if checked.report.errors() == 0 {
            let (r, u, _) = self.render_part(&mut checked, true, progress, written, &mut files)?;
            (rendered, unchanged) = (rendered + r, unchanged + u);
            let others = checked.sources.config.as_ref().is_some_and(|c| !c.languages.build.is_empty());
            let source_lang = &checked.sources.source_lang;
            let wants_others = self.filter.langs.is_empty() || self.filter.langs.iter().any(|l| l != source_lang);
            // A rendering error in the source language stops here, with its report.
            if others && wants_others && checked.report.errors() == 0 {
                let langs = (!self.filter.langs.is_empty()).then_some(self.filter.langs.as_slice());
                checked = check_languages(&self.project, fonts, langs)?;
                if checked.report.errors() == 0 {
                    let (r, u, skipped) = self.render_part(&mut checked, false, progress, written, &mut files)?;
                    (rendered, unchanged, interrupted) = (rendered + r, unchanged + u, skipped);
                }
            }
        }
        typst::comemo::evict(SESSION_EVICT_AFTER);
        Ok(Rebuilt { built: Built { checked, written: files }, unchanged, rendered, interrupted })
    }

    /// Renders what changed among the documents of `checked` that the filter wants: those of
    /// the source language, each written when rendered (`source`), or all the others,
    /// written together when all rendered. Returns how many were rendered, how many were
    /// unchanged, and whether some were skipped because the rebuild was cancelled.
    fn render_part(
        &mut self,
        checked: &mut Checked,
        source: bool,
        progress: Option<&(dyn Fn(usize, usize) + Sync)>,
        written: &(dyn Fn(&[PathBuf]) + Sync),
        files: &mut Vec<(PathBuf, usize)>,
    ) -> Result<(usize, usize, bool), LoadFailure> {
        let selection = Selection::new(self.filter.clone(), &checked.sources, &checked.jobs).map_err(LoadFailure)?;
        let shared = Shared::of(checked);
        let common = common_inputs(checked, &shared, self.info);
        let ro: &Checked = checked;
        let mut wanted = 0;
        let mut tasks: Vec<(&Job, Format, Key, [u8; 32])> = Vec::new();
        for job in ro.jobs.iter().filter(|j| (j.doc.lang == ro.sources.source_lang) == source) {
            for &format in job.formats.iter().filter(|f| selection.wants(job, **f)) {
                wanted += 1;
                let key = (job.doc.lang.as_str().to_string(), job.doc.id.clone(), job.doc.edition, format);
                let hash = inputs_hash(&common, job, format);
                let on_disk = self.output.join(crate::select::main_path(job, format)).exists();
                if self.written.get(&key) != Some(&hash) || !on_disk {
                    tasks.push((job, format, key, hash));
                }
            }
        }
        let (done, skipped) = (AtomicUsize::new(0), AtomicUsize::new(0));
        let out = Mutex::new(Vec::<(PathBuf, usize)>::new());
        let failure = Mutex::new(None);
        let write = |artifacts: &[Artifact]| {
            let Ok(mut out) = out.lock() else { return false };
            // A group answers for its own files only: the rest of the output stays as it is.
            let own = |p: &std::path::Path| artifacts.iter().any(|a| a.path == p);
            if let Err(e) = crate::write::write_scoped(&self.output, artifacts, &own) {
                *failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
                return false;
            }
            out.extend(artifacts.iter().map(|a| (a.path.clone(), a.bytes.len())));
            written(&artifacts.iter().map(|a| a.path.clone()).collect::<Vec<_>>());
            true
        };
        // Started in order of `first`: with two cores, the web page and the brochure of the
        // source language are rendered side by side before anything else.
        let mut order: Vec<usize> = (0..tasks.len()).collect();
        order.sort_by_key(|&i| first(tasks[i].1));
        let slots: Vec<Mutex<Option<(Rendered, bool)>>> = tasks.iter().map(|_| Mutex::new(None)).collect();
        // Braille only where liblouis loads (the full build says once when it does not).
        let braille = if tasks.iter().any(|t| t.1 == Format::Braille) { shared.braille().ok() } else { None };
        let braille = braille.as_ref();
        rayon::scope_fifo(|scope| {
            for &i in &order {
                let (task, slot, done, write) = (&tasks[i], &slots[i], &done, &write);
                let (shared, info, count) = (&shared, self.info, tasks.len());
                let (cancelled, skipped) = (|| !source && self.cancelled(), &skipped);
                scope.spawn_fifo(move |_| {
                    if cancelled() {
                        skipped.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                    let (job, format) = (task.0, task.1);
                    let Some(renderer) = renderer(format, braille) else {
                        skipped.fetch_add(1, Ordering::Relaxed);
                        return;
                    };
                    let r = renderer.render(&job.doc, shared.context(ro, job, info));
                    let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                    if let Some(report) = progress {
                        report(n, count);
                    }
                    // The source language's documents go out one by one, as soon as each is ready.
                    let ok = !failed(&r) && (!source || write(&r.artifacts));
                    *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some((r, ok));
                });
            }
        });
        let results: Vec<(Rendered, bool)> =
            slots.into_iter().map(|s| s.into_inner().unwrap_or_else(|p| p.into_inner()).unwrap_or_default()).collect();
        let all_ok = results.iter().all(|(_, ok)| *ok);
        if !source && all_ok {
            let artifacts: Vec<Artifact> = results.iter().flat_map(|(r, _)| r.artifacts.iter().cloned()).collect();
            if !artifacts.is_empty() {
                write(&dedup(artifacts));
            }
        }
        if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
            return Err(LoadFailure(format!(
                "failed to write the outputs into `{}` ({e}); the files not yet written are unchanged",
                self.output.display()
            )));
        }
        let count = tasks.len();
        let mut renderings = Vec::new();
        for ((_, _, key, hash), (r, ok)) in tasks.into_iter().zip(results) {
            if ok && (source || all_ok) {
                self.written.insert(key, hash);
            }
            renderings.push(r);
        }
        files.extend(out.into_inner().unwrap_or_else(|p| p.into_inner()));
        let _ = collect(checked, renderings);
        let skipped = skipped.into_inner();
        Ok((count - skipped, wanted - count, skipped > 0))
    }

    /// The fonts of `fonts/`, loaded again only when a font file changed.
    fn fonts(&mut self) -> Result<FontSet, LoadFailure> {
        let dir = self.project.join("fonts");
        let stamp = font_stamp(&dir);
        if let Some((old, fonts)) = &self.fonts
            && *old == stamp
        {
            return Ok(fonts.clone());
        }
        let fonts = FontSet::load(&dir).map_err(LoadFailure)?;
        self.fonts = Some((stamp, fonts.clone()));
        // Renderings made with other fonts are stale.
        self.written.clear();
        Ok(fonts)
    }
}

/// Whether a rendering failed (an error: no files).
fn failed(r: &Rendered) -> bool {
    r.problems.iter().any(|p| p.severity == Severity::Error)
}

/// The artifacts without repeats (images shared by several publications are identical).
fn dedup(artifacts: Vec<Artifact>) -> Vec<Artifact> {
    let mut out: Vec<Artifact> = Vec::new();
    for a in artifacts {
        if !out.iter().any(|b| b.path == a.path) {
            out.push(a);
        }
    }
    out
}

fn font_stamp(dir: &Path) -> FontStamp {
    let mut stamp: FontStamp = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let meta = std::fs::metadata(e.path()).ok()?;
            Some((e.path(), meta.len(), meta.modified().ok()))
        })
        .collect();
    stamp.sort();
    stamp
}

/// The hash of what every rendering of a project depends on besides its document: the
/// layouts, the fonts, the font plan, the brand and large-print settings, the build info.
fn common_inputs(checked: &Checked, shared: &Shared, info: BuildInfo) -> Sha256 {
    let mut h = HashWriter(Sha256::new());
    let _ = write!(h, "{:?}{:?}{:?}", checked.layouts, checked.font_plan, info);
    let _ = write!(h, "{:?}{:?}", shared.theme, shared.large_print);
    for f in &checked.fonts.files {
        // The file names and sizes; `Session::fonts` forgets every hash when a file changes.
        let _ = write!(h, "{}:{}", f.name, f.data.len());
    }
    h.0
}

/// The hash of everything one rendering depends on: the common inputs, the document model
/// (with its images' bytes), its interface strings, and the format.
fn inputs_hash(common: &Sha256, job: &Job, format: Format) -> [u8; 32] {
    let mut h = HashWriter(common.clone());
    let _ = write!(h, "{:?}{:?}{:?}", format, job.doc, job.strings);
    h.0.finalize().into()
}

/// Feeds formatted text into a hash without building the string.
struct HashWriter(Sha256);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}
