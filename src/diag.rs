//! Diagnostics: problems found in the sources, with the file, the position and a hint, printed
//! the way rustc and typst print theirs (codespan-reporting).
//!
//! Every stage reports problems here instead of stopping at the first one, so that one run of
//! `imprint check` lists everything that needs fixing. Messages are lower case and say what is
//! wrong; hints are full sentences that say what to do.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label as CsLabel, LabelStyle};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, DisplayStyle};

use crate::model::Origin;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on: `imprint check` exits 1.
    Error,
    /// The build goes on; someone should look.
    Warning,
}

/// A position in a source file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Index in [`SourceFiles`].
    pub file: usize,
    /// Byte range in the file.
    pub range: Range<usize>,
}

impl Span {
    /// A span in `file` covering `range`.
    pub fn new(file: usize, range: Range<usize>) -> Self {
        Span { file, range }
    }
}

impl From<Origin> for Span {
    fn from(o: Origin) -> Self {
        Span::new(o.file, o.start..o.end)
    }
}

impl From<&Span> for Origin {
    fn from(s: &Span) -> Self {
        Origin { file: s.file, start: s.range.start, end: s.range.end }
    }
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, lower case, no full stop.
    pub message: String,
    /// Where, if the problem is in a file.
    pub span: Option<Span>,
    /// A short label under the snippet.
    pub label: String,
    /// Other places that explain the problem (e.g. the first of two duplicate ids).
    pub related: Vec<(Span, String)>,
    /// What to do about it, as full sentences.
    pub hints: Vec<String>,
    /// What kind of problem it is, for problems that come many at a time (a build says
    /// "8 images have no file yet" once instead of eight times).
    pub kind: Option<Kind>,
}

/// A kind of problem that can come many times in one project: a stable key, and how to say
/// "N of them" in one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kind {
    /// A stable name (`image-without-file`).
    pub key: &'static str,
    /// The rest of the sentence after a count greater than one (`images have no file yet`).
    pub many: &'static str,
}

impl Kind {
    /// An image declared in `data/images.toml` without a file.
    pub const IMAGE_WITHOUT_FILE: Kind = Kind { key: "image-without-file", many: "images have no file yet" };
    /// A language built without a translation catalog.
    pub const NO_CATALOG: Kind = Kind { key: "no-catalog", many: "languages are built without a catalog" };
    /// A left-to-right run in right-to-left translated text with a mark at its edge.
    pub const AMBIGUOUS_MARK: Kind =
        Kind { key: "ambiguous-mark", many: "translated messages have a left-to-right run with a mark at its edge" };
}

impl Diagnostic {
    /// An error with a message.
    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message)
    }

    /// A warning with a message.
    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message)
    }

    fn new(severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            message: message.into(),
            span: None,
            label: String::new(),
            related: Vec::new(),
            hints: Vec::new(),
            kind: None,
        }
    }

    /// Says what kind of problem it is (see [`Kind`]).
    pub fn kind(mut self, kind: Kind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Points the diagnostic at a place in a file.
    pub fn at(mut self, span: impl Into<Span>) -> Self {
        self.span = Some(span.into());
        self
    }

    /// Sets the label shown under the snippet.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Adds another place that explains the problem.
    pub fn related(mut self, span: impl Into<Span>, label: impl Into<String>) -> Self {
        self.related.push((span.into(), label.into()));
        self
    }

    /// Adds a hint: what the user should do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
}

/// The text of every file that diagnostics can point into.
#[derive(Debug, Default)]
pub struct SourceFiles {
    files: SimpleFiles<String, String>,
    count: usize,
}

