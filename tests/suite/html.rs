//! The web edition: built from the real sources and from fixtures, parsed, and checked for
//! what assistive technology relies on.

use std::collections::BTreeSet;
use std::path::Path;

use imprint::render::html::CSS_CLASSES;
use scraper::{ElementRef, Html, Selector};

use crate::common::*;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn build(project: &Path) -> std::path::PathBuf {
    let out = temp_dir("out");
    let run = imprint_in(project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_web_pages_fit_and_show_every_character(&out);
    out
}

/// The largest a web page may be with the fonts and images it loads: a phone on a slow
/// connection still opens it.
const PAGE_BUDGET: u64 = 500_000;

/// The files a page's stylesheet loads (its `@font-face` sources), as paths in `out`.
fn font_urls(out: &Path, page_path: &Path, doc: &Html) -> Vec<std::path::PathBuf> {
    let css: String = doc.select(&sel("style")).flat_map(|s| s.text()).collect();
    let dir = page_path.parent().unwrap();
    let urls = css.split("url(\"").skip(1).map(|rest| rest.split('"').next().unwrap());
    urls.map(|url| {
        let path = dir.join(url).components().fold(std::path::PathBuf::new(), |mut p, c| {
            if c == std::path::Component::ParentDir {
                p.pop();
            } else {
                p.push(c);
            }
            p
        });
        assert!(path.starts_with(out), "{url} leaves the output folder");
        path
    })
    .collect()
}

/// Characters no font draws: spaces, and the invisible controls of Unicode (joiners, bidi
/// isolates, soft hyphens).
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}')
}

fn first_face(bytes: Vec<u8>) -> typst::text::Font {
    typst::text::Font::iter(typst::foundations::Bytes::new(bytes)).next().expect("a font Typst can read")
}

/// Every web page in `out`: with the fonts and images it loads, it stays under
/// [`PAGE_BUDGET`]; each font it loads is a subset beside the page's other fonts (never the
/// whole file of fonts/), with its licence; and every character of its text that a whole font
/// draws, the page's subset of that font draws too, so no reader sees a missing glyph.
fn assert_web_pages_fit_and_show_every_character(out: &Path) {
    let pages =
        std::fs::read_dir(out).unwrap().flat_map(|lang| std::fs::read_dir(lang.unwrap().path()).into_iter().flatten());
    let pages: Vec<_> =
        pages.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    // The accessibility reports are for coordinators, set in the reader's system fonts.
    let pages: Vec<_> = pages.into_iter().filter(|p| !p.to_string_lossy().ends_with("-accessibility.html")).collect();
    assert!(!pages.is_empty(), "no web page in {}", out.display());
    for page_path in pages {
        let doc = Html::parse_document(&std::fs::read_to_string(&page_path).unwrap());
        let fonts = font_urls(out, &page_path, &doc);
        assert!(!fonts.is_empty(), "{} declares no font", page_path.display());
        let img = sel("img[src]");
        let images = doc.select(&img).map(|i| page_path.parent().unwrap().join(i.attr("src").unwrap()));
        let size: u64 = std::iter::once(page_path.clone())
            .chain(fonts.iter().cloned())
            .chain(images)
            .map(|p| std::fs::metadata(&p).unwrap().len())
            .sum();
        assert!(size < PAGE_BUDGET, "{} weighs {size} bytes with its fonts and images", page_path.display());

        let mut text: String = doc.root_element().text().collect();
        for e in doc.select(&sel("[alt], [aria-label], [title]")) {
            for name in ["alt", "aria-label", "title"] {
                text.extend(e.attr(name));
            }
        }
        let chars: BTreeSet<char> = text.chars().filter(|&c| !invisible(c)).collect();
        let stem = page_path.file_stem().unwrap();
        for font in &fonts {
            let name = font.file_name().unwrap();
            // The page's own fonts, or those of the menu of languages, shared by every page and
            // cut to the characters of the languages' names.
            let folder = font.parent().unwrap();
            let shared = folder.ends_with(imprint::render::html::LANGUAGE_NAME_FONTS);
            assert!(folder.file_name() == Some(stem) || shared, "{} is not the page's own", font.display());
            let whole_bytes = std::fs::read(repo().join("fonts").join(name)).unwrap();
            let subset_bytes = std::fs::read(font).unwrap();
            // A page uses a small part of a large font; a small complex-script font (Khmer,
            // 106 KB) keeps many of its conjunct glyphs, but is still cut.
            let limit = if whole_bytes.len() > 1_000_000 { whole_bytes.len() / 2 } else { whole_bytes.len() };
            assert!(subset_bytes.len() < limit, "{} is not cut", font.display());
            let (whole, subset) = (first_face(whole_bytes), first_face(subset_bytes));
            let names: BTreeSet<char> = doc
                .select(&sel(".languages a[lang]"))
                .flat_map(|a| a.text().flat_map(str::chars).collect::<Vec<_>>())
                .collect();
            let chars = if shared { &names } else { &chars };
            let lost: String = chars
                .iter()
                .filter(|&&c| {
                    whole.info().coverage.contains(u32::from(c)) && !subset.info().coverage.contains(u32::from(c))
                })
                .collect();
            assert!(lost.is_empty(), "{} lost {lost:?} of {}", font.display(), page_path.display());
            let licence = std::fs::read_dir(font.parent().unwrap())
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().starts_with("OFL-"));
            assert!(licence, "no licence beside {}", font.display());
        }
        let faces: Vec<_> = fonts.iter().map(|f| first_face(std::fs::read(f).unwrap())).collect();
        let uncovered: String =
            chars.iter().filter(|&&c| faces.iter().all(|f| !f.info().coverage.contains(u32::from(c)))).collect();
        assert!(uncovered.is_empty(), "no font of {} draws {uncovered:?}", page_path.display());
    }
}

