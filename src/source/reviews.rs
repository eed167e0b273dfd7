//! `sources/reviews.toml`: the accessibility reviews people have recorded, each with who
//! reviewed, when, what (publication, languages, editions, formats), which manual checks they
//! confirmed, and the hash of the content they reviewed.
//!
//! This module only reads the file and checks what the file alone shows (its shape, dates,
//! names of checklist items, hashes that look like hashes). Whether a review matches the
//! publications, and whether it still applies to their content, is judged by
//! [`crate::check::reviews`], which sees the assembled documents.

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Report, SourceFiles, Span};

/// The file's name under `sources/`.
pub const FILE: &str = "reviews.toml";

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewsFile {
    /// The reviews, oldest first.
    #[serde(default)]
    pub review: Vec<Spanned<ReviewData>>,
}

/// One `[[review]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReviewData {
    /// Who reviewed.
    pub reviewer: Spanned<Reviewer>,
    /// The day of the review, `YYYY-MM-DD`.
    pub date: Spanned<String>,
    /// The publication's id, as in `imprint.toml`.
    pub publication: Spanned<String>,
    /// The languages reviewed (tags as in `imprint.toml`).
    pub languages: Vec<Spanned<String>>,
    /// The editions reviewed (`standard`, `plain`).
    pub editions: Vec<Spanned<String>>,
    /// The formats reviewed (`epub`, `pdf`, `large-print`, `html`).
    pub formats: Vec<Spanned<String>>,
    /// The manual checks the reviewer confirmed (see [`Checklist`]).
    #[serde(default)]
    pub confirmed: Vec<Spanned<String>>,
    /// Where the reviewer's own report is published (a web address), if anywhere.
    pub report: Option<Spanned<String>>,
    /// What was reviewed: one entry per language and edition, with the hashes of its content.
    #[serde(default)]
    pub content: Vec<Spanned<ReviewedContent>>,
}

/// `reviewer = { name = "...", organization = "...", credential = "..." }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Reviewer {
    /// The person.
    pub name: String,
    /// Their organization.
    pub organization: String,
    /// A credential, if they hold one (e.g. a certification in accessibility).
    pub credential: Option<String>,
}

/// `[[review.content]]`: the hashes of one language and edition when it was reviewed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReviewedContent {
    /// The language.
    pub language: Spanned<String>,
    /// The edition.
    pub edition: Spanned<String>,
    /// `sha256:` and the hash of the whole document model.
    pub hash: Spanned<String>,
    /// Each section's id with the hash of its content, to say which one changed.
    #[serde(default)]
    pub sections: std::collections::BTreeMap<String, String>,
}

/// The manual checks a review can confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Checklist {
    /// Every image's text alternative says what the image means here.
    ImagesDescribed,
    /// The reading order (as a screen reader reads it) is the intended order.
    ReadingOrder,
    /// Each chart's text alternative and table say what the chart shows.
    ChartAlternatives,
    /// The plain-language edition was read by a plain-language reviewer.
    PlainLanguage,
    /// A native speaker reviewed the translation.
    NativeSpeaker,
}

impl Checklist {
    /// Every item, in the order reports list them.
    pub const ALL: [Checklist; 5] = [
        Checklist::ImagesDescribed,
        Checklist::ReadingOrder,
        Checklist::ChartAlternatives,
        Checklist::PlainLanguage,
        Checklist::NativeSpeaker,
    ];

