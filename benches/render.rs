//! How long a PDF takes, model to bytes, in imprint and in Typst alone.
//!
//! For the brochure and the large-print edition of the English standard publication, this
//! times:
//! - **imprint**: `build::render_job`, model to PDF bytes in process: writing the Typst main
//!   file, the sandboxed world, compiling, the large-print measurements, PDF/UA-1 export;
//! - **typst alone**: the same main file, layouts and images, written to disk as `imprint build
//!   --emit typst` writes them, compiled and exported by Typst through a plain world that reads
//!   files from disk on demand, as the `typst` command does (fonts loaded once for both, as a
//!   long-running process would; the command line pays for loading them on every run).
//!
//! Typst memoizes; its caches are emptied before every run so each one does the whole work.
//! Both PDFs are compared byte for byte, so the two sides are known to do the same work.
//! Then it times a whole build of every publication into a temporary folder.
//!
//! Run with `cargo bench --bench render` (`-- <runs>` to change the number of timed runs).

#[path = "../tests/suite/disk_world.rs"]
mod disk_world;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use imprint::build;
use imprint::check::{Checked, check};
use imprint::render::BuildInfo;
use imprint::source::Format;
use typst::utils::LazyHash;

use self::disk_world::{DiskWorld, typst_alone};

fn main() {
    let runs: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(15);
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = check(project).expect("the project loads");
    assert_eq!(checked.report.errors(), 0, "the sources have errors: run `imprint check`");
    let job = checked
        .jobs
        .iter()
        .find(|j| j.doc.lang.as_str() == "en" && j.doc.edition.slug() == "standard")
        .expect("an English standard publication");
    let info = BuildInfo::default();
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-render");
    let _ = std::fs::remove_dir_all(&scratch);
    let emitted = build::typst_projects(&checked, info);
    imprint::write::write_atomically(&scratch, &emitted).expect("the Typst projects are written");
    let root = scratch.join("typst");

    println!("{runs} timed runs each, after 2 untimed; Typst's caches emptied before every run\n");
    println!("{:<38} {:>10} {:>10} {:>10}", "", "median", "min", "max");
    let library = LazyHash::new(imprint::render::pdf::typst_library());
    for (format, name, kind) in [(Format::Pdf, "pdf", "brochure"), (Format::LargePrint, "large-print", "large print")] {
        let ident = format!("imprint/en/{}/standard/{name}", job.doc.id);
        let main = match format {
            Format::LargePrint => imprint::render::large_print_path(&job.doc),
            _ => imprint::render::output_path(&job.doc, "pdf"),
        }
        .with_extension("typ");
        let ours = time(runs, || pdf_of(&checked, job, format, info));
        let world = DiskWorld::new(&root, &main, &checked.fonts, &library);
        let bare = time(runs, || {
            typst::comemo::evict(0);
            typst_alone(&world, &ident)
        });
        assert!(
            pdf_of(&checked, job, format, info) == typst_alone(&world, &ident),
            "imprint and Typst alone made different {kind} PDFs: the benchmark would compare different work"
        );
        row(&format!("{kind}: imprint, in process"), &ours);
        row(&format!("{kind}: typst alone, same source"), &bare);
        println!("{:<38} {:>10.2}x\n", format!("{kind}: ratio of medians"), ratio(&ours, &bare));
    }
    let out = scratch.join("output");
    let all = time(runs.min(5), || {
        typst::comemo::evict(0);
        let built = build::build(project, &out, info).expect("the build runs");
        assert_eq!(built.checked.report.errors(), 0);
        built.written.len()
    });
    row("whole build, every publication", &all);

    // The downloads site (pages, their fonts, catalogs, checksums) from the rendered files.
    let mut rendered = check(project).expect("the project loads");
    let (artifacts, pages) = build::render_everything(&mut rendered, info);
    let site =
        time(runs.min(5), || build::site_of(&rendered, &artifacts, &pages, info).expect("the site is made").len());
    row("downloads site, from the rendered files", &site);
    println!("{:<38} {:>9.1}%", "site: share of the whole build", 100.0 * ratio(&site, &all));
}

/// The PDF bytes of one document in one format, as the build makes them.
fn pdf_of(checked: &Checked, job: &imprint::plan::Job, format: Format, info: BuildInfo) -> Vec<u8> {
    typst::comemo::evict(0);
    let rendered = build::render_job(checked, job, format, info);
    assert!(rendered.problems.iter().all(|p| p.severity != imprint::diag::Severity::Error), "{:?}", rendered.problems);
    rendered.artifacts.into_iter().next().expect("a PDF").bytes
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    for _ in 0..2 {
        std::hint::black_box(f());
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

fn median(t: &[Duration]) -> Duration {
    t[t.len() / 2]
}

fn ratio(a: &[Duration], b: &[Duration]) -> f64 {
    median(a).as_secs_f64() / median(b).as_secs_f64()
}

fn row(label: &str, t: &[Duration]) {
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!("{label:<38} {:>10} {:>10} {:>10}", ms(median(t)), ms(t[0]), ms(t[t.len() - 1]));
}
