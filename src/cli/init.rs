//! `imprint init [FOLDER]`: a new project, ready to check and build: a commented
//! `imprint.toml` and one short example of each kind of content (a section with its plain
//! version, a chart, a timeline, a photo, a glossary, a table, a passage in another language).
//! It never overwrites a file: when any file it would write exists, it writes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_FAILURE, EXIT_OK};
use crate::render::Artifact;

/// The files of a new project, by path inside it.
const FILES: &[(&str, &[u8])] = &[
    ("sources/imprint.toml", include_bytes!("new-project/sources/imprint.toml")),
    ("sources/content/01-welcome.md", include_bytes!("new-project/sources/content/01-welcome.md")),
    ("sources/content/01-welcome.plain.md", include_bytes!("new-project/sources/content/01-welcome.plain.md")),
    ("sources/content/02-what-we-do.md", include_bytes!("new-project/sources/content/02-what-we-do.md")),
    ("sources/content/02-what-we-do.plain.md", include_bytes!("new-project/sources/content/02-what-we-do.plain.md")),
    ("sources/content/03-our-story.md", include_bytes!("new-project/sources/content/03-our-story.md")),
    ("sources/content/03-our-story.plain.md", include_bytes!("new-project/sources/content/03-our-story.plain.md")),
    ("sources/data/statistics.toml", include_bytes!("new-project/sources/data/statistics.toml")),
    ("sources/data/timeline.toml", include_bytes!("new-project/sources/data/timeline.toml")),
    ("sources/data/images.toml", include_bytes!("new-project/sources/data/images.toml")),
    ("sources/data/glossary.toml", include_bytes!("new-project/sources/data/glossary.toml")),
    ("sources/images/community-garden.png", include_bytes!("new-project/sources/images/community-garden.png")),
];

/// Writes a new project into `folder`; says what to do next.
pub(super) fn run(folder: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let existing: Vec<String> =
        FILES.iter().filter(|(path, _)| folder.join(path).exists()).map(|(path, _)| path.to_string()).collect();
    if !existing.is_empty() {
        let _ = writeln!(
            err,
            "error: `{}` already has {}; imprint init writes nothing over existing files\n  = hint: Choose a new folder: imprint init my-project",
            folder.display(),
            existing.join(", ")
        );
        return EXIT_FAILURE;
    }
    let uuid = new_uuid();
    let files: Vec<Artifact> = FILES
        .iter()
        .map(|(path, bytes)| {
            let bytes = match *path {
                "sources/imprint.toml" => String::from_utf8_lossy(bytes).replace("{uuid}", &uuid).into_bytes(),
                _ => bytes.to_vec(),
            };
            Artifact { path: PathBuf::from(path), bytes }
        })
        .collect();
    if let Err(e) = crate::write::write_files(folder, &files) {
        let _ = writeln!(err, "error: failed to write the new project into `{}` ({e})", folder.display());
        return EXIT_FAILURE;
    }
    let _ = writeln!(
        out,
        "made a new project in {}: {} files in sources/\nnext: imprint --project {} check, then imprint --project {} build \
         (the publications go to {})",
        folder.display(),
        files.len(),
        folder.display(),
        folder.display(),
        folder.join("output").display()
    );
    EXIT_OK
}

/// A random UUID (version 4) for the new publication's permanent identifier. The randomness
/// comes from the standard library's randomly keyed hasher: this is the one place imprint
/// wants a value that differs each time, and it goes into the sources, never into an output.
fn new_uuid() -> String {
    use std::hash::{BuildHasher, Hasher};
    let word = || {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(0x1d);
        h.finish()
    };
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&word().to_le_bytes());
    b[8..].copy_from_slice(&word().to_le_bytes());
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}
