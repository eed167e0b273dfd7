//! The translatable messages of a publication, and their keys.
//!
//! One message per heading, paragraph, list item, table cell, section title, chart title,
//! population and label, timeline event title and text, alt text, caption, glossary term and
//! definition, publication title and description, and interface string. A content message is
//! the Markdown as written in the source file, so translators see `**bold**` and links; a
//! data message is the text of its TOML value.
//!
//! The context (`msgctxt`) says where the message is used and is stable: it names the section
//! or the data entry and the kind of text (`values/paragraph`, `chart:age/label`,
//! `timeline:history/1995/text`, `ui/contents`), never a position that shifts when a paragraph
//! is added. The plain-language edition's texts have their own contexts (`values.plain/...`).

use crate::diag::SourceFiles;
use crate::model::text::plain;
use crate::model::{Alt, Block, Document, Edition, Origin};

/// A message with its key and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The context.
    pub msgctxt: String,
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

/// The context scope of a section in an edition (`values` or `values.plain`).
pub fn section_scope(id: &str, edition: Edition) -> String {
    match edition {
        Edition::Standard => id.to_string(),
        Edition::Plain => format!("{id}.plain"),
    }
}

/// The suffix of data contexts in an edition.
pub fn data_suffix(edition: Edition) -> &'static str {
    match edition {
        Edition::Standard => "",
        Edition::Plain => ".plain",
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

/// Every message of a document in the source language, in reading order.
pub fn of_document(doc: &Document, files: &SourceFiles) -> Vec<Message> {
    let mut out = Vec::new();
    let suffix = data_suffix(doc.edition);
    let mut push = |ctxt: String, msgid: String, origin: Option<Origin>, note: Option<&'static str>| {
        if !msgid.trim().is_empty() {
            out.push(Message { msgctxt: ctxt, msgid, reference: origin.map(|o| reference(files, o)), note });
        }
    };
    let title_key = match doc.edition {
        Edition::Standard => "title",
        Edition::Plain => "plain-title",
    };
    push(format!("publication:{}/{title_key}", doc.id), doc.title.clone(), None, None);
    if doc.edition == Edition::Standard {
        push(format!("publication:{}/description", doc.id), doc.description.clone(), None, None);
        for k in &doc.keywords {
            push(format!("publication:{}/keyword", doc.id), k.clone(), None, None);
        }
    }
    for section in doc.sections.iter().filter(|s| !s.fallback) {
        if section.id == crate::model::GLOSSARY_ID && doc.edition == Edition::Plain {
            continue;
        }
        let scope = section_scope(&section.id, doc.edition);
        push(format!("{scope}/title"), plain(&section.title), Some(section.origin), None);
        let mut blocks = Vec::new();
        collect(&section.blocks, &mut blocks);
        for b in blocks {
            match b {
                Item::Markdown(kind, origin, heading) => push(
                    format!("{scope}/{kind}"),
                    source_markdown(files, origin, heading),
                    Some(origin),
                    Some(MARKDOWN_NOTE),
                ),
                Item::Cell(text, origin) => push(format!("{scope}/cell"), text, Some(origin), None),
                Item::Data(block) => data_messages(block, suffix, &mut push),
            }
        }
    }
    out
}

enum Item<'a> {
    Markdown(&'static str, Origin, bool),
    Cell(String, Origin),
    Data(&'a Block),
}

fn collect<'a>(blocks: &'a [Block], out: &mut Vec<Item<'a>>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push(Item::Markdown("paragraph", p.origin, false)),
            Block::Heading(h) => out.push(Item::Markdown("heading", h.origin, true)),
            Block::List(l) => {
                for item in &l.items {
                    for block in item {
                        match block {
                            Block::Paragraph(p) => out.push(Item::Markdown("item", p.origin, false)),
                            other => collect(std::slice::from_ref(other), out),
                        }
                    }
                }
            }
            Block::Quote(inner) | Block::Lang { blocks: inner, .. } => collect(inner, out),
            Block::Table(t) => {
                for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                    out.push(Item::Cell(plain(cell), t.origin));
                }
            }
            Block::Figure(_) | Block::Chart(_) | Block::Timeline(_) => out.push(Item::Data(b)),
            Block::Rule => {}
        }
    }
}

fn data_messages(
    block: &Block,
    suffix: &str,
    push: &mut impl FnMut(String, String, Option<Origin>, Option<&'static str>),
) {
    let figure = |f: &crate::model::Figure,
                  push: &mut dyn FnMut(String, String, Option<Origin>, Option<&'static str>)| {
        if let Alt::Text(alt) = &f.alt {
            push(format!("image:{}/alt", f.id), alt.clone(), Some(f.origin), None);
        }
        if let Some(c) = &f.caption {
            push(format!("image:{}{suffix}/caption", f.id), plain(c), Some(f.origin), None);
        }
    };
    match block {
        Block::Figure(f) => figure(f, push),
        Block::Chart(c) => {
            push(format!("chart:{}{suffix}/title", c.id), plain(&c.title), Some(c.origin), None);
            push(format!("chart:{}{suffix}/population", c.id), plain(&c.population), Some(c.origin), None);
            for cat in &c.categories {
                push(format!("chart:{}{suffix}/label", c.id), plain(&cat.label), Some(c.origin), None);
            }
        }
        Block::Timeline(t) => {
            for e in &t.events {
                let scope = format!("timeline:{}/{}{suffix}", t.id, e.year);
                push(format!("{scope}/title"), plain(&e.title), Some(e.origin), None);
                push(format!("{scope}/text"), plain(&e.text), Some(e.origin), None);
                if let Some(f) = &e.figure {
                    figure(f, push);
                }
            }
        }
        _ => {}
    }
}