fn page(out: &Path, rel: &str) -> Html {
    Html::parse_document(&std::fs::read_to_string(out.join(rel)).unwrap())
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks every web edition must pass, whatever its content.
fn assert_accessible_page(doc: &Html) {
    let html = doc.select(&sel("html")).next().unwrap();
    assert_eq!(html.attr("lang"), Some("en"));
    assert_eq!(html.attr("dir"), Some("ltr"));
    assert!(!text(doc.select(&sel("head > title")).next().unwrap()).is_empty());
    for landmark in ["header", "nav.contents", "main#main", "footer"] {
        assert_eq!(doc.select(&sel(landmark)).count(), 1, "one {landmark}");
    }
    // Every navigation region is named by its heading.
    for nav in doc.select(&sel("nav")) {
        let label = nav.attr("aria-labelledby").expect("a named navigation region");
        assert_eq!(doc.select(&sel(&format!("#{label}"))).count(), 1, "the heading that names nav#{label}");
    }
    // The skip link comes first and points at main.
    let first_link = doc.select(&sel("body a")).next().unwrap();
    assert_eq!(first_link.attr("href"), Some("#main"));
    assert_eq!(doc.select(&sel("h1")).count(), 1);
    // Headings never skip a level going down.
    let mut last = 0;
    for h in doc.select(&sel("h1, h2, h3, h4, h5, h6")) {
        let level: u32 = h.value().name()[1..].parse().unwrap();
        assert!(level <= last + 1, "heading {} after h{last}: {}", h.value().name(), text(h));
        assert!(!text(h).is_empty());
        last = level;
    }
    // Ids are unique and every internal link lands on one.
    let mut ids = BTreeSet::new();
    for e in doc.select(&sel("[id]")) {
        assert!(ids.insert(e.attr("id").unwrap().to_string()), "duplicate id {:?}", e.attr("id"));
    }
    for a in doc.select(&sel("a[href^='#']")) {
        let target = &a.attr("href").unwrap()[1..];
        assert!(ids.contains(target), "link to missing #{target}");
    }
    assert_eq!(doc.select(&sel("script")).count(), 0);
    for img in doc.select(&sel("img")) {
        assert!(img.attr("alt").is_some(), "img without alt");
        assert!(img.attr("width").is_some() && img.attr("height").is_some());
    }
    // Every chart has a text alternative and a data table with header cells.
    for chart in doc.select(&sel(".chart")) {
        let bars = chart.select(&sel("[role=img]")).next().expect("chart drawing");
        assert!(bars.attr("aria-label").is_some_and(|l| l.len() > 10));
        let table = chart.select(&sel("table")).next().expect("data table");
        assert!(table.select(&sel("caption")).next().is_some());
        assert_eq!(table.select(&sel("thead th[scope=col]")).count(), 2);
        let rows = table.select(&sel("tbody tr")).count();
        assert_eq!(rows, chart.select(&sel(".bar-row")).count());
        assert_eq!(table.select(&sel("tbody th[scope=row]")).count(), rows);
    }
}

#[test]
fn real_web_edition_is_accessible_and_complete() {
    let out = build(&repo());
    let doc = page(&out, "en/about-cast-standard.html");
    assert_accessible_page(&doc);
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), "Advancing a Human Rights Approach to Human Trafficking");
    let sections: Vec<String> = doc.select(&sel("main section > h2")).map(text).collect();
    assert_eq!(sections, ["Our Mission", "Our Values", "Who We Serve", "Our Approach", "Our Story"]);
    let nav: Vec<String> = doc.select(&sel("nav.contents a")).map(text).collect();
    assert_eq!(nav, sections);

    // The statistics: alt text generated from the data; "<1%" stays "less than 1%".
    let labels: Vec<&str> = doc.select(&sel(".chart [role=img]")).filter_map(|e| e.attr("aria-label")).collect();
    assert_eq!(labels.len(), 3);
    assert_eq!(
        labels[0],
        "Type of Trafficking. Survivors served in FY2024 who reported their information: \
         Sex 73%, Labor 18%, Both sex and labor 9%."
    );
    assert!(labels[2].ends_with("Native American or Alaska Native less than 1%."), "{}", labels[2]);
    let cells: Vec<String> = doc.select(&sel("#ethnicity-race tbody td")).map(text).collect();
    assert_eq!(cells, ["7%", "21%", "7%", "34%", "6%", "<1%"]);
    // The rounding note comes only where the shares do not add up to 100.
    let notes: Vec<String> = doc.select(&sel(".chart-note")).map(text).collect();
    assert_eq!(
        notes,
        [
            "Due to rounding, categories may add up to slightly above or below 100%.",
            "The categories listed add up to between 75% and 76%; the rest are not broken down here."
        ]
    );
    assert!(doc.select(&sel("#type-of-trafficking .chart-note")).next().is_none());

    // The timeline is an ordered list of the eight events, oldest first.
    let years: Vec<String> = doc.select(&sel("ol.timeline > li .year")).map(text).collect();
    assert_eq!(years, ["1995", "1998", "2000", "2002", "2003", "2010", "2014", "2019"]);
    // Photos without files are left out.
    assert_eq!(doc.select(&sel("img")).count(), 0);
}

