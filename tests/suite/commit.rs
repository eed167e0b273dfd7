//! Committing into `output/` (issue 19, items 1-3): every commit is all or nothing for a
//! reader, survives `kill -9` at any moment, cleans what a killed build left, removes what
//! the configuration no longer asks for, and serializes builds of one folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use imprint::render::Artifact;
use imprint::write::manifest::{MANIFEST, verify};
use imprint::write::{generation, write_atomically, write_scoped};

use crate::common::*;

fn artifact(path: &str, text: &str) -> Artifact {
    Artifact { path: PathBuf::from(path), bytes: text.as_bytes().to_vec() }
}

/// What lies beside the output folder besides the lock file: debris of a build.
fn debris(output: &Path) -> Vec<String> {
    let name = output.file_name().unwrap().to_string_lossy().into_owned();
    std::fs::read_dir(output.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.")) && *n != format!(".{name}.imprint-lock"))
        .collect()
}

fn files(dir: &Path) -> Vec<String> {
    let mut out: Vec<String> = files_under(dir).iter().map(|p| p.to_string_lossy().into_owned()).collect();
    out.sort();
    out
}

/// Item 1: a commit that fails part-way (here: one artifact would need a file and a folder
/// of the same name) changes nothing and leaves nothing behind.
#[test]
fn a_commit_failing_part_way_changes_nothing_and_leaves_no_debris() {
    let out = temp_dir("commit-fail").join("output");
    write_atomically(&out, &[artifact("en/a.html", "old a"), artifact("es/b.html", "old b")]).unwrap();
    let before = files(&out);
    let e = write_atomically(&out, &[artifact("en/a.html", "new a"), artifact("es", "x"), artifact("es/b.html", "b")]);
    assert!(e.is_err());
    assert_eq!(files(&out), before);
    assert_eq!(std::fs::read_to_string(out.join("en/a.html")).unwrap(), "old a", "nothing replaced");
    assert_eq!(verify(&out), Ok(2));
    assert_eq!(debris(&out), Vec::<String>::new());
    // A path leaving the folder is refused before anything is written.
    assert!(write_atomically(&out, &[artifact("../escape.html", "x")]).is_err());
    assert!(!out.parent().unwrap().join("escape.html").exists());
}

/// Item 1 (the tester's case): a file where a language's folder was (`rm -r output/xx;
/// touch output/xx`) no longer fails the build half-way: the new generation replaces it.
#[test]
fn a_file_in_place_of_a_language_folder_is_replaced_by_the_new_generation() {
    let project = crate::common::project(Some("valid/translated"));
    let out = project.join("output");
    assert_eq!(imprint_in(&project, &["build"]).code, 0);
    std::fs::remove_dir_all(out.join("fa")).unwrap();
    std::fs::write(out.join("fa"), "").unwrap();
    let intro = project.join("sources/content/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap().replace("A quotation.", "A new quotation.");
    std::fs::write(&intro, text).unwrap();
    let run = imprint_in(&project, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("fa").is_dir());
    assert!(std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap().contains("A new quotation."));
    assert!(verify(&out).unwrap() >= 9);
    assert_eq!(debris(&out), Vec::<String>::new());
}

/// Item 3: outputs the configuration no longer asks for (a language, an edition) are gone
/// after the next build.
#[test]
fn outputs_no_longer_asked_for_are_removed() {
    let project = crate::common::project(Some("valid/plain"));
    let out = project.join("output");
    let config = project.join("sources/imprint.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("source = \"en\"", "source = \"en\"\nbuild = [\"es\", \"fa\"]");
    std::fs::write(&config, &text).unwrap();
    let run = imprint_in(&project, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(out.join("fa/leaflet-standard.pdf").exists());
    assert!(files(&out).iter().any(|f| f.contains("-plain.")), "{:?}", files(&out));
    let text = text
        .replace("build = [\"es\", \"fa\"]", "build = [\"es\"]")
        .replace("editions = [\"standard\", \"plain\"]\n", "");
    std::fs::write(&config, text).unwrap();
    let run = imprint_in(&project, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!out.join("fa").exists(), "{:?}", files(&out));
    assert!(!files(&out).iter().any(|f| f.contains("-plain.")), "{:?}", files(&out));
    assert!(out.join("es/leaflet-standard.pdf").exists());
    verify(&out).unwrap();
}

/// `write_scoped`: a build of part of the outputs carries the rest over unchanged and removes
/// only its own stale files.
#[test]
fn a_scoped_commit_carries_what_it_does_not_own() {
    let out = temp_dir("commit-scoped").join("output");
    let first = [artifact("en/a.html", "en a"), artifact("es/a.html", "es a"), artifact("es/old.pdf", "stale")];
    write_atomically(&out, &first).unwrap();
    let inode = |p: &str| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(out.join(p)).unwrap());
    let en_before = inode("en/a.html");
    write_scoped(&out, &[artifact("es/a.html", "es a, new")], &|p| p.starts_with("es")).unwrap();
    assert_eq!(files(&out), [MANIFEST, "en/a.html", "es/a.html"]);
    assert_eq!(std::fs::read_to_string(out.join("en/a.html")).unwrap(), "en a");
    assert_eq!(inode("en/a.html"), en_before, "carried over as a hard link, not copied");
    assert_eq!(std::fs::read_to_string(out.join("es/a.html")).unwrap(), "es a, new");
    assert_eq!(verify(&out), Ok(2));
    // An unchanged artifact is linked from the previous generation too.
    let es_before = inode("es/a.html");
    write_atomically(&out, &[artifact("en/a.html", "en a"), artifact("es/a.html", "es a, new")]).unwrap();
    assert_eq!(inode("es/a.html"), es_before);
}

/// `build --emit typst` writes the Typst projects beside the publications, not over them.
#[test]
fn emitting_typst_projects_keeps_the_publications() {
    let project = crate::common::project(None);
    let out = project.join("output");
    assert_eq!(imprint_in(&project, &["build"]).code, 0);
    assert_eq!(imprint_in(&project, &["build", "--emit", "typst"]).code, 0);
    assert!(out.join("en/leaflet-standard.pdf").exists());
    assert!(files(&out).iter().any(|f| f.starts_with("typst/")));
    verify(&out).unwrap();
}

fn spawn_build(project: &Path, output: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_imprint"))
        .arg("--project")
        .arg(project)
        .args(["build", "--output"])
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: std::process::Child) -> (i32, String) {
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Item 2: two builds of one project at once, and two projects building into one shared
/// output folder, both succeed; the folder is one complete generation afterwards.
#[test]
fn builds_at_the_same_time_are_serialized() {
    let (a, b) = (project(None), project(Some("valid/translated")));
    let shared = temp_dir("commit-shared").join("output");
    for round in 0..3 {
        let first = spawn_build(&a, &a.join("output"));
        let second = spawn_build(&a, &a.join("output"));
        let (one, two) = (finish(first), finish(second));
        assert_eq!((one.0, two.0), (0, 0), "round {round}: {}\n{}", one.1, two.1);
        assert_eq!(verify(&a.join("output")), Ok(files(&a.join("output")).len() - 1));
        let first = spawn_build(&a, &shared);
        let second = spawn_build(&b, &shared);
        let (one, two) = (finish(first), finish(second));
        assert_eq!((one.0, two.0), (0, 0), "round {round}: {}\n{}", one.1, two.1);
        verify(&shared).unwrap();
        assert!(shared.join("en/leaflet-standard.pdf").exists(), "the publications of one of them");
        assert_eq!(debris(&shared), Vec::<String>::new());
    }
}

/// Item 2: a build that finds the folder locked waits, says so in one line, and finishes
/// when the lock is released.
#[test]
fn a_second_build_waits_for_the_lock_and_says_so() {
    use std::io::BufRead;
    let project = crate::common::project(None);
    let out = project.join("output");
    let lock = std::fs::File::create(generation::lock_path(&project, "output".as_ref())).unwrap();
    lock.lock().unwrap();
    let mut child = spawn_build(&project, &out);
    let mut err = std::io::BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    assert!(first.contains("waiting for another imprint"), "{first}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "the build waits while the folder is locked");
    assert!(!out.exists());
    lock.unlock().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    assert!(child.wait().unwrap().success(), "{rest}");
    assert!(!rest.contains("waiting"), "one line: {rest}");
    assert!(out.join("en/leaflet-standard.pdf").exists());
}

/// A tiny random number generator with a fixed seed: the kill times are the same in every run.
struct SplitMix(u64);

impl SplitMix {
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Items 1 and 2: the release binary killed (`kill -9`) at 200 moments spread over a build
/// while the sources change: after each kill `output/` is exactly one complete generation
/// (every file its manifest lists, with its hash, and no other), and the next whole build
/// leaves no debris.
#[test]
fn killed_builds_never_leave_a_mix_of_generations() {
    let project = crate::common::project(None);
    let config = project.join("sources/imprint.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, text.replace(KILL_FORMATS.0, KILL_FORMATS.1)).unwrap();
    let out = project.join("output");
    let intro = project.join("sources/content/intro.md");
    let original = std::fs::read_to_string(&intro).unwrap();
    let set = |i: usize| std::fs::write(&intro, original.replace("A quotation.", &format!("Quotation {i}."))).unwrap();
    let marker = |i: usize| format!("Quotation {i}.");
    // How long a whole build takes here (the slowest of three).
    let whole = (0..3)
        .map(|i| {
            set(i);
            let start = Instant::now();
            assert_eq!(finish(spawn_build(&project, &out)).0, 0);
            start.elapsed()
        })
        .max()
        .unwrap();
    let mut rng = SplitMix(19);
    let (mut committed, mut before) = (0, 0);
    // The kill times follow the build's length as it is on this machine now: after a build
    // that finished before its kill the next kill comes sooner, after a killed one later, so
    // that the kills gather around the end of the build, where the commit is.
    let mut scale = whole.mul_f64(0.8);
    for i in 3..KILLS + 3 {
        set(i);
        let delay = scale.mul_f64(0.5 + rng.next_unit());
        let mut child = spawn_build(&project, &out);
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        scale = if finished { scale.mul_f64(0.85) } else { scale.mul_f64(1.15) }.clamp(whole / 20, whole * 3);
        let n = verify(&out).unwrap_or_else(|e| panic!("after kill {i} at {delay:?}: {e}"));
        assert!(n >= 4);
        let page = std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap();
        if page.contains(&marker(i)) { committed += 1 } else { before += 1 }
    }
    eprintln!("{KILLS} kills (a whole build: {whole:?}): {before} before the commit, {committed} after it");
    assert!(before > 0 && committed > 0, "kills land on both sides of the commit");
    set(KILLS + 3);
    assert_eq!(finish(spawn_build(&project, &out)).0, 0);
    verify(&out).unwrap();
    assert!(std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap().contains(&marker(KILLS + 3)));
    assert_eq!(debris(&out), Vec::<String>::new());
}

const KILLS: usize = 200;
/// The formats of the killed builds: the web edition and the EPUB (fast), so that 200 builds
/// fit in well under a minute on 2 cores.
const KILL_FORMATS: (&str, &str) = ("formats = [\"html\", \"pdf\", \"epub\"]", "formats = [\"html\", \"epub\"]");
