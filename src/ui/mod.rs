//! Interface strings: the words imprint itself adds to a publication ("Contents", "Photo:",
//! the rounding note...). English is written here; their translations into the languages
//! imprint knows are built in too (`src/ui/catalogs/<tag>.po`, [`builtin`]), so that every
//! project publishing in those languages gets them; a project's own catalog may override any.
//!
//! Also the texts generated from data (a chart's alt text, its note), so that every renderer
//! says the same thing in the same words.

use std::sync::OnceLock;

use crate::model::text::plain;
use crate::model::{Chart, ChartTotal, LangTag, Share, Tenths};
use crate::po::{self, Catalog};

/// The built-in catalogs of interface strings, by the tag of their language profile.
const CATALOGS: &[(&str, &str)] = &[
    ("ar", include_str!("catalogs/ar.po")),
    ("es", include_str!("catalogs/es.po")),
    ("fa", include_str!("catalogs/fa.po")),
    ("hy", include_str!("catalogs/hy.po")),
    ("ja", include_str!("catalogs/ja.po")),
    ("km", include_str!("catalogs/km.po")),
    ("ko", include_str!("catalogs/ko.po")),
    ("ru", include_str!("catalogs/ru.po")),
    ("th", include_str!("catalogs/th.po")),
    ("tl", include_str!("catalogs/tl.po")),
    ("vi", include_str!("catalogs/vi.po")),
    ("zh-Hans", include_str!("catalogs/zh-Hans.po")),
    ("zh-Hant", include_str!("catalogs/zh-Hant.po")),
];

/// imprint's own translation of its interface strings into a language (found through the
/// language's profile: `es-MX` uses `es`, `zh-TW` uses `zh-Hant`), if it has one.
pub fn builtin(tag: &LangTag) -> Option<&'static Catalog> {
    static PARSED: OnceLock<Vec<(&'static str, Catalog)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        // Checked by a test: a built-in catalog that did not parse would be a bug of imprint.
        CATALOGS.iter().filter_map(|(tag, text)| Some((*tag, po::parse(text).ok()?))).collect()
    });
    let key = crate::lang::profile(tag).tag;
    parsed.iter().find(|(t, _)| *t == key).map(|(_, c)| c)
}

macro_rules! strings {
    ($($name:ident: $doc:literal = $english:literal,)*) => {
        /// The interface strings of one language.
        #[derive(Debug, Clone, serde::Serialize)]
        pub struct Strings {
            $(#[doc = $doc] pub $name: String,)*
            /// How numbers are written.
            #[serde(skip)]
            pub digits: Digits,
        }

        impl Strings {
            /// The built-in English strings.
            pub fn english() -> Strings {
                Strings { $($name: $english.into(),)* digits: Digits::Latin }
            }

            /// Every string with its name, in declaration order.
            pub fn fields(&self) -> Vec<(&'static str, &str)> {
                vec![$((stringify!($name), self.$name.as_str()),)*]
            }

            /// A string by name.
            pub fn field_mut(&mut self, name: &str) -> Option<&mut String> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }
        }
    };
}

