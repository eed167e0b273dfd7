//! The document model: one publication in one language, ready for the renderers.
//!
//! This module is pure data. It imports nothing from the rest of the crate, does no I/O and
//! knows no output format. Every renderer matches every variant of [`Block`] and [`Inline`]
//! exhaustively, so adding a variant is a compile error in each renderer until it is handled.
//!
//! Languages: a [`Document`] has one language. A run of text is in the document's language
//! unless it sits inside an [`Inline::Lang`] or a [`Block::Lang`], which name another one;
//! so every text run knows its language by its position in the tree.

pub mod dump;
mod share;
pub mod text;
pub mod walk;

pub use share::{Share, ShareRange, Tenths};

use std::path::PathBuf;

/// The id of the glossary section that imprint adds to plain-language editions.
pub const GLOSSARY_ID: &str = "glossary";

/// Ids of what imprint generates itself (the glossary; the EPUB's title, navigation and about
/// documents; the web page's main landmark and contents): the sources cannot use them.
pub const RESERVED_IDS: &[&str] = &[GLOSSARY_ID, "title", "nav", "about", "main", "toc", "landmarks", "contents"];

/// Where a piece of the model came from in the sources, for diagnostics after loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Origin {
    /// Index of the source file in the loader's file table.
    pub file: usize,
    /// Byte offset of the start in that file.
    pub start: usize,
    /// Byte offset of the end in that file (exclusive).
    pub end: usize,
}

/// A BCP 47 language tag that the loader has validated, in canonical case (`zh-Hant`, `es-MX`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangTag(pub String);

impl LangTag {
    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The direction a script is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right (Latin, Han, Khmer...).
    Ltr,
    /// Right to left (Arabic, Persian, Hebrew...).
    Rtl,
}

impl Direction {
    /// The name of the direction in HTML, CSS and Typst: `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// A run of inline content.
pub type Inlines = Vec<Inline>;

/// A content variant of a publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
#[value(rename_all = "kebab-case")]
pub enum Edition {
    /// The text as the organization wrote it.
    Standard,
    /// The text rewritten in plain language, with a glossary.
    Plain,
}

impl Edition {
    /// The name used in file names and in `imprint.toml`.
    pub fn slug(self) -> &'static str {
        match self {
            Edition::Standard => "standard",
            Edition::Plain => "plain",
        }
    }
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, clap::ValueEnum)]
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
    /// The braille edition: a BRF file (North American Braille ASCII) and a PEF file.
    Braille,
}

impl Format {
    /// The name, as in `imprint.toml` (`large-print`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::LargePrint => "large-print",
            Format::Epub => "epub",
            Format::Braille => "braille",
        }
    }

    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf | Format::LargePrint => "pdf",
            Format::Epub => "epub",
            Format::Braille => "brf",
        }
    }
}

/// The other languages, editions and formats a document is published in: what the web
/// edition's menu of languages and its links to other formats show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Siblings {
    /// Every language the publication is built in with this edition (this one too), in the
    /// order they are built, each with its name in itself.
    pub languages: Vec<SiblingLanguage>,
    /// The editions built in the document's language.
    pub editions: Vec<Edition>,
    /// The formats the publication is built in.
    pub formats: Vec<Format>,
}

/// A language of a publication, for menus of languages.
#[derive(Debug, Clone, PartialEq)]
pub struct SiblingLanguage {
    /// Its tag.
    pub lang: LangTag,
    /// Its direction.
    pub dir: Direction,
    /// Its name in itself ("Español").
    pub name: String,
}