#[test]
fn images_are_embedded_with_alt_caption_and_credit() {
    let out = build(&project(Some("valid/with-image")));
    let doc = page(&out, "en/leaflet-standard.html");
    assert_accessible_page(&doc);
    let imgs: Vec<_> = doc.select(&sel("img")).collect();
    assert_eq!(imgs.len(), 3, "two figures and the timeline's image");
    assert_eq!(imgs[0].attr("alt"), Some("A purple rectangle."));
    assert_eq!(imgs[0].attr("src"), Some("images/square.png"));
    assert_eq!((imgs[0].attr("width"), imgs[0].attr("height")), (Some("40"), Some("30")));
    assert_eq!(imgs[1].attr("alt"), Some(""), "decorative images have empty alt");
    let caption = text(doc.select(&sel("#square figcaption")).next().unwrap());
    assert_eq!(caption, "A test picture. Photo: imprint tests");
    let copied = std::fs::read(out.join("en/images/square.png")).unwrap();
    let original = std::fs::read(fixtures().join("valid/with-image/sources/images/square.png")).unwrap();
    assert_eq!(copied, original);
}

#[test]
fn passages_in_other_languages_are_tagged() {
    let out = build(&project(None));
    let doc = page(&out, "en/leaflet-standard.html");
    assert_accessible_page(&doc);
    let es = doc.select(&sel("span[lang=es]")).next().expect("inline Spanish");
    assert_eq!(text(es), "hola, amigos");
    let fa = doc.select(&sel("div[lang=fa]")).next().expect("Persian block");
    assert_eq!(fa.attr("dir"), Some("rtl"));
    assert_eq!(text(fa), "یک پاراگراف به فارسی.");
    // "<1" is a share less than 1%, drawn as a sliver, written "<1%".
    let values: Vec<String> = doc.select(&sel("#shares .bar-value")).map(text).collect();
    assert_eq!(values, ["60%", "38.5%", "<1%"]);
}

#[test]
fn two_builds_give_identical_bytes() {
    let project = project(Some("valid/with-image"));
    let a = build(&project);
    let b = build(&project);
    for rel in ["en/leaflet-standard.html", "en/images/square.png", "fonts/en/leaflet-standard/NotoSans-Regular.ttf"] {
        assert_eq!(std::fs::read(a.join(rel)).unwrap(), std::fs::read(b.join(rel)).unwrap(), "{rel}");
    }
}

