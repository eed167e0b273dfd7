//! The kitchen sink: one fixture (`tests/fixtures/valid/kitchen-sink`) holds every kind of
//! block and inline content of the model, and is built in every format. The first test fails
//! when the model gets a kind the fixture does not show; the others check, kind by kind, what
//! each renderer made of it: the DOM of the web page and of the EPUB's XHTML, the tag tree of
//! the PDF. Their `match`es are exhaustive, so a new kind does not compile until every
//! renderer's expectation is written.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use imprint::model::walk::{BlockKind, InlineKind, kinds};
use imprint::model::{Document, Edition};
use scraper::{Html, Selector};

use crate::common::{imprint_in, project, temp_dir};
use crate::pdfread::Pdf;

/// The fixture built once for every test of this module: (project, outputs).
fn built() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let project = project(Some("valid/kitchen-sink"));
        let out = temp_dir("kitchen-sink-out");
        let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (project, out)
    })
}

fn english(checked: &imprint::check::Checked) -> &Document {
    let en = checked.jobs.iter().map(|j| &j.doc);
    en.clone().find(|d| d.lang.as_str() == "en" && d.edition == Edition::Standard).expect("the English document")
}

#[test]
fn the_fixture_holds_every_kind_of_the_model() {
    let checked = imprint::check::check(&project(Some("valid/kitchen-sink"))).unwrap();
    assert_eq!(checked.report.errors(), 0, "{:?}", checked.report.diagnostics);
    let (blocks, inlines) = kinds(&english(&checked).sections);
    for kind in BlockKind::ALL {
        assert!(blocks.contains(kind), "the kitchen-sink fixture has no {kind:?} block: add one to its sources");
    }
    for kind in InlineKind::ALL {
        assert!(inlines.contains(kind), "the kitchen-sink fixture has no {kind:?} inline: add one to its sources");
    }
}

/// What the web page and the EPUB must hold for each kind: a CSS selector (inside the
/// content) that matches only when the kind was rendered as what it is.
fn html_block(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "p",
        BlockKind::Heading => "h3#a-subsection, h2#a-subsection",
        BlockKind::List => "ul > li > ul > li",
        BlockKind::Quote => "blockquote > p",
        BlockKind::Table => "table > caption + thead + tbody > tr > th[scope=row]",
        BlockKind::Figure => "figure > img[alt='A purple rectangle.']",
        BlockKind::Chart => "#shares table th[scope=col]",
        BlockKind::Timeline => "ol.timeline > li",
        BlockKind::Lang => "div[lang=fa][dir=rtl] > p",
        BlockKind::Rule => "hr",
    }
}

fn html_inline(kind: InlineKind) -> &'static str {
    match kind {
        InlineKind::Text | InlineKind::SoftBreak => "p",
        InlineKind::Emph => "p > em",
        InlineKind::Strong => "p > strong",
        InlineKind::Code => "p > code",
        InlineKind::Link => "p > a[href='https://example.org']",
        InlineKind::LineBreak => "p > br",
        InlineKind::Lang => "p > span[lang=es]",
    }
}

fn assert_html(doc: &Html, what: &str) {
    for kind in BlockKind::ALL {
        let s = Selector::parse(html_block(*kind)).unwrap();
        assert!(doc.select(&s).next().is_some(), "{what}: no `{}` for {kind:?}", html_block(*kind));
    }
    for kind in InlineKind::ALL {
        let s = Selector::parse(html_inline(*kind)).unwrap();
        assert!(doc.select(&s).next().is_some(), "{what}: no `{}` for {kind:?}", html_inline(*kind));
    }
    // A table's caption keeps its markup; the first cell of each row is the row's header.
    let (table, caption) = (Selector::parse("table").unwrap(), Selector::parse("caption").unwrap());
    let terms = doc
        .select(&table)
        .find(|t| t.select(&caption).any(|c| c.inner_html() == "Terms and what they <em>mean</em>"))
        .unwrap_or_else(|| panic!("{what}: no table with the caption"));
    let row_headers = Selector::parse("tbody > tr > th[scope=row]").unwrap();
    let rows: Vec<String> = terms.select(&row_headers).map(|c| c.text().collect()).collect();
    assert_eq!(rows, ["One", "Two"], "{what}: row headers");
    // A source line break inside a paragraph is a space, not a new paragraph.
    let p = Selector::parse("p").unwrap();
    let text: Vec<String> = doc.select(&p).map(|p| p.text().collect::<String>()).collect();
    assert!(text.iter().any(|t| t.contains("a phrase in\nSpanish")), "{what}: soft break lost");
}

