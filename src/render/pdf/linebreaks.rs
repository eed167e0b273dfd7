//! Khmer and Thai are written without spaces between words: Typst must break their lines
//! between words (with its dictionary-trained segmenter), never inside one. These tests lay
//! out paragraphs of Cast's own translated text in a narrow column and check every line end
//! against the word boundaries of ICU4X's word segmenter.

use std::sync::OnceLock;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;
use typst::layout::{Frame, FrameItem, Point};
use typst_layout::PagedDocument;

use super::markup::string;
use crate::fonts::FontSet;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap())
}

/// Each text run with its position on the page.
fn runs(frame: &Frame, at: Point, out: &mut Vec<(Point, String)>) {
    for (pos, item) in frame.items() {
        let here = at + *pos;
        match item {
            FrameItem::Group(g) => runs(&g.frame, here, out),
            FrameItem::Text(t) => out.push((here, t.text.to_string())),
            _ => {}
        }
    }
}

/// The lines of `text` set in `font` in a column `width` wide.
fn lines(text: &str, lang: &str, font: &str, width: &str) -> Vec<String> {
    let main = format!(
        "#set page(width: {width}, height: auto, margin: 0pt)\n#set text(font: ({}, \"Noto Sans\"), lang: {})\n#{}\n",
        string(font),
        string(lang),
        string(text)
    );
    let world = super::world_for_tests(fonts(), main);
    let doc = typst::compile::<PagedDocument>(&world).output.expect("the paragraph compiles");
    // As the renderer exports it: marks Typst set apart are joined to their letters again.
    let doc = super::runs::rejoin_split_runs(doc);
    let mut found = Vec::new();
    for page in doc.pages() {
        runs(&page.frame, Point::zero(), &mut found);
    }
    let mut lines: Vec<(f64, String)> = Vec::new();
    found.sort_by(|a, b| a.0.y.to_pt().total_cmp(&b.0.y.to_pt()).then(a.0.x.to_pt().total_cmp(&b.0.x.to_pt())));
    for (pos, t) in found {
        match lines.last_mut() {
            Some((y, line)) if (*y - pos.y.to_pt()).abs() < 1.0 => line.push_str(&t),
            _ => lines.push((pos.y.to_pt(), t)),
        }
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// Checks that every line break of `text` falls on a word boundary.
fn breaks_between_words(text: &str, lang: &str, font: &str) {
    let lines = lines(text, lang, font, "5cm");
    assert!(lines.len() >= 3, "the paragraph should take several lines: {lines:?}");
    let joined: String = lines.concat();
    let no_spaces = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert_eq!(no_spaces(&joined), no_spaces(text), "every letter is laid out, once");
    if let Some(line) = break_inside_a_word(&lines) {
        panic!("line {line:?} ends inside a word: {lines:?}");
    }
}

/// The first line that ends inside a word, if any.
fn break_inside_a_word(lines: &[String]) -> Option<&String> {
    let joined: String = lines.concat();
    let segmenter = WordSegmenter::new_lstm(WordBreakInvariantOptions::default());
    let boundaries: Vec<usize> = segmenter.segment_str(&joined).collect();
    let mut offset = 0;
    for line in &lines[..lines.len().saturating_sub(1)] {
        offset += line.len();
        let at = joined[..offset].trim_end().len();
        if !boundaries.contains(&offset) && !boundaries.contains(&at) {
            return Some(line);
        }
    }
    None
}

#[test]
fn a_break_inside_a_word_is_seen() {
    let split = ["การค้ามนุษย์เป็นประเด็นสิทธิมนุ".to_string(), "ษยชน".to_string()];
    assert!(break_inside_a_word(&split).is_some());
    let whole = ["การค้ามนุษย์เป็นประเด็น".to_string(), "สิทธิมนุษยชน".to_string()];
    assert_eq!(break_inside_a_word(&whole), None);
}

#[test]
fn khmer_breaks_lines_between_words() {
    breaks_between_words(
        "ការជួញដូរមនុស្សគឺជាបញ្ហាសិទ្ធិមនុស្ស ព្រោះវាកើតឡើងនៅពេលដែលសិទ្ធិមនុស្សជាមូលដ្ឋាន គឺសេរីភាព ស្វ័យភាព និងសេចក្តីថ្លៃថ្នូររបស់មនុស្ស ត្រូវបានបដិសេធ។",
        "km",
        "Noto Sans Khmer",
    );
}

#[test]
fn thai_breaks_lines_between_words() {
    breaks_between_words(
        "การค้ามนุษย์เป็นประเด็นสิทธิมนุษยชน เพราะการค้ามนุษย์เกิดขึ้นเมื่อสิทธิมนุษยชนขั้นพื้นฐาน ได้แก่ เสรีภาพ ความเป็นอิสระในการกำหนดชีวิตตนเอง และศักดิ์ศรีความเป็นมนุษย์ ถูกปฏิเสธ",
        "th",
        "Noto Sans Thai",
    );
}
