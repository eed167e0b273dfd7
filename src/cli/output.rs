//! What the command line prints while it works: diagnostics (coloured on a terminal unless
//! `NO_COLOR` says otherwise, repeated warnings of one kind folded into one line), and a
//! progress line for builds that take more than a second on a terminal.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codespan_reporting::term::termcolor::ColorChoice;

use super::{DiagnosticStyle, Verbosity, style};
use crate::diag::{self, Diagnostic, Severity, SourceFiles};

/// What the terminal the command prints to can show. The default (what [`super::run`] uses,
/// and what a file or a pipe gets) is plain text: no colour, no progress line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// Colour diagnostics with ANSI escapes.
    pub color: bool,
    /// Draw a progress line on standard error (redrawn in place, erased at the end).
    pub progress: bool,
}

impl Terminal {
    /// The terminal standard error is attached to: colour and progress only on a terminal
    /// (`std::io::IsTerminal`) that is not `TERM=dumb`; `NO_COLOR` (set and not empty) turns
    /// colour off, `CLICOLOR_FORCE` (set and not `0`) turns it on even into a pipe.
    pub fn detect() -> Terminal {
        let tty = std::io::stderr().is_terminal() && std::env::var("TERM").map_or(true, |t| t != "dumb");
        let set = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let choice = if set("NO_COLOR").is_some() {
            ColorChoice::Never
        } else if set("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
            ColorChoice::AlwaysAnsi
        } else if tty {
            ColorChoice::Auto
        } else {
            ColorChoice::Never
        };
        Terminal { color: choice != ColorChoice::Never, progress: tty }
    }
}

/// How a command prints: to which terminal, and how much.
#[derive(Debug, Clone, Copy)]
pub(super) struct Printer {
    pub terminal: Terminal,
    pub verbosity: Verbosity,
}

impl Printer {
    /// Prints diagnostics: only errors when quiet; every one in full when verbose; otherwise
    /// warnings of a kind that came more than once as one line each, which says where to see
    /// them all.
    pub fn diagnostics(&self, files: &SourceFiles, all: &[Diagnostic], format: DiagnosticStyle, err: &mut dyn Write) {
        let (single, folded) = match self.verbosity {
            Verbosity::Quiet => (all.iter().filter(|d| d.severity == Severity::Error).cloned().collect(), Vec::new()),
            Verbosity::Normal => diag::fold(all),
            Verbosity::Verbose => (all.to_vec(), Vec::new()),
        };
        let _ = write!(err, "{}", diag::render_in(files, &single, style(format), self.terminal.color));
        for (kind, n) in folded {
            let word = if self.terminal.color { "\u{1b}[1;33mwarning\u{1b}[0m" } else { "warning" };
            let _ = writeln!(err, "{word}: {n} {}; `imprint check` lists them (or add --verbose)", kind.many);
        }
    }

    /// Whether to say more than errors.
    pub fn chatty(&self) -> bool {
        self.verbosity != Verbosity::Quiet
    }

    /// A progress line for one build, drawn only on a terminal and not when quiet.
    pub fn progress(&self, what: &'static str) -> Progress {
        Progress::new(self.terminal.progress && self.chatty(), what)
    }
}

/// A progress line on standard error: drawn once the work has taken [`Progress::DELAY`],
/// redrawn in place (`\r`) at most ten times a second, erased by [`Progress::finish`].
pub(super) struct Progress {
    enabled: bool,
    what: &'static str,
    start: Instant,
    state: Mutex<Drawn>,
}

#[derive(Default)]
struct Drawn {
    at: Option<Instant>,
    width: usize,
}

impl Progress {
    /// How long a build runs before the line appears.
    pub const DELAY: Duration = Duration::from_secs(1);

    fn new(enabled: bool, what: &'static str) -> Progress {
        Progress { enabled, what, start: Instant::now(), state: Mutex::new(Drawn::default()) }
    }

    /// Says that `done` of `total` steps are done (from any thread).
    pub fn update(&self, done: usize, total: usize) {
        if !self.enabled || self.start.elapsed() < Self::DELAY {
            return;
        }
        let Ok(mut drawn) = self.state.lock() else { return };
        if drawn.at.is_some_and(|t| t.elapsed() < Duration::from_millis(100)) && done < total {
            return;
        }
        let line = format!("{} {done}/{total} ({}%)", self.what, done * 100 / total.max(1));
        let pad = drawn.width.saturating_sub(line.chars().count());
        let _ = write!(std::io::stderr(), "\r{line}{}", " ".repeat(pad));
        let _ = std::io::stderr().flush();
        drawn.width = line.chars().count();
        drawn.at = Some(Instant::now());
    }

    /// Erases the line, if it was drawn.
    pub fn finish(&self) {
        let Ok(drawn) = self.state.lock() else { return };
        if drawn.at.is_some() {
            let _ = write!(std::io::stderr(), "\r{}\r", " ".repeat(drawn.width));
            let _ = std::io::stderr().flush();
        }
    }
}