strings! {
    skip_to_content: "The skip link at the top of web pages." = "Skip to main content",
    contents: "The heading of the table of contents." = "Contents",
    photo: "Before a photo credit." = "Photo:",
    chart_table: "The summary of the data table under a chart." = "The numbers as a table",
    category: "The header of the category column of a chart's table." = "Category",
    share: "The header of the share column of a chart's table." = "Share",
    rounding_note: "The note under a chart whose shares do not add up to 100% because of rounding." = "Due to rounding, categories may add up to slightly above or below 100%.",
    partial_note: "The note under a chart whose categories cover part of the population; `{total}` is replaced by what they add up to." = "The categories listed add up to {total}%; the rest are not broken down here.",
    partial_note_range: "The same note when the total is a range (some shares are \"less than\" values); `{min}` and `{max}` are replaced." = "The categories listed add up to between {min}% and {max}%; the rest are not broken down here.",
    multiple_answers_note: "The note under a chart where people could choose more than one answer (\"services used\"), so the shares may add up to more than 100%." = "People could choose more than one answer, so the shares can add up to more than 100%.",
    chart_alt_multiple: "The text alternative of a chart where people could choose more than one answer: as `chart_alt`, and saying so." = "{title}. {population}: {items}. People could choose more than one answer.",
    chart_caption_multiple: "The caption of the data table of a chart where people could choose more than one answer; `{caption}` is the chart's title and population." = "{caption} (people could choose more than one answer)",
    less_than: "\"less than {n}%\" in running text and alt text." = "less than {n}%",
    chart_alt: "The text alternative of a chart: `{title}`, `{population}` and `{items}` (each category with its share) are replaced." = "{title}. {population}: {items}.",
    label_separator: "Between a label and what it labels: a glossary term and its definition, a chart's title and its population." = ": ",
    list_separator: "Between the items of a list in a sentence (the categories of a chart's text alternative)." = ", ",
    published_by: "\"Published by\" before the organization's name." = "Published by",
    photo_credits: "The heading of the list of photo credits." = "Photo credits",
    glossary: "The title of the plain-language edition's glossary." = "Words to know",
    plain_fallback: "Said at a section of the plain-language edition shown in its standard text." = "This part is not yet written in plain language. It is shown here as it was first written.",
    start_of_content: "The landmark that leads to the first section of a book." = "Start of content",
    landmarks: "The heading of a book's list of landmarks." = "Landmarks",
    title_page: "The title of a book's title page." = "Title page",
    about_publication: "The title of the page about the publication (publisher, credits, accessibility)." = "About this publication",
    accessibility: "The heading of the accessibility summary on that page." = "Accessibility",
    summary_structure: "Accessibility summary: always true of an imprint EPUB." = "This publication has a table of contents, and every section is structured with headings, so it can be navigated by heading with a screen reader. The reading order follows the printed order.",
    summary_images: "Accessibility summary: when the book has images, all with text alternatives." = "Every image has a text alternative.",
    summary_charts: "Accessibility summary: when the book has charts." = "Each chart is described in words, and its numbers are also given in a table.",
    summary_display: "Accessibility summary: always true (relative sizes, no fixed layout)." = "Text sizes are relative, so the text can be enlarged and restyled in the reading system.",
    summary_no_hazards: "Accessibility summary: when nothing flashes, moves or plays sound." = "It contains no flashing, moving or sound content.",
    draft_translation: "Said in the colophon of a publication whose translation is a draft." = "This translation has not yet been reviewed by a native speaker.",
    untranslated_parts: "Said in the colophon when some parts are shown in the original language." = "Some parts are not yet translated and are shown in the original language.",
    about_edition: "The heading of the colophon notes." = "About this edition",
    language_name: "The name of this language in itself, as a menu of languages shows it (\"Español\", \"فارسی\", \"中文（繁體）\")." = "English",
    also_available: "Said in the colophon of the PDF and EPUB when the organization publishes its files on the web; `{url}` is replaced." = "This publication is also available in other languages and formats: {url}",
    other_languages: "The label of the web page's menu of languages." = "Other languages",
    other_formats: "The label of the web page's links to its other formats." = "Other formats",
    downloads: "The title of the downloads page, and the link to it from each web page." = "Publications to download",
    downloads_intro: "The first paragraph of a language's downloads page; `{organization}` is replaced." = "The publications of {organization} in this language, in every edition and format, with an accessibility summary of each file.",
    downloads_intro_all: "The first paragraph of the downloads page of all languages; `{organization}` is replaced." = "The publications of {organization} in every language, edition and format, with an accessibility summary of each file.",
    all_languages: "The link from a language's downloads page to the page of all languages." = "All languages",
    edition_standard: "The name of the standard edition." = "Standard edition",
    edition_plain: "The name of the plain-language edition." = "Plain-language edition",
    format_html: "A format: the web page." = "Web page",
    format_pdf: "A format: the PDF brochure for printing." = "PDF for printing",
    format_large_print: "A format: the large-print PDF." = "Large-print PDF",
    format_epub: "A format: the EPUB e-book." = "EPUB e-book",
    file_size: "Before a file's size (\"Size: 1.2 MB\")." = "Size:",
    page_count: "A PDF's number of pages; `{n}` is replaced." = "Pages: {n}",
    checksum: "Before a file's SHA-256 checksum." = "SHA-256 checksum:",
    checksums: "The link to the file of every file's checksum." = "Checksums of every file (SHA256SUMS)",
    opds_catalog: "The link to the catalog that reading apps (such as Thorium) can open." = "Catalog for reading apps (OPDS 2.0)",
    translation_status: "Before the translation status of a publication." = "Translation:",
    translation_complete: "The status of a translation with nothing missing." = "Complete.",
    a11y_ways_of_reading: "Accessibility summary (W3C display guide): heading of how the file can be read." = "Ways of reading",
    a11y_conformance: "Accessibility summary: heading of the conformance claim." = "Conformance",
    a11y_navigation: "Accessibility summary: heading of the ways to move through the file." = "Navigation",
    a11y_rich_content: "Accessibility summary: heading of charts, tables and other rich content." = "Rich content",
    a11y_hazards: "Accessibility summary: heading of hazards (flashing, motion, sound)." = "Hazards",
    a11y_summary: "Accessibility summary: heading of the publisher's own summary." = "Summary",
    a11y_more: "Accessibility summary: heading of other accessibility information (large print, tagged PDF)." = "Additional accessibility information",
    a11y_modifiable: "Ways of reading: text size, font and colours can be changed." = "Appearance can be modified",
    a11y_fixed: "Ways of reading: a fixed page layout (PDF)." = "Appearance cannot be modified",
    a11y_readable: "Ways of reading: everything can be read by a screen reader or a braille display." = "Readable in read aloud or dynamic braille",
    a11y_not_fully_readable: "Ways of reading: some content is only visual." = "Not fully readable in read aloud or dynamic braille",
    a11y_alt_text: "Ways of reading: images have text alternatives." = "Has alternative text",
    a11y_no_conformance: "Conformance: no certified claim." = "No information is available",
    a11y_conforms: "Conformance: a certified claim; `{standard}` is replaced." = "This publication meets accepted accessibility standards ({standard})",
    a11y_certified_by: "Conformance: who certified it; `{certifier}` is replaced." = "Certified by {certifier}",
    a11y_toc: "Navigation: a table of contents." = "Table of contents",
    a11y_headings: "Navigation: headings and other structure." = "Elements such as headings and tables for structured navigation",
    a11y_charts: "Rich content: charts." = "Charts are described in text, and their numbers are also in tables",
    a11y_no_rich_content: "Rich content: none." = "No information is available",
    a11y_no_hazards: "Hazards: none." = "No hazards",
    a11y_hazards_unknown: "Hazards: not known." = "The presence of hazards is unknown",
    a11y_large_print: "Additional information: large print." = "Large print",
    a11y_tagged_pdf: "Additional information: a tagged PDF." = "Tagged PDF (PDF/UA-1)",
    summary_pdf: "Accessibility summary of a PDF, instead of the sentence about text sizes." = "The PDF is tagged: screen readers read its text, headings, lists and tables in order. Its page layout is fixed; the web page, the EPUB and the large-print PDF can be read larger.",
    summary_large_print: "Accessibility summary of the large-print PDF; `{size}` is the body text size in points." = "Set in large print for readers with low vision: body text at least {size} points, in a clear sans-serif, left-aligned, with generous line spacing. The PDF is tagged for screen readers.",
    format_label: "Accessibility summary: before the file's format." = "Format:",
    language_label: "Accessibility summary: before the file's language." = "Language:",
    publisher_label: "Accessibility summary: before the publisher's name." = "Publisher:",
    braille_computer_generated: "The title page of a braille edition, until a certified transcriber has proofread it." = "Computer-generated braille, not proofread by a certified transcriber.",
    braille_language: "The title page of a braille edition: the language of the edition, named in that language (a Spanish catalog says \"Idioma: español\")." = "Language: English",
    braille_experimental: "The title page of a braille edition in a language whose liblouis table imprint builds only on request." = "Experimental: the braille of this language has not been checked by a braille reader.",
    image_description: "Before the description of an image, in the transcriber's note that stands for the image in braille." = "Image:",
    braille_untranscribed: "A transcriber's note in braille where text in a language with no braille table is left out." = "Text in another language, not transcribed.",
    format_brf: "A format: the braille edition's BRF file (North American Braille ASCII)." = "Braille (BRF, for embossers and braille displays)",
    format_pef: "A format: the braille edition's PEF file (Portable Embosser Format)." = "Braille (PEF)",
    summary_braille: "Accessibility summary of the braille edition." = "Braille to read by touch, computer-generated from the same source as the print edition, 40 cells by 25 lines a page, with image descriptions as transcriber's notes and charts as their numbers.",
    a11y_braille: "Ways of reading: a braille file." = "Braille, to read by touch on paper or on a braille display",
    statement_claim: "The accessibility statement of a file a current review covers; `{certifier}` and `{date}` are replaced." = "This file conforms to WCAG 2.2 Level AA, as certified by {certifier} on {date}.",
    statement_none: "The accessibility statement of a file no current review covers." = "No conformance claim: this file passed imprint's automated checks, but no person has certified its accessibility yet.",
    accessibility_report: "The link from a web page to its accessibility report." = "Accessibility report",
    report_title: "The title of an accessibility report; `{title}` is the publication's title." = "Accessibility report: {title}",
    report_intro: "The first paragraph of an accessibility report." = "What was checked in each file of this edition, by imprint and by people, and what a person must still check.",
    report_edition: "The label of the edition and language in a report." = "Edition",
    report_files: "The heading of the list of files in a report." = "Files",
    report_format: "The header of the format column." = "Format",
    report_file: "The header of the file column." = "File",
    report_claim: "The header of the conformance claim column." = "Conformance claim",
    report_no_claim: "The claim of a file no current review covers." = "No conformance claim",
    report_claimed: "The claim of a file a current review covers; `{certifier}` and `{date}` are replaced." = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA, certified by {certifier} on {date}",
    report_machine: "The heading of the automated checks." = "Checks imprint ran",
    report_check: "The header of the check column." = "Check",
    report_result: "The header of the result column." = "Result",
    report_passed: "The result of a check that passed." = "Passed",
    report_not_applicable: "The result of a check that does not apply to this edition." = "Does not apply",
    check_pdfua: "Automated check: PDF/UA-1." = "PDF/UA-1 (checked by Typst when the PDF was written: title, language, alternative text, heading order, embedded fonts)",
    check_structure: "Automated check: structure." = "Structure: headings in order, lists, tables with header cells, figures with text alternatives",
    check_lang_parts: "Automated check: language of parts." = "Language of parts: every passage in another language is marked with its language",
    check_glyphs: "Automated check: glyph coverage." = "Glyph coverage: every character has a glyph in the embedded fonts",
    check_contrast: "Automated check: colour contrast." = "Colour contrast (WCAG 2.2 level AA: 4.5:1 for text, 3:1 for graphics)",
    check_contrast_result: "The measured contrast; `{text}` and `{links}` are ratios such as 12.6." = "Body text {text}:1; headings and links {links}:1",
    check_large_print: "Automated check: large print." = "Large print: text size measured on every page, no italics, no hyphenation, no justified lines",
    check_large_print_result: "The result of the large-print check; `{size}` is the body size in points." = "No text smaller than {size} pt",
    check_reading_level: "Automated check: reading level." = "Reading level of the plain-language text",
    check_reading_level_result: "The result of the reading-level check; `{score}` is the worst section's score and `{formula}` the formula." = "Every section meets its target (least readable section: {formula} {score})",
    check_epub_metadata: "Automated check: EPUB accessibility metadata." = "EPUB accessibility metadata (access modes, features, hazards, summary), derived from the content",
    report_manual: "The heading of the checks only a person can make." = "Checks a person must make",
    report_status: "The header of the status column." = "Status",
    report_confirmed: "The status of a manual check confirmed by a current review; `{reviewer}` and `{date}` are replaced." = "Confirmed by {reviewer} on {date}",
    report_not_confirmed: "The status of a manual check no current review confirms." = "Not yet confirmed",
    manual_images: "Manual check: images." = "Every image's text alternative says what the image means here",
    manual_reading_order: "Manual check: reading order." = "The reading order, as a screen reader reads it, is the intended order",
    manual_charts: "Manual check: charts." = "Each chart's text alternative and table say what the chart shows",
    manual_plain: "Manual check: plain language." = "A plain-language reviewer read the plain-language text",
    manual_native: "Manual check: translation." = "A native speaker reviewed the translation",
    report_reviews: "The heading of the recorded reviews." = "Reviews recorded",
    report_reviewer: "The header of the reviewer column." = "Reviewer",
    report_date: "The header of the date column." = "Date",
    report_no_reviews: "Said when no review covers this edition." = "No review is recorded for this edition.",
    report_current: "The state of a review that still applies." = "Current",
    report_lapsed: "The state of a review whose content changed; `{why}` says what changed." = "Lapsed: {why}",
    report_withheld: "The state of a review that supports no claim; `{why}` says why." = "Supports no claim: {why}",
}

