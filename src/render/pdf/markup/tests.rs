//! Tests of the Typst writer: escaping, languages, and bidirectional passages laid out by Typst.

use super::*;

#[test]
fn strings_escape_quotes_backslashes_and_controls() {
    assert_eq!(string(r#"a "b" \c"#), r#""a \"b\" \\c""#);
    assert_eq!(string("x\ny\u{1}"), "\"x\\ny\\u{1}\"");
    assert_eq!(
        string("#read(\"/etc/passwd\") $x$ ] <l> @r // /*"),
        "\"#read(\\\"/etc/passwd\\\") $x$ ] <l> @r // /*\""
    );
}

/// The text runs of each line, left to right, as Typst lays out `markup` in a right-to-left
/// paragraph.
fn lines_of_rtl_paragraph(markup: &str) -> Vec<String> {
    use typst::layout::{Frame, FrameItem, Point};
    fn runs(frame: &Frame, at: Point, out: &mut Vec<(i64, i64, String)>) {
        for (pos, item) in frame.items() {
            let p = at + *pos;
            match item {
                FrameItem::Group(g) => runs(&g.frame, p, out),
                FrameItem::Text(t) => out.push((p.y.to_pt().round() as i64, p.x.to_pt() as i64, t.text.to_string())),
                _ => {}
            }
        }
    }
    let fonts = crate::fonts::FontSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap();
    let main = format!(
        "#set page(width: 14cm, height: auto)\n#set text(font: (\"Noto Sans Arabic\",), lang: \"fa\", dir: rtl)\n{markup}\n"
    );
    let world = crate::render::pdf::world_for_tests(&fonts, main);
    let doc = typst::compile::<typst_layout::PagedDocument>(&world).output.expect("compiles");
    let mut items = Vec::new();
    runs(&doc.pages()[0].frame, Point::zero(), &mut items);
    items.sort();
    let mut lines: Vec<(i64, String)> = Vec::new();
    for (y, _, text) in items {
        match lines.last_mut() {
            Some((ly, line)) if *ly == y => line.push_str(&text),
            _ => lines.push((y, text)),
        }
    }
    lines.into_iter().map(|(_, l)| l.replace(['\u{2066}', '\u{2067}', '\u{2069}'], "")).collect()
}

#[test]
fn a_passage_in_the_other_direction_keeps_its_punctuation_across_line_breaks() {
    let strings = Strings::english();
    let mut w =
        Writer { out: String::new(), origins: Vec::new(), images: Vec::new(), strings: &strings, isolates: Vec::new() };
    let english = vec![Inline::Text("A code word,".into()), Inline::LineBreak, Inline::Text("and a break.".into())];
    w.inlines(&[Inline::Lang { lang: LangTag("en".into()), dir: crate::model::Direction::Ltr, content: english }]);
    // Without the isolates, the periods and commas of the English run jump to its left end.
    assert_eq!(lines_of_rtl_paragraph(&w.out), ["A code word,", "and a break."], "{}", w.out);
}

#[test]
fn language_and_region() {
    let t = |s: &str| typst_lang(&LangTag(s.into()));
    assert_eq!(t("en"), ("en".into(), None));
    assert_eq!(t("es-MX"), ("es".into(), Some("MX".into())));
    assert_eq!(t("zh-Hant"), ("zh".into(), Some("TW".into())));
    assert_eq!(t("es-419"), ("es".into(), None));
}
