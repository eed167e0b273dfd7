//! A content file (front matter + Markdown) parsed once with comrak into model blocks.
//!
//! What the Markdown may hold: paragraphs, `##`-`######` headings (the section title is the
//! front matter's `title`; an id can be set with `## Heading {#id}`), lists, quotes,
//! emphasis, links to `https://`/`mailto:` addresses or to `#ids`, pipe tables with a
//! `Table:` caption (see [`tables`]), and three imprint forms:
//! a paragraph `::chart[id]`, `::timeline[id]` or `::figure[id]` places data from `data/`;
//! `[text]{lang=es}` marks a passage in another language inline; and a `::: lang=es` ... `:::`
//! block does the same for whole paragraphs. Anything else is reported where it is written.

use comrak::nodes::{ListType, NodeValue, Sourcepos};
use comrak::{Arena, Options, parse_document};

mod directives;
mod tables;

type Node<'a> = comrak::nodes::Node<'a>;

use super::datamodel::DataSet;
use super::frontmatter::{self, SectionFront};
use super::inlines::{Piece, resolve_lang_spans};
use super::{IdRegistry, SourceSection, parse_toml_at};
use crate::diag::{Diagnostic, Report, Span};
use crate::model::{Block, Heading, Inline, Inlines, LinkTarget, List, Origin, Paragraph};

/// How many blocks (paragraphs, list items, headings...) one section may hold: far beyond a
/// brochure's, small enough that a runaway file is refused instead of typeset for minutes.
const MAX_BLOCKS: usize = 5000;

/// How deep lists, quotes and passages may nest.
const MAX_NESTING: usize = 16;

/// The deepest heading level any format supports.
const MAX_LEVEL: u8 = 6;
/// The level of a section title in a publication (the publication title is 1).
pub(crate) const SECTION_LEVEL: u8 = 2;

fn options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.table = true;
    o.extension.header_attributes = true;
    o.extension.block_directive = true;
    // `**名稱。**文字`: emphasis next to CJK punctuation, as Chinese and Japanese write it.
    o.extension.cjk_friendly_emphasis = true;
    o
}

/// Parses one content file into a section, reporting every problem in it. The front matter's
/// id is claimed in `ids` only for a standard section (a plain-language file reuses the id of
/// its standard section).
pub(crate) fn parse_section(
    file: usize,
    text: &str,
    data: &DataSet,
    ids: &mut IdRegistry,
    claim_id: bool,
    report: &mut Report,
) -> Option<SourceSection> {
    let split = frontmatter::split(file, text, report)?;
    let front: Option<SectionFront> = parse_toml_at(split.front, file, split.front_offset, report);
    let shift = |r: std::ops::Range<usize>| split.front_offset + r.start..split.front_offset + r.end;
    let arena = Arena::new();
    let root = parse_document(&arena, split.body, &options());
    let mut conv = Converter {
        file,
        body: split.body,
        body_offset: split.body_offset,
        line_starts: line_starts(split.body),
        data,
        ids,
        report,
        level: SECTION_LEVEL,
        links: Vec::new(),
        depth: 0,
        made: 0,
    };
    let front = front?;
    let id_span = Span::new(file, shift(front.id.span()));
    if claim_id {
        conv.ids.claim(front.id.get_ref(), id_span.clone(), conv.report);
    }
    if front.title.trim().is_empty() {
        conv.report.push(
            Diagnostic::error("the section title is empty")
                .at(Span::new(file, split.front_offset..split.body_offset))
                .hint("Write the title readers see, e.g. title = \"Our Mission\"."),
        );
    }
    let blocks = conv.blocks(root);
    Some(SourceSection {
        id: front.id.get_ref().clone(),
        title: front.title.trim().to_string(),
        blocks,
        origin: Origin { file, start: 0, end: text.len() },
        id_span,
        internal_links: conv.links,
        plain: None,
    })
}

