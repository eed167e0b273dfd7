//! The content of a document as HTML: every block and inline variant, matched exhaustively.
//! Text goes through [`escape`] and nowhere else.

use std::fmt::Write;

use super::escape::escape;
use crate::model::{Alt, Block, Chart, Direction, Figure, Inline, LangTag, LinkTarget, Section, Table, Timeline};
use crate::render::text::plain;
use crate::ui::Strings;

/// Where images are placed, relative to the page.
pub(crate) fn image_href(f: &Figure) -> String {
    f.image.path.to_string_lossy().replace('\\', "/")
}

/// Writes HTML for blocks and inlines.
pub(crate) struct BodyWriter<'a> {
    out: String,
    strings: &'a Strings,
    /// Ids written so far: an image placed twice gets its id only the first time.
    ids: std::collections::BTreeSet<String>,
}

impl<'a> BodyWriter<'a> {
    pub(crate) fn new(strings: &'a Strings) -> Self {
        BodyWriter { out: String::new(), strings, ids: Default::default() }
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

    /// A section: its title as a level-2 heading, then its blocks.
    pub(crate) fn section(&mut self, s: &Section) {
        let id = escape(&s.id);
        let _ = write!(self.out, "<section id=\"{id}\" aria-labelledby=\"{id}-title\">\n<h2 id=\"{id}-title\">");
        self.inlines(&s.title);
        self.push("</h2>\n");
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
                let _ = write!(self.out, "<h{} id=\"{}\">", h.level, escape(&h.id));
                self.inlines(&h.content);
                let _ = writeln!(self.out, "</h{}>", h.level);
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
                let _ = writeln!(self.out, "<div{}>", lang_attrs(lang, *dir));
                self.blocks(blocks);
                self.push("</div>\n");
            }
            Block::Rule => self.push("<hr>\n"),
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
        let _ = write!(
            self.out,
            "<figure{id}>\n<img src=\"{}\" alt=\"{alt}\" width=\"{}\" height=\"{}\" loading=\"lazy\">\n",
            escape(&image_href(f)),
            f.image.width,
            f.image.height
        );
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
        let _ = write!(self.out, "<div class=\"chart\" id=\"{id}\">\n<h{l} id=\"{id}-title\">", l = c.level);
        self.text(&c.title);
        let _ = writeln!(self.out, "</h{}>", c.level);
        self.push("<p class=\"chart-population\">");
        self.text(&c.population);
        self.push("</p>\n");
        let _ =
            writeln!(self.out, "<div class=\"bars\" role=\"img\" aria-label=\"{}\">", escape(&strings.chart_alt(c)));
        for cat in &c.categories {
            let tenths = cat.share.bar_tenths();
            let _ = writeln!(
                self.out,
                "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"bar-track\"><span class=\"bar\" style=\"width: {}.{}%\"></span></span><span class=\"bar-value\">{}</span></div>",
                escape(&cat.label),
                tenths / 10,
                tenths % 10,
                escape(&strings.share_short(cat.share))
            );
        }
        self.push("</div>\n");
        if let Some(note) = strings.chart_note(c) {
            self.push("<p class=\"chart-note\">");
            self.text(&note);
            self.push("</p>\n");
        }
        self.push("<details class=\"chart-data\">\n<summary>");
        self.text(&strings.chart_table);
        self.push("</summary>\n<table>\n<caption>");
        self.text(&c.title);
        self.push(": ");
        self.text(&c.population);
        self.push("</caption>\n<thead>\n<tr><th scope=\"col\">");
        self.text(&strings.category);
        self.push("</th><th scope=\"col\">");
        self.text(&strings.share);
        self.push("</th></tr>\n</thead>\n<tbody>\n");
        for cat in &c.categories {
            self.push("<tr><th scope=\"row\">");
            self.text(&cat.label);
            self.push("</th><td>");
            self.text(&strings.share_short(cat.share));
            self.push("</td></tr>\n");
        }
        self.push("</tbody>\n</table>\n</details>\n</div>\n");
    }

    fn timeline(&mut self, t: &Timeline) {
        let _ = writeln!(self.out, "<ol class=\"timeline\" id=\"{}\">", escape(&t.id));
        for e in &t.events {
            let _ = write!(
                self.out,
                "<li>\n<h{l} class=\"event-title\"><span class=\"year\">{}</span> ",
                e.year,
                l = t.level
            );
            self.text(&e.title);
            let _ = writeln!(self.out, "</h{}>", t.level);
            self.push("<p>");
            self.text(&e.text);
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
                    LinkTarget::Internal(id) => format!("#{id}"),
                };
                let _ = write!(self.out, "<a href=\"{}\">", escape(&href));
                self.inlines(content);
                self.push("</a>");
            }
            Inline::LineBreak => self.push("<br>\n"),
            Inline::SoftBreak => self.push("\n"),
            Inline::Lang { lang, dir, content } => {
                let _ = write!(self.out, "<span{}>", lang_attrs(lang, *dir));
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
    let dir = match dir {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    };
    format!(" lang=\"{}\" dir=\"{dir}\"", escape(lang.as_str()))
}

/// The plain-text title of a section, for navigation.
pub(crate) fn section_label(s: &Section) -> String {
    plain(&s.title)
}
