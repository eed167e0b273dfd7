//! The plain-language edition: built in every format, sections replaced by their plain
//! versions or marked fallbacks, the glossary of the terms used, and the readability gate.

use scraper::{Html, Selector};

use crate::common::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn real_plain_edition_in_every_format() {
    let out = temp_dir("plain");
    let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for ext in ["html", "pdf", "epub"] {
        assert!(out.join(format!("en/about-cast-plain.{ext}")).is_file(), "plain {ext}");
    }
    let page = Html::parse_document(&std::fs::read_to_string(out.join("en/about-cast-plain.html")).unwrap());
    let titles: Vec<String> = page.select(&sel("main section > h2")).map(text).collect();
    assert_eq!(titles.last().map(String::as_str), Some("Words to know"));
    assert_eq!(titles.len(), 6, "five sections and the glossary: {titles:?}");
    assert!(page.select(&sel(".fallback-note")).next().is_none(), "every section has its plain version");
    // The glossary lists terms in alphabetical order, each used in the text.
    let terms: Vec<String> = page.select(&sel("#glossary li strong")).map(text).collect();
    let mut sorted = terms.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(terms, sorted);
    for required in ["human trafficking", "trauma-informed", "T-Visa", "criminal legal system", "self-determination"] {
        assert!(terms.iter().any(|t| t == required), "{required} in the glossary: {terms:?}");
    }
    // The charts keep every figure, "<1%" included, with the plain labels.
    let cells: Vec<String> = page.select(&sel("#ethnicity-race tbody td")).map(text).collect();
    assert_eq!(cells, ["7%", "21%", "7%", "34%", "6%", "<1%"]);
}

#[test]
fn plain_versions_fallbacks_and_glossary() {
    let project = project(Some("valid/plain"));
    let out = temp_dir("plain-fixture");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = Html::parse_document(&std::fs::read_to_string(out.join("en/leaflet-plain.html")).unwrap());
    assert_eq!(text(page.select(&sel("#intro-title")).next().unwrap()), "Start Here");
    // `facts` has no plain version and plain-fallback allows it: standard text, marked.
    let note = page.select(&sel("#facts .fallback-note")).next().expect("fallback note");
    assert!(text(note).starts_with("This part is not yet written in plain language."));
    let terms: Vec<String> = page.select(&sel("#glossary li")).map(text).collect();
    assert_eq!(terms, ["survivor: A person who lived through harm."]);
    // The standard edition has neither.
    let standard = Html::parse_document(&std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap());
    assert!(standard.select(&sel(".fallback-note, #glossary")).next().is_none());
}

#[test]
fn readability_report_and_gate() {
    let run = imprint_in(&repo(), &["report", "readability"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    for section in ["(all sections)", "mission", "values", "who-we-serve", "approach", "story"] {
        let row =
            run.stdout.lines().find(|l| l.contains(&format!(" {section} "))).unwrap_or_else(|| panic!("{section}"));
        assert!(row.trim_end().ends_with("met"), "{row}");
    }
    // A plain section written at university level fails `imprint check`, with its scores.
    let project = project(Some("invalid/plain-too-hard"));
    let check = imprint_in(&project, &["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stderr.contains("the plain-language text of section `intro` (en) reads at Flesch-Kincaid grade"),
        "{}",
        check.stderr
    );
    let report = imprint_in(&project, &["report", "readability"]);
    assert_eq!(report.code, 1);
    assert!(report.stdout.contains("MISSED"));
}