    /// The name written in `reviews.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Checklist::ImagesDescribed => "images-described",
            Checklist::ReadingOrder => "reading-order",
            Checklist::ChartAlternatives => "chart-alternatives",
            Checklist::PlainLanguage => "plain-language",
            Checklist::NativeSpeaker => "native-speaker",
        }
    }

    /// The item of a name.
    pub fn parse(name: &str) -> Option<Checklist> {
        Checklist::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// A review, loaded and checked for shape.
#[derive(Debug, Clone)]
pub struct Review {
    /// As written.
    pub data: ReviewData,
    /// Where the whole `[[review]]` is written.
    pub span: Span,
    /// The file, for spans of its parts.
    pub file: usize,
    /// The confirmed items that are known.
    pub confirmed: Vec<Checklist>,
}

impl Review {
    /// A span in the reviews file.
    pub fn at(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    /// "Ana Ruiz (Access Partners) on 2026-11-30": how messages name the review.
    pub fn name(&self) -> String {
        let r = self.data.reviewer.get_ref();
        format!("by {} ({}) on {}", r.name, r.organization, self.data.date.get_ref())
    }
}

/// Whether `s` is a date written `YYYY-MM-DD` that exists.
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit()))?.parse().ok();
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Whether `s` is `sha256:` and 64 lower-case hex digits.
pub fn is_hash(s: &str) -> bool {
    s.strip_prefix("sha256:")
        .is_some_and(|h| h.len() == 64 && h.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')))
}

/// Parses the text of `reviews.toml` (already added to `files` as `file`); problems go to the
/// report.
pub fn parse(files: &SourceFiles, file: usize, report: &mut Report) -> Vec<Review> {
    let Some(parsed) = super::parse_toml::<ReviewsFile>(files, file, report) else { return Vec::new() };
    let mut reviews = Vec::new();
    for r in parsed.review {
        let span = Span::new(file, r.span());
        let data = r.into_inner();
        let at = |range: std::ops::Range<usize>| Span::new(file, range);
        if !is_date(data.date.get_ref()) {
            report.push(
                Diagnostic::error(format!("`{}` is not a date", data.date.get_ref()))
                    .at(at(data.date.span()))
                    .hint("Write the day of the review as \"YYYY-MM-DD\", for example \"2026-11-30\"."),
            );
        }
        let reviewer = data.reviewer.get_ref();
        if reviewer.name.trim().is_empty() || reviewer.organization.trim().is_empty() {
            report.push(
                Diagnostic::error("the reviewer needs a name and an organization")
                    .at(at(data.reviewer.span()))
                    .hint("Write reviewer = { name = \"...\", organization = \"...\" } (and credential = \"...\" if they hold one)."),
            );
        }
        for (list, what) in [(&data.languages, "language"), (&data.editions, "edition"), (&data.formats, "format")] {
            if list.is_empty() {
                report.push(
                    Diagnostic::error(format!("the review names no {what}"))
                        .at(span.clone())
                        .hint(format!("List the {what}s the reviewer checked, e.g. {what}s = [\"...\"].")),
                );
            }
        }
        let mut confirmed = Vec::new();
        for item in &data.confirmed {
            match Checklist::parse(item.get_ref()) {
                Some(c) => confirmed.push(c),
                None => report.push(
                    Diagnostic::error(format!("`{}` is not a checklist item", item.get_ref()))
                        .at(at(item.span()))
                        .hint(format!(
                            "The items are: {}.",
                            Checklist::ALL.iter().map(|c| format!("\"{}\"", c.name())).collect::<Vec<_>>().join(", ")
                        )),
                ),
            }
        }
        for c in &data.content {
            let hash = &c.get_ref().hash;
            if !is_hash(hash.get_ref()) {
                report.push(Diagnostic::error("this is not a content hash imprint wrote").at(at(hash.span())).hint(
                    "Do not write hashes by hand: record the review with `imprint review`, which computes them.",
                ));
            }
        }
        if let Some(url) = &data.report
            && !(url.get_ref().starts_with("https://") || url.get_ref().starts_with("http://"))
        {
            report.push(
                Diagnostic::error("the reviewer's report must be a web address")
                    .at(at(url.span()))
                    .hint("Write the full address, starting with https://, or leave `report` out."),
            );
        }
        reviews.push(Review { data, span, file, confirmed });
    }
    reviews
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_hashes() {
        assert!(is_date("2026-11-30"));
        assert!(is_date("2024-02-29"));
        assert!(!is_date("2023-02-29"));
        assert!(!is_date("2026-13-01"));
        assert!(!is_date("30/11/2026"));
        assert!(is_hash(&format!("sha256:{}", "a".repeat(64))));
        assert!(!is_hash(&format!("sha256:{}", "A".repeat(64))));
        assert!(!is_hash("abc"));
    }
}
