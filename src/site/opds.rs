//! The OPDS 2.0 catalog: `output/opds.json` (every publication, and a navigation to each
//! language's feed) and `output/<lang>/opds.json` (one language). Catalog readers such as
//! Thorium list its publications, download them, and show their Readium accessibility object.
//!
//! A catalog publication is one language and edition in one kind of file, since the kinds
//! differ in accessibility: the EPUB and the web page (reflowable), the print PDF, the
//! large-print PDF. Links are relative to the feed, or absolute under `[site] base-url`.

use std::path::Path;

use serde_json::{Value, json};

use super::catalog::{Catalog, File, Language, Publication};
use crate::render::epub::{Accessibility, CONFORMANCE_URL, FileKind, edition_identifier};
use crate::render::{BuildInfo, relative_href};

/// The media type of an OPDS 2.0 feed.
const FEED: &str = "application/opds+json";

/// The feeds, as files under `output/`.
pub(super) fn feeds(catalog: &Catalog<'_>, base_url: Option<&str>, build: BuildInfo) -> Vec<crate::render::Artifact> {
    let source = &catalog.languages[0];
    let organization = &source.publications[0].doc.organization.name;
    let root = Path::new("");
    let href = |path: &Path, from: &Path| match base_url {
        Some(base) => format!("{}/{}", base.trim_end_matches('/'), relative_href(path, root)),
        None => relative_href(path, from),
    };
    let mut files = Vec::new();
    let mut navigation = Vec::new();
    let mut all = Vec::new();
    for language in &catalog.languages {
        let dir = Path::new(language.lang.as_str());
        let feed_path = dir.join("opds.json");
        navigation.push(json!({
            "href": href(&feed_path, root),
            "type": FEED,
            "rel": "subsection",
            "title": format!("{} ({})", language.name, language.english_name),
        }));
        all.extend(publications(language, &|p: &Path| href(p, root)));
        let own = publications(language, &|p: &Path| href(p, dir));
        let feed = json!({
            "metadata": metadata(&format!("{organization}: {}", language.strings.downloads), build),
            "links": [
                { "rel": "self", "href": href(&feed_path, dir), "type": FEED },
                { "rel": "start", "href": href(Path::new("opds.json"), dir), "type": FEED },
                { "rel": "alternate", "href": href(&dir.join("index.html"), dir), "type": "text/html" },
            ],
            "publications": own,
        });
        files.push(artifact(feed_path.as_path(), &feed));
    }
    let feed = json!({
        "metadata": metadata(&format!("{organization}: {}", source.strings.downloads), build),
        "links": [
            { "rel": "self", "href": href(Path::new("opds.json"), root), "type": FEED },
            { "rel": "start", "href": href(Path::new("opds.json"), root), "type": FEED },
            { "rel": "alternate", "href": href(Path::new("index.html"), root), "type": "text/html" },
        ],
        "navigation": navigation,
        "publications": all,
    });
    files.push(artifact(Path::new("opds.json"), &feed));
    files
}

fn artifact(path: &Path, feed: &Value) -> crate::render::Artifact {
    let mut bytes = serde_json::to_vec_pretty(feed).expect("a JSON value serializes");
    bytes.push(b'\n');
    crate::render::Artifact { path: path.to_path_buf(), bytes }
}

fn metadata(title: &str, build: BuildInfo) -> Value {
    let mut m = json!({ "title": title });
    if let Some((y, mo, d, h, mi, s)) = build.utc() {
        m["modified"] = json!(format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z"));
    }
    m
}

/// The catalog publications of one language: each publication, edition and kind of file.
fn publications(language: &Language<'_>, href: &dyn Fn(&Path) -> String) -> Vec<Value> {
    let mut out = Vec::new();
    for p in &language.publications {
        let mut kinds: Vec<FileKind> = Vec::new();
        for f in &p.files {
            if !kinds.contains(&f.kind) {
                kinds.push(f.kind);
            }
        }
        for kind in kinds {
            let files: Vec<&File> = p.files.iter().filter(|f| f.kind == kind).collect();
            out.push(publication(language, p, &files, href));
        }
    }
    out
}

fn publication(language: &Language<'_>, p: &Publication<'_>, files: &[&File], href: &dyn Fn(&Path) -> String) -> Value {
    let doc = p.doc;
    let strings = p.strings;
    let first = files[0];
    let names: Vec<&str> = files.iter().map(|f| crate::render::file_name(f.format, &f.path, strings)).collect();
    let edition = super::catalog::edition_name(doc.edition, strings);
    let mut metadata = json!({
        "@type": "http://schema.org/Book",
        "title": doc.title,
        "subtitle": format!("{edition}: {}", names.join(", ")),
        "language": doc.lang.as_str(),
        "publisher": doc.organization.legal_name.as_ref().unwrap_or(&doc.organization.name),
        "author": doc.organization.name,
        "description": doc.description,
        "readingProgression": doc.dir.as_str(),
        "accessibility": accessibility(&first.accessibility),
    });
    if !doc.keywords.is_empty() {
        metadata["subject"] = json!(doc.keywords);
    }
    if let Some(base) = &doc.identifier {
        let kind = match first.kind {
            FileKind::Reflowable => doc.edition.slug().to_string(),
            FileKind::Pdf => format!("{}/pdf", doc.edition.slug()),
            FileKind::LargePrint(_) => format!("{}/large-print", doc.edition.slug()),
            // The identifier the PEF carries.
            FileKind::Braille => format!("{}-braille", doc.edition.slug()),
        };
        metadata["identifier"] = json!(edition_identifier(base, doc.lang.as_str(), &kind));
    }
    if let Some(pages) = files.iter().find_map(|f| f.pages) {
        metadata["numberOfPages"] = json!(pages);
    }
    let links: Vec<Value> = files
        .iter()
        .map(|f| {
            json!({
                "rel": "http://opds-spec.org/acquisition/open-access",
                "href": href(&f.path),
                "type": f.media_type,
                "title": crate::render::file_name(f.format, &f.path, strings),
                "size": f.size,
                "language": language.lang.as_str(),
            })
        })
        .collect();
    let mut value = json!({ "metadata": metadata, "links": links });
    if let Some((path, width, height)) = &p.cover {
        value["images"] = json!([{ "href": href(path), "type": "image/png", "width": width, "height": height }]);
    }
    value
}

/// The Readium accessibility object of a file: the same facts as the EPUB's package metadata.
pub fn accessibility(a: &Accessibility) -> Value {
    let sufficient: Vec<Value> = a
        .sufficient
        .iter()
        .map(|s| {
            let modes: Vec<&str> = s.split(',').collect();
            if modes.len() == 1 { json!(modes[0]) } else { json!(modes) }
        })
        .collect();
    let mut value = json!({
        "accessMode": a.access_modes,
        "accessModeSufficient": sufficient,
        "feature": a.features,
        "hazard": a.hazards,
        "summary": a.summary,
    });
    if let Some(c) = &a.certification {
        value["conformsTo"] = json!(CONFORMANCE_URL);
        let mut certification = json!({ "certifiedBy": c.certified_by });
        if let Some(credential) = &c.credential {
            certification["credential"] = json!(credential);
        }
        if let Some(report) = &c.report {
            certification["report"] = json!(report);
        }
        value["certification"] = certification;
    }
    value
}
