//! Characters (issue 19, items 7 and 9): the character rules apply to what escapes decode to
//! (TOML `\u0001`, Markdown and PO `&#7;`), in `check`, at the escape's line and column; text
//! reaching the PDF's XMP metadata is valid XML; a character no font has in an `imprint.toml`
//! field is reported at that field.

use crate::common::*;

fn edit(path: &std::path::Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Line and column (1-based, in characters) of the first `needle` in `path`.
fn place(path: &std::path::Path, needle: &str) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    format!("{line}:{column}")
}

#[test]
fn escaped_control_characters_are_errors_at_the_escape() {
    let project = crate::common::project(Some("valid/translated"));
    let config = project.join("sources/imprint.toml");
    edit(&config, "description = \"A small publication for tests.\"", "description = \"A small\\u0001 publication\"");
    edit(&config, "[organization]\nname = \"Example\"", "[organization]\nname = \"Exa\\e\\U0000FEFFmple\"");
    let intro = project.join("sources/content/intro.md");
    edit(&intro, "title = \"Introduction\"", "title = \"Intro\\u2028duction\"");
    edit(&intro, "A quotation.", "A &#7; quotation &#x2029;.");
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (path, needle, message) in [
        (&config, "\\u0001", "control character U+0001 written as `\\u0001`"),
        (&config, "\\e", "control character U+001B written as `\\e`"),
        (&config, "\\U0000FEFF", "zero-width no-break space (byte-order mark) U+FEFF written as `\\U0000FEFF`"),
        (&intro, "\\u2028", "line separator U+2028 written as `\\u2028`"),
        (&intro, "&#7;", "control character U+0007 written as `&#7;`"),
        (&intro, "&#x2029;", "paragraph separator U+2029 written as `&#x2029;`"),
    ] {
        let name = path.strip_prefix(&project).unwrap().display().to_string();
        let expected = format!("{name}:{}: error: {message}", place(path, needle));
        assert!(run.stderr.contains(&expected), "{expected}\nnot in\n{}", run.stderr);
    }
}

#[test]
fn entities_in_a_translation_are_errors_at_the_catalog_line() {
    let project = crate::common::project(Some("valid/translated"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    let po = project.join("sources/translations/es.po");
    let mut catalog = imprint::po::parse(&std::fs::read_to_string(&po).unwrap()).unwrap();
    for e in &mut catalog.entries {
        e.msgstr =
            if e.msgctxt.as_deref() == Some("intro/heading") { "Una &#1; sección".into() } else { e.msgid.clone() };
    }
    std::fs::write(&po, imprint::po::write(&catalog)).unwrap();
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let expected =
        format!("sources/translations/es.po:{}: error: control character U+0001 written as `&#1;`", place(&po, "&#1;"));
    assert!(run.stderr.contains(&expected), "{expected}\nnot in\n{}", run.stderr);
}

#[test]
fn metadata_text_is_valid_xml_in_the_pdf() {
    let project = crate::common::project(None);
    let config = project.join("sources/imprint.toml");
    edit(
        &config,
        "description = \"A small publication for tests.\"",
        "description = \"<b>Tom & Jerry's \\\"show\\\"</b> ]]> &amp; &#65;\"\nkeywords = [\"a<b\", \"c&d\", \"]]>\"]",
    );
    let out = temp_dir("xmp");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let xmp = crate::pdfread::Pdf::open(&out.join("en/leaflet-standard.pdf")).xmp();
    let start = xmp.find("<x:xmpmeta").unwrap();
    let end = xmp.find("</x:xmpmeta>").unwrap() + "</x:xmpmeta>".len();
    let doc = roxmltree::Document::parse(&xmp[start..end]).unwrap_or_else(|e| panic!("{e}\n{xmp}"));
    let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains("<b>Tom & Jerry's \"show\"</b> ]]> &amp; &#65;"), "{texts}");
    assert!(texts.contains("a<b") && texts.contains("c&d"), "{texts}");
}

#[test]
fn a_character_no_font_has_in_a_setting_is_reported_at_the_setting() {
    let project = crate::common::project(None);
    let config = project.join("sources/imprint.toml");
    edit(&config, "[organization]\nname = \"Example\"", "[organization]\nname = \"Example 𓀀\"");
    edit(&config, "title = \"A Leaflet\"", "title = \"A Leaflet \u{1F469}\u{200D}\u{1F692}\"");
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let org = format!(
        "sources/imprint.toml:{}: error: no font for `𓀀` (U+13000) in the organization's name",
        place(&config, "𓀀")
    );
    assert!(run.stderr.contains(&org), "{org}\nnot in\n{}", run.stderr);
    let title = format!(
        "sources/imprint.toml:{}: error: no font for `\u{1F469}` (U+1F469) in the title",
        place(&config, "\u{1F469}")
    );
    assert!(run.stderr.contains(&title), "{title}\nnot in\n{}", run.stderr);
    assert!(!run.stderr.contains("U+200D"), "a joiner is not a missing character: {}", run.stderr);
}