/// Whether an interface string appears only in the accessibility report (`report_*`,
/// `check_*`, `manual_*`), not in the publication itself.
pub fn report_only(name: &str) -> bool {
    ["report_", "check_", "manual_"].iter().any(|p| name.starts_with(p))
}

impl Strings {
    /// Whether the string named `name` is imprint's English text standing in for a missing
    /// translation in a document in `lang` (then it must be marked as English).
    pub fn is_english_fallback(&self, name: &str, lang: &LangTag) -> bool {
        if lang.as_str() == "en" || lang.as_str().starts_with("en-") {
            return false;
        }
        let english = Strings::english();
        let mine = self.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v);
        let theirs = english.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string());
        mine.is_some() && mine.map(str::to_string) == theirs
    }
}

/// The digits numbers are written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// 0123456789.
    #[default]
    Latin,
    /// ۰۱۲۳۴۵۶۷۸۹ (Persian), with the Arabic percent sign and decimal separator.
    Persian,
    /// ٠١٢٣٤٥٦٧٨٩ (Arabic-Indic, as Arabic is written in the Middle East), with the Arabic
    /// percent sign and decimal separator.
    ArabicIndic,
}

impl From<crate::lang::profile::NativeDigits> for Digits {
    fn from(d: crate::lang::profile::NativeDigits) -> Digits {
        match d {
            crate::lang::profile::NativeDigits::Latin => Digits::Latin,
            crate::lang::profile::NativeDigits::Persian => Digits::Persian,
            crate::lang::profile::NativeDigits::ArabicIndic => Digits::ArabicIndic,
        }
    }
}

