//! A chart as inline SVG, for EPUB: bars drawn to scale with their labels and values. The SVG
//! is one image to assistive technology (`role="img"`), named by the alt text generated from
//! the data, and it points at the data table that follows (`aria-details`).

use std::fmt::Write;

use super::escape::escape;
use crate::model::Chart;
use crate::model::text::plain;
use crate::render::Theme;
use crate::ui::Strings;

/// The drawing's width in SVG units; bars use `BAR` of it, the value the rest.
const WIDTH: u32 = 600;
const BAR: u32 = 510;
const ROW: u32 = 50;

/// The chart as an `<svg>` element (with its namespace, for XHTML). Right to left, it is
/// drawn mirrored: labels and bars start at the right, values are at the left.
pub(crate) fn bar_chart(c: &Chart, strings: &Strings, theme: &Theme, rtl: bool) -> String {
    let id = escape(&c.id);
    let height = ROW * c.categories.len() as u32 + 6;
    let (text, accent) = (escape(&theme.text), escape(&theme.accent));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" role=\"img\" aria-labelledby=\"{id}-alt\" \
         aria-details=\"{id}-data\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\">"
    );
    let _ = writeln!(out, "<title id=\"{id}-alt\">{}</title>", escape(&strings.chart_alt(c)));
    let _ = writeln!(out, "<g font-family=\"sans-serif\" font-size=\"17\" fill=\"{text}\">");
    for (i, cat) in c.categories.iter().enumerate() {
        let y = ROW * i as u32;
        let width = BAR * cat.share.bar_tenths() / 1000;
        let width = width.max(2);
        let (label_x, label_anchor, track_x, bar_x, value_x, value_anchor) =
            if rtl { (WIDTH, "end", WIDTH - BAR, WIDTH - width, 0, "start") } else { (0, "start", 0, 0, WIDTH, "end") };
        let _ = writeln!(
            out,
            "<text x=\"{label_x}\" y=\"{}\" text-anchor=\"{label_anchor}\">{}</text>",
            y + 18,
            escape(&plain(&cat.label))
        );
        let _ = writeln!(
            out,
            "<rect x=\"{track_x}.5\" y=\"{}\" width=\"{}\" height=\"18\" fill=\"none\" stroke=\"{accent}\"/>\
             <rect x=\"{bar_x}.5\" y=\"{}\" width=\"{width}\" height=\"18\" fill=\"{accent}\"/>",
            y + 25,
            BAR - 1,
            y + 25,
        );
        let _ = writeln!(
            out,
            "<text x=\"{value_x}\" y=\"{}\" text-anchor=\"{value_anchor}\" font-weight=\"bold\">{}</text>",
            y + 40,
            escape(&strings.share_short(cat.share))
        );
    }
    out.push_str("</g>\n</svg>\n");
    out
}
