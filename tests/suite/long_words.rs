//! Words longer than a line (issue 19, item 11): in every PDF layout they break between
//! letters as a last resort instead of running off the page. Read back with poppler's
//! `pdftotext -bbox`: every word's box lies inside its page.

use std::process::Command;

use crate::common::*;

/// 150 letters, no break opportunity.
fn long_word() -> String {
    let mut w = "Supercalifragilistic".repeat(7);
    w.push_str("expialidoc");
    assert_eq!(w.len(), 150);
    w
}

/// Every word of the PDF with its box, and the page's size: (page width, page height, word,
/// x min, y min, x max, y max).
fn word_boxes(pdf: &std::path::Path) -> Vec<(f64, f64, String, [f64; 4])> {
    let out = Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().expect("pdftotext (poppler-utils)");
    let html = String::from_utf8(out.stdout).unwrap();
    // The XHTML doctype names an outside DTD, which roxmltree does not read: drop it.
    let doc = roxmltree::Document::parse(&html[html.find("<html").unwrap()..]).unwrap();
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    let mut words = Vec::new();
    for page in doc.descendants().filter(|n| n.has_tag_name("page")) {
        let (w, h) = (num(page, "width"), num(page, "height"));
        for word in page.children().filter(|n| n.has_tag_name("word")) {
            let b = [num(word, "xMin"), num(word, "yMin"), num(word, "xMax"), num(word, "yMax")];
            words.push((w, h, word.text().unwrap_or_default().to_string(), b));
        }
    }
    words
}

#[test]
fn a_word_longer_than_the_line_stays_on_the_page_in_every_pdf_layout() {
    let word = long_word();
    let project = project(None);
    let config = project.join("sources/imprint.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("formats = [\"html\", \"pdf\", \"epub\"]", "formats = [\"pdf\", \"large-print\"]"),
    )
    .unwrap();
    std::fs::write(
        project.join("sources/content/intro.md"),
        format!(
            "+++\nid = \"intro\"\ntitle = \"Intro {word}\"\n+++\n\nA paragraph with {word} in it.\n\n## A {word}\n\n\
             | Term | Meaning |\n|------|---------|\n| {word} | x |\n"
        ),
    )
    .unwrap();
    let out = temp_dir("long-words");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["leaflet-standard.pdf", "leaflet-standard-large-print.pdf"] {
        let pdf = out.join("en").join(name);
        let words = word_boxes(&pdf);
        assert!(words.len() > 20, "{name}: {} words", words.len());
        for (w, h, text, [x0, y0, x1, y1]) in &words {
            assert!(
                *x0 >= 0.0 && *y0 >= 0.0 && *x1 <= *w && *y1 <= *h,
                "{name}: `{text}` at x {x0}..{x1}, y {y0}..{y1} leaves the {w} x {h} page"
            );
        }
        // The word is all there in the title, the paragraph and the heading, once the
        // zero-width spaces that allow the breaks and the line breaks are taken out (in the
        // table, the cell beside it comes in between).
        let plain = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout;
        let plain: String =
            String::from_utf8(plain).unwrap().chars().filter(|c| !c.is_whitespace() && *c != '\u{200b}').collect();
        assert!(plain.matches(&word).count() >= 3, "{name}: {plain}");
    }
}
