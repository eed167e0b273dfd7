//! Recorded reviews and conformance claims (issue 17): with no review every report says there
//! is no claim and lists the checks a person must make; a review of the English standard EPUB
//! makes that EPUB, and only it, claim conformance (and it passes EPUBCheck); one changed word
//! in a reviewed section withdraws the claim, and `imprint check` says which section changed.
//! Each test works on a temporary copy of a fixture project, built in process.

use std::path::Path;

use scraper::{Html, Selector};

use crate::common::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The `<meta property>` values of an EPUB's package document.
fn opf_values(epub: &Path, property: &str) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut opf = String::new();
    zip.by_name("EPUB/package.opf").unwrap().read_to_string(&mut opf).unwrap();
    let doc = roxmltree::Document::parse(&opf).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("meta") && n.attribute("property") == Some(property))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect()
}

fn build(project: &Path) -> Run {
    let run = imprint_in(project, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run
}

/// Records a review of the English standard EPUB of the `leaflet` publication.
fn review_english_epub(project: &Path) -> Run {
    let run = imprint_in(
        project,
        &[
            "review",
            "--format",
            "epub",
            "--reviewer",
            "Ana Ruiz",
            "--organization",
            "Access Partners",
            "--credential",
            "CPACC",
            "--date",
            "2026-11-30",
            "--confirm",
            "reading-order",
            "--confirm",
            "chart-alternatives",
        ],
    );
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    run
}

#[test]
fn with_no_review_the_reports_say_no_claim_and_list_the_manual_checks() {
    let project = project(None);
    build(&project);
    let out = project.join("output/en");
    assert!(opf_values(&out.join("leaflet-standard.epub"), "dcterms:conformsTo").is_empty());

    let page = Html::parse_document(&read(&out.join("leaflet-standard-accessibility.html")));
    let text: String = page.root_element().text().collect();
    assert!(text.contains("No conformance claim"), "{text}");
    let manual: Vec<String> = page.select(&sel("h2 + table tbody tr")).map(|r| r.text().collect::<String>()).collect();
    assert!(manual.iter().any(|r| r.contains("reading order") && r.contains("Not yet confirmed")), "{manual:?}");
    assert!(manual.iter().any(|r| r.contains("chart") && r.contains("Not yet confirmed")), "{manual:?}");
    assert!(text.contains("No review is recorded for this edition."));
    // Every file of the edition is listed, and links to it.
    for file in ["leaflet-standard.html", "leaflet-standard.pdf", "leaflet-standard.epub"] {
        assert!(page.select(&sel(&format!("a[href='{file}']"))).next().is_some(), "{file}");
    }

    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("leaflet-standard-accessibility.json"))).unwrap();
    assert_eq!(json["conformance_claimed"], false);
    let checks: Vec<&str> =
        json["machine_checks"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    for id in ["pdf-ua-1", "structure", "language-of-parts", "glyph-coverage", "contrast", "epub-metadata"] {
        assert!(checks.contains(&id), "{id} in {checks:?}");
    }
    let manual = json["manual_checks"].as_array().unwrap();
    assert!(manual.iter().all(|m| m["status"] == "not-confirmed"), "{manual:?}");
    assert!(manual.iter().any(|m| m["id"] == "reading-order"));

    // The web page says there is no claim and links to its report; so does the PDF.
    let web = Html::parse_document(&read(&out.join("leaflet-standard.html")));
    assert!(web.select(&sel("footer a[href='leaflet-standard-accessibility.html']")).next().is_some());
    let footer: String = web.select(&sel("footer")).flat_map(|f| f.text()).collect();
    assert!(footer.contains("No conformance claim"), "{footer}");
    let pdf = crate::pdfread::Pdf::open(&out.join("leaflet-standard.pdf"));
    assert!(pdf.text().contains("No conformance claim"));
}