#[test]
fn the_web_page_renders_every_kind() {
    let (_, out) = built();
    let page = std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap();
    assert_html(&Html::parse_document(&page), "web page");
}

/// The XHTML content documents of an EPUB, joined.
fn epub_content(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for name in ["EPUB/intro.xhtml", "EPUB/facts.xhtml"] {
        let mut text = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
        let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
        roxmltree::Document::parse_with_options(&text, options)
            .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"));
        all.push_str(&text);
    }
    all
}

#[test]
fn the_epub_renders_every_kind() {
    let (_, out) = built();
    let content = epub_content(&out.join("en/leaflet-standard.epub"));
    assert_html(&Html::parse_document(&content), "EPUB");
}

/// What the tag tree must hold for each kind (`None`: drawn as an artifact by design).
fn pdf_block(kind: BlockKind) -> Option<&'static str> {
    match kind {
        BlockKind::Paragraph => Some("\n  P\n"),
        BlockKind::Heading => Some("\n  H3\n"),
        BlockKind::List => Some("LI\n"),
        BlockKind::Quote => Some("BlockQuote\n    P\n"),
        BlockKind::Table => Some("Table\n    Caption\n"),
        BlockKind::Figure => Some("Figure alt=\"A purple rectangle.\""),
        BlockKind::Chart => Some("Figure alt=\"Kinds. People asked in 2024:"),
        BlockKind::Timeline => Some("\n  H3\n  P\n"),
        BlockKind::Lang => Some("P lang=\"fa\""),
        BlockKind::Rule => None,
    }
}

fn pdf_inline(kind: InlineKind) -> Option<&'static str> {
    match kind {
        InlineKind::Text => Some("\n  P\n"),
        InlineKind::Emph => Some("Em\n"),
        InlineKind::Strong => Some("Strong\n"),
        InlineKind::Code => Some("Code\n"),
        InlineKind::Link => Some("Link\n"),
        // Breaks are spacing inside the paragraph's text.
        InlineKind::LineBreak | InlineKind::SoftBreak => None,
        // The language of a phrase is marked on its content (checked by tests/suite/pdf.rs).
        InlineKind::Lang => None,
    }
}

#[test]
fn the_pdfs_render_every_kind() {
    let (_, out) = built();
    for file in ["en/leaflet-standard.pdf", "en/leaflet-standard-large-print.pdf"] {
        let tree = Pdf::open(&out.join(file)).tag_tree();
        for kind in BlockKind::ALL {
            if let Some(tag) = pdf_block(*kind) {
                assert!(tree.contains(tag), "{file}: no {tag:?} for {kind:?} in\n{tree}");
            }
        }
        for kind in InlineKind::ALL {
            if let Some(tag) = pdf_inline(*kind) {
                assert!(tree.contains(tag), "{file}: no {tag:?} for {kind:?} in\n{tree}");
            }
        }
        // The caption inside the table, then its rows: the header row's cells label their
        // columns, the first cell of each body row labels its row, as on the web page.
        let table =
            tree.split("\n  Table\n    Caption\n").nth(1).unwrap_or_else(|| panic!("{file}: no caption\n{tree}"));
        let end =
            table.match_indices("\n  ").find(|(i, _)| !table[i + 3..].starts_with(' ')).map_or(table.len(), |m| m.0);
        let table = &table[..end + 1];
        let rows =
            "    TR\n      TH\n      TH\n    TR\n      TH scope=Row\n      TD\n    TR\n      TH scope=Row\n      TD\n";
        assert!(table.contains(rows), "{file}: no row headers in the captioned table in\n{tree}");
    }
}
