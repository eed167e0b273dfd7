//! Property tests of the loaders: arbitrary and adversarial input for TOML, front matter and
//! Markdown never makes them panic, and every problem they report points inside the file.

use proptest::prelude::*;

use crate::diag::Report;
use crate::source::data::DataFile;
use crate::testing::{cases, hostile_text};

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), ..ProptestConfig::default() })]

    #[test]
    fn markdown_sections_never_panic(body in hostile_text(), front in hostile_text()) {
        let text = format!("+++\nid = \"s\"\ntitle = \"T\"\n{front}\n+++\n{body}");
        let mut report = Report::default();
        let mut ids = crate::source::IdRegistry::default();
        let data = crate::source::DataSet::default();
        let _ = super::markdown::parse_section(0, &text, &data, &mut ids, true, &mut report);
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
        let _ = super::frontmatter::split(0, &text, &mut report).is_some();
    }
}
