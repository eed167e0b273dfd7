//! The readability report: per section and language, the standard and the plain-language
//! scores side by side, and the gate that fails a plain section above its target.

use std::fmt::Write;

use super::text::prose;
use super::{Measures, Scores, Unit, inflesz_band, measure};
use crate::diag::{Diagnostic, Span};
use crate::model::{Block, Document, Edition, LangTag};

/// The targets a plain-language section must meet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Targets {
    /// English: the highest Flesch-Kincaid grade allowed.
    pub english_max_grade: f64,
    /// Spanish: the lowest Szigriszt-Pazos (INFLESZ) score allowed.
    pub spanish_min_inflesz: f64,
    /// Sentences longer than this many words are listed.
    pub long_sentence: usize,
}

impl Targets {
    /// The default English target: grade 6, as plain-language guidelines advise.
    pub const ENGLISH_MAX_GRADE: f64 = 6.0;
    /// The default Spanish target: 65, "bastante fácil" on the INFLESZ scale.
    pub const SPANISH_MIN_INFLESZ: f64 = 65.0;
    /// Sentences longer than this many words are listed by default.
    pub const LONG_SENTENCE: usize = 20;
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            english_max_grade: Targets::ENGLISH_MAX_GRADE,
            spanish_min_inflesz: Targets::SPANISH_MIN_INFLESZ,
            long_sentence: Targets::LONG_SENTENCE,
        }
    }
}

/// One row: a section of a publication in one language.
#[derive(Debug, Clone)]
pub struct Row {
    /// The publication id.
    pub publication: String,
    /// The language.
    pub lang: String,
    /// The section id.
    pub section: String,
    /// The standard text's measures.
    pub standard: Option<Measures>,
    /// The plain text's measures (none when the publication has no plain edition).
    pub plain: Option<Measures>,
    /// Where the plain text is, for the gate's message.
    pub plain_origin: Option<crate::model::Origin>,
    /// How many texts of the standard and the plain version are in another language (shown
    /// untranslated, or marked as another language's) and so were not measured.
    pub not_measured: (usize, usize),
}

/// The measures of `blocks` in `lang`, and how many of their texts are in another language.
fn measured(blocks: &[&Block], lang: &LangTag, long: usize) -> (Option<Measures>, usize) {
    let mut texts = Vec::new();
    let mut foreign = 0;
    for b in blocks {
        let p = prose(std::slice::from_ref(*b), Some(lang));
        texts.extend(p.texts);
        foreign += p.foreign;
    }
    (measure(&texts, lang, long), foreign)
}

/// The rows of every section of every publication in every language: standard and plain side
/// by side, either of them absent when the publication is not built in that edition.
pub fn rows(documents: &[&Document], targets: &Targets) -> Vec<Row> {
    let mut rows = Vec::new();
    let edition = |e: Edition, of: &Document| {
        documents.iter().copied().find(|d| d.edition == e && d.id == of.id && d.lang == of.lang)
    };
    // One pass per publication and language, led by the standard edition when there is one.
    let leads = documents.iter().filter(|d| d.edition == Edition::Standard || edition(Edition::Standard, d).is_none());
    for doc in leads {
        let standard = edition(Edition::Standard, doc);
        let plain = edition(Edition::Plain, doc);
        let all = |d: Option<&Document>| {
            let Some(d) = d else { return (None, 0) };
            let blocks: Vec<&Block> =
                d.sections.iter().filter(|s| s.id != crate::model::GLOSSARY_ID).flat_map(|s| &s.blocks).collect();
            measured(&blocks, &d.lang, targets.long_sentence)
        };
        let ((standard_all, standard_foreign), (plain_all, plain_foreign)) = (all(standard), all(plain));
        rows.push(Row {
            publication: doc.id.clone(),
            lang: doc.lang.as_str().to_string(),
            section: "(all sections)".into(),
            standard: standard_all,
            plain: plain_all,
            plain_origin: None,
            not_measured: (standard_foreign, plain_foreign),
        });
        for section in doc.sections.iter().filter(|s| s.id != crate::model::GLOSSARY_ID) {
            let plain_section = plain.and_then(|p| p.sections.iter().find(|s| s.id == section.id && !s.fallback));
            let m = |blocks: &[Block]| {
                let blocks: Vec<&Block> = blocks.iter().collect();
                measured(&blocks, &doc.lang, targets.long_sentence)
            };
            let (standard_m, standard_foreign) = match standard {
                Some(_) => m(&section.blocks),
                None => (None, 0),
            };
            let (plain_m, plain_foreign) = plain_section.map(|s| m(&s.blocks)).unwrap_or((None, 0));
            rows.push(Row {
                publication: doc.id.clone(),
                lang: doc.lang.as_str().to_string(),
                section: section.id.clone(),
                standard: standard_m,
                plain: plain_m,
                plain_origin: plain_section.map(|s| s.origin),
                not_measured: (standard_foreign, plain_foreign),
            });
        }
    }
    rows
}

