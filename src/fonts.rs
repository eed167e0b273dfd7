//! The fonts that ship in the project's `fonts/` folder: the only fonts any output uses (no
//! system fonts, no fonts built into a library), so a build looks the same on every machine.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Every font face found in `fonts/`, with Typst's index of them.
#[derive(Debug)]
pub struct FontSet {
    /// Metadata of every face, for font selection.
    pub book: LazyHash<FontBook>,
    /// The faces, in the book's order.
    pub fonts: Vec<Font>,
}

impl FontSet {
    /// Reads every `.ttf`, `.otf`, `.ttc` and `.otc` file in `dir` (sorted by name, so that the
    /// order, and with it the output, does not depend on the file system).
    pub fn load(dir: &Path) -> Result<FontSet, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            format!("failed to read the fonts folder `{}` ({e}); imprint ships its fonts there", dir.display())
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
                matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
            })
            .collect();
        paths.sort();
        let mut fonts = Vec::new();
        for path in &paths {
            let data =
                std::fs::read(path).map_err(|e| format!("failed to read the font `{}` ({e})", path.display()))?;
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(data)));
            if fonts.len() == before {
                return Err(format!("`{}` is not a font Typst can read (use TTF or OTF, not WOFF)", path.display()));
            }
        }
        if fonts.is_empty() {
            return Err(format!("no fonts in `{}`; imprint needs the fonts that ship with it", dir.display()));
        }
        Ok(FontSet { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts })
    }

    /// The family names available, sorted, without duplicates.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Which fonts each language is set in (`layouts/fonts.toml`).
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontPlan {
    /// The families of languages not listed.
    pub default: Vec<String>,
    /// The families of each language, by BCP 47 tag.
    #[serde(default)]
    pub languages: std::collections::BTreeMap<String, Vec<String>>,
    /// The families of the large-print edition, by tag; other languages keep their list.
    #[serde(default, rename = "large-print")]
    pub large_print: std::collections::BTreeMap<String, Vec<String>>,
}

impl FontPlan {
    /// Parses `layouts/fonts.toml`.
    pub fn parse(text: &str) -> Result<FontPlan, toml::de::Error> {
        toml::from_str(text)
    }

    /// The families of a language: its own list, else its primary language's, else the default.
    pub fn families(&self, lang: &crate::model::LangTag) -> &[String] {
        let tag = lang.as_str();
        let primary = tag.split('-').next().unwrap_or(tag);
        self.languages.get(tag).or_else(|| self.languages.get(primary)).unwrap_or(&self.default)
    }

    /// The families of a language in the large-print edition.
    pub fn large_print(&self, lang: &crate::model::LangTag) -> &[String] {
        let tag = lang.as_str();
        let primary = tag.split('-').next().unwrap_or(tag);
        match self.large_print.get(tag).or_else(|| self.large_print.get(primary)) {
            Some(list) => list,
            None => self.families(lang),
        }
    }
}

impl FontSet {
    /// Whether a family of `families` has a glyph for `c`.
    pub fn covers(&self, families: &[String], c: char) -> bool {
        self.fonts.iter().any(|f| {
            families.iter().any(|fam| f.info().family.eq_ignore_ascii_case(fam)) && f.info().coverage.contains(c as u32)
        })
    }
}
