//! The text of the PDFs, read back as a screen reader gets it (`/ToUnicode`, `/ActualText`,
//! `/ReversedChars`, artifacts left out), must hold the letters of the source: for every
//! language the real sources are published in, the passages imprint wrote into the brochure's
//! Typst file are found again in the PDF, spaces aside.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::common::*;
use crate::pdfread::Pdf;

/// The real sources built once, and their Typst files emitted: (outputs, emitted).
fn built() -> &'static (PathBuf, PathBuf) {
    static BUILT: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = temp_dir("readback");
        let emitted = temp_dir("readback-typst");
        let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let run = imprint_in(&repo(), &["build", "--emit", "typst", "--output", emitted.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        (out, emitted)
    })
}

/// A letter of a right-to-left script.
fn rtl(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// The passages of a generated Typst main file (its `#"..."` literals) written in one
/// direction only, without digits: runs of the other direction (a Latin name in Farsi) and
/// numbers are reordered by the bidirectional algorithm, so they are not read in one piece.
fn passages(typst: &str) -> Vec<String> {
    let one_direction = |s: &str| {
        let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        letters.iter().all(|c| rtl(*c)) || letters.iter().all(|c| !rtl(*c))
    };
    typst
        .split("#\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|s| !s.contains('\\') && !s.chars().any(|c| c.is_numeric()))
        .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= 8 && one_direction(s))
        .map(str::to_string)
        .collect()
}

/// Invisible characters that only steer the bidirectional algorithm (which extractors add
/// or keep): marks, embeddings, overrides, isolates, and the zero-width space.
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text without spaces or bidirectional controls: extractors differ in both.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !bidi_control(*c)).collect()
}

/// The text of a PDF as poppler's `pdftotext` extracts it (with its own bidirectional
/// reordering; it ignores `/ActualText`).
fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(out.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Checks every passage of one PDF with two independent extractors: how many were checked,
/// and those that neither poppler's `pdftotext` nor the `/ActualText`-aware reader of
/// `pdfread` finds (a PDF whose letters are doubled or missing fails both; each extractor's
/// own reordering quirks fail only one).
fn missing_passages(pdf: &Path, typst: &Path) -> (usize, Vec<String>) {
    let poppler = squeeze(&pdftotext(pdf));
    let reader = squeeze(&Pdf::open(pdf).read_back());
    let passages = passages(&std::fs::read_to_string(typst).unwrap());
    let missing =
        passages.iter().filter(|p| !poppler.contains(&squeeze(p)) && !reader.contains(&squeeze(p))).cloned().collect();
    (passages.len(), missing)
}

/// The languages the real sources are published in.
fn languages() -> Vec<String> {
    let (out, _) = built();
    let mut langs: Vec<String> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| out.join(n).join("about-cast-standard.pdf").exists())
        .collect();
    langs.sort();
    langs
}

#[test]
fn every_language_reads_back_in_the_letters_of_the_source() {
    let (out, emitted) = built();
    let langs = languages();
    assert!(langs.len() >= 14, "only {} languages built: {langs:?}", langs.len());
    let mut failures = Vec::new();
    for lang in &langs {
        for name in ["about-cast-standard", "about-cast-plain", "about-cast-standard-large-print"] {
            let pdf = out.join(format!("{lang}/{name}.pdf"));
            let (checked, missing) = missing_passages(&pdf, &emitted.join(format!("typst/{lang}/{name}.typ")));
            if checked < 5 {
                failures.push(format!("{lang}/{name}: only {checked} passages to check"));
            } else if !missing.is_empty() {
                failures.push(format!(
                    "{lang}/{name}: {} of {checked} passages do not read back, e.g. {:?}",
                    missing.len(),
                    missing.first()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn english_pdf_reads_back_too() {
    // Known sentences, so that a fault of the reader is not mistaken for a fault of a PDF.
    let (out, _) = built();
    let text = squeeze(&Pdf::open(&out.join("en/about-cast-standard.pdf")).read_back());
    for expected in
        ["Ending human trafficking through education, advocacy and empowering survivors.", "Lost Income Bill Passed"]
    {
        assert!(text.contains(&squeeze(expected)), "{expected:?} not read back: {}", &text[..text.len().min(400)]);
    }
}
