//! Web fonts cut to one page. A web page ships, for each font it declares, a subset that holds
//! only the glyphs of the characters that page can show: every character of the final HTML
//! (text, titles, attributes; the markup itself is ASCII), the characters its stylesheet
//! generates (list markers, Persian digits), printable ASCII to be safe, and the mirror of every
//! bracket (right-to-left text draws `(` with the glyph of `)`). The cmap and the OpenType layout
//! tables (GSUB, GPOS, GDEF) stay, with every glyph their substitutions reach, so Arabic,
//! Khmer, Thai and CJK text shapes as with the whole font.
//!
//! skera (fontations) cuts TrueType fonts. It cannot cut CFF outlines yet (it drops the `CFF `
//! table), so for the CJK fonts it cuts every other table, and subsetter (Typst's PDF font
//! subsetter) cuts the `CFF ` table to the same glyphs in the same order. The glyph order of
//! skera's subset is read back from a run over a copy of the font whose advance widths are its
//! glyph ids: exact, whatever glyphs the layout closure adds.
//!
//! Pure: bytes in, bytes out, the same bytes for the same input. It does no I/O.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};

use skera::{DEFAULT_DROP_TABLES, DEFAULT_LAYOUT_FEATURES, Plan, SubsetFlags, subset_font};
use subsetter::GlyphRemapper;
use write_fonts::FontBuilder;
use write_fonts::read::collections::IntSet;
use write_fonts::read::types::{GlyphId, NameId, Tag};
use write_fonts::read::{FontRef, TableProvider};

const CFF: Tag = Tag::new(b"CFF ");
const HMTX: Tag = Tag::new(b"hmtx");
const HHEA: Tag = Tag::new(b"hhea");

/// Characters a stylesheet can draw that are not in the page: list markers (disc, circle,
/// square), the digits of `list-style-type: persian` and `arabic-indic` and their suffix, the
/// quotes of `q`.
const GENERATED: &str = "•◦▪■□○●۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫٬،.‘’“”«»";

/// Pairs of characters that mirror each other in right-to-left text beyond ASCII.
const MIRRORS: [(char, char); 8] =
    [('«', '»'), ('‹', '›'), ('⁅', '⁆'), ('〈', '〉'), ('⟨', '⟩'), ('「', '」'), ('『', '』'), ('（', '）')];

/// The characters a page can show: see the module's documentation.
pub(crate) fn page_chars(html: &str) -> BTreeSet<char> {
    let mut chars: BTreeSet<char> = html.chars().filter(|c| !c.is_control()).collect();
    chars.extend((' '..='~').chain(GENERATED.chars()));
    for (a, b) in MIRRORS {
        if chars.contains(&a) || chars.contains(&b) {
            chars.extend([a, b]);
        }
    }
    chars
}

/// Cuts the font file `data` (its first face) to the glyphs of `chars`. An error says why the
/// font could not be cut; the caller must not ship the whole font in its place silently.
pub(crate) fn subset(data: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    // The subsetters index tables a malformed font may not have; a panic becomes an error.
    catch_unwind(AssertUnwindSafe(|| subset_font_file(data, chars)))
        .unwrap_or_else(|_| Err("the subsetter stopped on this font".to_string()))
}

fn subset_font_file(data: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let font = FontRef::new(data).map_err(|e| format!("not an OpenType font: {e}"))?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
    let cut = run_skera(&font, &unicodes)?;
    if font.table_data(CFF).is_none() {
        return Ok(cut);
    }
    // CFF outlines: skera cut every other table; the outlines follow its glyph order.
    let order = glyph_order(&font, &unicodes)?;
    let cut_font = FontRef::new(&cut).map_err(|e| format!("skera wrote an unreadable font: {e}"))?;
    let glyphs = cut_font.maxp().map_err(|e| format!("skera wrote no maxp: {e}"))?.num_glyphs();
    if usize::from(glyphs) != order.len() {
        return Err(format!("skera kept {glyphs} glyphs but its glyph order lists {}", order.len()));
    }
    let mut remapper = GlyphRemapper::new();
    for (new, &old) in order.iter().enumerate() {
        if usize::from(remapper.remap(old)) != new {
            return Err(format!("glyph {old} cannot be glyph {new} of the CFF subset"));
        }
    }
    let outlines = subsetter::subset(data, 0, &remapper).map_err(|e| format!("subsetter failed ({e})"))?;
    let outlines = FontRef::new(&outlines).map_err(|e| format!("subsetter wrote an unreadable font: {e}"))?;
    let cff = outlines.table_data(CFF).ok_or("subsetter wrote no CFF table")?;
    let mut builder = FontBuilder::new();
    for record in cut_font.table_directory().table_records() {
        if let Some(table) = cut_font.table_data(record.tag()) {
            builder.add_raw(record.tag(), table.as_bytes());
        }
    }
    builder.add_raw(CFF, cff.as_bytes());
    Ok(builder.build())
}

