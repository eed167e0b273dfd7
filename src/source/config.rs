//! `imprint.toml`: the organization, the languages, the brand colours, the checks and the
//! publications. Typed, and strict: an unknown key is an error with its position.

use serde::Deserialize;
use toml::Spanned;

use crate::readability::report::Targets;

/// The whole of `imprint.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Who publishes.
    pub organization: OrganizationConfig,
    /// The source language and the languages to build.
    pub languages: LanguagesConfig,
    /// Brand colours, checked for contrast.
    pub brand: Brand,
    /// Settings of `imprint check`.
    #[serde(default)]
    pub checks: ChecksConfig,
    /// Who certified the publications' accessibility, if anyone did.
    #[serde(default)]
    pub accessibility: AccessibilityConfig,
    /// The reading level a plain-language edition must reach.
    #[serde(default)]
    pub readability: ReadabilityConfig,
    /// Settings of the large-print edition.
    #[serde(default)]
    pub large_print: LargePrintConfig,
    /// Settings of each translation, by language tag.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, Spanned<TranslationConfig>>,
    /// The publications to build.
    #[serde(rename = "publication")]
    pub publications: Vec<Spanned<PublicationConfig>>,
}

/// `[organization]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OrganizationConfig {
    /// Short name ("Cast").
    pub name: String,
    /// Full legal name.
    pub legal_name: Option<String>,
    /// Web address, `https://...`.
    pub website: Option<Spanned<String>>,
    /// Where the organization provides its services.
    pub service_area: Option<String>,
    /// The number of countries the people it served came from.
    pub countries_served: Option<u32>,
}

/// `[languages]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LanguagesConfig {
    /// The language the sources are written in.
    pub source: Spanned<String>,
    /// The languages to publish in (the source language is always built).
    #[serde(default)]
    pub build: Vec<Spanned<String>>,
}

/// `[brand]`: colours as `#rrggbb`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Brand {
    /// Body text.
    pub text: Spanned<String>,
    /// Page background.
    pub background: Spanned<String>,
    /// Headings, links and the title band.
    pub primary: Spanned<String>,
    /// Text set on the primary colour.
    pub on_primary: Spanned<String>,
    /// Chart bars and rules (graphics, not text).
    pub accent: Spanned<String>,
    /// Background of panels such as the timeline and the data tables.
    pub surface: Spanned<String>,
}

/// `[accessibility]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AccessibilityConfig {
    /// The person or organization that checked the publications against EPUB Accessibility 1.1
    /// and WCAG 2.2 level AA. Only when it is set does an EPUB claim conformance.
    pub certifier: Option<String>,
}

/// `[readability]`: targets of the plain-language edition, per language with a formula.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReadabilityConfig {
    /// English: the highest Flesch-Kincaid grade a plain section may read at.
    #[serde(default = "default_grade")]
    pub english_max_grade: Spanned<f64>,
    /// Spanish: the lowest Szigriszt-Pazos score (INFLESZ scale; 65 is "bastante fácil").
    #[serde(default = "default_inflesz")]
    pub spanish_min_inflesz: Spanned<f64>,
    /// Sentences longer than this many words are listed in the report.
    #[serde(default = "default_long")]
    pub long_sentence: Spanned<usize>,
}

impl Default for ReadabilityConfig {
    fn default() -> Self {
        ReadabilityConfig {
            english_max_grade: default_grade(),
            spanish_min_inflesz: default_inflesz(),
            long_sentence: default_long(),
        }
    }
}

impl ReadabilityConfig {
    /// The targets as the readability report takes them.
    pub fn targets(&self) -> Targets {
        Targets {
            english_max_grade: *self.english_max_grade.get_ref(),
            spanish_min_inflesz: *self.spanish_min_inflesz.get_ref(),
            long_sentence: *self.long_sentence.get_ref(),
        }
    }
}

fn default_grade() -> Spanned<f64> {
    Spanned::new(0..0, Targets::ENGLISH_MAX_GRADE)
}

fn default_inflesz() -> Spanned<f64> {
    Spanned::new(0..0, Targets::SPANISH_MIN_INFLESZ)
}

