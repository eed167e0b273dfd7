//! The table of error classes in docs/errors.md: every row's fixture produces its message.

use crate::common::*;

#[test]
fn every_documented_error_is_produced_by_its_fixture() {
    let doc = std::fs::read_to_string(repo().join("docs/errors.md")).unwrap();
    let rows: Vec<Vec<String>> = doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Error |"))
        .map(|l| l.trim_matches('|').split(" | ").map(|c| c.trim().to_string()).collect())
        .collect();
    assert!(rows.len() >= 25, "{} rows", rows.len());
    for row in rows {
        let unquote = |c: &str| c.trim_matches('`').trim().to_string();
        let (message, fixture) = (unquote(&row[1]), unquote(&row[3]));
        let mut project = project(Some(&fixture));
        if fixture.starts_with("build-errors/") {
            project = crate::pdf::patched(project);
        }
        let args: &[&str] = if fixture.starts_with("build-errors/") { &["build"] } else { &["check"] };
        let run = imprint_in(&project, args);
        assert_eq!(run.code, 1, "{fixture}: {}", run.stderr);
        assert!(run.stderr.contains(&message), "{fixture}: `{message}` not in\n{}", run.stderr);
        assert!(run.stderr.contains("hint:") || run.stderr.contains("would escape"), "{fixture}: a hint");
    }
}
