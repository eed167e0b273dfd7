//! Property tests that run in CI as a fuzzer would: arbitrary and adversarial input for the
//! source loaders (TOML, front matter, Markdown into the model), the PO parser, and the
//! Typst escaping (text escaped and compiled by Typst must come out as the same text).
//! Every crash they found is kept as a regression case in `regressions`.
//!
//! Each property runs its default number of cases on every test run; set `IMPRINT_FUZZ_CASES`
//! to run more (`IMPRINT_FUZZ_CASES=20000 cargo test --release --lib fuzz`).

use proptest::prelude::*;

use crate::diag::Report;
use crate::i18n::po;
use crate::source::data::DataFile;

/// The number of cases of a property: `IMPRINT_FUZZ_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("IMPRINT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Text that mixes Markdown, TOML and Typst syntax, HTML, quotes, controls and scripts.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "##",
        "###",
        "*",
        "**",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "{lang=es}",
        "{lang=",
        "::chart[",
        "::",
        ":::",
        "::: lang=fa",
        "+++",
        "---",
        "<script>",
        "</title>",
        "&amp;",
        "&",
        "\"",
        "'",
        "\\",
        "\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "- ",
        "1. ",
        "> ",
        "|",
        "|---|",
        "$",
        "@ref",
        "<label>",
        "//",
        "/*",
        "=",
        "~",
        "\u{0}",
        "\u{7}",
        "é",
        "中",
        "ی",
        "\u{200c}",
        "\u{202e}",
        "🧪",
        "x",
        "word",
        "0",
        "]]>",
        "#read(\"/etc/passwd\")",
        "#set page(width: 1pt)",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), ..ProptestConfig::default() })]

    #[test]
    fn markdown_sections_never_panic(body in hostile_text(), front in hostile_text()) {
        let text = format!("+++\nid = \"s\"\ntitle = \"T\"\n{front}\n+++\n{body}");
        let mut report = Report::default();
        let mut ids = crate::source::IdRegistry::default();
        let data = crate::source::DataSet::default();
        let _ = crate::source::parse_section_for_fuzzing(0, &text, &data, &mut ids, &mut report);
        // Every problem points at a real place in the file: inside it, on character boundaries.
        for span in report.diagnostics.iter().filter_map(|d| d.span.as_ref()) {
            let r = &span.range;
            prop_assert!(r.start <= r.end && r.end <= text.len(), "{r:?} outside a {}-byte file", text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?} splits a character");
        }
        let _ = crate::source::parse_inline_markdown(&body);
    }

    #[test]
    fn toml_and_front_matter_never_panic(text in hostile_text()) {
        let _ = toml::from_str::<DataFile>(&text);
        let _ = toml::from_str::<crate::source::config::Config>(&text);
        let mut report = Report::default();
        let _ = crate::source::frontmatter_split_for_fuzzing(&text, &mut report);
    }

    #[test]
    fn po_parser_never_panics(text in hostile_text()) {
        let _ = po::parse(&text);
    }

    #[test]
    fn po_round_trips(
        entries in prop::collection::vec((prop::option::of("[a-z/.:]{1,12}"), hostile_text(), hostile_text(), any::<bool>()), 1..8)
    ) {
        let catalog = po::Catalog {
            header: vec![("Language".into(), "es".into())],
            header_comments: vec![],
            entries: entries
                .into_iter()
                .filter(|(_, id, _, _)| !id.is_empty())
                .map(|(ctxt, msgid, msgstr, fuzzy)| po::Entry {
                    msgctxt: ctxt,
                    msgid,
                    msgstr,
                    flags: if fuzzy { vec!["fuzzy".into()] } else { vec![] },
                    ..po::Entry::default()
                })
                .collect(),
        };
        let again = po::parse(&po::write(&catalog)).expect("what we write, we read");
        let strip = |c: &po::Catalog| c.entries.iter().map(|e| (e.msgctxt.clone(), e.msgid.clone(), e.msgstr.clone(), e.fuzzy())).collect::<Vec<_>>();
        prop_assert_eq!(strip(&again), strip(&catalog));
    }
}

#[cfg(test)]
mod typst_escaping {
    use std::sync::OnceLock;

    use proptest::prelude::*;
    use typst::layout::{Frame, FrameItem};
    use typst_layout::PagedDocument;

    use crate::fonts::FontSet;
    use crate::render::pdf::markup::string;

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
    pub(crate) fn round_trip(input: &str) -> Result<String, String> {
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
        #![proptest_config(ProptestConfig { cases: super::cases(1000), ..ProptestConfig::default() })]

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
}