impl Digits {
    /// The name used in `imprint.toml` and given to the layouts and stylesheets: `latin`,
    /// `persian` or `arabic-indic`.
    pub fn name(self) -> &'static str {
        match self {
            Digits::Latin => "latin",
            Digits::Persian => "persian",
            Digits::ArabicIndic => "arabic-indic",
        }
    }

    /// Typst's numbering pattern for these digits: `1`, `۱` or `١`.
    pub fn typst_numbering(self) -> &'static str {
        match self {
            Digits::Latin => "1",
            Digits::Persian => "\u{6F1}",
            Digits::ArabicIndic => "\u{661}",
        }
    }
}

impl Strings {
    /// A number (or any text) with its ASCII digits written in the language's digits.
    pub fn number(&self, n: impl std::fmt::Display) -> String {
        let s = n.to_string();
        match self.digits {
            Digits::Latin => s,
            Digits::Persian | Digits::ArabicIndic => {
                // Digits become Persian or Arabic-Indic; a point between digits is the decimal
                // separator, and a percent sign after a digit is the Arabic percent sign. Other
                // points and signs (the end of a sentence) stay as they are.
                let zero = if self.digits == Digits::Persian { 0x06F0 } else { 0x0660 };
                let chars: Vec<char> = s.chars().collect();
                let digit = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
                (0..chars.len())
                    .map(|i| match chars[i] {
                        c @ '0'..='9' => char::from_u32(zero + (c as u32 - '0' as u32)).unwrap_or(c),
                        '.' if i > 0 && digit(i - 1) && digit(i + 1) => '\u{066B}',
                        '%' if i > 0 && digit(i - 1) => '\u{066A}',
                        c => c,
                    })
                    .collect()
            }
        }
    }

