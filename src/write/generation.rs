//! One generation of an output folder: a complete tree prepared in a staging folder beside
//! the output folder (same parent, so on the same file system), then swapped in with one
//! rename. Everything here runs under the folder's lock ([`super::lock`]).
//!
//! Names beside an output folder `out`: `.out.imprint-lock` (the lock file, kept) and
//! `.out.imprint-gen-<pid>-<n>` (a staging folder, or after a swap the previous generation on
//! its way out). Under the lock no other build of `out` is running, so every `.out.imprint-gen-*`
//! is debris of a killed or failed build and is removed before the next one starts.

use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::manifest::{MANIFEST, render, sha256_hex};
use crate::render::Artifact;

/// The folder earlier versions of imprint staged in, inside the output folder: never carried.
const LEGACY_STAGING: &str = ".imprint-staging";

fn prefix(name: &std::ffi::OsStr) -> OsString {
    let mut p = OsString::from(".");
    p.push(name);
    p.push(".imprint-gen-");
    p
}

/// The lock file of the output folder `parent/name`.
pub fn lock_path(parent: &Path, name: &std::ffi::OsStr) -> PathBuf {
    let mut file = OsString::from(".");
    file.push(name);
    file.push(".imprint-lock");
    parent.join(file)
}

/// Removes what killed or failed builds of `parent/name` left beside it. Call under the lock.
/// Best effort: what cannot be removed (a read-only folder of a previous generation) stays,
/// and never stops a build, since staging names are unique.
pub fn remove_debris(parent: &Path, name: &std::ffi::OsStr) -> io::Result<()> {
    let prefix = prefix(name);
    let prefix = prefix.as_encoded_bytes();
    for entry in fs::read_dir(parent)?.flatten() {
        if entry.file_name().as_encoded_bytes().starts_with(prefix) {
            let path = entry.path();
            let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                fs::remove_dir_all(&path)
            } else {
                fs::remove_file(&path)
            };
        }
    }
    Ok(())
}

/// A staging folder, removed when dropped unless it was swapped in.
pub struct Staging {
    path: PathBuf,
    armed: bool,
}

impl Staging {
    /// Makes a new, uniquely named staging folder beside `parent/name`.
    pub fn create(parent: &Path, name: &std::ffi::OsStr) -> io::Result<Staging> {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        loop {
            let mut file = prefix(name);
            file.push(format!("{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst)));
            let path = parent.join(file);
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Staging { path, armed: true }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Swaps the staging folder in as `output`; returns where the previous generation now is
    /// (to be removed), if there was one.
    pub fn swap_into(mut self, output: &Path) -> io::Result<Option<PathBuf>> {
        let old = match fs::symlink_metadata(output) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::rename(&self.path, output)?;
                None
            }
            Err(e) => return Err(e),
            Ok(m) if m.is_dir() => Some(exchange(&self.path, output)?),
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("`{}` is a file, not a folder; move it away", output.display()),
                ));
            }
        };
        self.armed = false;
        Ok(old)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_dir_all(&self.path);
        }
    }
}

/// Exchanges the folders `new` and `output` in one step where the system can (Linux:
/// `renameat2` with `RENAME_EXCHANGE`); returns the path that now holds the previous tree.
/// Where it cannot (other systems, or a file system without exchange), the previous folder is
/// renamed aside and the new one renamed in: then for an instant `output` does not exist,
/// but it never holds a mix, and the previous tree is renamed back if the second rename fails.
fn exchange(new: &Path, output: &Path) -> io::Result<PathBuf> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, new, CWD, output, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(new.to_path_buf()),
            Err(e) if e == Errno::INVAL || e == Errno::NOSYS || e == Errno::OPNOTSUPP => {}
            Err(e) => return Err(e.into()),
        }
    }
    let mut aside = new.as_os_str().to_os_string();
    aside.push("-previous");
    let aside = PathBuf::from(aside);
    fs::rename(output, &aside)?;
    if let Err(e) = fs::rename(new, output) {
        let _ = fs::rename(&aside, output);
        return Err(e);
    }
    Ok(aside)
}

/// Fills `staging` with a complete generation: the files of `previous` that `owns` does not
/// claim (carried unchanged), then the artifacts, then the manifest. A file is hard-linked
/// from the previous generation when its bytes are unchanged (copied where links fail).
pub fn fill(
    staging: &Path,
    previous: Option<&Path>,
    artifacts: &[Artifact],
    owns: &dyn Fn(&Path) -> bool,
) -> io::Result<()> {
    let mut hashes: BTreeMap<PathBuf, String> = BTreeMap::new();
    let new: HashSet<&Path> = artifacts.iter().map(|a| a.path.as_path()).collect();
    if let Some(previous) = previous {
        let mut carried = Vec::new();
        files_of(previous, Path::new(""), &mut carried)?;
        for rel in carried {
            if rel.as_os_str() == MANIFEST
                || rel.starts_with(LEGACY_STAGING)
                || new.contains(rel.as_path())
                || owns(&rel)
            {
                continue;
            }
            let (from, to) = (previous.join(&rel), staging.join(&rel));
            make_parent(&to)?;
            link_or_copy(&from, &to)?;
            // A carried link that leads nowhere is kept as it was, listed without a hash.
            hashes.insert(rel, fs::read(&to).map(|b| sha256_hex(&b)).unwrap_or_default());
        }
    }
    for a in artifacts {
        check_relative(&a.path)?;
        let to = staging.join(&a.path);
        make_parent(&to)?;
        let same = previous.map(|p| p.join(&a.path)).filter(|from| unchanged(from, &a.bytes));
        match same {
            Some(from) => link_or_write(&from, &to, &a.bytes)?,
            None => fs::write(&to, &a.bytes)?,
        }
        hashes.insert(a.path.clone(), sha256_hex(&a.bytes));
    }
    fs::write(staging.join(MANIFEST), render(&hashes))
}

/// Every file (not folder) under `root/rel`, relative to `root`; links are not followed.
fn files_of(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let path = rel.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            files_of(root, &path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

fn make_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(parent) => fs::create_dir_all(parent),
        None => Ok(()),
    }
}

/// An artifact's path must stay inside the output folder.
fn check_relative(path: &Path) -> io::Result<()> {
    if path.as_os_str().is_empty() || !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("the output path `{}` is not a plain relative path", path.display()),
        ));
    }
    Ok(())
}

/// Whether the regular file `path` holds exactly `bytes`.
fn unchanged(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => fs::read(path).is_ok_and(|b| b == bytes),
        _ => false,
    }
}

fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    if fs::symlink_metadata(from)?.file_type().is_symlink() {
        #[cfg(unix)]
        return std::os::unix::fs::symlink(fs::read_link(from)?, to);
    }
    fs::copy(from, to).map(|_| ())
}

fn link_or_write(from: &Path, to: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::hard_link(from, to).is_ok() { Ok(()) } else { fs::write(to, bytes) }
}
