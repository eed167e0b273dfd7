//! Reading level, measured per language, only where a validated formula exists.
//!
//! English: Flesch-Kincaid grade and Flesch reading ease. Spanish: Fernández-Huerta and
//! Szigriszt-Pazos with its INFLESZ band, syllables counted by Spanish rules. Other languages
//! (Chinese, Korean, Farsi, Khmer...) get sentence lengths only, labelled as such: there is
//! no grade to give. Which formula a language gets, whether its words are spaced and which
//! punctuation ends its sentences come from its profile (src/lang/profiles.toml).
//!
//! The text measured is the prose of a document: paragraphs, list items, timeline events and
//! table cells, in the document's language ([`text`]: other languages are counted, not measured).
//! A paragraph that does not end a sentence and is short is a label, not prose, and is left
//! out; a list item counts. (The crate `readsight` was measured first and not used: it counts
//! "amigo", "caía" and "país" as 2, 1 and 1 syllables, and its Flesch-Kincaid grade of the
//! plain English text was 6.7 against 5.6 by CMUdict.)

mod english;
pub mod report;
mod spanish;
pub mod text;

use crate::lang::profile::{Formula, Words};
use crate::model::LangTag;

/// Whether a character is the terminal punctuation of a sentence (in any language of the
/// profile table: `. ! ? … 。 ؟ ۔ ។`...).
fn terminal(c: char) -> bool {
    crate::lang::ends_sentence(c)
}

/// Abbreviations whose full stop does not end a sentence (lower case, without the final dot).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "e.g", "i.e", "no", "fig", "p", "pp", "vol", "approx",
    "a.m", "p.m", "u.s", "u.k", "inc", "ltd", "co", "corp", "dept", "sra", "srta", "dra", "ud", "uds", "pág", "núm",
    "art", "ej", "ee", "uu", "aprox", "tel", "av", "lic", "ing",
];

/// The measures of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Measures {
    /// Sentences counted.
    pub sentences: usize,
    /// Words (or characters, for scripts written without spaces).
    pub words: usize,
    /// Syllables (languages with a formula only).
    pub syllables: usize,
    /// Words per sentence, on average.
    pub average_sentence: f64,
    /// The sentences longer than the limit, in order.
    pub long_sentences: Vec<String>,
    /// The longest sentence's length.
    pub longest: usize,
    /// The formula's scores, if the language has one.
    pub scores: Scores,
    /// What `words` counts.
    pub unit: Unit,
}

/// What sentence length is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Words separated by spaces.
    Words,
    /// Characters (Chinese, Japanese, Thai, Khmer are written without spaces between words).
    Characters,
}

/// The scores of a validated formula.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scores {
    /// English.
    English {
        /// Flesch-Kincaid grade level.
        grade: f64,
        /// Flesch reading ease.
        ease: f64,
    },
    /// Spanish.
    Spanish {
        /// Fernández-Huerta ease.
        fernandez_huerta: f64,
        /// Szigriszt-Pazos perspicuity (the INFLESZ scale).
        szigriszt_pazos: f64,
    },
    /// No validated formula for this language: sentence length only.
    None,
}

/// The INFLESZ band of a Szigriszt-Pazos score.
pub fn inflesz_band(score: f64) -> &'static str {
    match score {
        s if s < 40.0 => "muy difícil",
        s if s < 55.0 => "algo difícil",
        s if s < 65.0 => "normal",
        s if s < 80.0 => "bastante fácil",
        _ => "muy fácil",
    }
}

pub use crate::model::walk::ProseKind as Kind;

/// Whether a block is prose: list items are; a paragraph is when it ends a sentence or is
/// longer than a label (12 words).
pub fn is_prose(kind: Kind, text: &str) -> bool {
    let n = words(text).len();
    match kind {
        Kind::Item => n > 0,
        Kind::Paragraph => {
            let end = text.trim_end_matches(|c: char| "\"”’')] ".contains(c));
            end.ends_with(terminal) || end.ends_with([':', ';']) || n > 12
        }
    }
}

