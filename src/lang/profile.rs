//! Language profiles: the table `profiles.toml` (one row per language imprint knows well)
//! and its reader. Everything Rust, the Typst layouts and the stylesheets need to know about
//! writing a language (script, direction, emphasis, line spacing, sentence ends, collation,
//! readability formula) is read from here, so that they cannot disagree.
//!
//! This module owns the table's format and the fallback for languages without a row; it does
//! not decide what a publication chooses (imprint.toml's `digits` does that).

use std::sync::OnceLock;

use serde::Deserialize;

use crate::model::{Direction, LangTag};

/// The table, embedded.
const PROFILES: &str = include_str!("profiles.toml");

/// How a language writes emphasis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Emphasis {
    /// Slanted letters.
    Italic,
    /// Bold, where the fonts have no italics (Arabic script, CJK, Khmer); still tagged as
    /// emphasis.
    Bold,
}

/// How much space a script needs between lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Leading {
    /// The layout's usual leading.
    Normal,
    /// More: the letters reach far above and below the line (Arabic script, Khmer).
    Tall,
}

/// The digits a language customarily writes numbers with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NativeDigits {
    /// 0123456789.
    Latin,
    /// ۰۱۲۳۴۵۶۷۸۹.
    Persian,
    /// ٠١٢٣٤٥٦٧٨٩.
    ArabicIndic,
}

/// Whether words are separated by spaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Words {
    /// Separated by spaces: lengths are counted in words.
    Spaced,
    /// Written without spaces (Chinese, Japanese, Thai, Khmer...): lengths are counted in
    /// characters.
    Unspaced,
    /// Separated by spaces, with grammatical endings attached to the word (Korean particles:
    /// 인신매매를): a term is found at the start of a word.
    Suffixed,
}

/// The validated reading-level formula of a language, if it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Formula {
    /// Flesch-Kincaid grade and Flesch reading ease (English).
    FleschKincaid,
    /// Szigriszt-Pazos on the INFLESZ scale, with Fernández-Huerta (Spanish).
    SzigrisztInflesz,
    /// No validated formula: sentence lengths only.
    None,
}

/// The writing direction as the table spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Dir {
    Ltr,
    Rtl,
}

/// One row of the table, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Row {
    tag: String,
    script: String,
    direction: Dir,
    digits: NativeDigits,
    emphasis: Emphasis,
    leading: Leading,
    sentence_end: Vec<String>,
    quotes: [String; 4],
    collation: String,
    words: Words,
    readability: Formula,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    language: Vec<Row>,
}

/// What imprint knows about writing one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// The tag of the row (`zh-Hant`), or the tag asked for when there is no row.
    pub tag: String,
    /// The ISO 15924 script code (`Latn`, `Arab`); `Zyyy` (undetermined) without a row.
    pub script: String,
    /// The writing direction.
    pub direction: Direction,
    /// The digits the language customarily writes.
    pub digits: NativeDigits,
    /// How emphasis is shown.
    pub emphasis: Emphasis,
    /// Line spacing the script needs.
    pub leading: Leading,
    /// The punctuation that ends a sentence.
    pub sentence_end: Vec<String>,
    /// Opening and closing quotation marks, then the inner pair.
    pub quotes: [String; 4],
    /// The CLDR locale of its dictionary order (`es`, `fa`, `zh-Hant`; `und` for the root
    /// order of the Unicode Collation Algorithm).
    pub collation: String,
    /// Whether words are separated by spaces.
    pub words: Words,
    /// The reading-level formula.
    pub readability: Formula,
    /// Whether the profile comes from a row of the table (false: the default for the script's
    /// direction).
    pub known: bool,
}

