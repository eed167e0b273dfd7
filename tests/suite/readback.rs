//! The text of the PDFs, read back as a screen reader gets it (`/ToUnicode`, `/ActualText`,
//! `/ReversedChars`, artifacts left out), must hold the letters of the source: every passage
//! imprint wrote into the brochure's Typst file is found again, spaces aside.

use std::path::Path;

use crate::common::*;
use crate::pdfread::Pdf;

/// The passages of a generated Typst main file (its `#"..."` literals) that are all Arabic
/// script: letters, marks, Arabic punctuation, spaces and the zero-width non-joiner. Latin or
/// digits inside a passage make runs of the other direction, which are not read in one piece.
fn arabic_passages(typst: &str) -> Vec<String> {
    let arabic = |c: char| {
        let digit = matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}');
        !digit
            && (c.is_whitespace()
                || matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{200C}')
                || matches!(c, '.' | ':' | '!' | '«' | '»'))
    };
    typst
        .split("#\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|s| !s.contains('\\') && s.chars().filter(|c| !c.is_whitespace()).count() >= 8 && s.chars().all(arabic))
        .map(str::to_string)
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks every Arabic-script passage of one PDF; the passages that were not found.
fn missing_passages(pdf: &Path, typst: &Path) -> (usize, Vec<String>) {
    let text = squeeze(&Pdf::open(pdf).read_back());
    let passages = arabic_passages(&std::fs::read_to_string(typst).unwrap());
    let missing = passages.iter().filter(|p| !text.contains(&squeeze(p))).cloned().collect();
    (passages.len(), missing)
}

#[test]
fn farsi_pdfs_read_back_in_the_letters_of_the_source() {
    let out = temp_dir("readback");
    let emitted = temp_dir("readback-typst");
    let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = imprint_in(&repo(), &["build", "--emit", "typst", "--output", emitted.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["about-cast-standard", "about-cast-plain", "about-cast-standard-large-print"] {
        let pdf = out.join(format!("fa/{name}.pdf"));
        let (checked, missing) = missing_passages(&pdf, &emitted.join(format!("typst/fa/{name}.typ")));
        assert!(checked >= 5, "{name}: only {checked} Farsi passages to check");
        assert!(
            missing.is_empty(),
            "{name}: {} of {checked} Farsi passages do not read back from the PDF, e.g. {:?}\nread back: {}",
            missing.len(),
            missing.first(),
            Pdf::open(&pdf).read_back().chars().take(600).collect::<String>()
        );
    }
}

#[test]
fn english_pdf_reads_back_too() {
    // The same reader on a Latin-script brochure, so that a fault of the reader is not
    // mistaken for a fault of the Farsi PDFs.
    let out = temp_dir("readback-en");
    let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = squeeze(&Pdf::open(&out.join("en/about-cast-standard.pdf")).read_back());
    for expected in
        ["Ending human trafficking through education, advocacy and empowering survivors.", "Lost Income Bill Passed"]
    {
        assert!(text.contains(&squeeze(expected)), "{expected:?} not read back: {}", &text[..text.len().min(400)]);
    }
}
