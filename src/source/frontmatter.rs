//! Front matter: the TOML block between `+++` lines at the top of a content file. Positions
//! are kept as byte offsets into the whole file, so errors point at the real line.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Report, Span};

/// The keys of a section's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SectionFront {
    /// Unique section id.
    pub id: Spanned<String>,
    /// The section title.
    pub title: String,
}

/// A content file split into its front matter and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The TOML between the fences.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

const FENCE: &str = "+++";

/// Splits a content file, or reports why it cannot be split.
pub fn split<'a>(file: usize, text: &'a str, report: &mut Report) -> Option<Split<'a>> {
    let text_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let first_line_end = text[text_start..].find('\n').map(|i| text_start + i + 1).unwrap_or(text.len());
    let first = text[text_start..first_line_end].trim_end();
    if first != FENCE {
        let mut d = Diagnostic::error("missing front matter")
            .at(Span::new(file, text_start..first_line_end.max(text_start)))
            .label("expected `+++` on the first line");
        d = if first == "---" {
            d.hint("imprint reads TOML front matter between +++ lines; replace the --- lines with +++ and write keys as key = \"value\".")
        } else {
            d.hint("Start the file with a +++ line, then id = \"...\" and title = \"...\", then another +++ line.")
        };
        report.push(d);
        return None;
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let end = text[offset..].find('\n').map(|i| offset + i + 1).unwrap_or(text.len());
        if text[offset..end].trim_end() == FENCE {
            return Some(Split {
                front: &text[first_line_end..offset],
                front_offset: first_line_end,
                body: &text[end..],
                body_offset: end,
            });
        }
        offset = end;
    }
    report.push(
        Diagnostic::error("front matter is not closed")
            .at(Span::new(file, text_start..first_line_end))
            .label("opened here")
            .hint("Add a line with +++ after the id and title."),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_into_the_whole_file() {
        let text = "+++\nid = \"a\"\ntitle = \"A\"\n+++\n\nBody\n";
        let mut report = Report::default();
        let s = split(0, text, &mut report).unwrap();
        assert_eq!(s.front, "id = \"a\"\ntitle = \"A\"\n");
        assert_eq!(&text[s.front_offset..s.front_offset + 2], "id");
        assert_eq!(s.body, "\nBody\n");
        assert_eq!(s.body_offset, text.len() - s.body.len());
    }

    #[test]
    fn unclosed_and_missing_are_reported() {
        let mut report = Report::default();
        assert!(split(0, "+++\nid = \"a\"\n", &mut report).is_none());
        assert!(split(0, "---\nid: a\n---\n", &mut report).is_none());
        assert_eq!(report.errors(), 2);
        assert!(report.diagnostics[1].hints[0].contains("TOML"));
    }
}
