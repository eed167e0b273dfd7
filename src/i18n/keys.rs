//! Message keys: where a translatable text is used, as a type. The gettext context
//! (`msgctxt`) of a message is [`MessageKey::context`] and nothing else, so the template
//! (`imprint translate extract`) and the lookup (the build) cannot spell a key two ways.
//!
//! Contexts are stable: they name the section or the data entry and the kind of text
//! (`values/paragraph`, `chart:age/label`, `timeline:history/1995/text`, `ui/contents`), never
//! a position that shifts when a paragraph is added. The plain-language edition's texts have
//! their own contexts (`values.plain/...`, `chart:age.plain/...`), and fall back to the
//! standard context when the plain text is the same as the standard one.

use std::fmt;

use crate::model::Edition;

/// The kind of a text of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKind {
    /// A paragraph (Markdown).
    Paragraph,
    /// A heading inside the section (Markdown).
    Heading,
    /// A list item's paragraph (Markdown).
    Item,
    /// A table cell (plain text).
    Cell,
    /// A table's caption (Markdown, without its `Table:`).
    Caption,
}

/// Which text of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChartPart {
    /// The chart's title.
    Title,
    /// Who the figures describe.
    Population,
    /// A category's label.
    Label,
}

/// Which text of a timeline event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventPart {
    /// The event's title.
    Title,
    /// What happened.
    Text,
}

/// Where a translatable text is used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MessageKey {
    /// A publication's title; `plain` for the plain-language edition's own title.
    Title {
        /// The publication id.
        publication: String,
        /// Whether this is the `plain-title` of `imprint.toml`.
        plain: bool,
    },
    /// A publication's one-sentence description.
    Description {
        /// The publication id.
        publication: String,
    },
    /// One of a publication's keywords.
    Keyword {
        /// The publication id.
        publication: String,
    },
    /// A section's title.
    SectionTitle {
        /// The section id.
        section: String,
        /// The edition whose text it is.
        edition: Edition,
    },
    /// A text inside a section.
    Text {
        /// The section id.
        section: String,
        /// The edition whose text it is.
        edition: Edition,
        /// What kind of text.
        kind: TextKind,
    },
    /// An image's alternative text (the same in every edition).
    ImageAlt {
        /// The image id.
        image: String,
    },
    /// An image's caption.
    ImageCaption {
        /// The image id.
        image: String,
        /// The edition whose text it is.
        edition: Edition,
    },
    /// A text of a chart.
    Chart {
        /// The chart id.
        chart: String,
        /// The edition whose text it is.
        edition: Edition,
        /// Which text.
        part: ChartPart,
    },
    /// A text of a timeline event.
    Event {
        /// The timeline id.
        timeline: String,
        /// The event's year.
        year: i32,
        /// The edition whose text it is.
        edition: Edition,
        /// Which text.
        part: EventPart,
    },
    /// A glossary term.
    GlossaryTerm {
        /// The term in the source language.
        term: String,
    },
    /// A glossary definition.
    GlossaryDefinition {
        /// The term in the source language.
        term: String,
    },
    /// An interface string of imprint ([`crate::ui::Strings`]).
    Interface {
        /// The string's name.
        name: &'static str,
    },
}

/// `.plain` in the plain-language edition's contexts, nothing in the standard one's.
fn suffix(edition: Edition) -> &'static str {
    match edition {
        Edition::Standard => "",
        Edition::Plain => ".plain",
    }
}

impl MessageKey {
    /// The gettext context of the message.
    pub fn context(&self) -> String {
        self.to_string()
    }

