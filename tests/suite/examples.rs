//! `examples/`: a second, fictional organization's project that uses what Cast's sources do
//! not (statistics where people could choose more than one answer, a table with a caption and
//! row headers, nested lists, events known only by their year, a name in a right-to-left script
//! inside English text, a translation partly done) is built with no error, and its outputs
//! pass the checks Cast's pass: EPUBCheck, the PDF's tag tree, the web page's structure.

use std::path::PathBuf;

use scraper::{Html, Selector};

use crate::common::*;
use crate::pdfread::Pdf;

fn built() -> PathBuf {
    let project = temp_dir("example");
    copy_tree(&repo().join("examples/northside-interpreters"), &project);
    let out = project.join("output");
    let run = imprint_in(&project, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("0 errors, 0 warnings"), "{}", run.stdout);
    out
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn the_example_builds_and_passes_the_checks() {
    let out = built();
    for lang in ["en", "es"] {
        for edition in ["standard", "plain"] {
            crate::epub::assert_epubcheck_clean(&out.join(format!("{lang}/about-northside-{edition}.epub")));
            let tree = Pdf::open(&out.join(format!("{lang}/about-northside-{edition}.pdf"))).tag_tree();
            assert!(tree.contains("Caption"), "{lang} {edition}: the table caption is tagged:\n{tree}");
            assert!(tree.contains("scope=Row") || tree.contains("scope=\"Row\""), "row headers:\n{tree}");
        }
    }
    let page = Html::parse_document(&std::fs::read_to_string(out.join("en/about-northside-standard.html")).unwrap());
    // The table: its caption and its row headers.
    let caption: String = page.select(&sel("table caption")).next().unwrap().text().collect();
    assert_eq!(caption.trim(), "When each service is open");
    assert_eq!(page.select(&sel(".table-wrap tbody th[scope=row]")).count(), 3);
    // A nested list stays inside its item.
    assert!(page.select(&sel("ul > li > ul > li")).count() >= 3);
    // Multiple answers are said in words, and the shares are not called a rounding error.
    let notes: String = page.select(&sel(".chart-note")).flat_map(|n| n.text()).collect();
    assert!(notes.to_lowercase().contains("more than one"), "{notes}");
    // A year-only event is headed by its year alone.
    let years: Vec<String> = page.select(&sel(".timeline .event-title")).map(|h| h.text().collect()).collect();
    assert!(years.iter().any(|y| y.trim() == "2012"), "{years:?}");
    // The Farsi name inside English text is marked as Farsi, right to left.
    assert!(page.select(&sel("span[lang=fa][dir=rtl]")).next().is_some());
    // The Spanish edition is partly translated: translated titles, English fallback marked.
    let es = Html::parse_document(&std::fs::read_to_string(out.join("es/about-northside-standard.html")).unwrap());
    let h2: Vec<String> = es.select(&sel("main h2")).map(|h| h.text().collect()).collect();
    assert!(h2.iter().any(|t| t == "Nuestros servicios"), "{h2:?}");
    assert!(es.select(&sel("main [lang=en]")).next().is_some(), "untranslated parts are marked as English");
}
