//! The content of a document as HTML (web edition) or XHTML (EPUB): every block and inline
//! variant, matched exhaustively. Text goes through [`escape`] and nowhere else.
//!
//! The web edition and the EPUB differ only through the named options of [`Markup`]; charts
//! are written by [`super::chart`]. The CSS classes written here are declared in
//! [`super::classes::CSS_CLASSES`].

use std::collections::BTreeSet;
use std::fmt::Write;

use super::escape::escape;
use super::markup::{Markup, Syntax};
use crate::model::text::plain;
use crate::model::{Alt, Block, Direction, Figure, Inline, LangTag, LinkTarget, Section, Table, Timeline};
use crate::ui::Strings;

/// Where images are placed, relative to the page.
pub(crate) fn image_href(f: &Figure) -> String {
    f.image.path.to_string_lossy().replace('\\', "/")
}

/// Writes HTML or XHTML for blocks and inlines, as its [`Markup`] options say.
pub(crate) struct BodyWriter<'a> {
    pub(super) out: String,
    pub(super) strings: &'a Strings,
    pub(super) markup: Markup<'a>,
    /// Ids written so far: an image placed twice gets its id only the first time.
    ids: BTreeSet<String>,
}

impl<'a> BodyWriter<'a> {
    /// A writer of the markup `markup` describes, with interface strings `strings`.
    pub(crate) fn new(strings: &'a Strings, markup: Markup<'a>) -> Self {
        BodyWriter { out: String::new(), strings, markup, ids: BTreeSet::new() }
    }

    /// `<br>` or `<br/>`.
    fn void(&self, tag: &str) -> String {
        match self.markup.syntax {
            Syntax::Html5 => format!("<{tag}>"),
            Syntax::Xhtml => format!("<{tag}/>"),
        }
    }

