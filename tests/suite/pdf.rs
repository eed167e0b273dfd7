//! The tagged PDF brochure, read back: catalog facts, the structure tree (snapshotted), text,
//! and the errors of layouts, of the sandbox and of content that no font can show.

use std::path::{Path, PathBuf};

use imprint::render::BuildInfo;

use crate::common::*;
use crate::disk_world::{DiskWorld, typst_alone};
use crate::pdfread::Pdf;

fn build_pdf(project: &Path, rel: &str) -> (Pdf, PathBuf) {
    let out = temp_dir("pdf");
    let run = imprint_in(project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = out.join(rel);
    (Pdf::open(&path), path)
}

/// Facts every tagged brochure must have.
fn assert_tagged(pdf: &Pdf, title: &str, author: &str) {
    let mark = pdf.catalog_dict(b"MarkInfo").expect("MarkInfo");
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());
    let prefs = pdf.catalog_dict(b"ViewerPreferences").expect("ViewerPreferences");
    assert!(prefs.get(b"DisplayDocTitle").unwrap().as_bool().unwrap());
    assert_eq!(pdf.text_string(pdf.catalog().get(b"Lang").unwrap()).as_deref(), Some("en"));
    let xmp = pdf.xmp();
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>") || xmp.contains("pdfuaid:part=\"1\""), "{xmp}");
    let escaped = title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    assert!(xmp.contains(&escaped), "title {title:?} in XMP");
    assert!(xmp.contains(author), "author in XMP");
    assert!(xmp.contains("<dc:description>"), "description in XMP");
    assert!(pdf.catalog_dict(b"Outlines").is_some(), "bookmarks");
    assert!(pdf.page_sizes().iter().all(|&(w, h)| (w - 612.0).abs() < 0.5 && (h - 792.0).abs() < 0.5), "US Letter");

    let tree = pdf.tag_tree();
    let types: Vec<&str> = tree.lines().map(|l| l.split_whitespace().next().unwrap()).collect();
    let levels: Vec<u32> = types.iter().filter_map(|t| t.strip_prefix('H')?.parse().ok()).collect();
    assert_eq!(levels.first(), Some(&1), "first heading is H1");
    for pair in levels.windows(2) {
        assert!(pair[1] <= pair[0] + 1, "heading skip H{} -> H{}", pair[0], pair[1]);
    }
    for line in tree.lines().filter(|l| l.trim_start().starts_with("Figure")) {
        assert!(line.contains("alt=\""), "Figure without Alt: {line}");
    }
    let tables = types.iter().filter(|t| **t == "Table").count();
    assert!(types.iter().filter(|t| **t == "TH").count() >= tables * 2, "tables have header cells");
}

#[test]
fn real_brochure_is_tagged_pdf_ua() {
    let (pdf, _) = build_pdf(&repo(), "en/about-cast-standard.pdf");
    assert_tagged(&pdf, "Advancing a Human Rights Approach to Human Trafficking", "Cast");
    let xmp = pdf.xmp();
    assert!(xmp.contains("human trafficking, labor trafficking"), "keywords in XMP");
    let tree = pdf.tag_tree();
    assert!(tree.contains(
        "Figure alt=\"Type of Trafficking. Survivors served in FY2024 who reported their information: \
         Sex 73%, Labor 18%, Both sex and labor 9%.\""
    ));
    assert!(tree.contains("Native American or Alaska Native less than 1%."));
    let headings: Vec<&str> = tree.lines().filter(|l| l.trim_start().starts_with('H')).collect();
    assert!(headings.len() >= 20);
    let text = pdf.text();
    for expected in [
        "Ending human trafficking through education, advocacy and empowering survivors.",
        "To date, we’ve served survivors from 91 countries.",
        "Due to rounding, categories may add up to slightly above or below 100%.",
        "Lost Income Bill Passed",
        "<1%",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the PDF text");
    }
    assert_snapshot(&repo().join("tests/snapshots/tags-about-cast.txt"), &tree);
}

#[test]
fn passages_in_other_languages_carry_their_language() {
    let (pdf, _) = build_pdf(&project(None), "en/leaflet-standard.pdf");
    assert_tagged(&pdf, "A Leaflet", "Example");
    let tree = pdf.tag_tree();
    assert!(tree.contains("P lang=\"fa\""), "{tree}");
    // Inline passages are marked content with their own /Lang in the page content.
    let contents: String =
        pdf.doc.get_pages().values().flat_map(|id| pdf.doc.get_page_content(*id)).map(char::from).collect();
    assert!(contents.contains("/Lang(es)") || contents.contains("/Lang (es)"), "es span: {contents}");
    assert_snapshot(&repo().join("tests/snapshots/tags-base.txt"), &tree);
}

