//! `imprint check`: the real sources are clean; every invalid fixture fails with the expected,
//! snapshotted diagnostics naming file:line:column.

use crate::common::*;

#[test]
fn real_sources_have_no_errors() {
    let run = imprint_in(&repo(), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 errors"), "{}", run.stdout);
    // Every photo without a file is listed, so staff know what is missing.
    assert_eq!(run.stderr.matches("has no file yet").count(), 8, "{}", run.stderr);
}

#[test]
fn base_fixture_is_clean() {
    let run = imprint_in(&project(None), &["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert!(run.stdout.ends_with("1 documents: 0 errors, 0 warnings\n"), "{}", run.stdout);
}

#[test]
fn invalid_fixtures_fail_with_their_snapshotted_diagnostics() {
    let dir = fixtures().join("invalid");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert!(names.len() >= 8, "at least 8 invalid fixtures, found {}", names.len());
    let mut failures = Vec::new();
    for name in &names {
        let project = project(Some(&format!("invalid/{name}")));
        let run = imprint_in(&project, &["check"]);
        if run.code != 1 {
            failures.push(format!("{name}: exit {} instead of 1\n{}", run.code, run.stderr));
            continue;
        }
        let short = imprint_in(&project, &["check", "--format", "short"]);
        let snapshot = format!("{}\n{}", short.stderr, run.stderr);
        let result = std::panic::catch_unwind(|| assert_snapshot(&dir.join(name).join("expected.txt"), &snapshot));
        if result.is_err() {
            failures.push(format!("{name}: snapshot differs"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn short_diagnostics_name_file_line_and_column() {
    let project = project(Some("invalid/missing-alt"));
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("sources/data/images.toml:2:6: error: image `photo` has no alt text"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_sources_folder_is_exit_2() {
    let empty = temp_dir("empty");
    let run = imprint_in(&empty, &["check"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no sources folder"), "{}", run.stderr);
}

#[test]
fn a_build_with_errors_writes_nothing_and_keeps_previous_outputs() {
    let project = project(None);
    let out = project.join("output");
    let first = imprint_in(&project, &["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let page = out.join("en/leaflet-standard.html");
    let before = std::fs::read(&page).unwrap();
    // Break a source, change another, and build again.
    std::fs::write(project.join("sources/data/facts.toml"), "[[chart]\n").unwrap();
    let intro = project.join("sources/content/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap().replace("A paragraph", "A changed paragraph");
    std::fs::write(&intro, text).unwrap();
    let second = imprint_in(&project, &["build"]);
    assert_eq!(second.code, 1);
    assert!(second.stderr.contains("nothing in"), "{}", second.stderr);
    assert_eq!(std::fs::read(&page).unwrap(), before);
    let mut leftovers: Vec<_> = std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name()).collect();
    leftovers.sort();
    let expected = [imprint::write::manifest::MANIFEST, "SHA256SUMS", "en", "fonts", "index.html", "opds.json"];
    assert_eq!(leftovers, expected.map(std::ffi::OsString::from), "no staging folder is left behind");
}
