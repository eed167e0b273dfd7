//! The package document (OPF) and the accessibility metadata, derived from what the book
//! actually contains: a claim is written only when the content makes it true.

use std::fmt::Write;

use sha2::{Digest, Sha256};

use super::Item;
use crate::model::{Alt, Document, ImageFormat, walk};
use crate::render::BuildInfo;
use crate::render::html::escape::escape;
use crate::ui::Strings;

pub use crate::model::Certification;

/// The conformance an EPUB claims when a current recorded review covers it.
pub const CONFORMANCE: &str = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";

/// The same conformance as a URL, as the Readium accessibility object of a catalog writes it.
pub const CONFORMANCE_URL: &str = "https://www.w3.org/TR/epub-a11y-11#wcag-2.2-aa";

/// What a book offers to readers with disabilities, as schema.org accessibility metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accessibility {
    /// `schema:accessMode` values.
    pub access_modes: Vec<&'static str>,
    /// `schema:accessModeSufficient` sets.
    pub sufficient: Vec<&'static str>,
    /// `schema:accessibilityFeature` values.
    pub features: Vec<&'static str>,
    /// `schema:accessibilityHazard` values.
    pub hazards: Vec<&'static str>,
    /// `schema:accessibilitySummary`, in the book's language.
    pub summary: String,
    /// The conformance claim (`dcterms:conformsTo` [`CONFORMANCE`] with `a11y:certifiedBy`),
    /// present only when a current recorded review covers this language, edition and format
    /// (the EPUB's, for reflowable files; the downloads site takes each file's own). The site
    /// and the catalog read it here, and nowhere else.
    pub certification: Option<Certification>,
}

/// The kind of file whose accessibility is described: the facts differ (a PDF's layout is
/// fixed; a large-print PDF is large print) while the content is the same.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FileKind {
    /// A reflowable EPUB or web page.
    Reflowable,
    /// A tagged PDF with a fixed page layout.
    Pdf,
    /// The large-print PDF, with its body text size in points.
    LargePrint(f64),
    /// Braille (BRF and PEF), read by touch.
    Braille,
}

impl Accessibility {
    /// Derives the EPUB's metadata from the document.
    pub fn of(doc: &Document, strings: &Strings) -> Accessibility {
        Accessibility::of_kind(doc, strings, FileKind::Reflowable)
    }

    /// Derives the metadata of a file of `kind` from the document: the EPUB's package
    /// document, the downloads site and the OPDS catalog all read it from here.
    pub fn of_kind(doc: &Document, strings: &Strings, kind: FileKind) -> Accessibility {
        let figures: Vec<_> = doc.sections.iter().flat_map(|s| walk::figures(&s.blocks)).collect();
        let charts = doc.sections.iter().any(|s| walk::has_chart(&s.blocks));
        let informative: Vec<_> = figures.iter().filter(|f| !matches!(f.alt, Alt::Decorative)).collect();
        let all_alt = informative.iter().all(|f| matches!(&f.alt, Alt::Text(t) if !t.trim().is_empty()));
        let visual = !figures.is_empty() || charts;
        let animated = figures.iter().any(|f| f.image.format == ImageFormat::Png && is_animated_png(&f.image.data));

        let mut access_modes = vec!["textual"];
        let mut sufficient = vec![];
        if visual {
            access_modes.push("visual");
            if all_alt {
                sufficient.push("textual");
            }
            sufficient.push("textual,visual");
        } else {
            sufficient.push("textual");
        }
        if kind == FileKind::Braille {
            // Read by touch alone: pictures are their descriptions, charts their numbers.
            let mut features = vec!["braille", "readingOrder"];
            if (charts || !informative.is_empty()) && all_alt {
                features.push("alternativeText");
            }
            return Accessibility {
                access_modes: vec!["tactile"],
                sufficient: vec!["tactile"],
                features,
                hazards: vec!["none"],
                summary: strings.summary_braille.clone(),
                certification: None,
            };
        }
        let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
        match kind {
            FileKind::Reflowable => features.push("displayTransformability"),
            FileKind::Pdf => features.push("taggedPDF"),
            FileKind::LargePrint(_) => features.extend(["taggedPDF", "largePrint"]),
            FileKind::Braille => {}
        }
        if (charts || !informative.is_empty()) && all_alt {
            features.push("alternativeText");
        }
        if charts {
            // Each chart's drawing points at its data table (aria-details).
            features.push("longDescription");
        }
        let hazards = if animated { vec!["unknown"] } else { vec!["none"] };

        let mut summary = vec![strings.summary_structure.clone()];
        if !informative.is_empty() && all_alt {
            summary.push(strings.summary_images.clone());
        }
        if charts {
            summary.push(strings.summary_charts.clone());
        }
        summary.push(match kind {
            FileKind::Reflowable => strings.summary_display.clone(),
            FileKind::Pdf => strings.summary_pdf.clone(),
            FileKind::LargePrint(size) => {
                crate::ui::fill(&strings.summary_large_print, &[("{size}", &strings.number(size))])
            }
            FileKind::Braille => strings.summary_braille.clone(),
        });
        if !animated {
            summary.push(strings.summary_no_hazards.clone());
        }
        let certification = match kind {
            FileKind::Reflowable => doc.certification("epub").cloned(),
            FileKind::Pdf => doc.certification("pdf").cloned(),
            FileKind::LargePrint(_) => doc.certification("large-print").cloned(),
            FileKind::Braille => doc.certification("braille").cloned(),
        };
        Accessibility { access_modes, sufficient, features, hazards, summary: summary.join(" "), certification }
    }
}

