//! Helpers: fixture projects in temporary folders, running the CLI in process, snapshots.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The fixtures folder.
pub fn fixtures() -> PathBuf {
    repo().join("tests/fixtures")
}

/// A fresh, empty temporary folder for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("{name}-{}-{n}", std::process::id()));
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap();
    }
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` (in its subfolders too), relative to it, in order.
pub fn files_under(dir: &Path) -> std::collections::BTreeSet<PathBuf> {
    let mut out = std::collections::BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A project made of the base fixture with the files of `overlay` (a folder under
/// `tests/fixtures/`) laid over it, in a temporary folder.
pub fn project(overlay: Option<&str>) -> PathBuf {
    let dir = temp_dir(overlay.unwrap_or("base").rsplit('/').next().unwrap());
    copy_tree(&fixtures().join("base"), &dir);
    #[cfg(unix)]
    std::os::unix::fs::symlink(repo().join("fonts"), dir.join("fonts")).unwrap();
    #[cfg(not(unix))]
    copy_tree(&repo().join("fonts"), &dir.join("fonts"));
    if let Some(overlay) = overlay {
        for part in ["sources", "layouts"] {
            let from = fixtures().join(overlay).join(part);
            if from.is_dir() {
                copy_tree(&from, &dir.join(part));
            }
        }
    }
    dir
}

/// The result of one run of the command line.
pub struct Run {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `imprint` in process with these arguments.
pub fn imprint(args: &[&str]) -> Run {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let argv = std::iter::once("imprint").chain(args.iter().copied()).map(Into::into);
    let code = imprint::cli::run(argv, &mut out, &mut err);
    Run { code, stdout: String::from_utf8(out).unwrap(), stderr: String::from_utf8(err).unwrap() }
}

/// Runs `imprint` on a project folder.
pub fn imprint_in(project: &Path, args: &[&str]) -> Run {
    let p = project.to_str().unwrap();
    let mut all = vec!["--project", p];
    all.extend_from_slice(args);
    imprint(&all)
}

/// Compares `actual` with the snapshot file; with `IMPRINT_BLESS=1`, rewrites it instead.
pub fn assert_snapshot(path: &Path, actual: &str) {
    if std::env::var_os("IMPRINT_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        let new = path.with_extension("new");
        fs::write(&new, actual).unwrap();
        panic!(
            "snapshot {} differs; the new output is in {} (run with IMPRINT_BLESS=1 to accept)\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display(),
            new.display()
        );
    }
}
