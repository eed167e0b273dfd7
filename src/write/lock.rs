//! The lock that serializes the commits into one output folder: a lock file beside the
//! folder (never inside it: the folder is swapped whole, and a lock inside would be swapped
//! with it), locked with the operating system's advisory lock (`flock` on Linux, through
//! [`std::fs::File::lock`]). The operating system drops the lock when the process ends, even
//! by `kill -9`, so a killed build never leaves a stale lock behind; the file itself stays.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a build waits for another one writing into the same folder. A commit takes
/// seconds; a lock held for longer means the other process is stopped or hung.
pub const WAIT: Duration = Duration::from_secs(300);

/// A held lock on an output folder; dropping it releases the lock.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

impl OutputLock {
    /// Locks the lock file at `path`, waiting up to `wait` for another holder; `notice` is
    /// called once, with a one-line message, when the lock is taken by someone else.
    pub fn acquire(path: &Path, wait: Duration, notice: &mut dyn FnMut(&str)) -> io::Result<OutputLock> {
        let mut file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path)?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(e)) => return Err(e),
            }
            let holder = holder(&mut file);
            if start.elapsed() >= wait {
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another imprint{holder} has been writing into this folder for more than {} seconds \
                         (lock file `{}`); stop it, or wait and build again",
                        wait.as_secs(),
                        path.display()
                    ),
                ));
            }
            if !told {
                notice(&format!(
                    "waiting for another imprint{holder} that is writing into the same folder (lock file `{}`)",
                    path.display()
                ));
                told = true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // Who holds the lock, for the message of a build that waits (best effort).
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        Ok(OutputLock { file, path: path.to_path_buf() })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// ` (process N)` when the lock file names its holder.
fn holder(file: &mut File) -> String {
    let mut text = String::new();
    if file.rewind().is_ok()
        && Read::by_ref(file).take(32).read_to_string(&mut text).is_ok()
        && let Ok(pid) = text.trim().parse::<u32>()
    {
        return format!(" (process {pid})");
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_gives_up_saying_who_holds_the_lock() {
        let dir = std::env::temp_dir().join(format!("imprint-lock-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(".output.imprint-lock");
        let first = OutputLock::acquire(&path, WAIT, &mut |_| panic!("the first holder does not wait")).unwrap();
        let mut notices = Vec::new();
        let second = OutputLock::acquire(&path, Duration::from_millis(200), &mut |m| notices.push(m.to_string()));
        let e = second.unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::WouldBlock);
        let pid = std::process::id();
        assert!(e.to_string().contains(&format!("another imprint (process {pid}) has been writing")), "{e}");
        assert_eq!(notices.len(), 1, "one line while waiting: {notices:?}");
        drop(first);
        assert!(OutputLock::acquire(&path, Duration::ZERO, &mut |_| {}).is_ok(), "free again");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
