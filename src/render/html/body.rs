//! The content of a document as HTML (web edition) or XHTML (EPUB): every block and inline
//! variant, matched exhaustively. Text goes through [`escape`] and nowhere else.
//!
//! The two flavors differ only where the formats do: XHTML closes void elements and repeats
//! `lang` as `xml:lang`; the EPUB puts each section in its own document (its title is then
//! the document's `h1`, so every heading moves up one level, and links name the document),
//! draws charts as SVG and shows their data table open.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::escape::escape;
use crate::model::text::plain;
use crate::model::{Alt, Block, Chart, Direction, Figure, Inline, LangTag, LinkTarget, Section, Table, Timeline};
use crate::render::Theme;
use crate::ui::Strings;

/// Where images are placed, relative to the page.
pub(crate) fn image_href(f: &Figure) -> String {
    f.image.path.to_string_lossy().replace('\\', "/")
}

/// Which markup to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    /// HTML5 for the single-page web edition.
    Web,
    /// XHTML for EPUB content documents.
    Epub,
}

/// Writes HTML for blocks and inlines.
pub(crate) struct BodyWriter<'a> {
    out: String,
    strings: &'a Strings,
    flavor: Flavor,
    /// For EPUB: the document each anchor id is in, so links can name it.
    documents: Option<&'a BTreeMap<String, String>>,
    /// The brand colours (EPUB's SVG charts).
    theme: Option<&'a Theme>,
    /// Whether the document runs right to left (EPUB's SVG charts are then mirrored).
    rtl: bool,
    /// Ids written so far: an image placed twice gets its id only the first time.
    ids: BTreeSet<String>,
}

impl<'a> BodyWriter<'a> {
    pub(crate) fn new(strings: &'a Strings) -> Self {
        BodyWriter {
            out: String::new(),
            strings,
            flavor: Flavor::Web,
            documents: None,
            theme: None,
            rtl: false,
            ids: BTreeSet::new(),
        }
    }

    /// A writer of EPUB XHTML; `documents` maps anchor ids to their content documents.
    pub(crate) fn epub(
        strings: &'a Strings,
        documents: &'a BTreeMap<String, String>,
        theme: &'a Theme,
        rtl: bool,
    ) -> Self {
        BodyWriter { flavor: Flavor::Epub, documents: Some(documents), theme: Some(theme), rtl, ..Self::new(strings) }
    }

    /// `<br>` or `<br/>`.
    fn void(&self, tag: &str) -> String {
        match self.flavor {
            Flavor::Web => format!("<{tag}>"),
            Flavor::Epub => format!("<{tag}/>"),
        }
    }

    /// The heading level to write for a model level.
    fn level(&self, level: u8) -> u8 {
        match self.flavor {
            Flavor::Web => level,
            Flavor::Epub => level.saturating_sub(1).max(1),
        }
    }

    fn lang_attrs(&self, lang: &LangTag, dir: Direction) -> String {
        let attrs = lang_attrs(lang, dir);
        match self.flavor {
            Flavor::Web => attrs,
            Flavor::Epub => format!("{attrs} xml:lang=\"{}\"", escape(lang.as_str())),
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out
    }

    fn push(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn text(&mut self, s: &str) {
        self.out.push_str(&escape(s));
    }

    /// A section: its title as a level-2 heading (EPUB: 1), then its blocks.
    pub(crate) fn section(&mut self, s: &Section) {
        let id = escape(&s.id);
        let (open, h) = match self.flavor {
            Flavor::Web => (format!("<section id=\"{id}\" aria-labelledby=\"{id}-title\">"), 2),
            Flavor::Epub => (
                format!(
                    "<section id=\"{id}\" epub:type=\"chapter\" role=\"doc-chapter\" aria-labelledby=\"{id}-title\">"
                ),
                1,
            ),
        };
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
                let level = self.level(h.level);
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
        self.push("<div class=\"table-wrap\">\n<table>\n<thead>\n<tr>");
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
            if self.flavor == Flavor::Web { " loading=\"lazy\"" } else { "" }
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

    fn chart(&mut self, c: &Chart) {
        let id = escape(&c.id);
        let strings = self.strings;
        let level = self.level(c.level);
        let _ = write!(self.out, "<div class=\"chart\" id=\"{id}\">\n<h{level} id=\"{id}-title\">");
        self.inlines(&c.title);
        let _ = writeln!(self.out, "</h{level}>");
        if let Some(theme) = self.theme {
            self.push("<p class=\"chart-population\">");
            self.inlines(&c.population);
            self.push("</p>\n");
            let svg = super::svg::bar_chart(c, strings, theme, self.rtl);
            self.push(&svg);
            self.chart_note(c);
            self.chart_table(c, Some(&format!("{id}-data")));
            self.push("</div>\n");
            return;
        }
        self.push("<p class=\"chart-population\">");
        self.inlines(&c.population);
        self.push("</p>\n");
        let _ =
            writeln!(self.out, "<div class=\"bars\" role=\"img\" aria-label=\"{}\">", escape(&strings.chart_alt(c)));
        for cat in &c.categories {
            let tenths = cat.share.bar_tenths();
            self.push("<div class=\"bar-row\"><span class=\"bar-label\">");
            self.inlines(&cat.label);
            let _ = writeln!(
                self.out,
                "</span><span class=\"bar-track\"><span class=\"bar\" style=\"width: {}.{}%\"></span></span><span class=\"bar-value\">{}</span></div>",
                tenths / 10,
                tenths % 10,
                escape(&strings.share_short(cat.share))
            );
        }
        self.push("</div>\n");
        self.chart_note(c);
        self.push("<details class=\"chart-data\">\n<summary>");
        self.text(&strings.chart_table);
        self.push("</summary>\n");
        self.chart_table(c, None);
        self.push("</details>\n</div>\n");
    }

    fn chart_note(&mut self, c: &Chart) {
        if let Some(note) = self.strings.chart_note(c) {
            self.push("<p class=\"chart-note\">");
            self.text(&note);
            self.push("</p>\n");
        }
    }

    /// The numbers of a chart as a table with header cells.
    fn chart_table(&mut self, c: &Chart, id: Option<&str>) {
        let strings = self.strings;
        match id {
            Some(id) => {
                let _ = write!(self.out, "<table id=\"{id}\">\n<caption>");
            }
            None => self.push("<table>\n<caption>"),
        }
        self.inlines(&c.title);
        self.text(&strings.label_separator);
        self.inlines(&c.population);
        self.push("</caption>\n<thead>\n<tr><th scope=\"col\">");
        self.text(&strings.category);
        self.push("</th><th scope=\"col\">");
        self.text(&strings.share);
        self.push("</th></tr>\n</thead>\n<tbody>\n");
        for cat in &c.categories {
            self.push("<tr><th scope=\"row\">");
            self.inlines(&cat.label);
            self.push("</th><td>");
            self.text(&strings.share_short(cat.share));
            self.push("</td></tr>\n");
        }
        self.push("</tbody>\n</table>\n");
    }

    fn timeline(&mut self, t: &Timeline) {
        let _ = writeln!(self.out, "<ol class=\"timeline\" id=\"{}\">", escape(&t.id));
        for e in &t.events {
            let level = self.level(t.level);
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
                        let document = self.documents.and_then(|d| d.get(id)).map(String::as_str).unwrap_or("");
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
