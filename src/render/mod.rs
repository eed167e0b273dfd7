//! Renderers: a [`Document`] in, files (as bytes) out. Renderers are pure: they read nothing
//! and write nothing; the build driver gives them what they need and writes what they return.

pub mod braille;
pub mod epub;
pub(crate) mod figures;
pub mod html;
pub mod pdf;

use std::ops::Range;
use std::path::PathBuf;

use crate::diag::Severity;
use crate::fonts::FontSet;
use crate::layouts::Layouts;
use crate::model::{Document, Origin};
use crate::ui::Strings;

/// The name of a format in `strings`' language ("PDF for printing").
pub fn format_name(format: crate::model::Format, strings: &Strings) -> &str {
    use crate::model::Format;
    match format {
        Format::Html => &strings.format_html,
        Format::Pdf => &strings.format_pdf,
        Format::LargePrint => &strings.format_large_print,
        Format::Epub => &strings.format_epub,
        Format::Braille => &strings.format_brf,
    }
}

/// The name of one file of a format in `strings`' language: the format's name, or for
/// braille, which of its two files ("Braille (PEF)").
pub fn file_name<'a>(format: crate::model::Format, path: &std::path::Path, strings: &'a Strings) -> &'a str {
    match format {
        crate::model::Format::Braille if path.extension().is_some_and(|e| e == "pef") => &strings.format_pef,
        _ => format_name(format, strings),
    }
}

/// The name of an edition in `strings`' language ("Plain-language edition").
pub fn edition_name(edition: crate::model::Edition, strings: &Strings) -> &str {
    match edition {
        crate::model::Edition::Standard => &strings.edition_standard,
        crate::model::Edition::Plain => &strings.edition_plain,
    }
}

/// A relative web address (`/`-separated, each part percent-encoded where needed) of a path
/// under `output/`, from a page in the folder `from` (also under `output/`).
pub fn relative_href(path: &std::path::Path, from: &std::path::Path) -> String {
    let to: Vec<_> = path.components().collect();
    let here: Vec<_> = from.components().collect();
    // The folders both share (but never the file itself) need no climbing.
    let common = to.iter().zip(&here).take(to.len().saturating_sub(1)).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); here.len() - common];
    parts.extend(to[common..].iter().map(|c| percent_encode(&c.as_os_str().to_string_lossy())));
    parts.join("/")
}

/// Percent-encodes what may not stand in a path segment of a URL (RFC 3986 `pchar`).
pub fn percent_encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A file produced by a renderer, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Where it goes, relative to `output/` (`en/about-cast-standard.html`).
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Where a document's file in a format goes: `<lang>/<publication>-<edition>.<ext>`, stable
/// so that partners can link to it.
pub fn output_path(doc: &Document, extension: &str) -> PathBuf {
    PathBuf::from(doc.lang.as_str()).join(format!("{}-{}.{extension}", doc.id, doc.edition.slug()))
}

/// The large-print PDF's path: `<lang>/<publication>-<edition>-large-print.pdf`.
pub fn large_print_path(doc: &Document) -> PathBuf {
    PathBuf::from(doc.lang.as_str()).join(format!("{}-{}-large-print.pdf", doc.id, doc.edition.slug()))
}

/// The thumbnail of the print PDF's cover: `<lang>/<publication>-<edition>-cover.png`.
pub fn cover_path(doc: &Document) -> PathBuf {
    output_path(doc, "png").with_file_name(format!("{}-{}-cover.png", doc.id, doc.edition.slug()))
}

/// The files a format writes for a document, with their media types, relative to `output/`.
pub fn format_files(doc: &Document, format: crate::model::Format) -> Vec<(PathBuf, &'static str)> {
    use crate::model::Format;
    match format {
        Format::Html => vec![(output_path(doc, "html"), "text/html")],
        Format::Pdf => vec![(output_path(doc, "pdf"), "application/pdf")],
        Format::LargePrint => vec![(large_print_path(doc), "application/pdf")],
        Format::Epub => vec![(output_path(doc, "epub"), "application/epub+zip")],
        // No media type is registered for either; these are the ones braille tools use.
        Format::Braille => {
            vec![(output_path(doc, "brf"), "application/x-brf"), (output_path(doc, "pef"), "application/x-pef+xml")]
        }
    }
}