    fn lang_attrs(&self, lang: &LangTag, dir: Direction) -> String {
        let attrs = lang_attrs(lang, dir);
        match self.markup.syntax {
            Syntax::Html5 => attrs,
            Syntax::Xhtml => format!("{attrs} xml:lang=\"{}\"", escape(lang.as_str())),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    pub(super) fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    pub(super) fn text(&mut self, s: &str) {
        self.out.push_str(&escape(s));
    }

    /// A section: its title as a level-2 heading (moved up by the heading shift), then its
    /// blocks.
    pub(crate) fn section(&mut self, s: &Section) {
        let id = escape(&s.id);
        let semantics = if self.markup.section_semantics { " epub:type=\"chapter\" role=\"doc-chapter\"" } else { "" };
        let open = format!("<section id=\"{id}\"{semantics} aria-labelledby=\"{id}-title\">");
        let h = self.markup.level(2);
        let _ = write!(self.out, "{open}\n<h{h} id=\"{id}-title\">");
        self.inlines(&s.title);
        let _ = writeln!(self.out, "</h{h}>");
        if s.fallback {
            self.push("<p class=\"fallback-note\">");
            self.text(&self.strings.plain_fallback.clone());
            self.push("</p>\n");
        }
        self.blocks(&s.blocks);
        self.push("</section>\n");
    }

    pub(crate) fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Paragraph(p) => {
                self.push("<p>");
                self.inlines(&p.content);
                self.push("</p>\n");
            }
            Block::Heading(h) => {
                let level = self.markup.level(h.level);
                let _ = write!(self.out, "<h{level} id=\"{}\">", escape(&h.id));
                self.inlines(&h.content);
                let _ = writeln!(self.out, "</h{level}>");
            }
            Block::List(l) => {
                let tag = if l.start.is_some() { "ol" } else { "ul" };
                match l.start {
                    Some(n) if n != 1 => {
                        let _ = writeln!(self.out, "<ol start=\"{n}\">");
                    }
                    _ => {
                        let _ = writeln!(self.out, "<{tag}>");
                    }
                }
                for item in &l.items {
                    self.push("<li>");
                    self.item(item);
                    self.push("</li>\n");
                }
                let _ = writeln!(self.out, "</{tag}>");
            }
            Block::Quote(inner) => {
                self.push("<blockquote>\n");
                self.blocks(inner);
                self.push("</blockquote>\n");
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => self.figure(f),
            Block::Chart(c) => self.chart(c),
            Block::Timeline(t) => self.timeline(t),
            Block::Lang { lang, dir, blocks } => {
                let _ = writeln!(self.out, "<div{}>", self.lang_attrs(lang, *dir));
                self.blocks(blocks);
                self.push("</div>\n");
            }
            Block::Rule => {
                let hr = self.void("hr");
                let _ = writeln!(self.out, "{hr}");
            }
        }
    }

    /// A list item: a single paragraph is written without `<p>` (a tight list).
    fn item(&mut self, blocks: &[Block]) {
        match blocks {
            [Block::Paragraph(p)] => self.inlines(&p.content),
            _ => {
                self.push("\n");
                self.blocks(blocks);
            }
        }
    }

    fn table(&mut self, t: &Table) {
        self.push("<div class=\"table-wrap\">\n<table>\n");
        if let Some(caption) = &t.caption {
            self.push("<caption>");
            self.inlines(&caption.content);
            self.push("</caption>\n");
        }
        self.push("<thead>\n<tr>");
        for cell in &t.header {
            self.push("<th scope=\"col\">");
            self.inlines(cell);
            self.push("</th>");
        }
        self.push("</tr>\n</thead>\n<tbody>\n");
        for row in &t.rows {
            self.push("<tr>");
            for (i, cell) in row.iter().enumerate() {
                self.push(if i == 0 { "<th scope=\"row\">" } else { "<td>" });
                self.inlines(cell);
                self.push(if i == 0 { "</th>" } else { "</td>" });
            }
            self.push("</tr>\n");
        }
        self.push("</tbody>\n</table>\n</div>\n");
    }

    fn figure(&mut self, f: &Figure) {
        let alt = match &f.alt {
            Alt::Text(t) => escape(t),
            Alt::Decorative => String::new(),
        };
        let id = if self.ids.insert(f.id.clone()) { format!(" id=\"{}\"", escape(&f.id)) } else { String::new() };
        let img = self.void(&format!(
            "img src=\"{}\" alt=\"{alt}\" width=\"{}\" height=\"{}\"{}",
            escape(&image_href(f)),
            f.image.width,
            f.image.height,
            if self.markup.lazy_images { " loading=\"lazy\"" } else { "" }
        ));
        let _ = writeln!(self.out, "<figure{id}>\n{img}");
        if f.caption.is_some() || f.credit.is_some() {
            self.push("<figcaption>");
            if let Some(c) = &f.caption {
                self.inlines(c);
            }
            if let Some(credit) = &f.credit {
                if f.caption.is_some() {
                    self.push(" ");
                }
                let strings = self.strings;
                self.push("<span class=\"credit\">");
                self.text(&strings.photo);
                self.push(" ");
                self.text(credit);
                self.push("</span>");
            }
            self.push("</figcaption>\n");
        }
        self.push("</figure>\n");
    }

    fn timeline(&mut self, t: &Timeline) {
        let _ = writeln!(self.out, "<ol class=\"timeline\" id=\"{}\">", escape(&t.id));
        for e in &t.events {
            let level = self.markup.level(t.level);
            let _ = write!(
                self.out,
                "<li>\n<h{level} class=\"event-title\"><span class=\"year\">{}</span> ",
                escape(&self.strings.number(e.year))
            );
            self.inlines(&e.title);
            let _ = writeln!(self.out, "</h{level}>");
            self.push("<p>");
            self.inlines(&e.text);
            self.push("</p>\n");
            if let Some(f) = &e.figure {
                self.figure(f);
            }
            self.push("</li>\n");
        }
        self.push("</ol>\n");
    }

    pub(crate) fn inlines(&mut self, inlines: &[Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }

    fn inline(&mut self, i: &Inline) {
        match i {
            Inline::Text(t) => self.text(t),
            Inline::Emph(c) => self.wrap("em", c),
            Inline::Strong(c) => self.wrap("strong", c),
            Inline::Code(c) => {
                self.push("<code>");
                self.text(c);
                self.push("</code>");
            }
            Inline::Link { target, content } => {
                let href = match target {
                    LinkTarget::External(url) => url.clone(),
                    LinkTarget::Internal(id) => {
                        let document = self.markup.documents.and_then(|d| d.get(id)).map(String::as_str).unwrap_or("");
                        format!("{document}#{id}")
                    }
                };
                let _ = write!(self.out, "<a href=\"{}\">", escape(&href));
                self.inlines(content);
                self.push("</a>");
            }
            Inline::LineBreak => {
                let br = self.void("br");
                let _ = writeln!(self.out, "{br}");
            }
            Inline::SoftBreak => self.push("\n"),
            Inline::Lang { lang, dir, content } => {
                let _ = write!(self.out, "<span{}>", self.lang_attrs(lang, *dir));
                self.inlines(content);
                self.push("</span>");
            }
        }
    }

    fn wrap(&mut self, tag: &str, content: &[Inline]) {
        let _ = write!(self.out, "<{tag}>");
        self.inlines(content);
        let _ = write!(self.out, "</{tag}>");
    }
}

/// `lang` and `dir` attributes for a passage in another language.
pub(crate) fn lang_attrs(lang: &LangTag, dir: Direction) -> String {
    format!(" lang=\"{}\" dir=\"{}\"", escape(lang.as_str()), dir.as_str())
}

/// The plain-text title of a section, for navigation.
pub(crate) fn section_label(s: &Section) -> String {
    plain(&s.title)
}
