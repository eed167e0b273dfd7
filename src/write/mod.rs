//! The one writer of files. Two ways to write:
//!
//! - [`write_scoped`] and [`write_atomically`] commit a whole new *generation* of an output
//!   folder: the complete new tree is made in a uniquely named staging folder beside it, then
//!   swapped in with one rename (on Linux `renameat2(RENAME_EXCHANGE)`, which exchanges the
//!   two folders in one step, so `output/` always exists and always holds exactly one
//!   complete generation). The previous tree stays until the swap succeeded; a failure or a
//!   `kill -9` at any moment leaves the previous generation as it was, and what a killed
//!   build left beside the folder is removed by the next one. Files the build no longer makes
//!   (a language or an edition taken out of the configuration) are not in the new generation.
//!   Commits into one folder are serialized by a lock file beside it ([`lock`]); a second
//!   build waits, saying so on standard error.
//! - [`write_files`] writes single files into a folder that holds other things (a new
//!   project, the translation catalogs): each file is written beside its place and renamed
//!   over it, so no file is ever half-written, and nothing else in the folder changes.
//!
//! Why a swapped real folder rather than `output` as a symbolic link flipped to the newest
//! generation folder: partners and tools see a plain folder (a link would show in
//! `git status` for a `.gitignore` line `output/`, which matches only folders, would be copied
//! as a link by `cp -r` and zip tools, and leaves generation folders next to the project),
//! and `imprint serve` reads `output/<path>` afresh for each request, so it serves the old
//! generation or the new one, never a mix. A file already open when the swap happens stays
//! readable to its end (the old tree is removed, its open files live on). One thing a reader
//! may notice: a shell whose current folder is inside `output/` stays in the old, removed
//! tree until it changes folder again.
//!
//! Files are not flushed to the disk (`fsync`): a commit survives the process being killed at
//! any moment, not the machine losing power during the commit.

pub mod generation;
pub mod lock;
pub mod manifest;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::Artifact;

/// Commits `artifacts` as the new generation of the folder `output`, replacing everything
/// in it (see [`write_scoped`]): files of the previous generation that are not among the
/// artifacts are gone afterwards.
pub fn write_atomically(output: &Path, artifacts: &[Artifact]) -> io::Result<()> {
    write_scoped(output, artifacts, &|_| true)
}

/// Commits a new generation of `output`, all or nothing: the files of the current generation
/// for which `owns` (given a path relative to `output`) is false are carried over unchanged;
/// the others are replaced by `artifacts` (a file `owns` claims that is not among the
/// artifacts is stale, and removed). A build of one language passes an `owns` that claims
/// that language's files only. Every generation has a manifest ([`manifest::MANIFEST`]).
///
/// When it fails, `output` is as it was, and the error says why. If `output` is a symbolic
/// link, the folder it leads to is replaced and the link kept.
pub fn write_scoped(output: &Path, artifacts: &[Artifact], owns: &dyn Fn(&Path) -> bool) -> io::Result<()> {
    let output = resolve(output)?;
    let (parent, name) = match (output.parent(), output.file_name()) {
        (Some(parent), Some(name)) => (parent, name),
        _ => {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{}` cannot be an output folder", output.display()),
            ));
        }
    };
    fs::create_dir_all(parent)?;
    let _lock = lock::OutputLock::acquire(&generation::lock_path(parent, name), lock::WAIT, &mut |m: &str| {
        eprintln!("imprint: {m}")
    })?;
    generation::remove_debris(parent, name)?;
    let staging = generation::Staging::create(parent, name)?;
    let previous = fs::symlink_metadata(&output).is_ok_and(|m| m.is_dir()).then_some(output.as_path());
    if let Some(previous) = previous {
        // The new folder keeps the permissions of the one it replaces.
        fs::set_permissions(staging.path(), fs::metadata(previous)?.permissions())?;
    }
    generation::fill(staging.path(), previous, artifacts, owns)?;
    if let Some(old) = staging.swap_into(&output)? {
        // The commit is done; what cannot be removed now is removed by the next build.
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

/// The output folder as an absolute path, with a symbolic link at its end followed.
fn resolve(output: &Path) -> io::Result<PathBuf> {
    let output = std::path::absolute(output)?;
    match fs::symlink_metadata(&output) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(&output),
        _ => Ok(output),
    }
}

/// Writes each artifact into `folder` (relative paths) and leaves everything else in the
/// folder alone: each file is written to a temporary name beside its place, then renamed over
/// it, so that no file is ever half-written.
pub fn write_files(folder: &Path, artifacts: &[Artifact]) -> io::Result<()> {
    for a in artifacts {
        let target = folder.join(&a.path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut temp = target.as_os_str().to_os_string();
        temp.push(format!(".imprint-tmp-{}", std::process::id()));
        let temp = PathBuf::from(temp);
        fs::write(&temp, &a.bytes)?;
        if let Err(e) = fs::rename(&temp, &target) {
            let _ = fs::remove_file(&temp);
            return Err(e);
        }
    }
    Ok(())
}