impl Row {
    fn profile(&self) -> Profile {
        Profile {
            tag: self.tag.clone(),
            script: self.script.clone(),
            direction: match self.direction {
                Dir::Ltr => Direction::Ltr,
                Dir::Rtl => Direction::Rtl,
            },
            digits: self.digits,
            emphasis: self.emphasis,
            leading: self.leading,
            sentence_end: self.sentence_end.clone(),
            quotes: self.quotes.clone(),
            collation: self.collation.clone(),
            words: self.words,
            readability: self.readability,
            known: true,
        }
    }
}

/// Every row of the table, in its order. A table that does not parse is a bug of imprint
/// caught by the unit tests; were it to happen anyway, no language has a row.
pub fn profiles() -> &'static [Profile] {
    static ROWS: OnceLock<Vec<Profile>> = OnceLock::new();
    ROWS.get_or_init(|| parse_table(PROFILES).unwrap_or_default())
}

/// Parses a profile table.
fn parse_table(text: &str) -> Result<Vec<Profile>, toml::de::Error> {
    let table: Table = toml::from_str(text)?;
    Ok(table.language.iter().map(Row::profile).collect())
}

/// The profile of a language: the row of its tag, else of the tag without its last subtags
/// (`zh-Hant-TW` -> `zh-Hant`, `es-MX` -> `es`), else the first row of its language subtag
/// (`zh` -> `zh-Hant`), else a default built from the script's direction.
pub fn profile(tag: &LangTag) -> Profile {
    let rows = profiles();
    let s = tag.as_str();
    let mut prefix = s;
    loop {
        if let Some(p) = rows.iter().find(|p| p.tag == prefix) {
            return p.clone();
        }
        match prefix.rsplit_once('-') {
            Some((shorter, _)) => prefix = shorter,
            None => break,
        }
    }
    let language = s.split('-').next().unwrap_or("");
    if let Some(p) = rows.iter().find(|p| p.tag.split('-').next() == Some(language)) {
        return p.clone();
    }
    default_profile(tag)
}

/// The profile of a language without a row: its script subtag (if any), the direction of
/// that script or language, and the neutral choice for everything else.
fn default_profile(tag: &LangTag) -> Profile {
    let script = super::script_subtag(tag);
    Profile {
        tag: tag.as_str().to_string(),
        script: script.unwrap_or("Zyyy").to_string(),
        direction: super::fallback_direction(tag),
        digits: NativeDigits::Latin,
        emphasis: Emphasis::Italic,
        leading: Leading::Normal,
        sentence_end: [".", "!", "?"].map(String::from).to_vec(),
        quotes: ["“", "”", "‘", "’"].map(String::from),
        collation: "und".into(),
        words: Words::Spaced,
        readability: Formula::None,
        known: false,
    }
}

/// The CSS selector of emphasis set upright and bold: `em:lang(fa), em:lang(ar), ...`, one
/// language subtag per row whose emphasis is bold, in the table's order, each once.
pub fn upright_css_selector() -> String {
    let mut languages: Vec<&str> = Vec::new();
    for p in profiles().iter().filter(|p| p.emphasis == Emphasis::Bold) {
        let language = p.tag.split('-').next().unwrap_or(&p.tag);
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    languages.iter().map(|l| format!("em:lang({l})")).collect::<Vec<_>>().join(", ")
}

impl Emphasis {
    /// The name in the table and in the layouts' `profile`: `italic` or `bold`.
    pub fn name(self) -> &'static str {
        match self {
            Emphasis::Italic => "italic",
            Emphasis::Bold => "bold",
        }
    }
}

impl Leading {
    /// The name in the table and in the layouts' `profile`: `normal` or `tall`.
    pub fn name(self) -> &'static str {
        match self {
            Leading::Normal => "normal",
            Leading::Tall => "tall",
        }
    }
}

impl Words {
    /// The name in the table and in the layouts' `profile`: `spaced` or `unspaced`.
    pub fn name(self) -> &'static str {
        match self {
            Words::Spaced => "spaced",
            Words::Unspaced => "unspaced",
            Words::Suffixed => "suffixed",
        }
    }
}

#[cfg(test)]
mod tests;