impl SourceFiles {
    /// Adds a file under the name shown to the user; returns its index.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> usize {
        self.count += 1;
        self.files.add(name.into(), text.into())
    }

    /// The index of a file added under `name`, if any.
    pub fn find(&self, name: &str) -> Option<usize> {
        (0..self.count).find(|&i| self.name(i) == name)
    }

    /// The name of a file.
    pub fn name(&self, file: usize) -> &str {
        self.files.get(file).map(|f| f.name().as_str()).unwrap_or("<unknown>")
    }

    /// The text of a file.
    pub fn text(&self, file: usize) -> &str {
        self.files.get(file).map(|f| f.source().as_str()).unwrap_or("")
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: usize, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        (line, before[line_start..].chars().count() + 1)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether no file was added.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// The byte range of a 1-based line of `text`, without its line break (empty past the end).
pub fn line_range(text: &str, line: usize) -> std::ops::Range<usize> {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    start..end
}

/// The span of the character at a 1-based line and byte column (clamped to the line).
pub fn char_at(file: usize, text: &str, line: usize, byte_column: usize) -> Span {
    let line = line_range(text, line);
    let at = floor_char_boundary(text, (line.start + byte_column.saturating_sub(1)).min(line.end));
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    Span::new(file, at..end)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// How to print diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A snippet of the source with the problem underlined, and the hints.
    Rich,
    /// One line per problem: `file:line:column: error: message`.
    Short,
}

/// Renders diagnostics as text (no colour), in the given style.
pub fn render(files: &SourceFiles, diagnostics: &[Diagnostic], style: Style) -> String {
    render_in(files, diagnostics, style, false)
}

/// Renders diagnostics in the given style, coloured with ANSI escapes when `color` is true
/// (for a terminal that has not asked for no colour).
pub fn render_in(files: &SourceFiles, diagnostics: &[Diagnostic], style: Style, color: bool) -> String {
    let config = Config {
        display_style: match style {
            Style::Rich => DisplayStyle::Rich,
            Style::Short => DisplayStyle::Short,
        },
        ..Config::default()
    };
    let mut out = String::new();
    for d in diagnostics {
        let cs = to_codespan(files, d);
        let emitted = if color {
            let mut ansi = term::termcolor::Ansi::new(Vec::new());
            term::emit_to_write_style(&mut ansi, &config, &files.files, &cs)
                .map(|()| String::from_utf8_lossy(&ansi.into_inner()).into_owned())
        } else {
            term::emit_into_string(&config, &files.files, &cs)
        };
        match emitted {
            Ok(text) => out.push_str(&text),
            Err(_) => {
                out.push_str(&format!("{}: {}\n", severity_word(d.severity), d.message));
            }
        }
    }
    out
}

/// The diagnostics to print one by one, and the kinds of warning that came more than once
/// with their counts (to print as one line each), in order of first appearance.
pub fn fold(diagnostics: &[Diagnostic]) -> (Vec<Diagnostic>, Vec<(Kind, usize)>) {
    let mut counts: Vec<(Kind, usize)> = Vec::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Warning) {
        if let Some(k) = d.kind {
            match counts.iter_mut().find(|(c, _)| *c == k) {
                Some((_, n)) => *n += 1,
                None => counts.push((k, 1)),
            }
        }
    }
    counts.retain(|(_, n)| *n > 1);
    let folded = |d: &&Diagnostic| {
        d.severity == Severity::Warning && d.kind.is_some_and(|k| counts.iter().any(|(c, _)| *c == k))
    };
    let single = diagnostics.iter().filter(|d| !folded(d)).cloned().collect();
    (single, counts)
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn to_codespan(files: &SourceFiles, d: &Diagnostic) -> CsDiagnostic<usize> {
    let base = match d.severity {
        Severity::Error => CsDiagnostic::error(),
        Severity::Warning => CsDiagnostic::warning(),
    };
    let clamp = |span: &Span| {
        let len = files.text(span.file).len();
        span.range.start.min(len)..span.range.end.min(len).max(span.range.start.min(len))
    };
    let mut labels = Vec::new();
    if let Some(span) = &d.span {
        labels.push(CsLabel::new(LabelStyle::Primary, span.file, clamp(span)).with_message(&d.label));
    }
    for (span, message) in &d.related {
        labels.push(CsLabel::new(LabelStyle::Secondary, span.file, clamp(span)).with_message(message));
    }
    base.with_message(&d.message).with_labels(labels).with_notes(d.hints.iter().map(|h| format!("hint: {h}")).collect())
}

/// The problems found by one run, in a stable order.
#[derive(Debug, Default)]
pub struct Report {
    /// The problems.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Adds a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }

    /// Sorts by file, then position, keeping the order of problems at the same place.
    pub fn sort(&mut self) {
        self.diagnostics.sort_by_key(|d| d.span.as_ref().map(|s| (0, s.file, s.range.start)).unwrap_or((1, 0, 0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_byte_columns() {
        let text = "msgid \"a\"\n\u{3000}msgstr x\nlast";
        assert_eq!(&text[line_range(text, 1)], "msgid \"a\"");
        assert_eq!(&text[line_range(text, 3)], "last");
        assert_eq!(line_range(text, 9), text.len()..text.len());
        // A PO column counts bytes: after the 3-byte U+3000, byte column 4 is the `m`.
        let span = char_at(0, text, 2, 4);
        assert_eq!(&text[span.range.clone()], "m");
        let mut files = SourceFiles::default();
        let f = files.add("es.po", text);
        assert_eq!(files.line_col(f, span.range.start), (2, 2));
        // Past the end of the line: the line's end, never a split character.
        assert_eq!(char_at(0, text, 2, 99).range.start, line_range(text, 2).end);
    }

    #[test]
    fn repeated_warnings_of_a_kind_fold_into_a_count() {
        let image =
            |id: &str| Diagnostic::warning(format!("image `{id}` has no file yet")).kind(Kind::IMAGE_WITHOUT_FILE);
        let other = Diagnostic::warning("the only one of its kind").kind(Kind::NO_CATALOG);
        let error = Diagnostic::error("bad value").kind(Kind::IMAGE_WITHOUT_FILE);
        let all = vec![image("a"), other.clone(), image("b"), error.clone(), image("c")];
        let (single, folded) = fold(&all);
        // A kind seen once is printed in full; errors are never folded.
        assert_eq!(single, vec![other, error]);
        assert_eq!(folded, vec![(Kind::IMAGE_WITHOUT_FILE, 3)]);
    }

    #[test]
    fn colour_only_when_asked() {
        let mut files = SourceFiles::default();
        let f = files.add("sources/a.toml", "x = 1\n");
        let d = Diagnostic::error("bad value").at(Span::new(f, 4..5));
        assert!(!render_in(&files, std::slice::from_ref(&d), Style::Rich, false).contains('\u{1b}'));
        let coloured = render_in(&files, &[d], Style::Rich, true);
        assert!(coloured.contains("\u{1b}["), "{coloured:?}");
        assert!(coloured.contains("bad value"));
    }

    #[test]
    fn short_style_names_file_line_and_column() {
        let mut files = SourceFiles::default();
        let f = files.add("sources/a.toml", "x = 1\ny = é2\n");
        let d = Diagnostic::error("bad value").at(Span::new(f, 12..13));
        let text = render(&files, &[d], Style::Short);
        assert_eq!(text.trim(), "sources/a.toml:2:6: error: bad value");
        assert_eq!(files.line_col(f, 12), (2, 6));
    }
}
