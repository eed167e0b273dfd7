//! `imprint report`: reports about the sources (today the reading level of every section).

use std::io::Write;
use std::path::Path;

use super::{EXIT_ERRORS, EXIT_OK, checked};

/// Prints the readability table, standard beside plain, and fails when a plain section misses
/// its target.
pub(super) fn readability(project: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let checked = match checked(project, err) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // Measured once, by the check; the report shows what the gate judged.
    let (targets, rows) = &checked.readability;
    let _ = write!(out, "{}", crate::readability::report::table(rows, targets));
    let missed = crate::readability::report::gate(rows, targets).len();
    if missed > 0 { EXIT_ERRORS } else { EXIT_OK }
}
