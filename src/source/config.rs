//! `imprint.toml`: the organization, the languages, the brand colours, the checks and the
//! publications. Typed, and strict: an unknown key is an error with its position.

use serde::Deserialize;
use toml::Spanned;

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

/// `[checks]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChecksConfig {
    /// How many percentage points a chart's shares may be away from 100 and still count as
    /// rounding (then the rounding note is shown); beyond it, `imprint check` fails.
    #[serde(default = "default_tolerance")]
    pub rounding_tolerance: f64,
}

impl Default for ChecksConfig {
    fn default() -> Self {
        ChecksConfig { rounding_tolerance: default_tolerance() }
    }
}

fn default_tolerance() -> f64 {
    3.0
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
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// The accessible web edition: one HTML page.
    Html,
    /// The print brochure: a tagged PDF/UA-1 file.
    Pdf,
    /// An EPUB 3 book with accessibility metadata.
    Epub,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Epub => "epub",
        }
    }
}
