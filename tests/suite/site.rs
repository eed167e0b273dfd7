//! The downloads site and the OPDS catalog, made from the real sources: every link resolves
//! to a file that was built, every file is listed with its true size, checksum and page count,
//! the catalog passes the official OPDS 2.0 and Readium schemas (`check-opds`), and the
//! accessibility summary says the same on the page, in the catalog and in the EPUB.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use scraper::{Html, Selector};
use serde_json::Value;

use crate::common::*;
use crate::pdfread::Pdf;

/// The real sources, built once.
fn built() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = temp_dir("site");
        let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        out
    })
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// A relative URL from a page, as a path under `out` (percent-decoded), with its fragment.
fn resolve(out: &Path, page: &Path, url: &str) -> (PathBuf, Option<String>) {
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (url, None),
    };
    let decoded = percent_decode(path);
    let mut p = page.parent().unwrap().strip_prefix(out).unwrap().to_path_buf();
    if decoded.is_empty() {
        return (page.strip_prefix(out).unwrap().to_path_buf(), fragment);
    }
    for part in Path::new(&decoded).components() {
        match part {
            Component::ParentDir => assert!(p.pop(), "{url} leaves the output folder from {}", page.display()),
            Component::Normal(n) => p.push(n),
            _ => panic!("{url} is not relative"),
        }
    }
    (p, fragment)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The publication files of a build: what partners download.
fn publication_files(out: &Path) -> Vec<PathBuf> {
    files_under(out)
        .into_iter()
        .filter(|p| p.components().count() == 2)
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name != "index.html" && [".pdf", ".epub", ".html"].iter().any(|e| name.ends_with(e))
        })
        .collect()
}

#[test]
fn every_link_of_the_site_resolves_and_every_publication_is_listed() {
    let out = built();
    let all = files_under(out);
    let mut pages = vec![out.join("index.html")];
    let langs: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("index.html").exists())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(langs.len(), 14, "a page per language: {langs:?}");
    pages.extend(langs.iter().map(|l| out.join(l).join("index.html")));
    // Every web edition's links too (menu of languages, other formats, downloads page).
    pages.extend(
        publication_files(out).iter().filter(|p| p.extension().is_some_and(|e| e == "html")).map(|p| out.join(p)),
    );
    let mut linked_from_root = BTreeSet::new();
    for page in &pages {
        let doc = Html::parse_document(&std::fs::read_to_string(page).unwrap());
        for (selector, attr) in [("a[href]", "href"), ("img[src]", "src"), ("link[href]", "href")] {
            for e in doc.select(&sel(selector)) {
                let url = e.attr(attr).unwrap();
                if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("mailto:") {
                    continue;
                }
                let (target, fragment) = resolve(out, page, url);
                assert!(all.contains(&target), "{url} on {} is not a file in output/", page.display());
                if let Some(id) = fragment {
                    let html = std::fs::read_to_string(out.join(&target)).unwrap();
                    let target_doc = Html::parse_document(&html);
                    let found = target_doc.select(&sel(&format!("[id=\"{id}\"]"))).next().is_some();
                    assert!(found, "{url} on {}: no element #{id}", page.display());
                }
                if page == &out.join("index.html") {
                    linked_from_root.insert(target);
                }
            }
        }
    }
    for file in publication_files(out) {
        assert!(linked_from_root.contains(&file), "{} is not on the downloads page", file.display());
    }
}

