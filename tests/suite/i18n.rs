//! Translation: extract and update round trip, stale messages, fallback tagged with the source
//! language, right to left, Persian digits, and the glyph check.

use std::path::Path;

use imprint::po;
use scraper::{Html, Selector};

use crate::common::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn read_po(project: &Path, lang: &str) -> po::Catalog {
    let text = std::fs::read_to_string(project.join(format!("sources/translations/{lang}.po"))).unwrap();
    po::parse(&text).unwrap()
}

fn write_po(project: &Path, lang: &str, catalog: &po::Catalog) {
    std::fs::write(project.join(format!("sources/translations/{lang}.po")), po::write(catalog)).unwrap();
}

/// Fills every message of a catalog with `prefix` + its source text.
fn translate_all(project: &Path, lang: &str, prefix: &str) {
    let mut c = read_po(project, lang);
    for e in &mut c.entries {
        e.msgstr = format!("{prefix}{}", e.msgid);
    }
    write_po(project, lang, &c);
}

fn status_line(project: &Path, lang: &str) -> String {
    let run = imprint_in(project, &["translate", "status"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.lines().find(|l| l.starts_with(lang)).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn extract_update_and_status_round_trip() {
    let project = project(Some("valid/translated"));
    let run = imprint_in(&project, &["translate", "extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pot = po::parse(&std::fs::read_to_string(project.join("sources/translations/imprint.pot")).unwrap()).unwrap();
    // Markdown is kept inside messages, with a stable context and a path:line reference.
    let para = pot.entries.iter().find(|e| e.msgid.starts_with("A paragraph with **strong**")).expect("paragraph");
    assert_eq!(para.msgctxt.as_deref(), Some("intro/paragraph"));
    assert_eq!(para.references, ["sources/content/intro.md:6"]);
    assert!(para.msgid.contains("[hola, amigos]{lang=es}"));
    for ctxt in
        ["intro/heading", "intro/item", "intro/cell", "chart:shares/label", "timeline:history/1990/text", "ui/contents"]
    {
        assert!(pot.entries.iter().any(|e| e.msgctxt.as_deref() == Some(ctxt)), "{ctxt}");
    }
    // update creates each language's catalog, marked draft: the content untranslated, the
    // interface strings started from imprint's own translation.
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    let es = read_po(&project, "es");
    assert_eq!(es.header_field("Language"), Some("es"));
    assert_eq!(es.header_field("X-Review-Status"), Some("draft"));
    assert_eq!(es.entries.len(), pot.entries.len());
    let n = pot.entries.len();
    let ui = imprint::ui::Strings::english().fields().len();
    let percent = format!("{:.1}%", 100.0 * ui as f64 / n as f64);
    assert_eq!(status_line(&project, "es"), format!("es {ui} 0 {} {percent} draft", n - ui));
    translate_all(&project, "es", "ES ");
    assert_eq!(status_line(&project, "es"), format!("es {n} 0 0 100.0% draft"));
    // Running update again changes nothing in a complete catalog.
    let before = std::fs::read_to_string(project.join("sources/translations/es.po")).unwrap();
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    assert_eq!(std::fs::read_to_string(project.join("sources/translations/es.po")).unwrap(), before);
}

#[test]
fn a_changed_paragraph_turns_fuzzy_and_falls_back_tagged_as_english() {
    let project = project(Some("valid/translated"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    translate_all(&project, "es", "ES ");
    translate_all(&project, "fa", "فا ");
    // Staff change an English paragraph.
    let intro = project.join("sources/content/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap().replace("A paragraph with", "A changed paragraph with");
    std::fs::write(&intro, text).unwrap();
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    for lang in ["es", "fa"] {
        let c = read_po(&project, lang);
        let e = c.entries.iter().find(|e| e.msgid.starts_with("A changed paragraph")).unwrap();
        assert!(e.fuzzy(), "{lang}: stale message is fuzzy");
        assert!(e.previous.as_deref().unwrap().starts_with("A paragraph with"), "{lang}: previous msgid kept");
        assert!(status_line(&project, lang).contains(" 1 0 "), "{lang}: one fuzzy");
    }
    let out = temp_dir("i18n");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = Html::parse_document(&std::fs::read_to_string(out.join("es/leaflet-standard.html")).unwrap());
    assert_eq!(page.select(&sel("html")).next().unwrap().attr("lang"), Some("es"));
    let first = page.select(&sel("#intro > p")).next().unwrap();
    let english = first.select(&sel("span[lang=en]")).next().expect("fallback tagged as English");
    assert!(english.text().collect::<String>().starts_with("A changed paragraph"));
    // The rest is translated, and the colophon says a part is not.
    let heading: String = page.select(&sel("#a-subsection")).next().unwrap().text().collect();
    assert_eq!(heading, "ES A subsection");
    let notices: Vec<String> = page.select(&sel("footer .notice")).map(|n| n.text().collect()).collect();
    assert_eq!(notices.len(), 3, "{notices:?}");
    assert!(notices[0].starts_with("ES This translation has not yet been reviewed"));
    assert!(notices[1].starts_with("ES Some parts are not yet translated"));
    assert!(notices[2].starts_with("ES This publication is also available"), "where the other languages are");
}

#[test]
fn farsi_runs_right_to_left_with_persian_digits() {
    let project = project(Some("valid/translated"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    translate_all(&project, "fa", "فا ");
    let out = temp_dir("fa");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = Html::parse_document(&std::fs::read_to_string(out.join("fa/leaflet-standard.html")).unwrap());
    let html = page.select(&sel("html")).next().unwrap();
    assert_eq!((html.attr("lang"), html.attr("dir")), (Some("fa"), Some("rtl")));
    let values: Vec<String> = page.select(&sel("#shares .bar-value")).map(|v| v.text().collect()).collect();
    assert_eq!(values, ["۶۰٪", "۳۸٫۵٪", "<۱٪"]);
    let years: Vec<String> = page.select(&sel(".timeline .year")).map(|v| v.text().collect()).collect();
    assert_eq!(years, ["۱۹۹۰", "۲۰۰۰"]);
    // Numbered lists count in Persian digits too (the stylesheet's `persian` counter style).
    assert_eq!(page.select(&sel("body")).next().unwrap().attr("class"), Some("digits-persian"));
    assert!(page.select(&sel("ol:not(.timeline)")).next().is_some(), "the fixture has a numbered list");
    // The page ships the fonts it declares, with their licence.
    let css: String = page.select(&sel("style")).next().unwrap().text().collect();
    assert!(
        css.contains("font-family: \"Noto Sans Arabic\"; font-weight: 400")
            && css.contains("../fonts/fa/leaflet-standard/NotoSansArabic-Regular.ttf")
    );
    let fonts = out.join("fonts/fa/leaflet-standard");
    assert!(fonts.join("NotoSansArabic-Regular.ttf").is_file() && fonts.join("OFL-NotoSansArabic.txt").is_file());
    // The PDF: document language fa, right-to-left reading.
    let pdf = crate::pdfread::Pdf::open(&out.join("fa/leaflet-standard.pdf"));
    assert_eq!(pdf.text_string(pdf.catalog().get(b"Lang").unwrap()).as_deref(), Some("fa"));
    let prefs = pdf.catalog_dict(b"ViewerPreferences").unwrap();
    assert_eq!(crate::pdfread::Pdf::name(prefs.get(b"Direction").unwrap()), "R2L");
    // Page numbers in Persian digits too (the cover has none).
    let pages = pdf.page_words();
    assert!(pages.len() > 2, "the leaflet has pages after the cover");
    for (i, words) in pages.iter().enumerate().skip(1) {
        let persian: String =
            (i + 1).to_string().chars().map(|c| char::from_u32(c as u32 - 0x30 + 0x6F0).unwrap()).collect();
        assert!(words.contains(&persian), "page {} is not numbered {persian}: {words:?}", i + 1);
        assert!(!words.contains(&(i + 1).to_string()), "page {} is numbered in Latin digits: {words:?}", i + 1);
    }
    // The EPUB reads right to left.
    let epub = std::fs::read(out.join("fa/leaflet-standard.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut opf = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("EPUB/package.opf").unwrap(), &mut opf).unwrap();
    assert!(opf.contains("page-progression-direction=\"rtl\"") && opf.contains("xml:lang=\"fa\" dir=\"rtl\""));
    let mut css = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("EPUB/style.css").unwrap(), &mut css).unwrap();
    assert!(css.contains(":where(.digits-persian) ol { list-style-type: persian; }"));
}

#[test]
fn a_character_no_font_has_stops_the_build_with_its_place() {
    let project = project(Some("invalid/tofu"));
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("sources/content/facts.md:6:14: error: no font for `🧪` (U+1F9EA) in the text in `en`"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_malformed_catalog_names_its_line() {
    let project = project(Some("invalid/malformed-po"));
    let run = imprint_in(&project, &["check", "--format", "short"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("sources/translations/es.po:7:8: error: malformed PO file: expected a string in double quotes"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_block_policy_keeps_an_incomplete_language_out() {
    let project = project(Some("valid/translated"));
    let config = project.join("sources/imprint.toml");
    let text = std::fs::read_to_string(&config)
        .unwrap()
        .replace("[translations.fa]\n", "[translations.es]\nmissing = \"block\"\n\n[translations.fa]\n");
    std::fs::write(&config, text).unwrap();
    let run = imprint_in(&project, &["check"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("`es` is not built:"), "{}", run.stderr);
}

/// Runs a gettext tool; the tests use GNU gettext as an independent judge of the PO files.
fn gettext(tool: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("`{tool}` could not run ({e}): install GNU gettext (apt-get install gettext), as .ci/run does")
    })
}

#[test]
fn update_merges_exactly_as_msgmerge_does() {
    // The real sources and their complete translations, with one paragraph changed, one
    // added and one removed.
    let project = temp_dir("msgmerge");
    for part in ["sources", "layouts"] {
        copy_tree(&repo().join(part), &project.join(part));
    }
    copy_tree(&repo().join("fonts"), &project.join("fonts"));
    let edit = |file: &str, from: &str, to: &str| {
        let path = project.join("sources/content").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} no longer says {from:?}: pick another sentence");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("02-values.plain.md", "make their own choices.", "make their own decisions.");
    edit("02-values.plain.md", "You also choose how.", "You also choose how.\n\nA new paragraph, not translated yet.");
    let approach = project.join("sources/content/04-approach.plain.md");
    let text = std::fs::read_to_string(&approach).unwrap();
    let kept: Vec<&str> = text.split("\n\n").filter(|p| !p.starts_with("We listen to feedback")).collect();
    assert_eq!(kept.len() + 1, text.split("\n\n").count(), "one paragraph removed");
    std::fs::write(&approach, kept.join("\n\n")).unwrap();
    let before: Vec<(String, std::path::PathBuf)> = ["es", "zh-Hant", "fa"]
        .iter()
        .map(|lang| {
            let old = project.join(format!("{lang}.before.po"));
            std::fs::copy(project.join(format!("sources/translations/{lang}.po")), &old).unwrap();
            (lang.to_string(), old)
        })
        .collect();
    assert_eq!(imprint_in(&project, &["translate", "extract"]).code, 0);
    let run = imprint_in(&project, &["translate", "update"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("es.po: 421 translated, 1 fuzzy, 1 untranslated"), "{}", run.stdout);

    let pot = project.join("sources/translations/imprint.pot");
    for (lang, old) in before {
        let ours = project.join(format!("sources/translations/{lang}.po"));
        let theirs = project.join(format!("{lang}.msgmerge.po"));
        let args = ["--quiet", "--previous", "--no-wrap", "-o", theirs.to_str().unwrap()];
        let out = gettext("msgmerge", &[&args[..], &[old.to_str().unwrap(), pot.to_str().unwrap()]].concat());
        assert!(out.status.success(), "msgmerge: {}", String::from_utf8_lossy(&out.stderr));
        let (ours_text, theirs_text) =
            (std::fs::read_to_string(&ours).unwrap(), std::fs::read_to_string(&theirs).unwrap());
        assert!(ours_text == theirs_text, "{lang}.po differs from what msgmerge writes (see {})", theirs.display());
        let check = gettext("msgfmt", &["--check", "-o", "/dev/null", ours.to_str().unwrap()]);
        assert!(check.status.success(), "msgfmt --check {lang}.po: {}", String::from_utf8_lossy(&check.stderr));
    }
}

/// The messages the build looks up are exactly the template's: every lookup finds its key in
/// the template (under its own context or the standard edition's), and every message of the
/// template is looked up by some document, except the texts of images whose file has not
/// arrived yet (they are in the template so that translators can start on them).
fn lookups_match_the_template(project: &Path) {
    use std::collections::BTreeSet;
    let checked = imprint::check::check(project).unwrap();
    assert_eq!(checked.report.errors(), 0, "{:?}", checked.report.diagnostics);
    let source = &checked.sources.source_lang;
    let docs: Vec<&imprint::model::Document> =
        checked.jobs.iter().map(|j| &j.doc).filter(|d| &d.lang == source).collect();
    let template = imprint::i18n::template(&docs, &checked.sources, &checked.files);
    let in_template: BTreeSet<(String, String)> =
        template.entries.iter().map(|e| (e.msgctxt.clone().unwrap_or_default(), e.msgid.clone())).collect();
    let mut looked_up = BTreeSet::new();
    let lookups: Vec<_> = checked.jobs.iter().flat_map(|j| &j.lookups).collect();
    assert!(lookups.len() > 50, "only {} lookups: is a translated language built?", lookups.len());
    for l in lookups {
        let hit = l.contexts.iter().find(|c| in_template.contains(&((*c).clone(), l.msgid.clone())));
        let hit = hit
            .unwrap_or_else(|| panic!("the build looks up {:?} {:?}, which the template lacks", l.contexts, l.msgid));
        looked_up.insert((hit.clone(), l.msgid.clone()));
    }
    let placed: BTreeSet<String> = docs
        .iter()
        .flat_map(|d| &d.sections)
        .flat_map(|s| imprint::model::walk::figures(&s.blocks))
        .map(|f| f.id.clone())
        .collect();
    let waiting = |ctxt: &str| {
        ctxt.strip_prefix("image:").and_then(|r| r.split(['/', '.']).next()).is_some_and(|id| !placed.contains(id))
    };
    let never: Vec<_> = in_template.difference(&looked_up).filter(|(c, _)| !waiting(c)).collect();
    assert!(never.is_empty(), "the template has messages no build looks up: {never:#?}");
}

#[test]
fn the_build_looks_up_exactly_the_template_of_the_real_sources() {
    lookups_match_the_template(&crate::common::repo());
}

#[test]
fn the_build_looks_up_exactly_the_template_of_the_kitchen_sink() {
    lookups_match_the_template(&project(Some("valid/kitchen-sink")));
}

/// A project that builds Korean without any catalog of its own.
fn korean_without_a_catalog() -> std::path::PathBuf {
    let project = project(None);
    let config = project.join("sources/imprint.toml");
    let text =
        std::fs::read_to_string(&config).unwrap().replace("source = \"en\"", "source = \"en\"\nbuild = [\"ko\"]");
    std::fs::write(&config, text).unwrap();
    project
}

#[test]
fn interface_strings_come_built_in_for_any_project() {
    let project = korean_without_a_catalog();
    let out = temp_dir("ui-builtin-out");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = Html::parse_document(&std::fs::read_to_string(out.join("ko/leaflet-standard.html")).unwrap());
    let heading: String = page.select(&sel("#contents-title")).next().unwrap().text().collect();
    let builtin = po::parse(include_str!("../../src/ui/catalogs/ko.po")).unwrap();
    let korean = &builtin.find(Some("ui/contents"), "Contents").unwrap().msgstr;
    assert_eq!(&heading, korean, "the contents heading of a Korean page is imprint's Korean");
    // The content itself has no translation: it is English, tagged as English.
    assert!(page.select(&sel("main [lang=en]")).next().is_some());
}

#[test]
fn translate_update_starts_a_catalog_with_the_built_in_interface_strings() {
    let project = korean_without_a_catalog();
    let run = imprint_in(&project, &["translate", "update"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let catalog = read_po(&project, "ko");
    let contents = catalog.find(Some("ui/contents"), "Contents").unwrap();
    assert!(contents.translated() && !contents.msgstr.is_empty());
    // Content messages are left for the translator.
    assert!(catalog.find(Some("intro/title"), "Introduction").is_some_and(|e| e.msgstr.is_empty()));
}

#[test]
fn right_to_left_translations_isolate_left_to_right_runs_and_warn_when_an_edge_is_ambiguous() {
    let project = project(Some("valid/translated"));
    assert_eq!(imprint_in(&project, &["translate", "update"]).code, 0);
    let mut fa = read_po(&project, "fa");
    for e in &mut fa.entries {
        e.msgstr = match e.msgctxt.as_deref() {
            Some("intro/heading") => "افراد LGBTQIA+ و برنامهٔ \"Open Door\" اینجا".into(),
            _ => format!("ف {}", e.msgid),
        };
    }
    write_po(&project, "fa", &fa);
    let out = temp_dir("bidi-out");
    let run =
        imprint_in(&project, &["build", "--output", out.to_str().unwrap(), "--message-format", "short", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The quoted name may take its quotes with it or not: the author is asked to mark it.
    assert!(run.stderr.contains("has the left-to-right run `\"Open Door\"` in right-to-left text"), "{}", run.stderr);
    assert!(run.stderr.contains("sources/translations/fa.po:"), "the warning points at the catalog: {}", run.stderr);
    // LGBTQIA+ keeps its plus sign on its own side, in the web page and in the PDF's text.
    let page = std::fs::read_to_string(out.join("fa/leaflet-standard.html")).unwrap();
    assert!(page.contains("\u{2068}LGBTQIA+\u{2069}"), "LGBTQIA+ is isolated in the web page");
    let epub = std::fs::read(out.join("fa/leaflet-standard.epub")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(epub)).unwrap();
    let mut intro = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("EPUB/intro.xhtml").unwrap(), &mut intro).unwrap();
    assert!(intro.contains("\u{2068}LGBTQIA+\u{2069}"), "LGBTQIA+ is isolated in the EPUB");
}
