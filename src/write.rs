//! The one writer of files: every file imprint writes (the outputs of a build, the Typst
//! projects of `build --emit typst`, the translation catalogs) goes through
//! [`write_atomically`], so that no file is ever half-written.

use std::fs;
use std::io;
use std::path::Path;

use crate::render::Artifact;

/// The folder inside `output/` where a build is prepared before it is moved into place.
const STAGING: &str = ".imprint-staging";

/// Writes every artifact into a staging folder, then moves each into place with a rename, so
/// that no output is ever half-written and a failure before the moves changes nothing.
pub fn write_atomically(output: &Path, artifacts: &[Artifact]) -> io::Result<()> {
    fs::create_dir_all(output)?;
    let staging = output.join(STAGING);
    if staging.exists() {
        fs::remove_dir_all(&staging)?;
    }
    for a in artifacts {
        let path = staging.join(&a.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &a.bytes)?;
    }
    for a in artifacts {
        let target = output.join(&a.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::rename(staging.join(&a.path), &target)?;
    }
    fs::remove_dir_all(&staging)
}