#[test]
fn the_site_lists_true_sizes_checksums_and_pages_with_languages_named_in_themselves() {
    let out = built();
    // SHA256SUMS: every file but itself, each hash true.
    let sums = std::fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    let listed: BTreeSet<PathBuf> = sums
        .lines()
        .map(|line| {
            let (hash, path) = line.split_once("  ").unwrap();
            let bytes = std::fs::read(out.join(path)).unwrap();
            assert_eq!(hash, imprint::site::sha256_hex(&bytes), "{path}");
            PathBuf::from(path)
        })
        .collect();
    let mut expected = files_under(out);
    expected.remove(Path::new("SHA256SUMS"));
    expected.remove(Path::new(imprint::write::manifest::MANIFEST));
    assert_eq!(listed, expected);

    let es = Html::parse_document(&std::fs::read_to_string(out.join("es/index.html")).unwrap());
    let html = es.select(&sel("html")).next().unwrap();
    assert_eq!((html.attr("lang"), html.attr("dir")), (Some("es"), Some("ltr")));
    // The Spanish page is in Spanish, and every language is named in itself, tagged.
    let title: String = es.select(&sel("h1")).next().unwrap().text().collect();
    assert_ne!(title, imprint::ui::Strings::english().downloads, "the page's own words are Spanish");
    let fa = es.select(&sel("nav a[hreflang=\"fa\"]")).next().expect("a link to the Farsi page");
    assert_eq!((fa.attr("lang"), fa.attr("dir")), (Some("fa"), Some("rtl")));
    assert_eq!(fa.text().collect::<String>(), "فارسی");
    let alternates = es.select(&sel("link[rel=alternate][hreflang]")).count();
    assert_eq!(alternates, 15, "14 languages and x-default");

    // Each file: its size as written, its checksum, and the PDF's page count.
    for file in es.select(&sel("li.file")) {
        let link = file.select(&sel("h4 a")).next().unwrap();
        let path = resolve(out, &out.join("es/index.html"), link.attr("href").unwrap()).0;
        let bytes = std::fs::read(out.join(&path)).unwrap();
        let checksum: String = file.select(&sel(".checksum code")).next().unwrap().text().collect();
        assert_eq!(checksum, imprint::site::sha256_hex(&bytes));
        let facts: String = file.select(&sel(".facts")).next().unwrap().text().collect();
        if path.extension().is_some_and(|e| e == "pdf") {
            let pages = Pdf::open(&out.join(&path)).page_sizes().len();
            assert!(facts.contains(&format!(": {pages}")), "{facts} for {} pages", pages);
        }
        assert!(file.select(&sel("details.a11y dl dt")).count() >= 6, "the accessibility summary's fields");
    }
    // The print cover's thumbnail: a PNG 320 pixels wide, shown at half, with empty alt text.
    let cover = es.select(&sel("img.cover")).next().expect("a cover thumbnail");
    assert_eq!(cover.attr("alt"), Some(""));
    assert_eq!(cover.attr("width"), Some("160"));
    let png = std::fs::read(out.join("es").join(cover.attr("src").unwrap())).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 320);
}

#[test]
fn each_web_edition_links_to_its_languages_and_formats() {
    let out = built();
    let doc = Html::parse_document(&std::fs::read_to_string(out.join("en/about-cast-standard.html")).unwrap());
    let languages: Vec<_> = doc.select(&sel("nav.languages a")).collect();
    assert_eq!(languages.len(), 14);
    let km = languages.iter().find(|a| a.attr("hreflang") == Some("km")).unwrap();
    assert_eq!(km.attr("lang"), Some("km"));
    assert_eq!(km.attr("href"), Some("../km/about-cast-standard.html"));
    let current = languages.iter().filter(|a| a.attr("aria-current") == Some("page")).count();
    assert_eq!(current, 1);
    let formats: Vec<&str> = doc.select(&sel("nav.formats a")).map(|a| a.attr("href").unwrap()).collect();
    for f in [
        "about-cast-standard.pdf",
        "about-cast-standard-large-print.pdf",
        "about-cast-standard.epub",
        "about-cast-plain.html",
        "index.html",
    ] {
        assert!(formats.contains(&f), "{f} in {formats:?}");
    }
}

/// The validators' `check-opds` (OPDS 2.0 and Readium schemas, offline, links, accessibility
/// metadata), with Python's jsonschema from the validators' environment, or from a small one
/// made under `target/validators/opds` from PyPI when that is missing.
fn check_opds(feed: &Path) -> (bool, String) {
    let tool = repo().join("../shared/tools/check-opds");
    assert!(tool.exists(), "check-opds is expected at {} (the shared validators)", tool.display());
    let home = match std::env::var_os("VALIDATORS_HOME") {
        Some(h) => PathBuf::from(h),
        None if Path::new("/opt/validators/venv/bin/python").exists() => PathBuf::from("/opt/validators"),
        None => {
            let home = repo().join("target/validators/opds");
            if !home.join("venv/bin/python").exists() {
                let ok = Command::new("python3").arg("-m").arg("venv").arg(home.join("venv")).status();
                assert!(matches!(ok, Ok(s) if s.success()), "python3 -m venv failed");
                let pip = home.join("venv/bin/pip");
                let ok = Command::new(pip)
                    .args(["install", "--quiet", "--disable-pip-version-check", "jsonschema==4.25.1"])
                    .status();
                assert!(matches!(ok, Ok(s) if s.success()), "pip install jsonschema failed");
            }
            home
        }
    };
    let run = Command::new("bash").arg(&tool).arg(feed).env("VALIDATORS_HOME", home).output().unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    (run.status.success(), report)
}

#[test]
fn the_catalog_passes_check_opds() {
    let out = built();
    let mut feeds = vec![out.join("opds.json")];
    feeds.extend(["en", "fa", "zh-Hant", "km"].iter().map(|l| out.join(l).join("opds.json")));
    for feed in feeds {
        let (ok, report) = check_opds(&feed);
        assert!(ok, "check-opds {}:\n{report}", feed.display());
    }
    // A broken catalog fails it: the check can fail.
    let broken = temp_dir("opds-broken").join("opds.json");
    let mut feed: Value = serde_json::from_slice(&std::fs::read(out.join("opds.json")).unwrap()).unwrap();
    feed["publications"][0]["metadata"]["accessibility"]["conformsTo"] =
        Value::from("https://www.w3.org/TR/epub-a11y-11#wcag-2.2-aa");
    std::fs::write(&broken, serde_json::to_vec(&feed).unwrap()).unwrap();
    let (ok, report) = check_opds(&broken);
    assert!(!ok, "a claim without a certifier and links that do not resolve must fail:\n{report}");
}

