//! A chart in the body: its title, population, drawing (CSS bars or SVG, as
//! [`super::markup::Charts`] says), its note (rounding, partial, multiple answers) and the
//! data table with header cells.

use std::fmt::Write;

use super::body::BodyWriter;
use super::escape::escape;
use super::markup::Charts;
use crate::model::Chart;

impl BodyWriter<'_> {
    /// A chart that a sighted reader can scan and a screen reader can read.
    pub(super) fn chart(&mut self, c: &Chart) {
        let id = escape(&c.id);
        let strings = self.strings;
        let level = self.markup.level(c.level);
        let _ = write!(self.out, "<div class=\"chart\" id=\"{id}\">\n<h{level} id=\"{id}-title\">");
        self.inlines(&c.title);
        let _ = writeln!(self.out, "</h{level}>");
        self.push("<p class=\"chart-population\">");
        self.inlines(&c.population);
        self.push("</p>\n");
        match self.markup.charts {
            Charts::Svg { theme, rtl } => {
                let svg = super::svg::bar_chart(c, strings, theme, rtl);
                self.push(&svg);
                self.chart_note(c);
                self.chart_table(c, Some(&format!("{id}-data")));
            }
            Charts::CssBars => {
                let alt = escape(&strings.chart_alt(c));
                let _ = writeln!(self.out, "<div class=\"bars\" role=\"img\" aria-label=\"{alt}\">");
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
                self.push("</details>\n");
            }
        }
        self.push("</div>\n");
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
        let (before, after) = strings.chart_caption_parts(c);
        self.text(before);
        self.inlines(&c.title);
        self.text(&strings.label_separator);
        self.inlines(&c.population);
        self.text(after);
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
}
