//! The translatable messages of a document, found by ONE walk ([`walk_section`]) that both the
//! template (`imprint translate extract`) and the lookup ([`super::resolve`]) use: every
//! translatable text of a section, in reading order, with its typed [`MessageKey`] and a
//! mutable handle on the text, which the lookup replaces by its translation.
//!
//! One message per heading, paragraph, list item, table caption and cell, section title, chart title,
//! population and label, timeline event title and text, alt text and caption. A content
//! message is the Markdown as written in the source file, so translators see `**bold**` and
//! links; a data text shown as text (timeline events, captions) is inline Markdown too, and its
//! message is that Markdown, written back from the parsed content; other data messages (chart
//! texts, alt text) are the text of their TOML value.

use super::keys::{ChartPart, EventPart, MessageKey, TextKind};
use crate::diag::SourceFiles;
use crate::model::text::plain;
use crate::model::{Alt, Block, Edition, Figure, Inlines, Origin, Section};

/// A message with its key and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The key (its context is the `msgctxt`).
    pub key: MessageKey,
    /// The source text.
    pub msgid: String,
    /// `path:line` of the source.
    pub reference: Option<String>,
    /// A note for translators.
    pub note: Option<&'static str>,
}

/// The note on every Markdown message.
pub const MARKDOWN_NOTE: &str =
    "Markdown: keep **bold**, *emphasis*, [link text](address) and [text]{lang=xx} marks around the translated words.";

/// A translatable text inside a section, as the walk hands it out.
#[derive(Debug)]
pub enum Slot<'a> {
    /// Markdown content (paragraph, heading, list item, table caption): the message is its
    /// source Markdown.
    Markdown {
        /// The parsed content.
        content: &'a mut Inlines,
        /// Where the Markdown is written.
        origin: Origin,
        /// Whether it is a heading (its `#` marks and `{#id}` are not part of the message).
        heading: bool,
    },
    /// Inline Markdown from data (timeline event, caption): the message is its Markdown.
    DataMarkdown {
        /// The parsed content.
        content: &'a mut Inlines,
        /// Where it is written.
        origin: Origin,
    },
    /// Inline text from data or a table cell: the message is its plain text.
    Inlines {
        /// The content.
        content: &'a mut Inlines,
        /// Where it is written.
        origin: Origin,
    },
    /// A plain string (alt text).
    Text {
        /// The text.
        text: &'a mut String,
        /// Where it is written.
        origin: Origin,
    },
}

impl Slot<'_> {
    /// The source text of the message: what the template lists as `msgid`.
    pub fn msgid(&self, files: &SourceFiles) -> String {
        match self {
            Slot::Markdown { origin, heading, .. } => source_markdown(files, *origin, *heading),
            Slot::DataMarkdown { content, .. } => crate::source::to_markdown(content),
            Slot::Inlines { content, .. } => plain(content),
            Slot::Text { text, .. } => (*text).clone(),
        }
    }

    /// Whether the message is Markdown (translators keep its marks).
    pub fn is_markdown(&self) -> bool {
        matches!(self, Slot::Markdown { .. } | Slot::DataMarkdown { .. })
    }

    /// Where the text is written.
    pub fn origin(&self) -> Origin {
        match self {
            Slot::Markdown { origin, .. }
            | Slot::DataMarkdown { origin, .. }
            | Slot::Inlines { origin, .. }
            | Slot::Text { origin, .. } => *origin,
        }
    }
}

/// Visits every translatable text of a section in reading order: its title, then its blocks.
/// The one walk behind both the template and the lookup.
pub fn walk_section(section: &mut Section, edition: Edition, visit: &mut dyn FnMut(MessageKey, Slot<'_>)) {
    let id = section.id.clone();
    let key = MessageKey::SectionTitle { section: id.clone(), edition };
    visit(key, Slot::Inlines { content: &mut section.title, origin: section.origin });
    let mut walker = Walker { section: id, edition, visit };
    walker.blocks(&mut section.blocks, TextKind::Paragraph);
}

struct Walker<'v> {
    section: String,
    edition: Edition,
    visit: &'v mut dyn FnMut(MessageKey, Slot<'_>),
}

