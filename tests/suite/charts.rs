//! Charts: what their shares add up to, said in words in every format and language (multiple
//! answers, categories left out, rounding); hints that lead out of their diagnostic instead of
//! into another one; the text alternative generated from the data.

use std::io::Read;
use std::path::{Path, PathBuf};

use imprint::model::{Block, ChartTotal, Edition};
use imprint::po;
use scraper::{Html, Selector};

use crate::common::*;
use crate::pdfread::Pdf;

const NOTE: &str = "People could choose more than one answer, so the shares can add up to more than 100%.";
const ALT: &str = "Services used. People who answered the survey: Interpreting 64%, Translation 41%, \
                   Training 12%. People could choose more than one answer.";
const CAPTION: &str = "Services used: People who answered the survey (people could choose more than one answer)";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text_of(doc: &Html, selector: &str) -> String {
    let found = doc.select(&sel(selector)).next().unwrap_or_else(|| panic!("no `{selector}`"));
    found.text().collect::<String>()
}

fn attr_of(doc: &Html, selector: &str, attr: &str) -> String {
    let found = doc.select(&sel(selector)).next().unwrap_or_else(|| panic!("no `{selector}`"));
    found.value().attr(attr).unwrap_or_default().to_string()
}

/// Text with every run of white space made one space, as a PDF's lines read back joined.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn build(project: &Path, name: &str) -> PathBuf {
    let out = temp_dir(name);
    let run = imprint_in(project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

fn epub_chapter(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

/// imprint's own Spanish for an interface string.
fn spanish(name: &str) -> String {
    let catalog = po::parse(include_str!("../../src/ui/catalogs/es.po")).unwrap();
    let entry = catalog.entries.iter().find(|e| e.msgctxt.as_deref() == Some(&format!("ui/{name}")));
    entry.unwrap_or_else(|| panic!("es.po has no ui/{name}")).msgstr.clone()
}

#[test]
fn the_kitchen_sink_has_a_chart_of_every_kind_of_total() {
    // Exhaustive: a new kind of total does not compile until the fixture shows it.
    let kind = |t: &ChartTotal| match t {
        ChartTotal::Complete => 0,
        ChartTotal::Rounded => 1,
        ChartTotal::Partial(_) => 2,
        ChartTotal::MultipleAnswers => 3,
    };
    let checked = imprint::check::check(&project(Some("valid/kitchen-sink"))).unwrap();
    assert_eq!(checked.report.errors(), 0, "{:#?}", checked.report.diagnostics);
    let doc = checked.jobs.iter().map(|j| &j.doc).find(|d| d.edition == Edition::Standard).unwrap();
    let mut seen = [false; 4];
    for s in &doc.sections {
        for b in &s.blocks {
            if let Block::Chart(c) = b {
                seen[kind(&c.total)] = true;
            }
        }
    }
    assert_eq!(seen, [true; 4], "complete, rounded, partial, multiple answers");
}

#[test]
fn multiple_answers_are_said_in_words_in_every_format_and_language() {
    let out = build(&project(Some("valid/kitchen-sink")), "charts-kitchen-sink-out");
    // The web page: the note under the drawing, the drawing's name, the table's caption.
    let page = Html::parse_document(&std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap());
    assert_eq!(text_of(&page, "#services .chart-note"), NOTE);
    assert_eq!(attr_of(&page, "#services .bars[role=img]", "aria-label"), ALT);
    assert_eq!(text_of(&page, "#services caption"), CAPTION);
    // The EPUB: the same, the drawing an SVG named by its title.
    let epub = Html::parse_document(&epub_chapter(&out.join("en/leaflet-standard.epub"), "EPUB/facts.xhtml"));
    assert_eq!(text_of(&epub, "#services .chart-note"), NOTE);
    assert_eq!(text_of(&epub, "#services svg title"), ALT);
    assert_eq!(text_of(&epub, "#services caption"), CAPTION);
    // Both PDFs: the note is printed, the figure's alt text says it.
    for file in ["en/leaflet-standard.pdf", "en/leaflet-standard-large-print.pdf"] {
        let pdf = Pdf::open(&out.join(file));
        assert!(words(&pdf.text()).contains(NOTE), "{file}: no note in\n{}", pdf.text());
        assert!(pdf.tag_tree().contains(&format!("Figure alt=\"{ALT}\"")), "{file}:\n{}", pdf.tag_tree());
    }
    // The Spanish edition (imprint's own Spanish: the project has no catalog) says every
    // generated sentence in Spanish, in every format.
    let partial = spanish("partial_note").replace("{total}", "60");
    let notes =
        [("services", spanish("multiple_answers_note")), ("reasons", partial), ("shares", spanish("rounding_note"))];
    let page = Html::parse_document(&std::fs::read_to_string(out.join("es/leaflet-standard.html")).unwrap());
    let epub = Html::parse_document(&epub_chapter(&out.join("es/leaflet-standard.epub"), "EPUB/facts.xhtml"));
    let pdf = words(&Pdf::open(&out.join("es/leaflet-standard.pdf")).text());
    for (id, note) in &notes {
        assert_eq!(&text_of(&page, &format!("#{id} .chart-note")), note, "web page, chart {id}");
        assert_eq!(&text_of(&epub, &format!("#{id} .chart-note")), note, "EPUB, chart {id}");
        assert!(pdf.contains(note.as_str()), "PDF, chart {id}: no {note:?} in\n{pdf}");
    }
    let alt = attr_of(&page, "#services .bars[role=img]", "aria-label");
    assert!(alt.ends_with(&format!(" {}", spanish("chart_alt_multiple").rsplit(": {items}. ").next().unwrap())));
    let caption = spanish("chart_caption_multiple").replace("{caption}", "");
    assert!(text_of(&page, "#services caption").ends_with(&caption), "{caption}");
}

#[test]
fn the_alt_text_does_not_double_a_description_s_punctuation() {
    let project = project(None);
    let data = project.join("sources/data/facts.toml");
    let text = std::fs::read_to_string(&data)
        .unwrap()
        .replace("title = \"Kinds\"", "title = \"Which kinds?\"")
        .replace("People asked in 2024\"", "People asked in 2024 who reported their information.\"");
    std::fs::write(&data, text).unwrap();
    let out = build(&project, "charts-alt-out");
    let expected = "Which kinds? People asked in 2024 who reported their information: First 60%, Second 38.5%, \
                    Third less than 1%.";
    let page = Html::parse_document(&std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap());
    assert_eq!(attr_of(&page, "#shares .bars[role=img]", "aria-label"), expected);
    let tree = Pdf::open(&out.join("en/leaflet-standard.pdf")).tag_tree();
    assert!(tree.contains(&format!("Figure alt=\"{expected}\"")), "{tree}");
}

/// One chart whose shares and flags raise a diagnostic, what its hint advises, and the edit
/// that follows the advice.
struct Case {
    flags: &'static str,
    shares: [u32; 3],
    message: &'static str,
    advice: &'static str,
    edit: (&'static str, &'static str),
}

const CASES: &[Case] = &[
    Case {
        flags: "partial = true",
        shares: [60, 30, 10],
        message: "marked partial but its shares add up to 100%",
        advice: "Remove `partial = true`",
        edit: ("partial = true", ""),
    },
    Case {
        flags: "partial = true",
        shares: [60, 30, 12],
        message: "marked partial but its shares add up to 102%",
        advice: "Remove `partial = true`",
        edit: ("partial = true", ""),
    },
    Case {
        flags: "partial = true",
        shares: [64, 41, 12],
        message: "marked partial but its shares add up to 117%, more than 100%",
        advice: "replace `partial = true` with `multiple-answers = true`",
        edit: ("partial = true", "multiple-answers = true"),
    },
    Case {
        flags: "",
        shares: [64, 41, 12],
        message: "add up to 117%, 17 points away from 100%",
        advice: "add `multiple-answers = true` to the chart",
        edit: ("#flags", "multiple-answers = true"),
    },
    Case {
        flags: "",
        shares: [40, 20, 10],
        message: "add up to 70%, 30 points away from 100%",
        advice: "add `partial = true` to the chart",
        edit: ("#flags", "partial = true"),
    },
    Case {
        flags: "partial = true\nmultiple-answers = true",
        shares: [64, 41, 12],
        message: "marked both `multiple-answers` and `partial`",
        advice: "Remove `partial = true`",
        edit: ("partial = true", ""),
    },
];

fn chart_diagnostics(project: &Path) -> Vec<imprint::diag::Diagnostic> {
    let checked = imprint::check::check(project).unwrap();
    checked.report.diagnostics.into_iter().filter(|d| d.message.contains("chart `shares`")).collect()
}

#[test]
fn every_hint_about_a_chart_s_total_leads_out_of_its_diagnostic() {
    for case in CASES {
        let project = project(None);
        let data = project.join("sources/data/facts.toml");
        let [a, b, c] = case.shares;
        let chart = format!(
            "[[chart]]\nid = \"shares\"\ntitle = \"Kinds\"\npopulation = \"People asked in 2024\"\n#flags\n{}\n\
             category = [\n  {{ label = \"A\", percent = {a} }},\n  {{ label = \"B\", percent = {b} }},\n  \
             {{ label = \"C\", percent = {c} }},\n]\n\n[[timeline]]\nid = \"history\"\nevent = []\n",
            case.flags
        );
        std::fs::write(&data, &chart).unwrap();
        let found = chart_diagnostics(&project);
        let what = format!("{} for {:?} {:?}", case.message, case.flags, case.shares);
        assert_eq!(found.len(), 1, "{what}: {found:#?}");
        assert!(found[0].message.contains(case.message), "{what}: {found:#?}");
        assert!(found[0].hints.iter().any(|h| h.contains(case.advice)), "{what}: the hint does not advise it");
        // Follow the advice: the diagnostic goes away and no other one takes its place.
        std::fs::write(&data, chart.replace(case.edit.0, case.edit.1)).unwrap();
        assert_eq!(chart_diagnostics(&project), vec![], "{what}: after `{}` -> `{}`", case.edit.0, case.edit.1);
        let checked = imprint::check::check(&project).unwrap();
        assert_eq!(checked.report.errors(), 0, "{what}: {:#?}", checked.report.diagnostics);
    }
}