/// Parses one message of inline Markdown (a translated paragraph, heading or list item) into
/// inline content; the first problem found is the error. Text that Markdown would read as a
/// block (a list marker at the start...) stays literal text.
pub fn parse_inline_markdown(text: &str) -> Result<Inlines, String> {
    let arena = Arena::new();
    let root = parse_document(&arena, text, &options());
    let mut ids = IdRegistry::default();
    let mut report = Report::default();
    let data = DataSet::default();
    let mut conv = Converter {
        file: usize::MAX,
        body: text,
        body_offset: 0,
        line_starts: line_starts(text),
        data: &data,
        ids: &mut ids,
        report: &mut report,
        level: SECTION_LEVEL,
        links: Vec::new(),
        depth: 0,
        made: 0,
    };
    let mut children = root.children();
    let inlines = match (children.next(), children.next()) {
        (Some(first), None) if matches!(first.data().value, NodeValue::Paragraph) => conv.inlines(first),
        _ => vec![Inline::Text(text.trim().to_string())],
    };
    match report.diagnostics.first() {
        Some(d) => Err(d.message.clone()),
        None => Ok(inlines),
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

struct Converter<'a> {
    file: usize,
    body: &'a str,
    body_offset: usize,
    line_starts: Vec<usize>,
    data: &'a DataSet,
    ids: &'a mut IdRegistry,
    report: &'a mut Report,
    /// The absolute level of the heading the current content is under.
    level: u8,
    links: Vec<(String, Span)>,
    /// How many lists, quotes and passages the current block is inside.
    depth: usize,
    /// How many blocks were made, against [`MAX_BLOCKS`].
    made: usize,
}

impl<'a> Converter<'a> {
    fn offset(&self, line: usize, column: usize) -> usize {
        if line == 0 {
            return self.body_offset;
        }
        let start = self.line_starts.get(line - 1).copied().unwrap_or(self.body.len());
        (start + column.saturating_sub(1)).min(self.body.len())
    }

    fn span(&self, pos: Sourcepos) -> Span {
        let start = self.offset(pos.start.line, pos.start.column);
        let mut end = (self.offset(pos.end.line, pos.end.column) + 1).min(self.body.len()).max(start);
        while !self.body.is_char_boundary(end) {
            end += 1;
        }
        Span::new(self.file, self.body_offset + start..self.body_offset + end)
    }

    fn node_span(&self, node: Node<'_>) -> Span {
        self.span(node.data().sourcepos)
    }

    fn blocks(&mut self, parent: Node<'_>) -> Vec<Block> {
        if self.depth > MAX_NESTING {
            let span = self.node_span(parent);
            self.report.push(
                Diagnostic::error(format!("lists, quotes or passages are nested more than {MAX_NESTING} deep here"))
                    .at(Span::new(span.file, span.range.start..span.range.start + 1))
                    .hint("Nothing a reader can follow is nested this deep: flatten the structure (the deeper content was left out)."),
            );
            return Vec::new();
        }
        self.depth += 1;
        let blocks = self.child_blocks(parent);
        self.depth -= 1;
        blocks
    }

    fn block(&mut self, node: Node<'_>) -> Option<Block> {
        let span = self.node_span(node);
        self.made += 1;
        if self.made > MAX_BLOCKS {
            if self.made == MAX_BLOCKS + 1 {
                self.report.push(
                    Diagnostic::error(format!(
                        "this section has more than {MAX_BLOCKS} paragraphs, list items and headings"
                    ))
                    .at(Span::new(span.file, span.range.start..span.range.start + 1))
                    .label("the rest was left out from here")
                    .hint("Split it into several sections; no reader follows a section this long."),
                );
            }
            return None;
        }
        let value = node.data().value.clone();
        match value {
            NodeValue::Paragraph => {
                let source = self.source(&span).to_string();
                if source.trim_start().starts_with("::") {
                    return self.directive(source.trim(), span);
                }
                self.check_table_like(&source, &span);
                Some(Block::Paragraph(Paragraph { content: self.inlines(node), origin: (&span).into() }))
            }
            NodeValue::Heading(h) => self.heading(node, h.level, span),
            NodeValue::List(list) => {
                let start = match list.list_type {
                    ListType::Bullet => None,
                    ListType::Ordered => Some(list.start as u32),
                };
                let items = node.children().map(|item| self.blocks(item)).collect();
                Some(Block::List(List { start, items }))
            }
            NodeValue::BlockQuote => Some(Block::Quote(self.blocks(node))),
            NodeValue::ThematicBreak => Some(Block::Rule),
            NodeValue::Table(_) => Some(self.table(node, &span)),
            NodeValue::BlockDirective(d) => self.lang_block(node, &d.info, span),
            NodeValue::HtmlBlock(_) => {
                self.report.push(raw_html(span));
                None
            }
            NodeValue::CodeBlock(_) => {
                self.report.push(Diagnostic::error("code blocks are not supported in content").at(span).hint(
                    "If this is ordinary text, remove the indentation (4 spaces make a code block) or the ``` fence.",
                ));
                None
            }
            _ => {
                self.report.push(Diagnostic::error("this kind of Markdown is not supported in content").at(span));
                None
            }
        }
    }

    fn heading(&mut self, node: Node<'_>, md_level: u8, span: Span) -> Option<Block> {
        let mut level = md_level + 1;
        if md_level == 1 {
            self.report.push(
                Diagnostic::error("level-1 heading in a section")
                    .at(span.clone())
                    .label("use `##` here")
                    .hint("The section title is the front matter's title; headings inside a section start at ##."),
            );
            level = SECTION_LEVEL + 1;
        } else if level > self.level + 1 {
            let hashes = |l: u8| "#".repeat(usize::from(l - 1));
            let after = if self.level == SECTION_LEVEL {
                "the section title".into()
            } else {
                format!("`{}`", hashes(self.level))
            };
            self.report.push(
                Diagnostic::error(format!("heading level skipped: `{}` after {after}", hashes(level)))
                    .at(span.clone())
                    .label(format!("expected `{}` or higher", hashes(self.level + 1)))
                    .hint("Screen-reader users navigate by heading level; go down one level at a time."),
            );
            level = self.level + 1;
        }
        self.level = level;
        let content = self.inlines(node);
        let explicit = node.data().attrs.as_ref().and_then(|a| a.id.clone());
        let id = match explicit {
            Some(id) => {
                self.ids.claim(&id, span.clone(), self.report);
                id
            }
            None => self.ids.claim_generated(&slug(&plain_text(&content)), span.clone()),
        };
        Some(Block::Heading(Heading { level, id, content, origin: (&span).into() }))
    }

    fn child_level(&mut self, span: &Span) -> Option<u8> {
        let level = self.level + 1;
        if level > MAX_LEVEL {
            self.report.push(
                Diagnostic::error("this block is nested too deep for a heading level")
                    .at(span.clone())
                    .hint("Its title would be a level-7 heading; move it under a higher heading."),
            );
            return None;
        }
        Some(level)
    }

    fn inlines(&mut self, parent: Node<'_>) -> Inlines {
        if self.depth > MAX_NESTING * 2 {
            let span = self.node_span(parent);
            self.report.push(
                Diagnostic::error(format!(
                    "emphasis, links or passages are nested more than {} deep here",
                    MAX_NESTING * 2
                ))
                .at(Span::new(span.file, span.range.start..span.range.start + 1))
                .hint("Flatten the markup (the deeper text was left out)."),
            );
            return Vec::new();
        }
        self.depth += 1;
        let inlines = self.inlines_at_depth(parent);
        self.depth -= 1;
        inlines
    }

    fn inlines_at_depth(&mut self, parent: Node<'_>) -> Inlines {
        let mut pieces = Vec::new();
        for child in parent.children() {
            let start = self.node_span(child).range.start;
            if let Some(inline) = self.inline(child) {
                pieces.push(Piece { inline, start });
            }
        }
        resolve_lang_spans(pieces, (self.body, self.body_offset), self.file, self.report)
    }

    fn inline(&mut self, node: Node<'_>) -> Option<Inline> {
        let value = node.data().value.clone();
        match value {
            NodeValue::Text(t) => Some(Inline::Text(t.into_owned())),
            NodeValue::SoftBreak => Some(Inline::SoftBreak),
            NodeValue::LineBreak => Some(Inline::LineBreak),
            NodeValue::Code(c) => Some(Inline::Code(c.literal)),
            NodeValue::Emph => Some(Inline::Emph(self.inlines(node))),
            NodeValue::Strong => Some(Inline::Strong(self.inlines(node))),
            NodeValue::Link(link) => {
                let span = self.node_span(node);
                let content = self.inlines(node);
                let target = self.link_target(&link.url, span)?;
                Some(Inline::Link { target, content })
            }
            NodeValue::Image(_) => {
                self.report.push(
                    Diagnostic::error("images cannot be placed with Markdown image syntax")
                        .at(self.node_span(node))
                        .hint("Declare the image in data/images.toml (file, alt, caption, credit) and place it with ::figure[id] in its own paragraph."),
                );
                None
            }
            NodeValue::HtmlInline(_) => {
                self.report.push(raw_html(self.node_span(node)));
                None
            }
            _ => {
                self.report.push(
                    Diagnostic::error("this kind of Markdown is not supported in content").at(self.node_span(node)),
                );
                None
            }
        }
    }

    fn link_target(&mut self, url: &str, span: Span) -> Option<LinkTarget> {
        if let Some(id) = url.strip_prefix('#') {
            self.links.push((id.to_string(), span));
            return Some(LinkTarget::Internal(id.to_string()));
        }
        let lower = url.to_ascii_lowercase();
        if ["https://", "http://", "mailto:", "tel:"].iter().any(|p| lower.starts_with(p)) {
            return Some(LinkTarget::External(normalize_url(url)));
        }
        self.report.push(
            Diagnostic::error(format!("unsupported link target `{url}`"))
                .at(span)
                .hint("Link to a web address (https://...), an e-mail (mailto:...), a phone number (tel:...) or an id in this publication (#id)."),
        );
        None
    }
}

fn raw_html(span: Span) -> Diagnostic {
    Diagnostic::warning("raw HTML is not allowed in content; it was left out")
        .at(span)
        .hint("Write the text as Markdown: **bold**, *emphasis*, [link](https://...).")
}

/// A web address with every character that URLs do not allow percent-encoded (spaces,
/// quotes, `<`, `>`, non-ASCII letters...), as browsers do when one is pasted.
pub fn normalize_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        let allowed = c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c);
        if allowed {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The plain text of inline content, for ids and labels.
pub(crate) fn plain_text(inlines: &[Inline]) -> String {
    crate::model::text::plain(inlines)
}

/// An id made from a heading's text: `Our Approach` becomes `our-approach`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "heading".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(normalize_url("https://a.org/\"x\" y"), "https://a.org/%22x%22%20y");
        assert_eq!(normalize_url("https://a.org/café?q=1&b=2#top"), "https://a.org/caf%C3%A9?q=1&b=2#top");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Our Approach"), "our-approach");
        assert_eq!(slug("Self-Determination & Dignity"), "self-determination-dignity");
        assert_eq!(slug("我们的使命"), "heading");
    }
}
