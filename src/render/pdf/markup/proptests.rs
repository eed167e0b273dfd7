//! Property tests of the Typst escaping, run as a fuzzer would: text made of Typst's syntax
//! (markup, code, math, labels, comments), escaped by [`string`] and compiled by Typst in the
//! sandbox, must come out as the same text. Set `IMPRINT_FUZZ_CASES` to run more cases
//! (`IMPRINT_FUZZ_CASES=20000 cargo test --release --lib proptests`).

use std::sync::OnceLock;

use proptest::prelude::*;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use super::string;
use crate::fonts::FontSet;
use crate::testing::cases;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap())
}

fn text_of(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => text_of(&g.frame, out),
            FrameItem::Text(t) => out.push_str(&t.text),
            _ => {}
        }
    }
}

/// Compiles `#"..."` and returns the text Typst laid out (left-to-right scripts: a
/// right-to-left run is stored in visual order in the frames).
fn round_trip(input: &str) -> Result<String, String> {
    let main = format!(
        "#set page(width: 20cm, height: auto)\n#set text(font: (\"Noto Sans\", \"Noto Sans Arabic\", \"Noto Sans CJK TC\"))\n#{}\n",
        string(input)
    );
    let world = crate::render::pdf::world_for_tests(fonts(), main);
    let doc = typst::compile::<PagedDocument>(&world).output.map_err(|e| format!("{e:?}"));
    // Every case is a new document: keep Typst's cache from growing over a long run.
    typst::comemo::evict(10);
    let doc = doc?;
    let mut out = String::new();
    for page in doc.pages() {
        text_of(&page.frame, &mut out);
    }
    Ok(out)
}

fn typst_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "*",
        "_",
        "`",
        "[",
        "]",
        "$",
        "<l>",
        "@r",
        "=",
        "-",
        "+",
        "/",
        "//",
        "/*",
        "*/",
        "\\",
        "~",
        "\"",
        "'",
        "#read(\"/etc/passwd\")",
        "#set page(width: 1pt)",
        "$x^2$",
        "{",
        "}",
        "(",
        ")",
        ";",
        ":",
        "a",
        "word",
        "é",
        "中文",
        "0",
        "12",
        "%",
    ]);
    prop::collection::vec(pieces, 1..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(1000), ..ProptestConfig::default() })]

    #[test]
    fn escaped_text_comes_out_as_the_same_text(input in typst_text()) {
        let out = round_trip(&input).map_err(TestCaseError::fail)?;
        prop_assert_eq!(out, input);
    }
}

#[test]
fn regressions() {
    // Found while writing the property: text is laid out literally, even what looks like
    // code, a label or a comment.
    for input in ["#read(\"/etc/passwd\")", "a // b", "a /* b */", "\\\"", "$x^2$ <l> @r"] {
        assert_eq!(round_trip(input).unwrap(), input);
    }
}
