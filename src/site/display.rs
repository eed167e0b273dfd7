//! A file's accessibility as people read it, following the W3C "Accessibility Summary Display
//! Guide for Digital Publications" 2.0: the fields Ways of reading, Conformance, Navigation,
//! Rich content, Hazards, the publisher's Summary and Additional information, each said in
//! short statements. Every statement is derived from the [`Accessibility`] facts that also
//! make the EPUB's package metadata and the OPDS catalog's accessibility object, never typed
//! twice.

use serde::Serialize;

use crate::render::epub::{Accessibility, CONFORMANCE};
use crate::ui::{Strings, fill};

/// One field of the summary: a heading and its statements.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    /// The field's heading ("Ways of reading").
    pub heading: String,
    /// What the file offers, one statement each.
    pub statements: Vec<String>,
}

/// The fields of a file's accessibility summary, in the guide's order, in `strings`' language.
/// The publisher's own summary is not among them: it is in the document's language
/// ([`Accessibility::summary`]) and pages show it with its language.
pub fn fields(a: &Accessibility, strings: &Strings) -> Vec<Field> {
    let has = |feature: &str| a.features.contains(&feature);
    let field = |heading: &str, statements: Vec<String>| Field { heading: heading.to_string(), statements };

    let mut reading = Vec::new();
    if has("braille") {
        reading.push(strings.a11y_braille.clone());
    } else if has("displayTransformability") {
        reading.push(strings.a11y_modifiable.clone());
    } else {
        reading.push(strings.a11y_fixed.clone());
    }
    if !has("braille") {
        reading.push(if a.sufficient.contains(&"textual") {
            strings.a11y_readable.clone()
        } else {
            strings.a11y_not_fully_readable.clone()
        });
    }
    if has("alternativeText") {
        reading.push(strings.a11y_alt_text.clone());
    }

    let conformance = match &a.certification {
        Some(c) => vec![
            fill(&strings.a11y_conforms, &[("{standard}", CONFORMANCE)]),
            fill(&strings.a11y_certified_by, &[("{certifier}", &c.certified_by)]),
        ],
        None => vec![strings.a11y_no_conformance.clone()],
    };

    let mut navigation = Vec::new();
    if has("tableOfContents") {
        navigation.push(strings.a11y_toc.clone());
    }
    if has("structuralNavigation") {
        navigation.push(strings.a11y_headings.clone());
    }
    if navigation.is_empty() {
        navigation.push(strings.a11y_no_rich_content.clone());
    }

    let mut rich = Vec::new();
    if has("longDescription") {
        rich.push(strings.a11y_charts.clone());
    }
    if rich.is_empty() {
        rich.push(strings.a11y_no_rich_content.clone());
    }

    let hazards = if a.hazards.contains(&"none") {
        vec![strings.a11y_no_hazards.clone()]
    } else {
        vec![strings.a11y_hazards_unknown.clone()]
    };

    let mut fields = vec![
        field(&strings.a11y_ways_of_reading, reading),
        field(&strings.a11y_conformance, conformance),
        field(&strings.a11y_navigation, navigation),
        field(&strings.a11y_rich_content, rich),
        field(&strings.a11y_hazards, hazards),
    ];
    let mut more = Vec::new();
    if has("largePrint") {
        more.push(strings.a11y_large_print.clone());
    }
    if has("taggedPDF") {
        more.push(strings.a11y_tagged_pdf.clone());
    }
    if !more.is_empty() {
        fields.push(field(&strings.a11y_more, more));
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::epub::Certification;

    fn facts() -> Accessibility {
        Accessibility {
            access_modes: vec!["textual", "visual"],
            sufficient: vec!["textual", "textual,visual"],
            features: vec!["structuralNavigation", "tableOfContents", "displayTransformability", "longDescription"],
            hazards: vec!["none"],
            summary: String::new(),
            certification: None,
        }
    }

    #[test]
    fn statements_follow_the_facts() {
        let s = Strings::english();
        let f = fields(&facts(), &s);
        let all: Vec<&str> = f.iter().flat_map(|f| f.statements.iter().map(String::as_str)).collect();
        assert!(all.contains(&"Appearance can be modified"));
        assert!(all.contains(&"Readable in read aloud or dynamic braille"));
        assert!(all.contains(&"No information is available"), "no certification: {all:?}");
        assert!(all.contains(&"No hazards"));
        assert!(!all.contains(&"Has alternative text"), "no alternativeText feature");

        let mut pdf = facts();
        pdf.features = vec!["taggedPDF", "largePrint"];
        pdf.sufficient = vec!["textual,visual"];
        pdf.hazards = vec!["unknown"];
        pdf.certification = Some(Certification {
            certified_by: "A. Reviewer".into(),
            credential: None,
            report: None,
            date: "2026-12-01".into(),
            formats: vec!["large-print".into()],
        });
        let f = fields(&pdf, &s);
        let all: Vec<&str> = f.iter().flat_map(|f| f.statements.iter().map(String::as_str)).collect();
        assert!(all.contains(&"Appearance cannot be modified"));
        assert!(all.contains(&"Not fully readable in read aloud or dynamic braille"));
        assert!(all.contains(&"Certified by A. Reviewer"));
        assert!(all.contains(&"Large print") && all.contains(&"Tagged PDF (PDF/UA-1)"));
        assert!(all.contains(&"The presence of hazards is unknown"));
    }
}
