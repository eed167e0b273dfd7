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
        let licenses = licenses(dir);
        let mut fonts = Vec::new();
        let mut files = Vec::new();
        for path in &paths {
            let data =
                std::fs::read(path).map_err(|e| format!("failed to read the font `{}` ({e})", path.display()))?;
            let bytes = Bytes::new(data);
            let before = fonts.len();
            fonts.extend(Font::iter(bytes.clone()));
            let Some(first) = fonts.get(before) else {
                return Err(format!("`{}` is not a font Typst can read (use TTF or OTF, not WOFF)", path.display()));
            };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
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
            return Err(format!("no fonts in `{}`; imprint needs the fonts that ship with it", dir.display()));
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

/// The `OFL-<Family>.txt` licences of a fonts folder: (family key, file name, text).
fn licenses(dir: &Path) -> Vec<(String, String, Bytes)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<(String, String, Bytes)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let family = name.strip_prefix("OFL-")?.strip_suffix(".txt")?.to_lowercase();
            let text = std::fs::read(e.path()).ok()?;
            Some((family, name, Bytes::new(text)))
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
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