#[test]
fn hostile_content_is_literal_text_in_the_pdf() {
    let (pdf, _) = build_pdf(&project(Some("valid/hostile")), "en/leaflet-standard.pdf");
    let text: String = pdf.text().chars().filter(|c| !c.is_whitespace()).collect();
    for literal in [
        r#"</title><script>alert(1)</script>#read("/etc/passwd")"#,
        "<imgsrc=xonerror=alert(3)>$x^2$#setpage(width:1pt)",
        r#"Literal:<script>alert(4)</script>&<b>]]><code>#read("/etc/passwd")///*\~@ref<label>"#,
        "<h1>Big</h1>",
        "]]></li></ol><script>alert(10)</script>",
    ] {
        assert!(text.contains(literal), "{literal:?} not found in {text}");
    }
    // `#set page(width: 1pt)` in a title did not run.
    assert!(pdf.page_sizes().iter().all(|&(w, _)| (w - 612.0).abs() < 0.5));
    assert!(pdf.tag_tree().contains("alt=\"\\\" onerror=\\\"alert(6)\""));
}

#[test]
fn same_sources_same_bytes_and_source_date_epoch_sets_the_date() {
    let project = project(Some("valid/with-image"));
    let (a, b, c) = (temp_dir("a"), temp_dir("b"), temp_dir("c"));
    let plain = BuildInfo::default();
    let dated = BuildInfo { timestamp: Some(1_700_000_000) };
    imprint::build::build(&project, &a, plain).unwrap();
    imprint::build::build(&project, &b, plain).unwrap();
    imprint::build::build(&project, &c, dated).unwrap();
    let rel = "en/leaflet-standard.pdf";
    let bytes = std::fs::read(a.join(rel)).unwrap();
    assert_eq!(bytes, std::fs::read(b.join(rel)).unwrap());
    assert!(!Pdf::open(&a.join(rel)).xmp().contains("CreateDate"));
    assert!(Pdf::open(&c.join(rel)).xmp().contains("2023-11-14T22:13:20"));
    // The figure's image is embedded and tagged with its alt text.
    assert!(Pdf::open(&a.join(rel)).tag_tree().contains("Figure alt=\"A purple rectangle.\""));
}

