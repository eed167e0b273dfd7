//! Dictionary order: words of a language sorted as its readers expect (Spanish `ñ` after `n`,
//! the Persian alphabet, Traditional Chinese by strokes), by the Unicode Collation Algorithm
//! with CLDR's rules for the locale of the language's profile, through ICU4X's collator
//! (`icu_collator`, already compiled into imprint for Typst's bibliographies, with its data).

use std::cmp::Ordering;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::Locale;

use super::profile;
use crate::model::LangTag;

/// The collator of a language: its profile's collation locale, or the root order when the
/// locale is unknown to CLDR.
fn collator(tag: &LangTag) -> Option<CollatorBorrowed<'static>> {
    let root = Locale::UNKNOWN;
    let locale = Locale::try_from_str(&profile(tag).collation).unwrap_or(root.clone());
    Collator::try_new((&locale).into(), CollatorOptions::default())
        .or_else(|_| Collator::try_new((&root).into(), CollatorOptions::default()))
        .ok()
}

/// Sorts `items` in the dictionary order of `tag`'s language, by the text `key` gives (stable:
/// equal texts keep their order). Falls back to code point order only if the collation data
/// is missing altogether.
pub fn sort_by<T>(tag: &LangTag, items: &mut [T], key: impl Fn(&T) -> &str) {
    match collator(tag) {
        Some(c) => items.sort_by(|a, b| c.compare(key(a), key(b))),
        None => items.sort_by(|a, b| key(a).cmp(key(b))),
    }
}

/// Compares two texts in the dictionary order of `tag`'s language.
pub fn compare(tag: &LangTag, a: &str, b: &str) -> Ordering {
    match collator(tag) {
        Some(c) => c.compare(a, b),
        None => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::parse_lang;

    fn sorted(tag: &str, words: &[&'static str]) -> Vec<&'static str> {
        let mut v = words.to_vec();
        sort_by(&parse_lang(tag).unwrap(), &mut v, |w| w);
        v
    }

    #[test]
    fn spanish_puts_enye_after_n() {
        // Byte order put "año fiscal" after "autodeterminación".
        assert_eq!(
            sorted("es", &["autodeterminación", "año fiscal", "anual"]),
            ["anual", "año fiscal", "autodeterminación"]
        );
    }

    #[test]
    fn persian_follows_its_alphabet() {
        // In code points the Arabic letters come first: ب (U+0628) پ (U+067E) ک (U+06A9) گ (U+06AF)
        // but ت (U+062A) and ک and گ interleave differently; Persian order is ب پ ت ... ک گ.
        assert_eq!(
            sorted("fa", &["گروه", "تماس", "پول", "کار", "بازمانده"]),
            ["بازمانده", "پول", "تماس", "کار", "گروه"]
        );
    }

    #[test]
    fn case_and_accents_do_not_scatter_words() {
        assert_eq!(sorted("en", &["visa", "T visa", "Advocacy", "ability"]), ["ability", "Advocacy", "T visa", "visa"]);
        assert_eq!(compare(&parse_lang("en").unwrap(), "résumé", "resume"), Ordering::Greater);
    }
}
