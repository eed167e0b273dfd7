//! Language tags: validation against the ISO registries, canonical case, writing direction.
//!
//! A tag is `language[-Script][-REGION]` (BCP 47 without variants or extensions, which no
//! publication needs): `en`, `es-MX`, `zh-Hant`, `fa`. The language must be an ISO 639 code,
//! the script an ISO 15924 code, the region an ISO 3166-1 code or a UN M.49 area number. The
//! tables are Debian's iso-codes, embedded. What imprint knows about writing each language
//! (direction, words, collation, emphasis...) is in the profile table of [`profile`].

use std::sync::OnceLock;

use crate::model::{Direction, LangTag};

pub mod collate;
pub mod profile;

pub use profile::{Profile, profile, upright_css_selector};

const LANGUAGES: &str = include_str!("languages.tsv");
const SCRIPTS: &str = include_str!("scripts.tsv");
const REGIONS: &str = include_str!("regions.tsv");

/// Languages written right to left by default (their usual script is Arabic, Hebrew, Thaana,
/// Syriac or N'Ko); used for languages without a profile.
const RTL_LANGUAGES: &[&str] =
    &["ar", "arc", "ckb", "dv", "fa", "he", "ks", "nqo", "ps", "sd", "syr", "ug", "ur", "yi"];

/// Scripts written right to left.
const RTL_SCRIPTS: &[&str] = &["Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Syrc", "Thaa"];

struct Table {
    languages: Vec<(&'static str, &'static str)>,
    scripts: Vec<(&'static str, &'static str)>,
    regions: Vec<(&'static str, &'static str)>,
}

fn parse_tsv(text: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<_> =
        text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).filter_map(|l| l.split_once('\t')).collect();
    rows.sort();
    rows
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| Table {
        languages: parse_tsv(LANGUAGES),
        scripts: parse_tsv(SCRIPTS),
        regions: parse_tsv(REGIONS),
    })
}

fn lookup(rows: &[(&'static str, &'static str)], code: &str) -> Option<&'static str> {
    rows.binary_search_by(|(c, _)| (*c).cmp(code)).ok().map(|i| rows[i].1)
}

/// Why a language tag was refused: the message, and a hint saying what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangError {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

