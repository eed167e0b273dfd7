//! Interface strings: the words imprint itself adds to a publication ("Contents", "Photo:",
//! the rounding note...). English is built in; translations come from the PO catalogs.
//!
//! Also the texts generated from data (a chart's alt text, its note), so that every renderer
//! says the same thing in the same words.

use crate::model::{Chart, ChartTotal, Share, Tenths};

/// The interface strings of one language.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Strings {
    /// The skip link at the top of web pages.
    pub skip_to_content: String,
    /// The heading of the table of contents.
    pub contents: String,
    /// Before a photo credit.
    pub photo: String,
    /// The summary of the data table under a chart.
    pub chart_table: String,
    /// The header of the category column of a chart's table.
    pub category: String,
    /// The header of the share column of a chart's table.
    pub share: String,
    /// The note under a chart whose shares do not add up to 100% because of rounding.
    pub rounding_note: String,
    /// The note under a chart whose categories cover part of the population; `{total}` is
    /// replaced by what they add up to.
    pub partial_note: String,
    /// The same note when the total is a range (some shares are "less than" values);
    /// `{min}` and `{max}` are replaced.
    pub partial_note_range: String,
    /// "less than {n}%" in running text and alt text.
    pub less_than: String,
    /// "Published by".
    pub published_by: String,
    /// The heading of the list of photo credits.
    pub photo_credits: String,
    /// The title of the plain-language edition's glossary.
    pub glossary: String,
    /// Said at a section of the plain-language edition shown in its standard text.
    pub plain_fallback: String,
    /// The landmark that leads to the first section of a book.
    pub start_of_content: String,
    /// The heading of a book's list of landmarks.
    pub landmarks: String,
    /// The title of a book's title page.
    pub title_page: String,
    /// The title of the page about the publication (publisher, credits, accessibility).
    pub about_publication: String,
    /// The heading of the accessibility summary on that page.
    pub accessibility: String,
    /// Accessibility summary: always true of an imprint EPUB.
    pub summary_structure: String,
    /// Accessibility summary: when the book has images, all with text alternatives.
    pub summary_images: String,
    /// Accessibility summary: when the book has charts.
    pub summary_charts: String,
    /// Accessibility summary: always true (relative sizes, no fixed layout).
    pub summary_display: String,
    /// Accessibility summary: when nothing flashes, moves or plays sound.
    pub summary_no_hazards: String,
}

impl Strings {
    /// The built-in English strings.
    pub fn english() -> Strings {
        Strings {
            skip_to_content: "Skip to main content".into(),
            contents: "Contents".into(),
            photo: "Photo:".into(),
            chart_table: "The numbers as a table".into(),
            category: "Category".into(),
            share: "Share".into(),
            rounding_note: "Due to rounding, categories may add up to slightly above or below 100%.".into(),
            partial_note: "The categories listed add up to {total}%; the rest are not broken down here.".into(),
            partial_note_range:
                "The categories listed add up to between {min}% and {max}%; the rest are not broken down here.".into(),
            less_than: "less than {n}%".into(),
            published_by: "Published by".into(),
            photo_credits: "Photo credits".into(),
            glossary: "Words to know".into(),
            plain_fallback: "This part is not yet written in plain language. It is shown here as it was first written."
                .into(),
            start_of_content: "Start of content".into(),
            landmarks: "Landmarks".into(),
            title_page: "Title page".into(),
            about_publication: "About this publication".into(),
            accessibility: "Accessibility".into(),
            summary_structure:
                "This publication has a table of contents, and every section is structured with headings, \
                                so it can be navigated by heading with a screen reader. The reading order follows the \
                                printed order."
                    .into(),
            summary_images: "Every image has a text alternative.".into(),
            summary_charts: "Each chart is described in words, and its numbers are also given in a table.".into(),
            summary_display: "Text sizes are relative, so the text can be enlarged and restyled in the reading system."
                .into(),
            summary_no_hazards: "It contains no flashing, moving or sound content.".into(),
        }
    }

    /// A share as printed in charts and tables: `73%`, `<1%`.
    pub fn share_short(&self, share: Share) -> String {
        match share {
            Share::Percent(t) => format!("{}%", Tenths(t)),
            Share::LessThan(t) => format!("<{}%", Tenths(t)),
        }
    }

    /// A share as read aloud: `73%`, `less than 1%`.
    pub fn share_words(&self, share: Share) -> String {
        match share {
            Share::Percent(_) => self.share_short(share),
            Share::LessThan(t) => self.less_than.replace("{n}", &Tenths(t).to_string()),
        }
    }

    /// The text alternative of a chart, generated from its data:
    /// "Type of Trafficking. Survivors served in FY2024...: Sex 73%, Labor 18%, ...".
    pub fn chart_alt(&self, chart: &Chart) -> String {
        let items: Vec<String> =
            chart.categories.iter().map(|c| format!("{} {}", c.label, self.share_words(c.share))).collect();
        format!("{}. {}: {}.", chart.title, chart.population, items.join(", "))
    }

    /// The note shown under a chart, if its shares do not add up to exactly 100%.
    pub fn chart_note(&self, chart: &Chart) -> Option<String> {
        match chart.total {
            ChartTotal::Complete => None,
            ChartTotal::Rounded => Some(self.rounding_note.clone()),
            ChartTotal::Partial(range) if range.min == range.max => {
                Some(self.partial_note.replace("{total}", &Tenths(range.min).to_string()))
            }
            ChartTotal::Partial(range) => Some(
                self.partial_note_range
                    .replace("{min}", &Tenths(range.min).to_string())
                    .replace("{max}", &Tenths(range.max).to_string()),
            ),
        }
    }
}
