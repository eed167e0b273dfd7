//! Tables as staff write them: a caption that translators translate with its marks, and a
//! wide table that stays readable on a 320-pixel screen and in large print.

use std::path::Path;

use scraper::{Html, Selector};

use crate::common::{imprint_in, project, temp_dir};
use crate::pdfread::Pdf;

#[test]
fn a_caption_is_a_markdown_message_translated_with_its_marks() {
    let project = project(Some("valid/kitchen-sink"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    let path = project.join("sources/translations/es.po");
    let mut catalog = imprint::po::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let entry = catalog.entries.iter_mut().find(|e| e.msgctxt.as_deref() == Some("intro/caption")).unwrap();
    assert_eq!(entry.msgid, "Terms and what they *mean*");
    entry.msgstr = "Términos y lo que *significan*".into();
    std::fs::write(&path, imprint::po::write(&catalog)).unwrap();
    let out = temp_dir("tables-es");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = Html::parse_document(&std::fs::read_to_string(out.join("es/leaflet-standard.html")).unwrap());
    let captions: Vec<String> =
        page.select(&Selector::parse("table > caption").unwrap()).map(|c| c.inner_html()).collect();
    assert!(captions.contains(&"Términos y lo que <em>significan</em>".to_string()), "{captions:?}");
}

/// A table of six columns with long words, in a project built as a web page and in large print.
fn wide_table_project() -> std::path::PathBuf {
    let project = project(None);
    let toml = project.join("sources/imprint.toml");
    let text = std::fs::read_to_string(&toml)
        .unwrap()
        .replace("formats = [\"html\", \"pdf\", \"epub\"]", "formats = [\"html\", \"pdf\", \"large-print\", \"epub\"]");
    std::fs::write(&toml, text).unwrap();
    let intro = project.join("sources/content/intro.md");
    let table = "\n\nTable: Services requested by survivors in each county office, by year\n\n\
        | Service | 2019 | 2020 | 2021 | 2022 | 2023 |\n|---|---|---|---|---|---|\n\
        | Interpretation and translation | 41% | 52% | 58% | 60% | 64% |\n\
        | Immigration legal representation | 12% | 15% | 17% | 20% | 23% |\n\
        | Transitional housing assistance | 30% | 31% | 28% | 27% | 26% |\n";
    let text = std::fs::read_to_string(&intro).unwrap() + table;
    std::fs::write(&intro, text).unwrap();
    project
}

#[test]
fn a_wide_table_stays_readable_on_a_phone_and_in_large_print() {
    let project = wide_table_project();
    let out = temp_dir("tables-wide");
    // The large-print edition is measured after layout: a cell set smaller than the body
    // size, or hyphenated, would fail the build.
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    // The web page: the table sits in its wrapper, which scrolls sideways when even wrapped
    // cells cannot fit, and the cells wrap, long words included, before that happens.
    let html = std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap();
    let page = Html::parse_document(&html);
    let wrapped = Selector::parse("div.table-wrap > table > caption").unwrap();
    assert_eq!(page.select(&wrapped).count(), 1, "the table is in a .table-wrap");
    // (The stylesheet is in the page's <style>.)
    assert_css(&html, ".table-wrap", "overflow-x: auto");
    assert_css(&html, "th, td", "overflow-wrap: anywhere");

    // Large print: every word of every cell is on the pages, at the body size (checked by the
    // build), and no word reaches past the right margin.
    let pdf = out.join("en/leaflet-standard-large-print.pdf");
    let words: Vec<String> = Pdf::open(&pdf).page_words().concat();
    for word in ["Interpretation", "translation", "representation", "Transitional", "assistance", "64%", "26%"] {
        assert!(words.iter().any(|w| w == word), "`{word}` missing from {words:?}");
    }
    assert_within_margins(&pdf);
}

/// The rule for `selector` in `css` declares `declaration`.
fn assert_css(css: &str, selector: &str, declaration: &str) {
    let rule = css
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{selector} {{")))
        .unwrap_or_else(|| panic!("no rule for `{selector}`"));
    assert!(rule.contains(declaration), "`{selector}` lacks `{declaration}`: {rule}");
}

/// Every word of a PDF ends left of its page's right margin (1 inch), as poppler's
/// `pdftotext -bbox` places it.
fn assert_within_margins(pdf: &Path) {
    let out = std::process::Command::new("pdftotext").args(["-bbox"]).arg(pdf).arg("-").output().expect("pdftotext");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut width = 0.0f64;
    for line in html.lines().map(str::trim) {
        let attr = |name: &str| {
            line.split(&format!("{name}=\"")).nth(1).and_then(|r| r.split('"').next()).and_then(|v| v.parse().ok())
        };
        if line.starts_with("<page") {
            width = attr("width").unwrap_or(0.0);
        } else if line.starts_with("<word") {
            let x_max: f64 = attr("xMax").unwrap_or(0.0);
            assert!(x_max <= width - 72.0 + 1.0, "a word ends at {x_max} of {width} points: {line}");
        }
    }
    assert!(width > 0.0, "pdftotext read no page");
}