/// Whether plain measures meet the targets; `None` when the language has no formula.
pub fn meets(m: &Measures, targets: &Targets) -> Option<bool> {
    match m.scores {
        Scores::English { grade, .. } => Some(grade <= targets.english_max_grade),
        Scores::Spanish { szigriszt_pazos, .. } => Some(szigriszt_pazos >= targets.spanish_min_inflesz),
        Scores::None => None,
    }
}

/// The errors for plain-language sections above their target.
pub fn gate(rows: &[Row], targets: &Targets) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for row in rows {
        let (Some(m), Some(origin)) = (&row.plain, row.plain_origin) else { continue };
        if meets(m, targets) != Some(false) {
            continue;
        }
        let (score, target) = match m.scores {
            Scores::English { grade, .. } => {
                (format!("Flesch-Kincaid grade {grade:.1}"), format!("{} or lower", targets.english_max_grade))
            }
            Scores::Spanish { szigriszt_pazos, .. } => (
                format!("INFLESZ {szigriszt_pazos:.1} ({})", inflesz_band(szigriszt_pazos)),
                format!("{} or higher", targets.spanish_min_inflesz),
            ),
            Scores::None => continue,
        };
        let mut d = Diagnostic::error(format!(
            "the plain-language text of section `{}` ({}) reads at {score}; the target is {target}",
            row.section, row.lang
        ))
        .at(Span::new(origin.file, 0..3))
        .hint("Shorten sentences (15 words or fewer), use common words, and keep one idea per sentence.");
        for s in m.long_sentences.iter().take(3) {
            d = d.hint(format!("Over {} words: \"{s}\"", targets.long_sentence));
        }
        out.push(d);
    }
    out
}

fn cell(m: &Option<Measures>) -> String {
    match m {
        None => "-".into(),
        Some(m) => match m.scores {
            Scores::English { grade, ease } => {
                let count = |n: usize, word: &str| if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") };
                format!(
                    "FK {grade:.1} / ease {ease:.1} ({}, {}, {})",
                    count(m.sentences, "sentence"),
                    count(m.words, "word"),
                    count(m.syllables, "syllable")
                )
            }
            Scores::Spanish { fernandez_huerta, szigriszt_pazos } => {
                format!("FH {fernandez_huerta:.1} / INFLESZ {szigriszt_pazos:.1} {}", inflesz_band(szigriszt_pazos))
            }
            Scores::None => format!(
                "{:.1} {} per sentence (no validated formula)",
                m.average_sentence,
                if m.unit == Unit::Words { "words" } else { "characters" }
            ),
        },
    }
}

fn long(m: &Option<Measures>) -> String {
    m.as_ref().map(|m| format!("{}/{} over", m.long_sentences.len(), m.sentences)).unwrap_or_else(|| "-".into())
}

/// The report as a text table, then the long sentences of the plain texts.
pub fn table(rows: &[Row], targets: &Targets) -> String {
    let mut lines = vec![[
        "publication".to_string(),
        "lang".into(),
        "section".into(),
        "standard".into(),
        "plain".into(),
        format!("plain sentences > {}", targets.long_sentence),
        "plain target".into(),
    ]];
    for r in rows {
        let status = match r.plain.as_ref().map(|m| meets(m, targets)) {
            None => "-",
            Some(None) => "no formula",
            Some(Some(true)) => "met",
            Some(Some(false)) => "MISSED",
        };
        lines.push([
            r.publication.clone(),
            r.lang.clone(),
            r.section.clone(),
            cell(&r.standard),
            cell(&r.plain),
            long(&r.plain),
            status.into(),
        ]);
    }
    let widths: Vec<usize> = (0..7).map(|i| lines.iter().map(|l| l[i].chars().count()).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for line in &lines {
        let cells: Vec<String> = line.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        let _ = writeln!(out, "{}", cells.join("  ").trim_end());
    }
    for r in rows.iter().filter(|r| r.section != "(all sections)") {
        for (n, edition) in [(r.not_measured.0, "standard"), (r.not_measured.1, "plain")] {
            if n > 0 {
                let _ = writeln!(
                    out,
                    "not measured in {} ({}, {edition}): {n} {} in another language (untranslated text, or a passage marked with its language)",
                    r.section,
                    r.lang,
                    if n == 1 { "text" } else { "texts" }
                );
            }
        }
    }
    for r in rows.iter().filter(|r| r.plain_origin.is_some()) {
        if let Some(m) = &r.plain {
            for s in &m.long_sentences {
                let _ = writeln!(out, "long sentence in {} ({}): {s}", r.section, r.lang);
            }
        }
    }
    out
}