    /// A share as printed in charts and tables: `73%`, `<1%`.
    pub fn share_short(&self, share: Share) -> String {
        match share {
            Share::Percent(t) => self.number(format!("{}%", Tenths(t))),
            Share::LessThan(t) => self.number(format!("<{}%", Tenths(t))),
        }
    }

    /// A share as read aloud: `73%`, `less than 1%`.
    pub fn share_words(&self, share: Share) -> String {
        match share {
            Share::Percent(_) => self.share_short(share),
            Share::LessThan(t) => self.number(self.less_than.replace("{n}", &Tenths(t).to_string())),
        }
    }

    /// The text alternative of a chart, generated from its data:
    /// "Type of Trafficking. Survivors served in FY2024...: Sex 73%, Labor 18%, ...". A title
    /// or population that ends in punctuation of its own does not get a second mark.
    pub fn chart_alt(&self, chart: &Chart) -> String {
        let items: Vec<String> =
            chart.categories.iter().map(|c| format!("{} {}", plain(&c.label), self.share_words(c.share))).collect();
        let template = match chart.total {
            ChartTotal::MultipleAnswers => &self.chart_alt_multiple,
            _ => &self.chart_alt,
        };
        fill(
            template,
            &[
                ("{title}", &plain(&chart.title)),
                ("{population}", &plain(&chart.population)),
                ("{items}", &items.join(&self.list_separator)),
            ],
        )
    }

