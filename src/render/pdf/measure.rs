//! Measuring a laid-out document, for the large-print rules: the smallest text size (every
//! text, page numbers included), text set in italics, lines broken by hyphenation, and lines
//! stretched by justification. Measured on Typst's frames, so what is checked is what is
//! printed.

use typst::layout::{Frame, FrameItem, Transform};
use typst::text::{FontStyle, TextItem};
use typst_layout::PagedDocument;

use super::{Problem, Site};

/// What was found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Measured {
    /// The smallest text: its size in points, its page (1-based) and its text.
    pub smallest: Option<(f64, usize, String)>,
    /// Text set in an italic or oblique face: page and text.
    pub italic: Vec<(usize, String)>,
    /// Hyphenated lines: page and the text of the line's end.
    pub hyphenated: Vec<(usize, String)>,
    /// Justified lines (word spaces wider than the font's): page and text.
    pub justified: Vec<(usize, String)>,
}

/// Measures every page.
pub fn measure(doc: &PagedDocument) -> Measured {
    let mut m = Measured::default();
    for (i, page) in doc.pages().iter().enumerate() {
        walk(&page.frame, Transform::identity(), i + 1, &mut m);
    }
    m
}

fn walk(frame: &Frame, ts: Transform, page: usize, m: &mut Measured) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => walk(&group.frame, ts.pre_concat(group.transform), page, m),
            FrameItem::Text(text) => text_item(text, ts, page, m),
            FrameItem::Shape(..) | FrameItem::Image(..) | FrameItem::Link(..) | FrameItem::Tag(..) => {}
        }
    }
}

fn text_item(text: &TextItem, ts: Transform, page: usize, m: &mut Measured) {
    let scale = ts.sy.get().abs().max(ts.sx.get().abs());
    let size = text.size.to_pt() * scale;
    let visible = text.text.chars().any(|c| !c.is_whitespace());
    if visible && m.smallest.as_ref().is_none_or(|(s, _, _)| size < *s - 1e-6) {
        m.smallest = Some((size, page, excerpt(&text.text)));
    }
    // Typst never slants a face itself: italic text is text set in an italic face.
    if visible && text.font.info().variant.style != FontStyle::Normal {
        m.italic.push((page, excerpt(&text.text)));
    }
    // Typst marks a hyphen it added to break a word with a soft hyphen in the text.
    if text.text.contains('\u{ad}') {
        m.hyphenated.push((page, excerpt(&text.text)));
    }
    for glyph in &text.glyphs {
        let is_space = text.text.get(glyph.range()).is_some_and(|s| s == " ");
        if !is_space {
            continue;
        }
        if let Some(natural) = text.font.x_advance(glyph.id)
            // A space at a line's end is laid out with no width; any other space that is
            // wider or narrower than the font's own was stretched or shrunk to justify.
            && glyph.x_advance.get() > 0.0
            && (glyph.x_advance.get() - natural.get()).abs() > 0.01
        {
            m.justified.push((page, excerpt(&text.text)));
            break;
        }
    }
}

fn excerpt(s: &str) -> String {
    let t: String = s.chars().filter(|c| *c != '\u{ad}').take(40).collect();
    t.trim().to_string()
}

/// The problems of a measured large-print document whose minimum text size is `min_pt`.
pub fn problems(m: &Measured, min_pt: f64, layout: &str) -> Vec<Problem> {
    let site = || Some(Site::Layout { shown_as: format!("layouts/{layout}"), range: 0..0 });
    let mut out = Vec::new();
    if let Some((size, page, text)) = &m.smallest
        && *size < min_pt - 0.01
    {
        out.push(Problem::error(
            format!("large print: text is set at {size:.1} pt on page {page} (\"{text}\"), below the minimum of {min_pt} pt"),
            site(),
            format!("Every text of the large-print edition, page numbers included, must be at least {min_pt} pt: change the size in the layout, or body-size in [large-print] of imprint.toml."),
        ));
    }
    if let Some((page, text)) = m.italic.first() {
        out.push(Problem::error(
            format!("large print: text is set in italics on page {page} (\"{text}\")"),
            site(),
            "Large print uses no italics: emphasis is bold (the built-in layout has `show emph: it => strong(it.body)`).",
        ));
    }
    if let Some((page, text)) = m.hyphenated.first() {
        out.push(Problem::error(
            format!("large print: a word is hyphenated on page {page} (\"{text}\")"),
            site(),
            "Large print breaks lines between words only: keep `hyphenate: false` in the layout's text settings.",
        ));
    }
    if let Some((page, text)) = m.justified.first() {
        out.push(Problem::error(
            format!("large print: a line is justified on page {page} (\"{text}\"): its word spaces are stretched"),
            site(),
            "Large print is flush left and ragged right: keep `justify: false` in the layout's paragraph settings.",
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Measures a snippet laid out 18 pt on a narrow page, in Noto Sans.
    fn measured(body: &str) -> Measured {
        let fonts =
            crate::fonts::FontSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap();
        let main = format!(
            "#set page(width: 9cm, height: auto, margin: 1cm)\n#set text(font: \"Noto Sans\", size: 18pt, lang: \"en\", hyphenate: false)\n{body}\n"
        );
        let world = super::super::world_for_tests(&fonts, main);
        measure(&typst::compile::<PagedDocument>(&world).output.expect("compiles"))
    }

    const TEXT: &str = "Survivors choose the services they want, and they choose how they receive them, with dignity and respect, in their own language.";

    #[test]
    fn ragged_upright_text_passes_every_rule() {
        let m = measured(TEXT);
        assert_eq!(m.smallest.as_ref().map(|s| s.0.round()), Some(18.0));
        assert!(m.italic.is_empty() && m.hyphenated.is_empty() && m.justified.is_empty(), "{m:?}");
        assert!(problems(&m, 18.0, "large-print.typ").is_empty());
    }

    #[test]
    fn each_rule_fires_on_what_it_forbids() {
        let italic = measured(&format!("{TEXT} #emph[Emphasis.]"));
        assert_eq!(italic.italic.first().map(|i| i.1.as_str()), Some("Emphasis."));
        let justified = measured(&format!("#set par(justify: true)\n{TEXT}"));
        assert!(!justified.justified.is_empty(), "{justified:?}");
        let hyphenated = measured(
            "#set text(hyphenate: true)\nInternationalization, telecommunications, responsibilities, characterization.",
        );
        assert!(!hyphenated.hyphenated.is_empty(), "{hyphenated:?}");
        let small = measured(&format!("{TEXT} #text(size: 12pt)[Small print.]"));
        let messages: Vec<String> = [italic, justified, hyphenated, small]
            .iter()
            .flat_map(|m| problems(m, 18.0, "large-print.typ"))
            .map(|p| p.message)
            .collect();
        for expected in ["in italics", "is justified", "is hyphenated", "set at 12.0 pt"] {
            assert!(messages.iter().any(|m| m.contains(expected)), "no `{expected}` in {messages:?}");
        }
    }
}