/// Whether PNG data holds an animation (an `acTL` chunk, APNG).
fn is_animated_png(data: &[u8]) -> bool {
    let mut i = 8;
    while i + 8 <= data.len() {
        let len = u32::from_be_bytes([data[i], data[i + 1], data[i + 2], data[i + 3]]) as usize;
        match &data[i + 4..i + 8] {
            b"acTL" => return true,
            b"IDAT" | b"IEND" => return false,
            _ => i += 12 + len,
        }
    }
    false
}

/// The identifier of one language and edition, derived from the publication's `urn:uuid:`:
/// a UUID version 8 made of the SHA-256 of the base, the language and the edition.
pub fn edition_identifier(base: &str, lang: &str, edition: &str) -> String {
    let digest = Sha256::digest(format!("{base}\n{lang}\n{edition}").as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32])
}

/// The package document.
pub(super) fn package(doc: &Document, items: &[Item], a11y: &Accessibility, build: BuildInfo) -> String {
    let lang = escape(doc.lang.as_str());
    let dir = doc.dir.as_str();
    let identifier = doc
        .identifier
        .as_deref()
        .map(|base| edition_identifier(base, doc.lang.as_str(), doc.edition.slug()))
        .unwrap_or_default();
    let (y, mo, d, h, mi, s) = build.utc().unwrap_or((1970, 1, 1, 0, 0, 0));
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        out,
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"pub-id\" xml:lang=\"{lang}\" dir=\"{dir}\">"
    );
    let _ = writeln!(out, "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">");
    let _ = writeln!(out, "<dc:identifier id=\"pub-id\">{}</dc:identifier>", escape(&identifier));
    let _ = writeln!(out, "<dc:title>{}</dc:title>", escape(&doc.title));
    let _ = writeln!(out, "<dc:language>{lang}</dc:language>");
    let _ = writeln!(out, "<dc:creator id=\"creator\">{}</dc:creator>", escape(&doc.organization.name));
    let publisher = doc.organization.legal_name.as_ref().unwrap_or(&doc.organization.name);
    let _ = writeln!(out, "<dc:publisher>{}</dc:publisher>", escape(publisher));
    let _ = writeln!(out, "<dc:description>{}</dc:description>", escape(&doc.description));
    for k in &doc.keywords {
        let _ = writeln!(out, "<dc:subject>{}</dc:subject>", escape(k));
    }
    let _ = writeln!(out, "<meta property=\"dcterms:modified\">{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z</meta>");
    let meta = |out: &mut String, property: &str, value: &str| {
        let _ = writeln!(out, "<meta property=\"{property}\">{}</meta>", escape(value));
    };
    for m in &a11y.access_modes {
        meta(&mut out, "schema:accessMode", m);
    }
    for m in &a11y.sufficient {
        meta(&mut out, "schema:accessModeSufficient", m);
    }
    for f in &a11y.features {
        meta(&mut out, "schema:accessibilityFeature", f);
    }
    for h in &a11y.hazards {
        meta(&mut out, "schema:accessibilityHazard", h);
    }
    meta(&mut out, "schema:accessibilitySummary", &a11y.summary);
    if let Some(c) = &a11y.certification {
        meta(&mut out, "dcterms:conformsTo", CONFORMANCE);
        let _ =
            writeln!(out, "<meta property=\"a11y:certifiedBy\" id=\"certifier\">{}</meta>", escape(&c.certified_by));
        if let Some(credential) = &c.credential {
            let _ = writeln!(
                out,
                "<meta property=\"a11y:certifierCredential\" refines=\"#certifier\">{}</meta>",
                escape(credential)
            );
        }
        if let Some(report) = &c.report {
            let _ = writeln!(
                out,
                "<link rel=\"a11y:certifierReport\" refines=\"#certifier\" href=\"{}\"/>",
                escape(report)
            );
        }
    }
    out.push_str("</metadata>\n<manifest>\n");
    for (i, item) in items.iter().enumerate() {
        let properties = item.properties.map(|p| format!(" properties=\"{p}\"")).unwrap_or_default();
        let _ = writeln!(
            out,
            "<item id=\"item-{i}\" href=\"{}\" media-type=\"{}\"{properties}/>",
            escape(&item.href),
            item.media_type
        );
    }
    let _ = writeln!(out, "</manifest>\n<spine page-progression-direction=\"{dir}\">");
    for (i, _) in items.iter().enumerate().filter(|(_, item)| item.spine) {
        let _ = writeln!(out, "<itemref idref=\"item-{i}\"/>");
    }
    out.push_str("</spine>\n</package>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edition_identifiers_are_stable_uuids() {
        let base = "urn:uuid:6f1c2b0e-3c7e-4c55-9d1e-2b8f5a7c9e10";
        let en = edition_identifier(base, "en", "standard");
        assert_eq!(en, edition_identifier(base, "en", "standard"));
        assert_ne!(en, edition_identifier(base, "es", "standard"));
        let uuid = en.strip_prefix("urn:uuid:").unwrap();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8", "version 8");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "RFC 9562 variant");
    }

    #[test]
    fn animated_png_is_detected() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&[0, 0, 0, 8]);
        png.extend_from_slice(b"acTL");
        png.extend_from_slice(&[0; 12]);
        assert!(is_animated_png(&png));
        let still = b"\x89PNG\r\n\x1a\n\0\0\0\0IDAT\0\0\0\0";
        assert!(!is_animated_png(still));
    }
}
