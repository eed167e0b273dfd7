//! The document model, dumped as text (`imprint build --emit model`) and snapshotted.

use crate::common::*;

#[test]
fn real_sources_model_snapshot() {
    let run = imprint_in(&repo(), &["build", "--emit", "model"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The English documents: the translations change with every catalog edit, and have
    // tests of their own.
    let english: String = run
        .stdout
        .split_inclusive('\n')
        .scan(false, |keep, line| {
            if line.starts_with("document ") {
                *keep = line.contains(" lang=en ");
            }
            Some(if *keep { line } else { "" })
        })
        .collect();
    assert!(run.stdout.contains("lang=fa dir=rtl"), "the Farsi documents are built");
    assert_snapshot(&repo().join("tests/snapshots/model-about-cast.txt"), &english);
}

#[test]
fn fixture_model_snapshot() {
    let run = imprint_in(&project(Some("valid/with-image")), &["build", "--emit", "model"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot(&repo().join("tests/snapshots/model-with-image.txt"), &run.stdout);
}