#[test]
fn build_errors_name_the_layout_or_the_content_line() {
    let dir = fixtures().join("build-errors");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut failures = Vec::new();
    for name in &names {
        let project = project(Some(&format!("build-errors/{name}")));
        patch_layout(&project);
        let out = project.join("output");
        let run = imprint_in(&project, &["build", "--message-format", "short"]);
        if run.code != 1 {
            failures.push(format!("{name}: exit {}\n{}", run.code, run.stderr));
            continue;
        }
        assert!(!out.exists(), "{name}: a failed build wrote output");
        let rich = imprint_in(&project, &["build"]);
        let snapshot = format!("{}\n{}", run.stderr, rich.stderr).replace(project.to_str().unwrap(), "<project>");
        if std::panic::catch_unwind(|| assert_snapshot(&dir.join(name).join("expected.txt"), &snapshot)).is_err() {
            failures.push(format!("{name}: snapshot differs"));
        }
    }
    assert!(names.len() >= 4);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A build-errors fixture project with its layout patched.
pub fn patched(project: std::path::PathBuf) -> std::path::PathBuf {
    patch_layout(&project);
    project
}

/// Makes a broken copy of a built-in layout from a fixture's `layouts/insert.typ` (lines added
/// after the brochure's `set par(` line), `layouts/insert-large-print.typ` (the same in the
/// large-print layout), `layouts/prepend.typ` (added at the top of the brochure) or
/// `layouts/replace.txt` (its first line replaced by its second in the brochure), so that
/// the fixture breaks the current layout, not an old copy of it.
fn patch_layout(project: &Path) {
    let layouts = project.join("layouts");
    if let Ok(insert) = std::fs::read_to_string(layouts.join("insert-large-print.typ")) {
        let builtin = std::fs::read_to_string(repo().join("layouts/large-print.typ")).unwrap();
        let at = builtin.find("  set par(").expect("marker line");
        let at = at + builtin[at..].find('\n').unwrap() + 1;
        std::fs::write(layouts.join("large-print.typ"), format!("{}{insert}{}", &builtin[..at], &builtin[at..]))
            .unwrap();
        return;
    }
    let builtin = std::fs::read_to_string(repo().join("layouts/brochure.typ")).unwrap();
    let patched = if let Ok(insert) = std::fs::read_to_string(layouts.join("insert.typ")) {
        let at = builtin.find("  set par(").expect("marker line");
        let at = at + builtin[at..].find('\n').unwrap() + 1;
        format!("{}{insert}{}", &builtin[..at], &builtin[at..])
    } else if let Ok(prepend) = std::fs::read_to_string(layouts.join("prepend.typ")) {
        format!("{prepend}{builtin}")
    } else if let Ok(replace) = std::fs::read_to_string(layouts.join("replace.txt")) {
        let (from, to) = replace.trim_end().split_once('\n').expect("replace.txt: two lines");
        assert!(builtin.contains(from), "replace.txt: `{from}` is not in the brochure");
        std::fs::remove_file(layouts.join("replace.txt")).unwrap();
        builtin.replace(from, to)
    } else {
        return;
    };
    std::fs::write(layouts.join("brochure.typ"), patched).unwrap();
}

#[test]
fn large_print_is_tagged_and_measured() {
    let (pdf, _) = build_pdf(&repo(), "en/about-cast-standard-large-print.pdf");
    assert_tagged(&pdf, "Advancing a Human Rights Approach to Human Trafficking", "Cast");
    let fonts: Vec<String> = pdf
        .doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").ok().map(crate::pdfread::Pdf::name).as_deref() == Some("FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").ok().map(crate::pdfread::Pdf::name))
        .collect();
    assert!(fonts.iter().any(|f| f.contains("AtkinsonHyperlegible")), "{fonts:?}");
    // The plain-language edition has its large-print edition too, in every language.
    let out = temp_dir("lp");
    let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for lang in ["en", "es", "zh-Hant", "fa"] {
        for edition in ["standard", "plain"] {
            assert!(out.join(format!("{lang}/about-cast-{edition}-large-print.pdf")).is_file(), "{lang} {edition}");
        }
    }
}

#[test]
fn emitted_typst_compiles_with_typst_alone_to_the_same_pdf() {
    let project = project(Some("valid/with-image"));
    let out = temp_dir("emit-typst");
    let run = imprint_in(&project, &["build", "--emit", "typst", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("typst compile --root"), "{}", run.stdout);
    assert!(!out.join("en/leaflet-standard.pdf").exists(), "--emit writes only the Typst projects");
    let root = out.join("typst");
    let main = Path::new("en/leaflet-standard.typ");
    let text = std::fs::read_to_string(root.join(main)).unwrap();
    assert!(text.contains("/sources/images/"), "the fixture's image is referenced:\n{text}");

    // Typst alone, reading only the emitted folder, makes the very PDF the build makes, once
    // imprint's one step between layout and export (rejoining the runs of text that Typst
    // split, here in the fixture's Farsi passage) is applied to its layout.
    let fonts = imprint::fonts::FontSet::load(&repo().join("fonts")).unwrap();
    let library = typst::utils::LazyHash::new(imprint::render::pdf::typst_library());
    let world = DiskWorld::new(&root, main, &fonts, &library);
    let document =
        typst::compile::<typst_layout::PagedDocument>(&world).output.expect("Typst compiles the emitted source");
    let document = imprint::render::pdf::runs::rejoin_split_runs(document);
    let options = typst_pdf::PdfOptions {
        ident: typst::foundations::Smart::Custom("imprint/en/leaflet/standard/pdf".into()),
        creator: typst::foundations::Smart::Custom(Some("imprint".into())),
        standards: typst_pdf::PdfStandards::new(&[typst_pdf::PdfStandard::Ua_1]).unwrap(),
        tagged: true,
        ..typst_pdf::PdfOptions::default()
    };
    let alone = typst_pdf::pdf(&document, &options).expect("Typst exports the PDF");
    let (_, built) = build_pdf(&project, "en/leaflet-standard.pdf");
    let built = std::fs::read(built).unwrap();
    assert!(alone == built, "Typst alone made a different PDF from the emitted source");
    // A canary for that step: the day Typst stops splitting runs, this fails and the step
    // (src/render/pdf/runs.rs) can go.
    assert!(
        typst_alone(&world, "imprint/en/leaflet/standard/pdf") != built,
        "Typst alone no longer splits runs of text at vertical offsets: remove render::pdf::runs"
    );
}

#[test]
fn a_nested_list_is_tagged_inside_the_item_it_belongs_to() {
    let project = project(None);
    let intro = project.join("sources/content/intro.md");
    let text = std::fs::read_to_string(&intro).unwrap().replace(
        "- one\n- two\n",
        "- one\n  - one point one\n  - one point two\n- two\n  1. two point one\n\n  more about two\n- three\n",
    );
    std::fs::write(&intro, text).unwrap();
    for rel in ["en/leaflet-standard.pdf"] {
        let (pdf, _) = build_pdf(&project, rel);
        let tree = pdf.tag_tree();
        // Three lists: the outer one, and one inside each of two items, in that item's body
        // (PDF/UA: an `L` inside the `LBody` of its `LI`), as the web page nests `ul` in `li`.
        let parents = Pdf::parents_of(&tree, "L");
        let nested: Vec<&String> = parents.iter().filter(|p| *p == "LBody").collect();
        assert!(nested.len() >= 2, "nested lists inside LBody: {parents:?}\n{tree}");
        assert!(!parents.iter().any(|p| p == "L"), "no list beside the items: {parents:?}\n{tree}");
        // The items keep their text: the sub-items, and the paragraph after a sub-list.
        let text = pdf.text();
        for words in ["one point one", "two point one", "more about two", "three"] {
            assert!(text.contains(words), "{words:?} in {text}");
        }
    }
}
