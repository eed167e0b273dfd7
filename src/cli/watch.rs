//! `imprint watch`: build, then rebuild whenever a file in `sources/`, `layouts/` or `fonts/`
//! changes, printing the problems of each rebuild. A rebuild with errors writes nothing, so
//! the last good output stays. `imprint serve` runs the same loop and serves the output.
//!
//! Changes come from the `notify` crate (inotify, FSEvents, ReadDirectoryChangesW), used
//! directly rather than through one of its debouncer crates: the loop needs only "something
//! changed, and then nothing for a moment", which a channel with a timeout gives, and the
//! debouncers wake up on a timer tick, which would add up to a tick to every preview.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::output::Printer;
use super::{BuildArgs, EXIT_FAILURE, Verbosity, summary};
use crate::build::Session;
use crate::diag;
use crate::render::BuildInfo;

/// How long the files must stay quiet after a change before the rebuild starts: an editor's
/// save (write a temporary file, rename it over the old one) is a burst of events within a
/// few milliseconds.
const QUIET: Duration = Duration::from_millis(10);

/// The folders watched, in the project folder.
pub(super) const WATCHED: [&str; 3] = ["sources", "layouts", "fonts"];

/// What the loop tells the server (from any thread).
pub(super) enum News {
    /// Files were renamed into place (a page can be reloaded).
    Written,
    /// A rebuild ended: `None` when it succeeded, else the problems as plain text.
    Finished(Option<String>),
}

/// Builds, then rebuilds on every change until the process is stopped. `news`, when given, is
/// told what each rebuild does.
pub(super) fn run(
    project: &Path,
    args: &BuildArgs,
    printer: Printer,
    news: Option<&(dyn Fn(News) + Sync)>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let output = args.output(project);
    let pending = Arc::new(AtomicBool::new(false));
    let (watcher, changes) = match watch(project, Arc::clone(&pending)) {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return EXIT_FAILURE;
        }
    };
    let mut session = Session::new(project, &output, BuildInfo::from_env(), args.filter());
    session.cancel_when(Arc::clone(&pending));
    rebuild(&mut session, &output, args, printer, news, None, out, err);
    let _ = writeln!(
        out,
        "watching {} for changes; press Ctrl-C to stop",
        WATCHED.iter().map(|d| format!("{d}/")).collect::<Vec<_>>().join(", ")
    );
    let _ = out.flush();
    while let Ok(first) = changes.recv() {
        while changes.recv_timeout(QUIET).is_ok() {}
        pending.store(false, Ordering::SeqCst);
        rebuild(&mut session, &output, args, printer, news, Some(first), out, err);
    }
    drop(watcher);
    EXIT_FAILURE
}

/// A watcher of the project's folders, and the times of the changes it sees.
/// `pending` is raised at every change (a rebuild under way stops its other languages).
fn watch(project: &Path, pending: Arc<AtomicBool>) -> Result<(RecommendedWatcher, Receiver<Instant>), String> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if let Ok(event) = event
            && relevant(&event)
        {
            pending.store(true, Ordering::SeqCst);
            let _ = tx.send(Instant::now());
        }
    })
    .map_err(|e| format!("cannot watch files on this system ({e})"))?;
    let sources = project.join("sources");
    if !sources.is_dir() {
        return Err(format!("no `sources/` folder in `{}`: give the project folder with --project", project.display()));
    }
    for dir in WATCHED.iter().map(|d| project.join(d)).filter(|d| d.is_dir()) {
        watcher.watch(&dir, RecursiveMode::Recursive).map_err(|e| format!("cannot watch `{}` ({e})", dir.display()))?;
    }
    Ok((watcher, rx))
}

/// Whether an event may change a build: a change to a file that is not an editor's
/// temporary or backup file (reading a file changes nothing).
fn relevant(event: &Event) -> bool {
    if matches!(event.kind, EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        !(name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp"))
    })
}

/// One rebuild: prints its problems and what it wrote, and tells the server.
#[allow(clippy::too_many_arguments)]
fn rebuild(
    session: &mut Session,
    output: &Path,
    args: &BuildArgs,
    printer: Printer,
    news: Option<&(dyn Fn(News) + Sync)>,
    changed: Option<Instant>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) {
    let start = changed.unwrap_or_else(Instant::now);
    let progress = printer.progress("building");
    let update = |done: usize, total: usize| progress.update(done, total);
    let timings: Mutex<Vec<(PathBuf, Duration)>> = Mutex::new(Vec::new());
    let written = |paths: &[PathBuf]| {
        let at = start.elapsed();
        if let Ok(mut t) = timings.lock() {
            t.extend(paths.iter().map(|p| (p.clone(), at)));
        }
        if let Some(news) = news {
            news(News::Written);
        }
    };
    let result = session.rebuild(Some(&update), &written);
    progress.finish();
    let rebuilt = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            if let Some(news) = news {
                news(News::Finished(Some(format!("error: {e}"))));
            }
            return;
        }
    };
    let checked = &rebuilt.built.checked;
    let report = &checked.report;
    printer.diagnostics(&checked.files, &report.diagnostics, args.message_format, err);
    if report.errors() > 0 {
        let _ = writeln!(
            err,
            "build failed: {}; the last good output stays in `{}`",
            summary(report.errors(), report.warnings()),
            output.display()
        );
        if let Some(news) = news {
            let problems: Vec<_> =
                report.diagnostics.iter().filter(|d| d.severity == diag::Severity::Error).cloned().collect();
            news(News::Finished(Some(diag::render(&checked.files, &problems, diag::Style::Rich))));
        }
        return;
    }
    if printer.verbosity == Verbosity::Verbose {
        for (path, at) in timings.into_inner().unwrap_or_default() {
            let _ = writeln!(out, "wrote {} ({} ms)", output.join(&path).display(), at.as_millis());
        }
    }
    if rebuilt.interrupted && printer.chatty() {
        let _ = writeln!(out, "a newer change is waiting: the other languages are left for the next rebuild");
    } else if printer.chatty() {
        let _ = writeln!(
            out,
            "built {} files ({} renderings, {} unchanged) in {} ms: {}",
            rebuilt.built.written.len(),
            rebuilt.rendered,
            rebuilt.unchanged,
            start.elapsed().as_millis(),
            summary(0, report.warnings())
        );
    }
    let _ = out.flush();
    if let Some(news) = news {
        news(News::Finished(None));
    }
}