#[test]
fn a_review_of_the_english_epub_makes_only_that_epub_claim_conformance() {
    let project = project(Some("valid/translated"));
    let recorded = review_english_epub(&project);
    let reviews = read(&project.join("sources/reviews.toml"));
    assert!(reviews.contains("[[review.content]]") && reviews.contains("hash = \"sha256:"), "{reviews}");
    assert!(recorded.stdout.contains("recorded in"), "{}", recorded.stdout);
    let check = imprint_in(&project, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    build(&project);
    let out = project.join("output");

    let epub = out.join("en/leaflet-standard.epub");
    assert_eq!(opf_values(&epub, "dcterms:conformsTo"), ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]);
    assert_eq!(opf_values(&epub, "a11y:certifiedBy"), ["Ana Ruiz, Access Partners"]);
    assert_eq!(opf_values(&epub, "a11y:certifierCredential"), ["CPACC"]);
    crate::epub::assert_epubcheck_clean(&epub);
    // Only that file: not the translations (drafts, and not reviewed), not the other formats.
    for lang in ["es", "fa"] {
        assert!(opf_values(&out.join(format!("{lang}/leaflet-standard.epub")), "dcterms:conformsTo").is_empty());
    }
    let web = read(&out.join("en/leaflet-standard.html"));
    assert!(web.contains("No conformance claim"), "the web page was not reviewed");

    let json: serde_json::Value =
        serde_json::from_str(&read(&out.join("en/leaflet-standard-accessibility.json"))).unwrap();
    let files = json["files"].as_array().unwrap();
    for f in files {
        let claimed = !f["conforms_to"].is_null();
        assert_eq!(claimed, f["format"] == "epub", "{f}");
    }
    assert_eq!(json["reviews"][0]["state"], "current");
    assert!(json["manual_checks"].as_array().unwrap().iter().all(|m| m["status"] == "confirmed"));
    let page = read(&out.join("en/leaflet-standard-accessibility.html"));
    assert!(page.contains("certified by Ana Ruiz, Access Partners on 2026-11-30"), "{page}");

    // A review of the Spanish EPUB claims nothing while the translation is a draft.
    let run = imprint_in(
        &project,
        &[
            "review",
            "--language",
            "es",
            "--format",
            "epub",
            "--reviewer",
            "Luis Vega",
            "--organization",
            "Access Partners",
            "--date",
            "2026-12-01",
            "--confirm",
            "reading-order",
            "--confirm",
            "chart-alternatives",
            "--confirm",
            "native-speaker",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    build(&project);
    assert!(opf_values(&out.join("es/leaflet-standard.epub"), "dcterms:conformsTo").is_empty());
    let es: serde_json::Value =
        serde_json::from_str(&read(&out.join("es/leaflet-standard-accessibility.json"))).unwrap();
    assert_eq!(es["reviews"][0]["state"], "withheld", "{es}");
    // The Spanish report is in Spanish; words without a translation are marked as English.
    let fa = Html::parse_document(&read(&out.join("fa/leaflet-standard-accessibility.html")));
    assert_eq!(fa.root_element().attr("lang"), Some("fa"));
    assert!(fa.select(&sel("h1 span[lang=en]")).next().is_some(), "the English fallback is marked");
    let es_page = Html::parse_document(&read(&out.join("es/leaflet-standard-accessibility.html")));
    let h1: String = es_page.select(&sel("h1")).flat_map(|h| h.text()).collect();
    assert!(h1.starts_with("Informe de accesibilidad"), "{h1}");
}

#[test]
fn one_changed_word_withdraws_the_claim_and_check_says_why() {
    let project = project(None);
    review_english_epub(&project);
    build(&project);
    let epub = project.join("output/en/leaflet-standard.epub");
    assert_eq!(opf_values(&epub, "a11y:certifiedBy").len(), 1);

    let intro = project.join("sources/content/intro.md");
    let text = read(&intro).replacen("A quotation.", "A citation.", 1);
    std::fs::write(&intro, text).unwrap();
    let check = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(check.code, 0, "a lapsed review is a warning: {}", check.stderr);
    let line = check.stderr.lines().find(|l| l.contains("has lapsed")).unwrap_or_else(|| panic!("{}", check.stderr));
    assert!(line.contains("reviews.toml:"), "{line}");
    assert!(line.contains("Ana Ruiz") && line.contains("the content of section `intro` changed"), "{line}");
    assert!(!line.contains("`facts`"), "only the changed section is named: {line}");

    build(&project);
    assert!(opf_values(&epub, "dcterms:conformsTo").is_empty());
    assert!(opf_values(&epub, "a11y:certifiedBy").is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&read(&project.join("output/en/leaflet-standard-accessibility.json"))).unwrap();
    assert_eq!(json["conformance_claimed"], false);
    assert_eq!(json["reviews"][0]["state"], "lapsed");
    assert!(json["reviews"][0]["reason"].as_str().unwrap().contains("intro"));
}

#[test]
fn bad_reviews_and_the_old_certifier_are_errors_at_their_line() {
    let project = project(None);
    std::fs::write(
        project.join("sources/reviews.toml"),
        "[[review]]\nreviewer = { name = \"A\", organization = \"B\" }\ndate = \"2026-02-30\"\npublication = \"leaflet\"\n\
         languages = [\"en\"]\neditions = [\"standard\"]\nformats = [\"epub\"]\nconfirmed = [\"alt-text\"]\n",
    )
    .unwrap();
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("reviews.toml:3:8: error: `2026-02-30` is not a date"), "{}", run.stderr);
    assert!(run.stderr.contains("reviews.toml:8:14: error: `alt-text` is not a checklist item"), "{}", run.stderr);

    std::fs::remove_file(project.join("sources/reviews.toml")).unwrap();
    let config = project.join("sources/imprint.toml");
    std::fs::write(&config, read(&config) + "\n[accessibility]\ncertifier = \"Someone\"\n").unwrap();
    let run = imprint_in(&project, &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("no longer makes a conformance claim"), "{}", run.stderr);
    assert!(run.stderr.contains("imprint review"), "{}", run.stderr);
}