#[test]
fn web_font_subsets_are_reproducible_in_every_language() {
    // The real sources: CJK (CFF outlines), Farsi (Arabic shaping) and Latin pages.
    let (a, b) = (build(&repo()), build(&repo()));
    let fonts = |out: &Path| {
        let mut files = Vec::new();
        let mut dirs = vec![out.join("fonts")];
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() { dirs.push(path) } else { files.push(path.strip_prefix(out).unwrap().to_path_buf()) }
            }
        }
        files.sort();
        files
    };
    let files = fonts(&a);
    assert_eq!(files, fonts(&b));
    assert!(
        files
            .iter()
            .any(|f| f.to_string_lossy().ends_with("zh-Hant/about-cast-standard/NotoSansCJKtc-Regular-subset.otf"))
    );
    for rel in files {
        assert!(
            std::fs::read(a.join(&rel)).unwrap() == std::fs::read(b.join(&rel)).unwrap(),
            "{} differs",
            rel.display()
        );
    }
}

#[test]
fn every_block_and_inline_variant_is_rendered() {
    let out = build(&project(None));
    let doc = page(&out, "en/leaflet-standard.html");
    for (selector, what) in [
        ("section#intro > p > strong", "strong"),
        ("section#intro > p > em", "emphasis"),
        ("section#intro > p > code", "code"),
        ("section#intro > p > br", "line break"),
        ("section#intro > p > a[href='https://example.org']", "external link"),
        ("section#intro > p > a[href='#facts']", "internal link"),
        ("section#intro > h3#a-subsection", "heading"),
        ("section#intro > ul > li", "bulleted list"),
        ("section#intro > ol > li", "numbered list"),
        ("section#intro > blockquote > p", "quote"),
        ("section#intro table thead th[scope=col]", "table header"),
        ("section#intro table tbody th[scope=row]", "table row header"),
        ("section#intro > hr", "rule"),
        ("section#intro > div[lang=fa] > p", "passage in another language"),
        ("section#intro span[lang=es]", "phrase in another language"),
        ("section#facts .chart", "chart"),
        ("section#facts ol.timeline", "timeline"),
    ] {
        assert!(doc.select(&sel(selector)).next().is_some(), "{what} ({selector}) missing");
    }
}

#[test]
fn hostile_content_comes_out_as_literal_text() {
    let out = build(&project(Some("valid/hostile")));
    let html = std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap();
    let doc = Html::parse_document(&html);
    assert_eq!(doc.select(&sel("script")).count(), 0, "no script element");
    for e in doc.select(&sel("*")) {
        for (name, value) in e.value().attrs() {
            assert!(!name.starts_with("on"), "event handler attribute {name}={value}");
            if name == "href" {
                // Web addresses, anchors, and links to the publication's other files and its
                // accessibility report.
                let report = value == "leaflet-standard-accessibility.html";
                let relative = !value.contains(':')
                    && (value.ends_with(".html") || value.ends_with(".pdf") || value.ends_with(".epub"));
                assert!(value.starts_with("https://") || value.starts_with('#') || relative || report, "href {value}");
            }
        }
    }
    let title = r#"</title><script>alert(1)</script> #read("/etc/passwd")"#;
    assert_eq!(
        text(doc.select(&sel("head > title")).next().unwrap()),
        format!("{title} | <script>alert('org')</script> & Co")
    );
    assert_eq!(text(doc.select(&sel("h1")).next().unwrap()), title);
    let description = doc.select(&sel("meta[name=description]")).next().unwrap();
    assert_eq!(description.attr("content"), Some("\" onload=\"alert(2)"));
    assert_eq!(
        text(doc.select(&sel("#intro-title")).next().unwrap()),
        "<img src=x onerror=alert(3)> $x^2$ #set page(width: 1pt)"
    );
    let para = text(doc.select(&sel("section#intro > p")).next().unwrap());
    assert_eq!(
        para,
        r#"Literal: <script>alert(4)</script> & <b> ]]> <code> #read("/etc/passwd") // /* \ ~ @ref <label>"#
    );
    let img = doc.select(&sel("img")).next().unwrap();
    assert_eq!(img.attr("alt"), Some("\" onerror=\"alert(6)"));
    assert_eq!(
        text(doc.select(&sel("figcaption")).next().unwrap()),
        "<script>alert(7)</script> Photo: </figcaption><script>alert(8)</script>"
    );
    let labels: Vec<String> = doc.select(&sel(".bar-label")).map(text).collect();
    assert_eq!(labels, ["<script>alert(9)</script>", "'; DROP TABLE"]);
    assert_eq!(text(doc.select(&sel(".timeline p")).next().unwrap()), "]]> </li></ol><script>alert(10)</script>");
}