/// The words of a text: letters (with inner apostrophes and hyphens) or numbers.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let inner = (c == '\'' || c == '’' || c == '-' || c == '.' || c == ',')
            && start.is_some()
            && next.is_some_and(char::is_alphanumeric);
        // The zero-width (non-)joiner is part of a Persian word ("می‌کنیم"), as are marks.
        let joiner = matches!(c, '\u{200c}' | '\u{200d}') && start.is_some();
        let mark = start.is_some()
            && matches!(c, '\u{0300}'..='\u{036f}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{17b4}'..='\u{17d3}');
        if c.is_alphanumeric() || inner || joiner || mark {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Splits a block into sentences at terminal punctuation followed by a capital, a digit, an
/// opening quote or ¿¡ (or the end); abbreviations and initials do not end a sentence.
pub fn sentences(block: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = block.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if !terminal(c) {
            k += 1;
            continue;
        }
        let mut end = k;
        while end + 1 < chars.len() && (terminal(chars[end + 1].1) || "\"”’')]»".contains(chars[end + 1].1)) {
            end += 1;
        }
        let after = end + 1;
        let mut next = after;
        while next < chars.len() && chars[next].1.is_whitespace() {
            next += 1;
        }
        let unspaced_stop = matches!(c, '。' | '！' | '？');
        let starts_sentence = next == chars.len()
            || unspaced_stop
            || (next > after
                && chars[next..]
                    .iter()
                    .map(|&(_, c)| c)
                    .find(|c| !"\"“‘'«([¿¡".contains(*c))
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || !c.is_alphabetic() || !has_case(c)));
        if starts_sentence && !(c == '.' && is_abbreviation(&block[start..i])) {
            let stop = chars.get(after).map(|&(j, _)| j).unwrap_or(block.len());
            out.push(block[start..stop].trim());
            start = stop;
        }
        k = after;
    }
    let rest = block[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out.retain(|s| !words(s).is_empty());
    out
}

/// Whether a letter belongs to a script with upper and lower case (Latin, Cyrillic...).
fn has_case(c: char) -> bool {
    c.to_lowercase().ne(c.to_uppercase())
}

fn is_abbreviation(before: &str) -> bool {
    let token = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    let lower = token.to_lowercase();
    let single_capital = token.chars().count() == 1 && token.chars().all(char::is_uppercase);
    let dotted = token.contains('.') && token.split('.').all(|p| p.chars().count() == 1);
    ABBREVIATIONS.contains(&lower.as_str()) || single_capital || dotted
}

