//! Tests of the profile table: every row parses and is coherent, and the table agrees with
//! what the layouts and stylesheets expect.

use super::*;
use crate::lang::parse_lang;

fn tag(s: &str) -> LangTag {
    LangTag(s.into())
}

#[test]
fn every_row_parses_and_names_a_valid_language_and_script() {
    let rows = parse_table(PROFILES).expect("profiles.toml parses");
    assert_eq!(rows.len(), profiles().len());
    let scripts = include_str!("../scripts.tsv");
    for (i, p) in rows.iter().enumerate() {
        let parsed = parse_lang(&p.tag).unwrap_or_else(|e| panic!("{}: {}", p.tag, e.message));
        assert_eq!(parsed.as_str(), p.tag, "rows use canonical tags");
        assert!(scripts.lines().any(|l| l.split('\t').next() == Some(p.script.as_str())), "{}: script", p.tag);
        assert!(rows[..i].iter().all(|q| q.tag != p.tag), "{} has two rows", p.tag);
        assert!(!p.sentence_end.is_empty() && p.sentence_end.iter().all(|e| e.chars().count() == 1), "{}", p.tag);
        assert!(p.quotes.iter().all(|q| q.chars().count() == 1), "{}: quotes", p.tag);
        assert!(p.known);
    }
}

#[test]
fn the_languages_imprint_publishes_in_have_a_row() {
    for t in ["en", "es", "zh-Hant", "zh-Hans", "ja", "ko", "fa", "ar", "ur", "ps", "km", "th", "hy", "ru", "tl", "vi"]
    {
        assert!(profiles().iter().any(|p| p.tag == t), "no row for {t}");
    }
}

#[test]
fn a_misspelt_key_is_refused() {
    let row = "[[language]]\ntag = \"en\"\nscript = \"Latn\"\ndirection = \"ltr\"\ndigits = \"latin\"\nemphasis = \"italic\"\nleading = \"normal\"\nsentence-end = [\".\"]\nquotes = [\"a\", \"b\", \"c\", \"d\"]\ncollation = \"en\"\nwords = \"spaced\"\nreadability = \"none\"\n";
    assert!(parse_table(row).is_ok());
    assert!(parse_table(&row.replace("leading", "leadin")).is_err());
    assert!(parse_table(&row.replace("\"italic\"", "\"slanted\"")).is_err());
}

#[test]
fn lookup_falls_back_by_subtag_then_by_direction() {
    assert_eq!(profile(&tag("es-MX")).tag, "es");
    assert_eq!(profile(&tag("zh-Hant-TW")).tag, "zh-Hant");
    assert_eq!(profile(&tag("zh")).tag, "zh-Hant");
    assert_eq!(profile(&tag("zh-Hans")).quotes[0], "“");
    let he = profile(&tag("he"));
    assert!(!he.known);
    assert_eq!((he.direction, he.script.as_str()), (Direction::Rtl, "Zyyy"));
    let az = profile(&tag("az-Arab"));
    assert_eq!((az.direction, az.script.as_str()), (Direction::Rtl, "Arab"));
    assert_eq!(profile(&tag("de")).direction, Direction::Ltr);
}

#[test]
fn directions_agree_with_the_scripts() {
    for p in profiles() {
        let rtl_script = crate::lang::RTL_SCRIPTS.contains(&p.script.as_str());
        assert_eq!(p.direction == Direction::Rtl, rtl_script, "{}: direction and script {}", p.tag, p.script);
        let language = p.tag.split('-').next().unwrap_or_default();
        let rtl_language = crate::lang::RTL_LANGUAGES.contains(&language);
        assert_eq!(p.direction == Direction::Rtl, rtl_language, "{}: the fallback list disagrees", p.tag);
    }
}

#[test]
fn emphasis_and_leading_agree_with_what_the_layouts_and_stylesheets_had() {
    // The lists the layouts and stylesheets hard-coded before they read the table.
    let bold: Vec<&str> = profiles().iter().filter(|p| p.emphasis == Emphasis::Bold).map(|p| p.tag.as_str()).collect();
    assert_eq!(bold, ["fa", "ar", "ur", "ps", "zh-Hant", "zh-Hans", "ja", "ko", "km"]);
    let tall: Vec<&str> = profiles().iter().filter(|p| p.leading == Leading::Tall).map(|p| p.tag.as_str()).collect();
    assert_eq!(tall, ["fa", "ar", "ur", "ps", "km"]);
    let selector = upright_css_selector();
    assert_eq!(
        selector,
        "em:lang(fa), em:lang(ar), em:lang(ur), em:lang(ps), em:lang(zh), em:lang(ja), em:lang(ko), em:lang(km)"
    );
    for css in [include_str!("../../../layouts/html/style.css"), include_str!("../../../layouts/epub/style.css")] {
        assert!(!css.contains("em:lang("), "a stylesheet hard-codes languages instead of `upright_emphasis`");
        assert!(css.contains("{{ upright_emphasis }} {"), "a stylesheet does not set emphasis from the profiles");
    }
    for typ in [include_str!("../../../layouts/brochure.typ"), include_str!("../../../layouts/large-print.typ")] {
        assert!(!typ.contains("lang in ("), "a layout hard-codes a list of languages instead of reading `profile`");
    }
}

#[test]
fn unspaced_languages_and_collation() {
    let unspaced: Vec<&str> =
        profiles().iter().filter(|p| p.words == Words::Unspaced).map(|p| p.tag.as_str()).collect();
    assert_eq!(unspaced, ["zh-Hant", "zh-Hans", "ja", "km", "th", "lo", "my"]);
    assert!(crate::lang::unspaced(&tag("zh")) && !crate::lang::unspaced(&tag("ko")));
    assert_eq!(profile(&tag("fa-AF")).collation, "fa");
    assert_eq!(profile(&tag("en")).readability, Formula::FleschKincaid);
    assert_eq!(profile(&tag("es-419")).readability, Formula::SzigrisztInflesz);
    assert!(
        profiles()
            .iter()
            .filter(|p| !p.tag.starts_with("en") && !p.tag.starts_with("es"))
            .all(|p| p.readability == Formula::None)
    );
}

#[test]
fn sentence_ends_include_the_old_terminal_punctuation() {
    for c in ['.', '!', '?', '…', '。', '！', '？', '؟', '។', '۔'] {
        assert!(crate::lang::ends_sentence(c), "{c}");
    }
    assert!(!crate::lang::ends_sentence(','));
}
