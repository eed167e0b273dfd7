//! Hostile and broken input: limits (each built or refused, never a crash or a hang), paths
//! leaving the project, hostile translations, and builds that fail part-way.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// Runs the imprint binary with a time bound; returns (exit code, stderr).
pub(crate) fn run_bounded(project: &Path, args: &[&str], limit: Duration) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imprint"))
        .arg("--project")
        .arg(project)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
            let code = status.code().unwrap_or_else(|| panic!("killed by a signal (a crash): {err}"));
            return (code, err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("imprint {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn with_intro(body: &str) -> PathBuf {
    let project = project(None);
    let front = "+++\nid = \"intro\"\ntitle = \"Introduction\"\n+++\n\n";
    std::fs::write(project.join("sources/content/intro.md"), format!("{front}{body}")).unwrap();
    project
}

#[test]
fn limits_are_built_or_refused_never_a_crash_or_a_hang() {
    let cases: Vec<(&str, String, Option<&str>)> = vec![
        (
            "50 MB file",
            "A paragraph of text that goes on and on. ".repeat(1_250_000),
            Some("imprint reads source files of up to 4 MB"),
        ),
        (
            "100,000 list items",
            (0..100_000).map(|i| format!("- item {i}\n")).collect(),
            Some("more than 5000 paragraphs"),
        ),
        ("list nested 10,000 deep", format!("{}x\n", "- ".repeat(10_000)), Some("nested more than 16 deep")),
        ("quote nested 10,000 deep", format!("{}x\n", "> ".repeat(10_000)), Some("nested more than 16 deep")),
        (
            "emphasis nested 5,000 deep",
            format!("{}x{}\n", "*a ".repeat(5000), " b*".repeat(5000)),
            Some("nested more than 32 deep"),
        ),
        ("10,000-character word", format!("{}\n", "a".repeat(10_000)), None),
        ("1 MB line", format!("{}\n", "word ".repeat(200_000)), None),
    ];
    for (name, body, refused) in cases {
        let project = with_intro(&body);
        let (code, err) = run_bounded(&project, &["build", "--message-format", "short"], Duration::from_secs(240));
        match refused {
            Some(message) => {
                assert_eq!(code, 1, "{name}: {err}");
                assert!(err.contains(message), "{name}: {err}");
                assert!(err.contains("sources/content/intro.md:"), "{name}: the error names the file: {err}");
                assert!(!project.join("output").exists(), "{name}: nothing written");
            }
            None => assert_eq!(code, 0, "{name}: {err}"),
        }
    }
}

#[test]
fn paths_leaving_the_project_are_refused() {
    for (fixture, message) in [
        ("invalid/image-path-escapes", "the image path `images/../../secret.png` leaves the sources folder"),
        ("invalid/image-path-absolute", "the image path `/etc/passwd` leaves the sources folder"),
    ] {
        let run = imprint_in(&project(Some(fixture)), &["check", "--format", "short"]);
        assert_eq!(run.code, 1);
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
    // A symbolic link inside sources/images that points outside the project.
    let project = project(Some("valid/with-image"));
    let outside = temp_dir("outside").join("secret.png");
    std::fs::copy(project.join("sources/images/square.png"), &outside).unwrap();
    std::fs::remove_file(project.join("sources/images/square.png")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, project.join("sources/images/square.png")).unwrap();
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("is a link to a file outside the sources folder"), "{}", run.stderr);
}

#[test]
fn a_hostile_translation_stays_literal_text() {
    let project = project(Some("valid/translated"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    let path = project.join("sources/translations/es.po");
    let mut catalog = imprint::po::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    for e in &mut catalog.entries {
        e.msgstr = match e.msgctxt.as_deref() {
            Some("intro/heading") => "</h3><script>alert(1)</script> #read(\"/etc/passwd\")".into(),
            Some("intro/item") => "\\<img src=x onerror=alert(2)\\> [x](javascript:alert(3))".into(),
            _ => e.msgid.clone(),
        };
    }
    std::fs::write(&path, imprint::po::write(&catalog)).unwrap();
    let out = temp_dir("hostile-po");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 1, "a javascript: link in a translation is refused: {}", run.stderr);
    assert!(run.stderr.contains("sources/translations/es.po"), "{}", run.stderr);
    // Without the link, the hostile text is built, and stays text.
    for e in &mut catalog.entries {
        if e.msgctxt.as_deref() == Some("intro/item") {
            e.msgstr = "\\<img src=x onerror=alert(2)\\>".into();
        }
    }
    std::fs::write(&path, imprint::po::write(&catalog)).unwrap();
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = scraper::Html::parse_document(&std::fs::read_to_string(out.join("es/leaflet-standard.html")).unwrap());
    assert_eq!(page.select(&scraper::Selector::parse("script, img").unwrap()).count(), 0);
    let heading: String =
        page.select(&scraper::Selector::parse("#a-subsection").unwrap()).next().unwrap().text().collect();
    assert_eq!(heading, "</h3><script>alert(1)</script> #read(\"/etc/passwd\")");
    let pdf = crate::pdfread::Pdf::open(&out.join("es/leaflet-standard.pdf"));
    assert!(pdf.text().contains("<script>alert(1)</script> #read(\"/etc/passwd\")"));
}

fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_under(dir).into_iter().map(|p| (p.clone(), std::fs::read(dir.join(&p)).unwrap())).collect()
}

#[test]
fn a_build_failing_while_rendering_leaves_every_output_as_it_was() {
    let project = project(Some("valid/with-image"));
    let out = project.join("output");
    assert_eq!(imprint_in(&project, &["build"]).code, 0);
    let before = tree(&out);
    assert!(before.len() >= 4);
    // A layout error only shows while rendering, after the HTML is already made.
    std::fs::create_dir_all(project.join("layouts")).unwrap();
    std::fs::write(project.join("layouts/brochure.typ"), "#let brochure(..args) = panic(\"broken layout\")\n").unwrap();
    std::fs::write(
        project.join("sources/content/intro.md"),
        "+++\nid = \"intro\"\ntitle = \"Changed\"\n+++\n\nChanged.\n",
    )
    .unwrap();
    let run = imprint_in(&project, &["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(tree(&out), before, "byte for byte");
}

#[test]
fn two_builds_of_every_publication_are_byte_identical() {
    let (a, b) = (temp_dir("repro-a"), temp_dir("repro-b"));
    for out in [&a, &b] {
        let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
    let (ta, tb) = (tree(&a), tree(&b));
    assert!(ta.len() >= 32, "{} files: 4 languages, 2 editions, 4 formats", ta.len());
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(&tb[path] == bytes, "{} differs", path.display());
    }
}

#[test]
fn catalogs_with_a_byte_order_mark_are_read_and_latin1_catalogs_refused_at_their_line() {
    let project = project(Some("valid/translated"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    let path = project.join("sources/translations/es.po");
    let text = std::fs::read_to_string(&path).unwrap();
    // Windows editors may start the file with a byte-order mark: it is read as it is meant.
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let run = imprint_in(&project, &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A catalog saved as Latin-1 is refused at the line and column of its first such byte.
    let first =
        text.char_indices().find(|(_, c)| ('\u{80}'..='\u{ff}').contains(c)).expect("the catalog has a Latin-1 letter");
    let before = &text[..first.0];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
    let latin1: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    std::fs::write(&path, &latin1).unwrap();
    let run = imprint_in(&project, &["check"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("es.po:{line}:{column}: the file is not UTF-8 text")), "{}", run.stderr);
}