    /// The caption of a chart's data table, as plain text: its title and population, and
    /// whether people could choose more than one answer.
    pub fn chart_caption(&self, chart: &Chart) -> String {
        let (before, after) = self.chart_caption_parts(chart);
        let template = format!("{{title}}{}{{population}}", self.label_separator);
        let caption =
            fill(&template, &[("{title}", &plain(&chart.title)), ("{population}", &plain(&chart.population))]);
        format!("{before}{caption}{after}")
    }

    /// What a chart's table caption says before and after its title and population (nothing,
    /// unless people could choose more than one answer).
    pub fn chart_caption_parts(&self, chart: &Chart) -> (&str, &str) {
        match chart.total {
            ChartTotal::MultipleAnswers => {
                self.chart_caption_multiple.split_once("{caption}").unwrap_or(("", &self.chart_caption_multiple))
            }
            _ => ("", ""),
        }
    }

    /// The note shown under a chart, if its shares do not add up to exactly 100%.
    pub fn chart_note(&self, chart: &Chart) -> Option<String> {
        match chart.total {
            ChartTotal::Complete => None,
            ChartTotal::Rounded => Some(self.rounding_note.clone()),
            ChartTotal::MultipleAnswers => Some(self.number(&self.multiple_answers_note)),
            ChartTotal::Partial(range) if range.min == range.max => {
                Some(self.number(self.partial_note.replace("{total}", &Tenths(range.min).to_string())))
            }
            ChartTotal::Partial(range) => Some(
                self.number(
                    self.partial_note_range
                        .replace("{min}", &Tenths(range.min).to_string())
                        .replace("{max}", &Tenths(range.max).to_string()),
                ),
            ),
        }
    }
}

/// Marks that end a sentence as a full stop does: dropped from the end of a value that the
/// template follows with punctuation of its own.
const FULL_STOPS: &[char] =
    &['.', '\u{3002}', '\u{FF0E}', '\u{589}', '\u{17D4}', '\u{17D5}', '\u{6D4}', '\u{964}', '\u{104B}'];

/// Marks that end a sentence and must stay (a question, an exclamation, an ellipsis): the
/// template's own punctuation right after such a value is dropped instead.
const STRONG_STOPS: &[char] = &['?', '!', '\u{2026}', '\u{FF1F}', '\u{FF01}', '\u{61F}', '\u{55E}', '\u{55C}'];