/// One publication in one language: what every renderer receives.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Stable publication id from `imprint.toml` (used in file names).
    pub id: String,
    /// The content variant.
    pub edition: Edition,
    /// The language of the whole document.
    pub lang: LangTag,
    /// The writing direction of that language.
    pub dir: Direction,
    /// The title, shown as the level-1 heading and as the window title.
    pub title: String,
    /// A one-sentence description for metadata.
    pub description: String,
    /// Keywords for metadata.
    pub keywords: Vec<String>,
    /// The organization that publishes the document (author metadata).
    pub organization: Organization,
    /// The publication's permanent identifier (`urn:uuid:...`), if it has one.
    pub identifier: Option<String>,
    /// The conformance claims a current human review supports, each for the formats it
    /// covers (empty: no file of this document claims conformance).
    pub certifications: Vec<Certification>,
    /// The sections, in reading order. Each section's title is a level-2 heading.
    pub sections: Vec<Section>,
    /// The id of the section that print layouts put on the cover (the web edition shows it
    /// first, like any other).
    pub cover: Option<String>,
    /// Notes about this edition for the colophon (a draft translation, untranslated parts).
    pub notices: Vec<String>,
}

/// A conformance claim backed by a recorded review that still matches the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certification {
    /// Who reviewed: the person, and their organization (`a11y:certifiedBy`).
    pub certified_by: String,
    /// The reviewer's credential, if any (`a11y:certifierCredential`).
    pub credential: Option<String>,
    /// Where the reviewer's own report is published, if anywhere (`a11y:certifierReport`).
    pub report: Option<String>,
    /// The day of the review, `YYYY-MM-DD`.
    pub date: String,
    /// The formats the review covers, as named in `imprint.toml` (`epub`, `pdf`...).
    pub formats: Vec<String>,
}

impl Document {
    /// The claim that covers this document in a format (named as in `imprint.toml`), if any.
    pub fn certification(&self, format: &str) -> Option<&Certification> {
        self.certifications.iter().find(|c| c.formats.iter().any(|f| f == format))
    }
}

/// The publishing organization, as metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Organization {
    /// Short name, as the organization calls itself ("Cast").
    pub name: String,
    /// Full legal name, if different.
    pub legal_name: Option<String>,
    /// Web address.
    pub website: Option<String>,
}

/// One section of a publication (one Markdown file of the source).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Unique id (an anchor in web formats).
    pub id: String,
    /// The section title, a level-2 heading.
    pub title: Inlines,
    /// The content.
    pub blocks: Vec<Block>,
    /// Where the section's source file is.
    pub origin: Origin,
    /// Set when a plain-language edition shows this section in its standard text, because
    /// its plain version is not written yet (renderers say so at the section).
    pub fallback: bool,
}

/// A block of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A paragraph of text.
    Paragraph(Paragraph),
    /// A heading inside a section, level 3 to 6 (1 is the title, 2 the section).
    Heading(Heading),
    /// A bulleted or numbered list.
    List(List),
    /// A block quotation.
    Quote(Vec<Block>),
    /// A table of text with a header row, row headers and an optional caption.
    Table(Box<Table>),
    /// An image with its alternative text, caption and credit.
    Figure(Box<Figure>),
    /// Statistics: shown as a bar chart and as a data table.
    Chart(Box<Chart>),
    /// Dated events in order.
    Timeline(Box<Timeline>),
    /// Blocks written in another language than the document's.
    Lang {
        /// The language of the blocks.
        lang: LangTag,
        /// Its direction.
        dir: Direction,
        /// The content.
        blocks: Vec<Block>,
    },
    /// A thematic break between parts of a section.
    Rule,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The text.
    pub content: Inlines,
    /// Where it is written.
    pub origin: Origin,
}

/// A heading inside a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// The absolute level in the document, 3 to 6.
    pub level: u8,
    /// Unique anchor id.
    pub id: String,
    /// The heading text.
    pub content: Inlines,
    /// Where it is written.
    pub origin: Origin,
}

/// A list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// `Some(first number)` for a numbered list, `None` for bullets.
    pub start: Option<u32>,
    /// The items, each a sequence of blocks.
    pub items: Vec<Vec<Block>>,
}