/// Whether `class` is written by a built-in template: it is in a template's `class="..."`,
/// or it starts with a token made with a variable (`digits-{{ page.digits }}`).
fn in_a_template(class: &str) -> bool {
    imprint::layouts::Layouts::builtin().iter().filter(|(name, _)| name.ends_with("html")).any(|(_, file)| {
        file.text.split("class=\"").skip(1).any(|attr| {
            attr.split('"').next().unwrap_or("").split_whitespace().any(|token| match token.split_once("{{") {
                Some((prefix, _)) => !prefix.is_empty() && class.starts_with(prefix),
                None => token == class,
            })
        })
    })
}

/// The classes of one built output: `(written by the body writer, anywhere in the file)`.
/// The body writer's part is what is inside the web page's `main > .wrap`, and inside `main`
/// of the EPUB's section documents (the title, about and navigation pages are templates).
fn classes_of_build(out: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut body, mut all) = (BTreeSet::new(), BTreeSet::new());
    let mut files = Vec::new();
    let mut dirs = vec![out.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() { dirs.push(path) } else { files.push(path) }
        }
    }
    let tokens = |value: &str| value.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    for path in files {
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                let doc = page(out, path.strip_prefix(out).unwrap().to_str().unwrap());
                for e in doc.select(&sel("[class]")) {
                    all.extend(tokens(e.attr("class").unwrap()));
                }
                // The downloads site's pages are templates through and through.
                if path.file_name().is_some_and(|n| n != "index.html") {
                    for e in doc.select(&sel("main#main > .wrap [class]")) {
                        body.extend(tokens(e.attr("class").unwrap()));
                    }
                }
            }
            Some("epub") => {
                let bytes = std::fs::read(&path).unwrap();
                let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
                let names: Vec<String> =
                    zip.file_names().filter(|n| n.ends_with(".xhtml")).map(str::to_string).collect();
                for name in names {
                    let mut text = String::new();
                    std::io::Read::read_to_string(&mut zip.by_name(&name).unwrap(), &mut text).unwrap();
                    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
                    let doc = roxmltree::Document::parse_with_options(&text, options).unwrap();
                    let template = ["EPUB/nav.xhtml", "EPUB/title.xhtml", "EPUB/about.xhtml"].contains(&name.as_str());
                    for n in doc.descendants().filter(|n| n.attribute("class").is_some()) {
                        let classes = tokens(n.attribute("class").unwrap());
                        if !template && n.ancestors().skip(1).any(|a| a.has_tag_name("main")) {
                            body.extend(classes.iter().cloned());
                        }
                        all.extend(classes);
                    }
                }
            }
            _ => {}
        }
    }
    (body, all)
}

#[test]
fn every_css_class_in_the_output_is_declared() {
    let declared: BTreeSet<&str> = CSS_CLASSES.iter().map(|(class, _)| *class).collect();
    assert_eq!(declared.len(), CSS_CLASSES.len(), "a class is declared twice");
    assert!(CSS_CLASSES.iter().all(|(_, what)| !what.is_empty()));
    let mut emitted = BTreeSet::new();
    // Between them these fixtures hold every block the body writer styles: a fallback
    // section (plain), a photo with a credit (with-image), tables, charts and a timeline.
    for fixture in [None, Some("valid/plain"), Some("valid/with-image")] {
        let (body, all) = classes_of_build(&build(&project(fixture)));
        for class in &body {
            assert!(declared.contains(class.as_str()), "{fixture:?}: the body has class `{class}`, not in CSS_CLASSES");
        }
        for class in &all {
            assert!(
                declared.contains(class.as_str()) || in_a_template(class),
                "{fixture:?}: class `{class}` is neither in CSS_CLASSES nor in a built-in template"
            );
        }
        emitted.extend(body);
    }
    for class in declared {
        assert!(emitted.contains(class), "CSS_CLASSES has `{class}`, which no fixture's body has");
    }
}
