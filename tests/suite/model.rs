//! The document model, dumped as text (`imprint build --emit model`) and snapshotted.

use crate::common::*;

#[test]
fn real_sources_model_snapshot() {
    let run = imprint_in(&repo(), &["build", "--emit", "model"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot(&repo().join("tests/snapshots/model-about-cast.txt"), &run.stdout);
}

#[test]
fn fixture_model_snapshot() {
    let run = imprint_in(&project(Some("valid/with-image")), &["build", "--emit", "model"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_snapshot(&repo().join("tests/snapshots/model-with-image.txt"), &run.stdout);
}