/// A table with one header row; the first cell of each body row names its row (a row header).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The caption (a `Table: ...` paragraph next to the table in the source), its origin the
    /// caption's text without `Table:`.
    pub caption: Option<Paragraph>,
    /// The header cells.
    pub header: Vec<Inlines>,
    /// The body rows.
    pub rows: Vec<Vec<Inlines>>,
    /// Where it is written.
    pub origin: Origin,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq)]
pub enum Inline {
    /// Plain text.
    Text(String),
    /// Emphasis (italic in print, unless a layout says otherwise).
    Emph(Inlines),
    /// Strong importance (bold).
    Strong(Inlines),
    /// Literal code or a technical term shown in a fixed-width font.
    Code(String),
    /// A link.
    Link {
        /// Where it goes.
        target: LinkTarget,
        /// The link text.
        content: Inlines,
    },
    /// A forced line break.
    LineBreak,
    /// A line break in the source, which is a space in the output.
    SoftBreak,
    /// Text in another language than the one around it.
    Lang {
        /// The language.
        lang: LangTag,
        /// Its direction.
        dir: Direction,
        /// The content.
        content: Inlines,
    },
}

/// The target of a link.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkTarget {
    /// An `http`, `https` or `mailto` address.
    External(String),
    /// An anchor id inside the same document (a section or heading).
    Internal(String),
}

/// An image, as the renderers see it: its file exists and has been read.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Unique id.
    pub id: String,
    /// The image file.
    pub image: Image,
    /// Alternative text, or decorative.
    pub alt: Alt,
    /// The caption, shown under the image.
    pub caption: Option<Inlines>,
    /// Who made the image (shown as "Photo: ...").
    pub credit: Option<String>,
    /// Where the image is declared.
    pub origin: Origin,
}

/// An image file.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    /// Path relative to the sources folder, with `/` separators (e.g. `images/shelter.jpg`).
    pub path: PathBuf,
    /// The file's bytes.
    pub data: std::sync::Arc<Vec<u8>>,
    /// The image format.
    pub format: ImageFormat,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Image formats every renderer can embed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl ImageFormat {
    /// The media type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageFormat::Png => "image/png",
            ImageFormat::Jpeg => "image/jpeg",
        }
    }
}

/// The text alternative of an image.
#[derive(Debug, Clone, PartialEq)]
pub enum Alt {
    /// A description for people who cannot see the image.
    Text(String),
    /// The image adds nothing that the text does not say; assistive technology skips it.
    Decorative,
}

/// Statistics shown as a bar chart plus a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Unique id.
    pub id: String,
    /// The absolute heading level of the chart title.
    pub level: u8,
    /// The title ("Type of Trafficking").
    pub title: Inlines,
    /// Who the figures describe ("Survivors served in FY2024 who reported their information").
    pub population: Inlines,
    /// The categories, in the order the source gives them.
    pub categories: Vec<Category>,
    /// What the shares add up to.
    pub total: ChartTotal,
    /// Where the chart is declared.
    pub origin: Origin,
}

/// One category of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Category {
    /// The label ("Labor").
    pub label: Inlines,
    /// Its share of the population.
    pub share: Share,
}

/// What a chart's shares add up to, which decides the note shown under it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ChartTotal {
    /// Exactly 100%: no note.
    Complete,
    /// Not exactly 100% because each share was rounded: the rounding note is shown.
    Rounded,
    /// The categories cover only part of the population (the source says so): a note gives
    /// the total of the listed shares.
    Partial(ShareRange),
    /// People could choose more than one answer, so the shares may add up to more than 100%:
    /// a note says so, and neither the rounding nor the partial rule applies.
    MultipleAnswers,
}

/// Dated events, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Unique id.
    pub id: String,
    /// The absolute heading level of each event title.
    pub level: u8,
    /// The events, oldest first.
    pub events: Vec<Event>,
}

/// One event of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The year.
    pub year: i32,
    /// The title ("Cast Founded").
    pub title: Inlines,
    /// What happened.
    pub text: Inlines,
    /// A picture of it, when its file exists.
    pub figure: Option<Figure>,
    /// Where it is declared.
    pub origin: Origin,
}