fn default_long() -> Spanned<usize> {
    Spanned::new(0..0, Targets::LONG_SENTENCE)
}

/// `[large-print]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LargePrintConfig {
    /// Body text size in points, 18 to 24.
    #[serde(default = "default_body_size")]
    pub body_size: Spanned<f64>,
    /// Line spacing as word processors count it (1.5 = one and a half lines).
    #[serde(default = "default_line_spacing")]
    pub line_spacing: Spanned<f64>,
}

impl Default for LargePrintConfig {
    fn default() -> Self {
        LargePrintConfig { body_size: default_body_size(), line_spacing: default_line_spacing() }
    }
}

fn default_body_size() -> Spanned<f64> {
    Spanned::new(0..0, 18.0)
}

fn default_line_spacing() -> Spanned<f64> {
    Spanned::new(0..0, 1.5)
}

/// `[translations.<lang>]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TranslationConfig {
    /// What to do with messages not (or no longer) translated.
    #[serde(default)]
    pub missing: MissingPolicy,
    /// The digits numbers are written with; by default those of the language's profile.
    #[serde(default)]
    pub digits: Option<crate::ui::Digits>,
}

/// What to do with untranslated or stale messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MissingPolicy {
    /// Show the source text, tagged with the source language, and say so in the colophon.
    #[default]
    Fallback,
    /// Do not build the language until every message is translated.
    Block,
}

/// `[checks]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChecksConfig {
    /// How many percentage points a chart's shares may be away from 100 and still count as
    /// rounding (then the rounding note is shown); beyond it, `imprint check` fails.
    #[serde(default = "default_tolerance")]
    pub rounding_tolerance: Spanned<f64>,
}

impl ChecksConfig {
    /// The largest rounding tolerance `imprint check` accepts: each of up to ten rounded
    /// shares may be off by half a point; more would hide a mistyped share.
    pub const MAX_TOLERANCE: f64 = 5.0;
}

impl Default for ChecksConfig {
    fn default() -> Self {
        ChecksConfig { rounding_tolerance: default_tolerance() }
    }
}

fn default_tolerance() -> Spanned<f64> {
    Spanned::new(0..0, 3.0)
}

/// One `[[publication]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PublicationConfig {
    /// Stable id, used in output file names.
    pub id: Spanned<String>,
    /// The publication's permanent identifier, `urn:uuid:...`; each language and edition gets
    /// its own identifier derived from it. Needed for EPUB.
    pub identifier: Option<Spanned<String>>,
    /// The title on the cover and in the window title bar.
    pub title: String,
    /// The title of the plain-language edition (default: `title`).
    pub plain_title: Option<String>,
    /// One sentence for metadata and link previews.
    pub description: String,
    /// Keywords for metadata.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The section ids, in order.
    pub sections: Vec<Spanned<String>>,
    /// The section shown on the cover of print editions (e.g. the mission), if any.
    pub cover: Option<Spanned<String>>,
    /// The formats to build.
    pub formats: Vec<Spanned<Format>>,
    /// The content variants to build (default: the standard one only).
    #[serde(default = "default_editions")]
    pub editions: Vec<Spanned<Edition>>,
    /// Sections that may appear in the plain-language edition in their standard text while
    /// their plain version is not written yet (the edition then says so at the section).
    #[serde(default)]
    pub plain_fallback: Vec<Spanned<String>>,
}

fn default_editions() -> Vec<Spanned<Edition>> {
    vec![Spanned::new(0..0, Edition::Standard)]
}

pub use crate::model::Edition;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
#[value(rename_all = "kebab-case")]
pub enum Format {
    /// The accessible web edition: one HTML page.
    Html,
    /// The print brochure: a tagged PDF/UA-1 file.
    Pdf,
    /// The large-print edition: a tagged PDF/UA-1 file laid out for low vision.
    LargePrint,
    /// An EPUB 3 book with accessibility metadata.
    Epub,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf | Format::LargePrint => "pdf",
            Format::Epub => "epub",
        }
    }
}