/// skera's subset of `font` to `unicodes`, with harfbuzz's defaults: every script, the default
/// layout features, the name records 0 to 6 in English, hinting kept.
fn run_skera(font: &FontRef, unicodes: &IntSet<u32>) -> Result<Vec<u8>, String> {
    let drop_tables: IntSet<Tag> = DEFAULT_DROP_TABLES.iter().copied().collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::new(0)..=NameId::new(6));
    let mut name_languages = IntSet::<u16>::empty();
    name_languages.insert(0x0409);
    let plan = Plan::new(
        &IntSet::empty(),
        unicodes,
        font,
        SubsetFlags::default(),
        &drop_tables,
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    subset_font(font, &plan).map_err(|e| format!("skera failed ({e})"))
}

/// The old glyph id of each glyph of skera's subset, in the subset's order: skera cuts a copy
/// of the font whose advance widths are the glyph ids, and the subset's widths name them.
fn glyph_order(font: &FontRef, unicodes: &IntSet<u32>) -> Result<Vec<u16>, String> {
    let count = font.maxp().map_err(|e| format!("no maxp table: {e}"))?.num_glyphs();
    let mut hhea = font.table_data(HHEA).ok_or("no hhea table")?.as_bytes().to_vec();
    // numberOfHMetrics, the last field of hhea: every glyph gets its own width.
    hhea.get_mut(34..36).ok_or("the hhea table is too short")?.copy_from_slice(&count.to_be_bytes());
    let hmtx: Vec<u8> = (0..count).flat_map(|gid| [gid.to_be_bytes(), [0, 0]]).flatten().collect();
    let mut builder = FontBuilder::new();
    builder.add_raw(HHEA, hhea).add_raw(HMTX, hmtx).copy_missing_tables(font.clone());
    let tagged = builder.build();
    let tagged = FontRef::new(&tagged).map_err(|e| format!("failed to copy the font: {e}"))?;
    let cut = run_skera(&tagged, unicodes)?;
    let cut = FontRef::new(&cut).map_err(|e| format!("skera wrote an unreadable font: {e}"))?;
    let glyphs = cut.maxp().map_err(|e| format!("skera wrote no maxp: {e}"))?.num_glyphs();
    let hmtx = cut.hmtx().map_err(|e| format!("skera wrote no hmtx: {e}"))?;
    (0..glyphs)
        .map(|gid| hmtx.advance(GlyphId::new(u32::from(gid))).ok_or_else(|| format!("glyph {gid} has no width")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font(name: &str) -> Vec<u8> {
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    fn covers(data: &[u8], c: char) -> bool {
        let font = FontRef::new(data).unwrap_or_else(|e| panic!("{e}"));
        font.cmap().ok().and_then(|cmap| cmap.map_codepoint(c)).is_some_and(|g| g.to_u32() != 0)
    }

    #[test]
    fn cff_subset_keeps_the_characters_and_is_small() {
        let data = font("NotoSansCJKsc-Regular-subset.otf");
        let chars = page_chars("<p>我们的使命 Our mission（2024）</p>");
        let cut = subset(&data, &chars).unwrap_or_else(|e| panic!("{e}"));
        assert!(cut.len() < 100_000, "{} bytes", cut.len());
        for c in "我们的使命Omn（）".chars() {
            assert!(covers(&cut, c), "{c}");
        }
        assert!(!covers(&cut, '国'));
        let typst_font = typst::text::Font::iter(typst::foundations::Bytes::new(cut.clone())).next();
        assert!(typst_font.is_some_and(|f| f.info().coverage.contains(u32::from('使'))));
        assert_eq!(subset(&data, &chars).ok(), Some(cut), "same input, same bytes");
    }

    #[test]
    fn truetype_subset_keeps_arabic_shaping() {
        let data = font("NotoSansArabic-Regular.ttf");
        let cut = subset(&data, &page_chars("<p>ماموریت ما</p>")).unwrap_or_else(|e| panic!("{e}"));
        assert!(cut.len() < data.len() / 4, "{} bytes", cut.len());
        let cut_font = FontRef::new(&cut).unwrap_or_else(|e| panic!("{e}"));
        assert!(cut_font.gsub().is_ok() && cut_font.gpos().is_ok() && cut_font.gdef().is_ok());
        assert!(covers(&cut, 'م') && !covers(&cut, 'ج'));
    }

    #[test]
    fn a_broken_font_is_an_error() {
        assert!(subset(b"not a font", &page_chars("a")).is_err());
    }
}