/// Parses and validates a language tag, returning it in canonical case.
pub fn parse_lang(tag: &str) -> Result<LangTag, LangError> {
    let t = table();
    let general_hint = "Use a BCP 47 language tag such as `en`, `es`, `zh-Hant`, `ko`, `fa` or `km`.";
    let mut parts = tag.split(['-', '_']);
    let language = parts.next().unwrap_or("").to_ascii_lowercase();
    if lookup(&t.languages, &language).is_none() {
        let hint = match suggest_by_name(tag) {
            Some((code, name)) => {
                let name = name.split(';').next().unwrap_or(name).trim();
                format!("{name} is `{code}`. {general_hint}")
            }
            None => general_hint.to_string(),
        };
        return Err(LangError { message: format!("unknown language code `{tag}`"), hint });
    }
    let mut canonical = language;
    let mut seen_region = false;
    let mut seen_script = false;
    for part in parts {
        let bad = |what: &str| LangError {
            message: format!("unknown {what} `{part}` in language tag `{tag}`"),
            hint: general_hint.to_string(),
        };
        if part.len() == 4 && part.chars().all(|c| c.is_ascii_alphabetic()) && !seen_script && !seen_region {
            let script = title_case(part);
            lookup(&t.scripts, &script).ok_or_else(|| bad("script"))?;
            canonical.push('-');
            canonical.push_str(&script);
            seen_script = true;
        } else if part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()) && !seen_region {
            let region = part.to_ascii_uppercase();
            lookup(&t.regions, &region).ok_or_else(|| bad("region"))?;
            canonical.push('-');
            canonical.push_str(&region);
            seen_region = true;
        } else if part.len() == 3 && part.chars().all(|c| c.is_ascii_digit()) && !seen_region {
            canonical.push('-');
            canonical.push_str(part);
            seen_region = true;
        } else {
            return Err(bad("subtag"));
        }
    }
    Ok(LangTag(canonical))
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if i == 0 {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

/// A language whose English name matches what was written (`Spanish` -> `es`).
fn suggest_by_name(written: &str) -> Option<(&'static str, &'static str)> {
    let w = written.trim().to_lowercase();
    if w.len() < 3 {
        return None;
    }
    table()
        .languages
        .iter()
        .copied()
        .find(|(_, name)| name.split(';').any(|n| n.trim().to_lowercase() == w) || name.to_lowercase().starts_with(&w))
}

/// Whether the language is written without spaces between words (Chinese, Japanese, Thai,
/// Khmer, Lao, Burmese): words cannot be counted by spaces, nor found by word boundaries.
pub fn unspaced(tag: &LangTag) -> bool {
    profile(tag).words == profile::Words::Unspaced
}

/// The writing direction of a (valid) tag: its script subtag's when it has one (`az-Arab`),
/// else its profile's.
pub fn direction(tag: &LangTag) -> Direction {
    if script_subtag(tag).is_some() {
        return fallback_direction(tag);
    }
    profile(tag).direction
}

/// The script subtag of a tag (`Hant` in `zh-Hant-TW`).
fn script_subtag(tag: &LangTag) -> Option<&str> {
    tag.as_str().split('-').skip(1).find(|p| p.len() == 4 && p.chars().all(|c| c.is_ascii_alphabetic()))
}

/// The direction of a tag from the lists of right-to-left scripts and languages, for tags
/// with a script subtag and languages without a profile.
fn fallback_direction(tag: &LangTag) -> Direction {
    let language = tag.as_str().split('-').next().unwrap_or("");
    let rtl = match script_subtag(tag) {
        Some(script) => RTL_SCRIPTS.contains(&script),
        None => RTL_LANGUAGES.contains(&language),
    };
    if rtl { Direction::Rtl } else { Direction::Ltr }
}

/// Whether a character ends a sentence in some language of the profile table.
pub fn ends_sentence(c: char) -> bool {
    static ENDS: OnceLock<Vec<char>> = OnceLock::new();
    ENDS.get_or_init(|| {
        let mut ends: Vec<char> =
            profile::profiles().iter().flat_map(|p| p.sentence_end.concat().chars().collect::<Vec<_>>()).collect();
        ends.sort_unstable();
        ends.dedup();
        ends
    })
    .contains(&c)
}

/// The English name of a (valid) tag's language ("Spanish").
pub fn english_name(tag: &LangTag) -> &'static str {
    let language = tag.as_str().split('-').next().unwrap_or("");
    lookup(&table().languages, language).map(|n| n.split(';').next().unwrap_or(n).trim()).unwrap_or("unknown language")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_case_and_subtags() {
        assert_eq!(parse_lang("zh-hant").unwrap().as_str(), "zh-Hant");
        assert_eq!(parse_lang("ES-mx").unwrap().as_str(), "es-MX");
        assert_eq!(parse_lang("es_419").unwrap().as_str(), "es-419");
        assert_eq!(parse_lang("fil").unwrap().as_str(), "fil");
    }

    #[test]
    fn unknown_codes_are_refused_with_a_hint() {
        let e = parse_lang("spanish").unwrap_err();
        assert_eq!(e.message, "unknown language code `spanish`");
        assert!(e.hint.starts_with("Spanish is `es`"), "{}", e.hint);
        assert!(parse_lang("xx").is_err());
        assert!(parse_lang("en-QQ").is_err());
        assert!(parse_lang("zh-Hanx").is_err());
        assert!(parse_lang("").is_err());
    }

    #[test]
    fn directions() {
        let d = |t: &str| direction(&parse_lang(t).unwrap());
        assert_eq!(d("fa"), Direction::Rtl);
        assert_eq!(d("ar-EG"), Direction::Rtl);
        assert_eq!(d("km"), Direction::Ltr);
        assert_eq!(d("zh-Hant"), Direction::Ltr);
        assert_eq!(d("az-Arab"), Direction::Rtl);
        assert_eq!(english_name(&parse_lang("km").unwrap()), "Central Khmer");
    }
}