impl Walker<'_> {
    fn text(&self, kind: TextKind) -> MessageKey {
        MessageKey::Text { section: self.section.clone(), edition: self.edition, kind }
    }

    fn blocks(&mut self, blocks: &mut [Block], kind: TextKind) {
        for b in blocks {
            self.block(b, kind);
        }
    }

    /// `kind` is what a paragraph here is: a paragraph, or a list item's.
    fn block(&mut self, b: &mut Block, kind: TextKind) {
        let edition = self.edition;
        match b {
            Block::Paragraph(p) => {
                let key = self.text(kind);
                (self.visit)(key, Slot::Markdown { content: &mut p.content, origin: p.origin, heading: false });
            }
            Block::Heading(h) => {
                let key = self.text(TextKind::Heading);
                (self.visit)(key, Slot::Markdown { content: &mut h.content, origin: h.origin, heading: true });
            }
            Block::List(l) => l.items.iter_mut().for_each(|item| self.blocks(item, TextKind::Item)),
            Block::Quote(inner) | Block::Lang { blocks: inner, .. } => self.blocks(inner, TextKind::Paragraph),
            Block::Table(t) => {
                if let Some(c) = &mut t.caption {
                    let key = self.text(TextKind::Caption);
                    (self.visit)(key, Slot::Markdown { content: &mut c.content, origin: c.origin, heading: false });
                }
                let origin = t.origin;
                for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                    let key = self.text(TextKind::Cell);
                    (self.visit)(key, Slot::Inlines { content: cell, origin });
                }
            }
            Block::Figure(f) => self.figure(f),
            Block::Chart(c) => {
                let (chart, origin) = (c.id.clone(), c.origin);
                let key = |part| MessageKey::Chart { chart: chart.clone(), edition, part };
                (self.visit)(key(ChartPart::Title), Slot::Inlines { content: &mut c.title, origin });
                (self.visit)(key(ChartPart::Population), Slot::Inlines { content: &mut c.population, origin });
                for cat in &mut c.categories {
                    (self.visit)(key(ChartPart::Label), Slot::Inlines { content: &mut cat.label, origin });
                }
            }
            Block::Timeline(t) => {
                let timeline = t.id.clone();
                for e in &mut t.events {
                    let key = |part| MessageKey::Event { timeline: timeline.clone(), year: e.year, edition, part };
                    let (title, text) = (key(EventPart::Title), key(EventPart::Text));
                    (self.visit)(title, Slot::DataMarkdown { content: &mut e.title, origin: e.origin });
                    (self.visit)(text, Slot::DataMarkdown { content: &mut e.text, origin: e.origin });
                    if let Some(f) = &mut e.figure {
                        self.figure(f);
                    }
                }
            }
            Block::Rule => {}
        }
    }

    fn figure(&mut self, f: &mut Figure) {
        let origin = f.origin;
        if let Alt::Text(alt) = &mut f.alt {
            (self.visit)(MessageKey::ImageAlt { image: f.id.clone() }, Slot::Text { text: alt, origin });
        }
        if let Some(c) = &mut f.caption {
            let key = MessageKey::ImageCaption { image: f.id.clone(), edition: self.edition };
            (self.visit)(key, Slot::DataMarkdown { content: c, origin });
        }
    }
}

/// The Markdown source of a paragraph, heading or list item, from its place in the file:
/// lines trimmed, quote markers and heading marks and `{#id}` removed.
pub fn source_markdown(files: &SourceFiles, origin: Origin, heading: bool) -> String {
    let text = files.text(origin.file);
    let slice = text.get(origin.start..origin.end).unwrap_or("");
    let lines: Vec<&str> =
        slice.lines().map(|l| l.trim().trim_start_matches('>').trim()).filter(|l| !l.is_empty()).collect();
    let mut s = lines.join("\n");
    if heading {
        s = s.trim_start_matches('#').trim().to_string();
        if let Some(open) = s.rfind(" {#")
            && s.ends_with('}')
        {
            s.truncate(open);
        }
        s = s.trim_end_matches('#').trim().to_string();
    }
    s
}

/// `path:line` of an origin.
pub fn reference(files: &SourceFiles, origin: Origin) -> String {
    format!("{}:{}", files.name(origin.file), files.line_col(origin.file, origin.start).0)
}

/// Every message of a section in the source language, in reading order (empty texts are not
/// messages).
pub fn of_section(section: &Section, edition: Edition, files: &SourceFiles) -> Vec<Message> {
    let mut out = Vec::new();
    let mut section = section.clone();
    walk_section(&mut section, edition, &mut |key, slot| {
        let msgid = slot.msgid(files);
        if !msgid.trim().is_empty() {
            let note = (key.is_markdown() || slot.is_markdown()).then_some(MARKDOWN_NOTE);
            out.push(Message { key, msgid, reference: Some(reference(files, slot.origin())), note });
        }
    });
    out
}
