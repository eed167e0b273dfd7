//! The fonts of a project: its `fonts/` folder, or the same fonts built into imprint for a
//! project that has none (`imprint init` makes such a project). They are the only fonts any
//! output uses (no system fonts, no fonts built into a library), so a build looks the same on
//! every machine.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

/// Every font face found in `fonts/`, with Typst's index of them. A clone shares the font
/// data (and the hashes Typst's caches computed of it).
#[derive(Debug, Clone)]
pub struct FontSet {
    /// Metadata of every face, for font selection.
    pub book: LazyHash<FontBook>,
    /// The faces, in the book's order.
    pub fonts: Vec<Font>,
    /// The font files, for outputs that ship their fonts (the web edition).
    pub files: Vec<FontFile>,
}

/// A font file of `fonts/` with its licence.
#[derive(Debug, Clone)]
pub struct FontFile {
    /// The file name (`NotoSans-Regular.ttf`).
    pub name: String,
    /// The family of its (first) face.
    pub family: String,
    /// Whether the face is bold.
    pub bold: bool,
    /// Whether the face is italic.
    pub italic: bool,
    /// The bytes.
    pub data: Bytes,
    /// The licence that covers it: the file name and text of the `OFL-*.txt` whose name
    /// matches the font's file name best.
    pub license: Option<(String, Bytes)>,
}

/// The fonts built into imprint: the repository's `fonts/` folder when imprint was compiled
/// (font files and their `OFL-*.txt` licences), for projects that have no `fonts/` of their own.
const BUILTIN: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/builtin_fonts.rs"));

impl FontSet {
    /// The fonts of a project: its `fonts/` folder when it has one (every `.ttf`, `.otf`,
    /// `.ttc` and `.otc` file, sorted by name so that the order, and with it the output, does
    /// not depend on the file system), else the fonts built into imprint.
    pub fn load(dir: &Path) -> Result<FontSet, String> {
        if !dir.exists() {
            return FontSet::builtin();
        }
        let entries = std::fs::read_dir(dir).map_err(|e| {
            format!("failed to read the fonts folder `{}` ({e}); imprint ships its fonts there", dir.display())
        })?;
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        let mut named = Vec::new();
        for path in paths.iter().filter(|p| p.is_file()) {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if font_file(&name) || license_file(&name).is_some() {
                let data =
                    std::fs::read(path).map_err(|e| format!("failed to read the font `{}` ({e})", path.display()))?;
                named.push((name, Bytes::new(data)));
            }
        }
        FontSet::from_files(named, &dir.display().to_string())
    }

    /// The fonts built into imprint (see [`BUILTIN`]).
    pub fn builtin() -> Result<FontSet, String> {
        let named = BUILTIN.iter().map(|(name, data)| (name.to_string(), Bytes::new(*data))).collect();
        FontSet::from_files(named, "imprint's built-in fonts")
    }

    /// The set made of font files and licence texts, by file name, sorted.
    fn from_files(named: Vec<(String, Bytes)>, shown_as: &str) -> Result<FontSet, String> {
        let licenses: Vec<(String, String, Bytes)> =
            named.iter().filter_map(|(name, text)| Some((license_file(name)?, name.clone(), text.clone()))).collect();
        let mut fonts = Vec::new();
        let mut files = Vec::new();
        for (name, bytes) in named.into_iter().filter(|(name, _)| font_file(name)) {
            let before = fonts.len();
            fonts.extend(Font::iter(bytes.clone()));
            let Some(first) = fonts.get(before) else {
                return Err(format!("`{name}` in {shown_as} is not a font Typst can read (use TTF or OTF, not WOFF)"));
            };
            let key = name.to_lowercase();
            let license = licenses
                .iter()
                .filter(|(family, _, _)| key.starts_with(family.as_str()))
                .max_by_key(|(family, _, _)| family.len())
                .map(|(_, file, text)| (file.clone(), text.clone()));
            let info = first.info();
            files.push(FontFile {
                family: info.family.clone(),
                bold: info.variant.weight.to_number() >= 600,
                italic: info.variant.style != typst::text::FontStyle::Normal,
                name,
                data: bytes,
                license,
            });
        }
        if fonts.is_empty() {
            return Err(format!("no fonts in {shown_as}; imprint needs the fonts that ship with it"));
        }
        Ok(FontSet { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts, files })
    }

    /// The family names available, sorted, without duplicates.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.fonts.iter().map(|f| f.info().family.clone()).collect();
        names.sort();
        names.dedup();
        names
    }
}

/// Whether a file name is a font file imprint reads.
fn font_file(name: &str) -> bool {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    name.contains('.') && matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc")
}

/// The family key of an `OFL-<Family>.txt` licence file (`notosans`), if the name is one.
fn license_file(name: &str) -> Option<String> {
    Some(name.strip_prefix("OFL-")?.strip_suffix(".txt")?.to_lowercase())
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