/// The accessibility metadata of an EPUB's package document: property -> values.
fn opf_metadata(epub: &Path) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(epub).unwrap()).unwrap();
    let mut opf = String::new();
    zip.by_name("EPUB/package.opf").unwrap().read_to_string(&mut opf).unwrap();
    let doc = roxmltree::Document::parse(&opf).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("meta"))
        .filter_map(|n| Some((n.attribute("property")?.to_string(), n.text().unwrap_or("").to_string())))
        .filter(|(p, _)| p.starts_with("schema:") || p.starts_with("dcterms:conformsTo") || p.starts_with("a11y:"))
        .collect()
}

#[test]
fn the_accessibility_summary_is_the_same_on_the_page_in_the_catalog_and_in_the_epub() {
    let out = built();
    for lang in ["en", "fa"] {
        let epub = format!("{lang}/about-cast-standard.epub");
        let opf = opf_metadata(&out.join(&epub));
        let values = |p: &str| -> Vec<String> { opf.iter().filter(|(k, _)| k == p).map(|(_, v)| v.clone()).collect() };
        // The catalog entry that offers this EPUB.
        let feed: Value = serde_json::from_slice(&std::fs::read(out.join("opds.json")).unwrap()).unwrap();
        let entry = feed["publications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["links"].as_array().unwrap().iter().any(|l| l["href"] == epub.as_str()))
            .expect("the EPUB is in the catalog");
        let a11y = &entry["metadata"]["accessibility"];
        let strings = |v: &Value| -> Vec<String> {
            v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect()
        };
        assert_eq!(strings(&a11y["accessMode"]), values("schema:accessMode"));
        assert_eq!(strings(&a11y["feature"]), values("schema:accessibilityFeature"));
        assert_eq!(strings(&a11y["hazard"]), values("schema:accessibilityHazard"));
        let sufficient: Vec<String> = a11y["accessModeSufficient"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| match v {
                Value::String(s) => s.clone(),
                v => strings(v).join(","),
            })
            .collect();
        assert_eq!(sufficient, values("schema:accessModeSufficient"));
        let summary = values("schema:accessibilitySummary").remove(0);
        assert_eq!(a11y["summary"], summary.as_str());
        assert_eq!(a11y.get("conformsTo").is_some(), !values("dcterms:conformsTo").is_empty());

        // The language's page shows the same summary, and statements that follow the same facts.
        let page = Html::parse_document(&std::fs::read_to_string(out.join(lang).join("index.html")).unwrap());
        let file = page
            .select(&sel("li.file"))
            .find(|li| li.select(&sel("h4 a")).next().unwrap().attr("href") == Some("about-cast-standard.epub"))
            .unwrap();
        let dds: Vec<String> = file.select(&sel("dd")).map(|d| d.text().collect()).collect();
        assert!(dds.contains(&summary), "{lang}: the page shows the EPUB's summary");
        let strings_of = |l: &str| if l == "en" { imprint::ui::Strings::english() } else { page_strings(l) };
        let s = strings_of(lang);
        assert_eq!(
            dds.contains(&s.a11y_alt_text),
            values("schema:accessibilityFeature").contains(&"alternativeText".to_string())
        );
        assert_eq!(dds.contains(&s.a11y_no_conformance), values("dcterms:conformsTo").is_empty());
        assert!(dds.contains(&s.a11y_modifiable), "an EPUB's appearance can be modified");
    }
}

/// The interface strings of a language as the build uses them.
fn page_strings(lang: &str) -> imprint::ui::Strings {
    let checked = imprint::check::check(&repo()).unwrap();
    checked.jobs.iter().find(|j| j.doc.lang.as_str() == lang).unwrap().strings.clone()
}

/// Every page of the output (the downloads site, the web editions, the accessibility
/// reports) passes the shared `check-html` (axe-core in Chromium, the Nu HTML Checker,
/// html-validate), installed by `../shared/tools/setup-validators.sh` (`.ci/run` runs it).
#[test]
fn every_page_of_the_output_passes_check_html() {
    let out = built();
    let tool = repo().join("../shared/tools/check-html");
    assert!(tool.exists(), "check-html is expected at {} (the shared validators)", tool.display());
    let run = Command::new(&tool).arg(out).output().unwrap();
    let report = format!("{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(
        run.status.success(),
        "check-html {} (install the validators with ../shared/tools/setup-validators.sh --core-only):\n{report}",
        out.display()
    );
    let pages = files_under(out).iter().filter(|p| p.extension().is_some_and(|e| e == "html")).count();
    assert!(report.contains(&format!("pages={pages} ")), "every page was checked ({pages}):\n{report}");
}
