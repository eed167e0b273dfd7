//! The manifest of a generation: `.imprint-manifest`, written inside every generation of an
//! output folder, lists each of its files with its SHA-256, one `<hex>  <path>` line per
//! file in path order (the format of `sha256sum`, so `sha256sum -c .imprint-manifest` in the
//! output folder checks it). Because a generation is swapped in whole, the manifest and the
//! files always belong together: [`verify`] is how the tests (and anyone) check that a folder
//! is exactly one complete generation.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The manifest's file name, at the top of the output folder.
pub const MANIFEST: &str = ".imprint-manifest";

/// The SHA-256 of `bytes`, in lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The manifest's text for these files (path relative to the folder, hash).
pub fn render(files: &BTreeMap<PathBuf, String>) -> String {
    let mut out = String::new();
    for (path, hash) in files {
        out.push_str(hash);
        out.push_str("  ");
        out.push_str(&slash_path(path));
        out.push('\n');
    }
    out
}

fn slash_path(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Checks that `folder` is exactly the generation its manifest describes: every listed file
/// is there with its hash, and no other file is (ignoring only the manifest). Returns the
/// number of files, or a sentence saying what differs.
pub fn verify(folder: &Path) -> Result<usize, String> {
    let text = fs::read_to_string(folder.join(MANIFEST)).map_err(|e| format!("no manifest ({e})"))?;
    let mut listed = BTreeMap::new();
    for line in text.lines() {
        let (hash, path) = line.split_once("  ").ok_or_else(|| format!("a bad manifest line: {line}"))?;
        listed.insert(path.to_string(), hash.to_string());
    }
    let mut found = BTreeMap::new();
    walk(folder, Path::new(""), &mut found).map_err(|e| format!("cannot read the folder ({e})"))?;
    found.remove(MANIFEST);
    for (path, hash) in &listed {
        match found.get(path) {
            None => return Err(format!("`{path}` is listed but missing")),
            Some(h) if h != hash => return Err(format!("`{path}` is not the listed file")),
            Some(_) => {}
        }
    }
    if let Some(extra) = found.keys().find(|p| !listed.contains_key(*p)) {
        return Err(format!("`{extra}` is not listed"));
    }
    Ok(listed.len())
}

fn walk(root: &Path, rel: &Path, out: &mut BTreeMap<String, String>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            walk(root, &path, out)?;
        } else {
            out.insert(slash_path(&path), sha256_hex(&fs::read(root.join(&path))?));
        }
    }
    Ok(())
}