/// Punctuation a template may put right after a placeholder.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() && !matches!(c, '{' | '(' | '[' | '"' | '\'')
        || FULL_STOPS.contains(&c)
        || STRONG_STOPS.contains(&c)
        || matches!(
            c,
            '\u{FF1A}' | '\u{FF0C}' | '\u{3001}' | '\u{FF1B}' | '\u{55D}' | '\u{17D6}' | '\u{60C}' | '\u{61B}'
        )
}

/// `template` with each placeholder replaced by its value, joining their punctuation as a
/// writer would: "information." before ":" gives "information:", "Why?" before "." stays
/// "Why?". Values are inserted once, left to right, so a value holding a placeholder's name
/// is not replaced again.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some((at, key, value)) =
        values.iter().filter_map(|(k, v)| rest.find(k).map(|at| (at, *k, *v))).min_by_key(|(at, _, _)| *at)
    {
        out.push_str(&rest[..at]);
        rest = &rest[at + key.len()..];
        let trimmed = value.trim_end();
        let next = rest.chars().next().filter(|c| is_punctuation(*c));
        match (trimmed.chars().last(), next) {
            (Some(last), Some(_)) if FULL_STOPS.contains(&last) => {
                out.push_str(&trimmed[..trimmed.len() - last.len_utf8()]);
            }
            (Some(last), Some(next)) if STRONG_STOPS.contains(&last) => {
                out.push_str(trimmed);
                rest = &rest[next.len_utf8()..];
            }
            _ => out.push_str(value),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_do_not_double_punctuation() {
        let t = "{title}. {population}: {items}.";
        let f = |title, population| fill(t, &[("{title}", title), ("{population}", population), ("{items}", "A 5%")]);
        assert_eq!(
            f("Services", "People who gave this information."),
            "Services. People who gave this information: A 5%."
        );
        assert_eq!(f("Why us?", "People"), "Why us? People: A 5%.");
        assert_eq!(f("Services.", "People"), "Services. People: A 5%.");
        assert_eq!(f("{items}", "{title}"), "{items}. {title}: A 5%.");
        let zh = "{title}。{population}：{items}。";
        assert_eq!(fill(zh, &[("{title}", "服務"), ("{population}", "人們。"), ("{items}", "A")]), "服務。人們：A。");
        assert_eq!(fill("{title}: {population}", &[("{title}", "Kinds."), ("{population}", "x ")]), "Kinds: x ");
    }

    #[test]
    fn arabic_indic_and_persian_digits() {
        let mut s = Strings::english();
        s.digits = Digits::ArabicIndic;
        assert_eq!(s.number("12.5% in 2024."), "١٢٫٥٪ in ٢٠٢٤.");
        s.digits = Digits::Persian;
        assert_eq!(s.number("12.5%"), "۱۲٫۵٪");
        assert_eq!(
            Digits::from(crate::lang::profile(&crate::lang::parse_lang("ar").unwrap()).digits),
            Digits::ArabicIndic
        );
    }

    #[test]
    fn every_builtin_catalog_parses_and_translates_every_string() {
        for (tag, text) in CATALOGS {
            let catalog = po::parse(text).unwrap_or_else(|e| panic!("catalogs/{tag}.po: {}", e.message));
            assert_eq!(catalog.header_field("Language"), Some(*tag));
            // The words of the accessibility report are required in Spanish; in the other
            // languages they may fall back to English (marked as English on the page).
            for (name, english) in
                Strings::english().fields().into_iter().filter(|(n, _)| *tag == "es" || !report_only(n))
            {
                let e = catalog.find(Some(&format!("ui/{name}")), english);
                assert!(e.is_some_and(|e| e.translated()), "catalogs/{tag}.po lacks ui/{name}");
            }
            let lang = crate::lang::parse_lang(tag).unwrap();
            assert!(builtin(&lang).is_some(), "{tag} has no profile row that finds its catalog");
        }
    }
}