/// Measures prose blocks `(kind, text)` in a language; sentences over `long` units are listed.
pub fn measure(blocks: &[(Kind, String)], lang: &LangTag, long: usize) -> Option<Measures> {
    let prose: Vec<&str> = blocks.iter().filter(|(k, t)| is_prose(*k, t)).map(|(_, t)| t.as_str()).collect();
    let sentences: Vec<&str> = prose.iter().flat_map(|b| sentences(b)).collect();
    if sentences.is_empty() {
        return None;
    }
    let profile = crate::lang::profile(lang);
    let unit = if profile.words == Words::Unspaced { Unit::Characters } else { Unit::Words };
    let length = |s: &str| match unit {
        Unit::Words => words(s).len(),
        Unit::Characters => s.chars().filter(|c| c.is_alphanumeric()).count(),
    };
    let lengths: Vec<usize> = sentences.iter().map(|s| length(s)).collect();
    // A limit in words is about twice as many characters of Chinese or Japanese.
    let long_in = |unit: Unit| if unit == Unit::Characters { long * 2 } else { long };
    let total: usize = lengths.iter().sum();
    let all_words: Vec<&str> = sentences.iter().flat_map(|s| words(s)).collect();
    let syllables: usize = match profile.readability {
        Formula::FleschKincaid => all_words.iter().map(|w| english::syllables(w)).sum(),
        Formula::SzigrisztInflesz => all_words.iter().map(|w| spanish::syllables(w)).sum(),
        Formula::None => 0,
    };
    let (w, s, sy) = (all_words.len() as f64, sentences.len() as f64, syllables as f64);
    let scores = match profile.readability {
        Formula::FleschKincaid => Scores::English {
            grade: 0.39 * w / s + 11.8 * sy / w - 15.59,
            ease: 206.835 - 1.015 * w / s - 84.6 * sy / w,
        },
        Formula::SzigrisztInflesz => Scores::Spanish {
            fernandez_huerta: 206.84 - 60.0 * sy / w - 1.02 * w / s,
            szigriszt_pazos: 206.835 - 62.3 * sy / w - w / s,
        },
        Formula::None => Scores::None,
    };
    Some(Measures {
        sentences: sentences.len(),
        words: total,
        syllables,
        average_sentence: total as f64 / s,
        long_sentences: sentences
            .iter()
            .zip(&lengths)
            .filter(|(_, n)| **n > long_in(unit))
            .map(|(t, _)| t.to_string())
            .collect(),
        longest: lengths.iter().copied().max().unwrap_or(0),
        scores,
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_hyphens_apostrophes_and_numbers() {
        assert_eq!(
            words("We’ve served 1,000 survivors: trauma-informed care."),
            ["We’ve", "served", "1,000", "survivors", "trauma-informed", "care"]
        );
    }

    #[test]
    fn sentences_respect_abbreviations_and_initials() {
        let s = sentences("Cast was founded in the U.S. in 1998. Dr. Smith said so! Then J. Doe left. ¿Qué? Sí.");
        assert_eq!(
            s,
            ["Cast was founded in the U.S. in 1998.", "Dr. Smith said so!", "Then J. Doe left.", "¿Qué?", "Sí."]
        );
        assert_eq!(sentences("我们服务幸存者。我们提供帮助。"), ["我们服务幸存者。", "我们提供帮助。"]);
    }

    #[test]
    fn english_formula_on_a_hand_counted_text() {
        // 2 sentences, 10 words, 13 syllables, counted by hand:
        // We(1) help(1) survivors(3). They(1) choose(1) what(1) happens(2) next(1) in(1) life(1)).
        let blocks = vec![(Kind::Paragraph, "We help survivors. They choose what happens next in life.".to_string())];
        let m = measure(&blocks, &LangTag("en".into()), 20).unwrap();
        assert_eq!((m.sentences, m.words, m.syllables), (2, 10, 13));
        let Scores::English { grade, ease } = m.scores else { panic!() };
        assert!((grade - (0.39 * 5.0 + 11.8 * 1.3 - 15.59)).abs() < 1e-9);
        assert!((ease - (206.835 - 1.015 * 5.0 - 84.6 * 1.3)).abs() < 1e-9);
    }

    #[test]
    fn spanish_formulas_and_band() {
        // "Mi amigo vive en la ciudad." 6 words: mi 1, a-mi-go 3, vi-ve 2, en 1, la 1, ciu-dad 2 = 10.
        let blocks = vec![(Kind::Paragraph, "Mi amigo vive en la ciudad.".to_string())];
        let m = measure(&blocks, &LangTag("es".into()), 20).unwrap();
        assert_eq!((m.sentences, m.words, m.syllables), (1, 6, 10));
        let Scores::Spanish { fernandez_huerta, szigriszt_pazos } = m.scores else { panic!() };
        assert!((fernandez_huerta - (206.84 - 60.0 * 10.0 / 6.0 - 1.02 * 6.0)).abs() < 1e-9);
        assert!((szigriszt_pazos - (206.835 - 62.3 * 10.0 / 6.0 - 6.0)).abs() < 1e-9);
        assert_eq!(inflesz_band(70.0), "bastante fácil");
        assert_eq!(inflesz_band(39.9), "muy difícil");
    }

    #[test]
    fn languages_without_a_formula_get_lengths_only() {
        let blocks = vec![(Kind::Paragraph, "我们服务幸存者。我们提供帮助。".to_string())];
        let m = measure(&blocks, &LangTag("zh-Hant".into()), 20).unwrap();
        assert_eq!(m.scores, Scores::None);
        assert_eq!(m.unit, Unit::Characters);
        assert_eq!((m.sentences, m.words), (2, 13));
        let fa = vec![(Kind::Paragraph, "ما به بازماندگان کمک می‌کنیم. آنها انتخاب می‌کنند.".to_string())];
        let m = measure(&fa, &LangTag("fa".into()), 20).unwrap();
        assert_eq!((m.scores, m.unit, m.sentences, m.words), (Scores::None, Unit::Words, 2, 8));
    }

    #[test]
    fn labels_are_not_prose() {
        assert!(!is_prose(Kind::Paragraph, "Photo credits"));
        assert!(is_prose(Kind::Paragraph, "We help."));
        assert!(is_prose(Kind::Item, "protection"));
    }
}