/// Where the accessibility report of a document's edition goes:
/// `<lang>/<publication>-<edition>-accessibility.<ext>` (`html` or `json`), beside the files it
/// reports on.
pub fn accessibility_report_path(doc: &Document, extension: &str) -> PathBuf {
    PathBuf::from(doc.lang.as_str()).join(format!("{}-{}-accessibility.{extension}", doc.id, doc.edition.slug()))
}

/// What a file says about its accessibility: the claim a current review supports, or that it
/// makes none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The sentence, in the document's language when it is translated.
    pub text: String,
    /// Whether the sentence is imprint's English standing in for a missing translation (then
    /// it must be marked as English).
    pub english: bool,
}

/// The accessibility statement of a document's file in `format` (named as in `imprint.toml`).
pub fn accessibility_statement(doc: &Document, strings: &Strings, format: &str) -> Statement {
    match doc.certification(format) {
        Some(c) => Statement {
            text: strings.statement_claim.replace("{certifier}", &c.certified_by).replace("{date}", &c.date),
            english: strings.is_english_fallback("statement_claim", &doc.lang),
        },
        None => Statement {
            text: strings.statement_none.clone(),
            english: strings.is_english_fallback("statement_none", &doc.lang),
        },
    }
}

/// A CSS `font-family` value: the language's families, then the system's sans-serif.
pub fn css_font_family(families: &[String]) -> String {
    let mut out: Vec<String> =
        families.iter().map(|f| format!("\"{}\"", f.replace(['"', '\\', ';', '{', '}', '<'], ""))).collect();
    out.extend(["system-ui".to_string(), "sans-serif".to_string()]);
    out.join(", ")
}

/// The brand colours, validated, as `#rrggbb`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Theme {
    /// Body text.
    pub text: String,
    /// Page background.
    pub background: String,
    /// Headings, links, title band.
    pub primary: String,
    /// Text on the primary colour.
    pub on_primary: String,
    /// Chart bars and rules.
    pub accent: String,
    /// Panels.
    pub surface: String,
}

/// The build's fixed facts: everything that would otherwise come from the clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildInfo {
    /// Seconds since 1970 (UTC) from `SOURCE_DATE_EPOCH`; without it, outputs carry no date.
    pub timestamp: Option<i64>,
}

impl BuildInfo {
    /// The latest time every output format can write: 9999-12-31T23:59:59Z (EPUB and PDF
    /// dates have four-digit years).
    pub const LATEST: i64 = 253_402_300_799;

    /// Reads `SOURCE_DATE_EPOCH` (set by reproducible-build tooling); ignores it when invalid:
    /// not a whole number of seconds, before 1970, or after [`BuildInfo::LATEST`].
    pub fn from_env() -> BuildInfo {
        BuildInfo::parse(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
    }

    /// The build info of a `SOURCE_DATE_EPOCH` value (see [`BuildInfo::from_env`]).
    pub fn parse(value: Option<&str>) -> BuildInfo {
        let timestamp = value.and_then(|v| v.trim().parse().ok()).filter(|t| (0..=BuildInfo::LATEST).contains(t));
        BuildInfo { timestamp }
    }

    /// The build's time as UTC `(year, month, day, hour, minute, second)`, if it has one.
    pub fn utc(self) -> Option<(i32, u8, u8, u8, u8, u8)> {
        let seconds = self.timestamp?;
        let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
        let s = seconds.rem_euclid(86_400);
        Some((y, m, d, (s / 3600) as u8, (s % 3600 / 60) as u8, (s % 60) as u8))
    }
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as i32, m, d)
}

/// Everything a renderer needs besides the document.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// The layouts (templates, stylesheets, Typst layouts).
    pub layouts: &'a Layouts,
    /// The fonts of `fonts/` (the check loads them: the glyph check needs them).
    pub fonts: &'a FontSet,
    /// Which fonts each language is set in.
    pub font_plan: &'a crate::fonts::FontPlan,
    /// The brand colours.
    pub theme: &'a Theme,
    /// Interface strings in the document's language.
    pub strings: &'a Strings,
    /// Date and other fixed facts of the build.
    pub build: BuildInfo,
    /// The large-print settings.
    pub large_print: LargePrint,
    /// The other languages, editions and formats of the publication, for links to them.
    pub siblings: &'a crate::model::Siblings,
}

