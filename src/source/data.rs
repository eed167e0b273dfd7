//! `data/*.toml`: statistics, timelines and images, as typed serde structures.
//!
//! A data file may hold any of `[[chart]]`, `[[timeline]]` and `[[image]]`; staff can keep
//! them in one file or split them. Unknown keys are errors.

use serde::Deserialize;
use toml::Spanned;

/// One file under `data/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Statistics.
    #[serde(default)]
    pub chart: Vec<Spanned<ChartData>>,
    /// Timelines.
    #[serde(default)]
    pub timeline: Vec<Spanned<TimelineData>>,
    /// Images.
    #[serde(default)]
    pub image: Vec<Spanned<ImageData>>,
    /// Terms explained in the plain-language edition.
    #[serde(default)]
    pub glossary: Vec<Spanned<GlossaryData>>,
}

/// `[[glossary]]`: a term readers may not know, explained in plain language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GlossaryData {
    /// The term as it appears in the text.
    pub term: Spanned<String>,
    /// Other forms of the term found in the text (plural, abbreviation).
    #[serde(default)]
    pub forms: Vec<String>,
    /// The explanation: one or two short sentences (inline Markdown).
    pub definition: Spanned<String>,
}

/// `[[chart]]`: a set of shares of one population.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ChartData {
    /// Unique id, referenced from content as `::chart[id]`.
    pub id: Spanned<String>,
    /// The title ("Type of Trafficking").
    pub title: String,
    /// Who the shares describe.
    pub population: String,
    /// The title in the plain-language edition.
    pub plain_title: Option<String>,
    /// Who the shares describe, in the plain-language edition.
    pub plain_population: Option<String>,
    /// Set when the categories do not cover the whole population, so their shares cannot add
    /// up to 100%. The publication then states what they add up to.
    #[serde(default)]
    pub partial: bool,
    /// Set when people could choose more than one answer ("services used"), so the shares
    /// may add up to more than 100%. The publication then says so in words.
    #[serde(default)]
    pub multiple_answers: bool,
    /// The categories, in the order to show them.
    pub category: Vec<Spanned<CategoryData>>,
}

/// `[[chart.category]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CategoryData {
    /// The label.
    pub label: String,
    /// The label in the plain-language edition.
    pub plain_label: Option<String>,
    /// A number from 0 to 100 (one decimal at most), or a string `"<1"` for "less than 1%".
    pub percent: Spanned<toml::Value>,
}

/// `[[timeline]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TimelineData {
    /// Unique id, referenced from content as `::timeline[id]`.
    pub id: Spanned<String>,
    /// The events, oldest first.
    pub event: Vec<Spanned<EventData>>,
}

/// `[[timeline.event]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EventData {
    /// The year.
    pub year: Spanned<i32>,
    /// The title (inline Markdown); left out, the event's heading is its year alone.
    pub title: Option<Spanned<String>>,
    /// What happened (inline Markdown).
    pub text: Spanned<String>,
    /// The title in the plain-language edition.
    pub plain_title: Option<Spanned<String>>,
    /// What happened, in the plain-language edition.
    pub plain_text: Option<Spanned<String>>,
    /// The id of an `[[image]]` that shows it.
    pub image: Option<Spanned<String>>,
}

/// `[[image]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ImageData {
    /// Unique id, referenced as `::figure[id]` or from a timeline event.
    pub id: Spanned<String>,
    /// The file, relative to the sources folder (`images/shelter.jpg`). Leave it out while
    /// the file is not available yet: the image is then left out of the publications.
    pub file: Option<Spanned<String>>,
    /// What the image shows, for people who cannot see it.
    pub alt: Option<Spanned<String>>,
    /// `true` when the image adds nothing the text does not say (then no `alt`).
    pub decorative: Option<Spanned<bool>>,
    /// The caption shown under the image (inline Markdown).
    pub caption: Option<Spanned<String>>,
    /// The caption in the plain-language edition.
    pub plain_caption: Option<Spanned<String>>,
    /// Who made the image (plain text).
    pub credit: Option<Spanned<String>>,
}
