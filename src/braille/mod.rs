//! Braille translation: which liblouis table each language is written with ([`table_for`]),
//! the [`Translator`] the braille renderer asks for cells, and [`louis`], the one place that
//! loads liblouis (at run time, so that imprint builds and runs without it).
//!
//! This module knows no document and no layout: text in, braille cells (North American
//! Braille ASCII) out. The layout is `render::braille`'s.

pub mod louis;

use crate::model::LangTag;

pub use louis::Louis;

/// The display table that makes liblouis write North American Braille ASCII (BRF): listed
/// first in every table list, so that each cell comes out as one of the 64 BRF characters.
pub const BRF_DISPLAY: &str = "en-us-brf.dis";

/// The braille code a language is written in, as liblouis names its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BrailleTable {
    /// The liblouis translation table (`en-ueb-g2.ctb`).
    pub table: &'static str,
    /// Whether imprint builds it only when a project asks for it (`[braille]
    /// experimental-languages`), marked experimental: no braille reader has checked imprint's
    /// output in it.
    pub experimental: bool,
}

impl BrailleTable {
    /// The table list liblouis is given: the BRF display table, then the translation table.
    pub fn table_list(self) -> String {
        format!("{BRF_DISPLAY},{}", self.table)
    }
}

/// Languages and their tables, by the language subtag (or the full tag where the script
/// matters). English is contracted (Unified English Braille, grade 2); every other language is
/// uncontracted, as BANA asks for foreign-language braille in the US.
const TABLES: &[(&str, &str, bool)] = &[
    ("en", "en-ueb-g2.ctb", false),
    ("es", "es-g1.ctb", false),
    // Experimental: built only when the project lists the language. Uncontracted tables of
    // liblouis 3.24 (Debian 12's liblouis-data).
    ("ar", "ar-ar-g1.utb", true),
    ("fa", "fa-ir-g1.utb", true),
    ("km", "km-g1.utb", true),
    ("ko", "ko-g1.ctb", true),
    ("ru", "ru-litbrl.ctb", true),
    ("vi", "vi-vn-g0.utb", true),
    ("zh-Hans", "zhcn-g1.ctb", true),
    ("zh-Hant", "zh-tw.ctb", true),
];

/// The table of a language, if liblouis has one that imprint knows: `zh-Hant` and `zh-Hans`
/// by script, every other language by its language subtag (`es-MX` is written as `es`).
pub fn table_for(lang: &LangTag) -> Option<BrailleTable> {
    let tag = lang.as_str();
    let language = tag.split('-').next().unwrap_or(tag);
    let key = if language == "zh" {
        let profile = crate::lang::profile(lang);
        if profile.tag.starts_with("zh-") { profile.tag } else { return None }
    } else {
        language.to_string()
    };
    TABLES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, table, experimental)| BrailleTable { table, experimental: *experimental })
}

/// Turns print into braille cells and back. [`Louis`] is the real one; the renderer needs
/// nothing else, so it stays pure.
pub trait Translator: Sync {
    /// The braille of `text` in `table`, as North American Braille ASCII (one character per
    /// cell, upper case), with no emphasis marked.
    fn translate(&self, table: BrailleTable, text: &str) -> Result<String, String>;
    /// The print text of `braille` (North American Braille ASCII) in `table`.
    fn back_translate(&self, table: BrailleTable, braille: &str) -> Result<String, String>;
    /// Whether `table` can be used (its file exists and compiles).
    fn has_table(&self, table: BrailleTable) -> bool;
    /// A name and version for the PEF metadata and the report (`liblouis 3.24.0`).
    fn version(&self) -> String;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_by_language() {
        let t = |s: &str| table_for(&crate::lang::parse_lang(s).unwrap()).map(|t| (t.table, t.experimental));
        assert_eq!(t("en"), Some(("en-ueb-g2.ctb", false)));
        assert_eq!(t("en-US"), Some(("en-ueb-g2.ctb", false)));
        assert_eq!(t("es-MX"), Some(("es-g1.ctb", false)));
        assert_eq!(t("zh-Hant"), Some(("zh-tw.ctb", true)));
        assert_eq!(t("zh-Hans"), Some(("zhcn-g1.ctb", true)));
        assert_eq!(t("ru"), Some(("ru-litbrl.ctb", true)));
        assert_eq!(t("th"), None);
        assert_eq!(t("tl"), None);
        assert_eq!(BrailleTable { table: "es-g1.ctb", experimental: false }.table_list(), "en-us-brf.dis,es-g1.ctb");
    }
}