/// The settings of the large-print edition.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LargePrint {
    /// Body text size, in points; no text may be smaller.
    pub body_size: f64,
    /// Line spacing, as word processors count it.
    pub line_spacing: f64,
}

impl Default for LargePrint {
    fn default() -> Self {
        LargePrint { body_size: 18.0, line_spacing: 1.5 }
    }
}

/// Where a rendering problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Site {
    /// In a layout file, as shown to the user (`layouts/brochure.typ`), at a byte range.
    Layout {
        /// The layout's name as shown.
        shown_as: String,
        /// Byte range in the layout's text.
        range: Range<usize>,
    },
    /// In the sources: the content that caused it.
    Source(Origin),
}

/// A problem found while rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Error (no output) or warning.
    pub severity: Severity,
    /// What went wrong.
    pub message: String,
    /// Where, if known.
    pub site: Option<Site>,
    /// What to do.
    pub hints: Vec<String>,
    /// The text the problem is about, when it is known: the driver narrows the place to it.
    pub focus: Option<String>,
}

impl Problem {
    /// An error.
    pub fn error(message: impl Into<String>, site: Option<Site>, hint: impl Into<String>) -> Problem {
        Problem { severity: Severity::Error, message: message.into(), site, hints: vec![hint.into()], focus: None }
    }
}

/// What a renderer returns: its files, and any problems (with an error, no files).
#[derive(Debug, Default)]
pub struct Rendered {
    /// The files.
    pub artifacts: Vec<Artifact>,
    /// The problems.
    pub problems: Vec<Problem>,
    /// The number of pages of each paged file (PDF), by path.
    pub pages: Vec<(PathBuf, usize)>,
}

impl Rendered {
    /// A successful rendering.
    pub fn of(artifacts: Vec<Artifact>, problems: Vec<Problem>) -> Rendered {
        Rendered { artifacts, problems, pages: Vec::new() }
    }

    /// A failed rendering.
    pub fn failed(problems: Vec<Problem>) -> Rendered {
        Rendered { artifacts: Vec::new(), problems, pages: Vec::new() }
    }
}

/// A renderer for one output format.
pub trait Renderer: Sync {
    /// The format's name, as in `imprint.toml`.
    fn name(&self) -> &'static str;
    /// Renders one document into files.
    fn render(&self, doc: &Document, cx: RenderContext<'_>) -> Rendered;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_epoch_seconds() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        let t = BuildInfo { timestamp: Some(1_700_000_000) }.utc();
        assert_eq!(t, Some((2023, 11, 14, 22, 13, 20)));
        assert_eq!(BuildInfo::default().utc(), None);
        // Dates every format can write, and nothing else.
        assert_eq!(BuildInfo::parse(Some("253402300799")).utc(), Some((9999, 12, 31, 23, 59, 59)));
        assert_eq!(BuildInfo::parse(Some("253402300800")).timestamp, None);
        assert_eq!(BuildInfo::parse(Some("-1")).timestamp, None);
        assert_eq!(BuildInfo::parse(Some(" 1700000000 ")).timestamp, Some(1_700_000_000));
    }

    #[test]
    fn relative_addresses_climb_only_out_of_what_differs() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(relative_href(&p("en/a.pdf"), &p("en")), "a.pdf");
        assert_eq!(relative_href(&p("es/a.pdf"), &p("en")), "../es/a.pdf");
        assert_eq!(relative_href(&p("index.html"), &p("en")), "../index.html");
        assert_eq!(relative_href(&p("en/index.html"), &p("")), "en/index.html");
        assert_eq!(relative_href(&p("fonts/en/index"), &p("en")), "../fonts/en/index");
        assert_eq!(relative_href(&p("en/a b#.png"), &p("en")), "a%20b%23.png");
    }
}