    /// The same text's key in the standard edition, for a plain-language key: a plain text
    /// that is the same as its standard text is one message, translated once.
    pub fn standard(&self) -> Option<MessageKey> {
        let mut key = self.clone();
        let edition = match &mut key {
            MessageKey::SectionTitle { edition, .. }
            | MessageKey::Text { edition, .. }
            | MessageKey::ImageCaption { edition, .. }
            | MessageKey::Chart { edition, .. }
            | MessageKey::Event { edition, .. } => edition,
            MessageKey::Title { .. }
            | MessageKey::Description { .. }
            | MessageKey::Keyword { .. }
            | MessageKey::ImageAlt { .. }
            | MessageKey::GlossaryTerm { .. }
            | MessageKey::GlossaryDefinition { .. }
            | MessageKey::Interface { .. } => return None,
        };
        if *edition == Edition::Standard {
            return None;
        }
        *edition = Edition::Standard;
        Some(key)
    }

    /// Whether the message is Markdown (translators keep its marks).
    pub fn is_markdown(&self) -> bool {
        matches!(
            self,
            MessageKey::Text { kind: TextKind::Paragraph | TextKind::Heading | TextKind::Item | TextKind::Caption, .. }
        )
    }
}

impl fmt::Display for MessageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MessageKey::Title { publication, plain: false } => write!(f, "publication:{publication}/title"),
            MessageKey::Title { publication, plain: true } => write!(f, "publication:{publication}/plain-title"),
            MessageKey::Description { publication } => write!(f, "publication:{publication}/description"),
            MessageKey::Keyword { publication } => write!(f, "publication:{publication}/keyword"),
            MessageKey::SectionTitle { section, edition } => write!(f, "{section}{}/title", suffix(*edition)),
            MessageKey::Text { section, edition, kind } => {
                let kind = match kind {
                    TextKind::Paragraph => "paragraph",
                    TextKind::Heading => "heading",
                    TextKind::Item => "item",
                    TextKind::Cell => "cell",
                    TextKind::Caption => "caption",
                };
                write!(f, "{section}{}/{kind}", suffix(*edition))
            }
            MessageKey::ImageAlt { image } => write!(f, "image:{image}/alt"),
            MessageKey::ImageCaption { image, edition } => write!(f, "image:{image}{}/caption", suffix(*edition)),
            MessageKey::Chart { chart, edition, part } => {
                let part = match part {
                    ChartPart::Title => "title",
                    ChartPart::Population => "population",
                    ChartPart::Label => "label",
                };
                write!(f, "chart:{chart}{}/{part}", suffix(*edition))
            }
            MessageKey::Event { timeline, year, edition, part } => {
                let part = match part {
                    EventPart::Title => "title",
                    EventPart::Text => "text",
                };
                write!(f, "timeline:{timeline}/{year}{}/{part}", suffix(*edition))
            }
            MessageKey::GlossaryTerm { term } => write!(f, "glossary:{term}/term"),
            MessageKey::GlossaryDefinition { term } => write!(f, "glossary:{term}/definition"),
            MessageKey::Interface { name } => write!(f, "ui/{name}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_spelt_as_the_catalogs_have_them() {
        let text = |edition, kind| MessageKey::Text { section: "values".into(), edition, kind };
        assert_eq!(text(Edition::Standard, TextKind::Paragraph).context(), "values/paragraph");
        assert_eq!(text(Edition::Plain, TextKind::Item).context(), "values.plain/item");
        assert_eq!(text(Edition::Standard, TextKind::Caption).context(), "values/caption");
        assert!(text(Edition::Standard, TextKind::Caption).is_markdown());
        let chart = MessageKey::Chart { chart: "age".into(), edition: Edition::Plain, part: ChartPart::Label };
        assert_eq!(chart.context(), "chart:age.plain/label");
        let event = MessageKey::Event {
            timeline: "history".into(),
            year: 1995,
            edition: Edition::Standard,
            part: EventPart::Text,
        };
        assert_eq!(event.context(), "timeline:history/1995/text");
        assert_eq!(MessageKey::Interface { name: "contents" }.context(), "ui/contents");
        let caption = MessageKey::ImageCaption { image: "p".into(), edition: Edition::Plain };
        assert_eq!(caption.context(), "image:p.plain/caption");
        assert_eq!(caption.standard().map(|k| k.context()).as_deref(), Some("image:p/caption"));
        assert_eq!(MessageKey::ImageAlt { image: "p".into() }.standard(), None);
    }
}
