//! The braille edition, checked as a transcriber would check it: every line at most 40 cells
//! and every page 25 lines, nothing but the 64 Braille ASCII characters and line and page
//! breaks, headings at their cells, page numbers in sequence, every paragraph back-translated
//! to its source text, known phrases of Cast's content in their hand-checked braille, and the
//! PEF file well-formed, shaped as PEF 1.0 says and holding the same cells as the BRF.
//!
//! These tests need liblouis (Debian/Ubuntu: `apt-get install liblouis20 liblouis-data`;
//! `.ci/run` installs it). Without it they FAIL, saying so: a braille edition nobody checked
//! must not pass for one that was.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use imprint::braille::{BrailleTable, Louis, Translator, table_for};
use imprint::check::Checked;
use imprint::model::walk::{BlockKind, InlineKind, kinds, prose};
use imprint::model::{Document, Edition};
use imprint::render::braille::cells::{BRF_BY_DOTS, is_brf, normalize};
use imprint::render::braille::{PEF_NAMESPACE, TN_CLOSE, TN_OPEN, TRANSITION};

use crate::common::{imprint_in, project, repo, temp_dir};

/// How far the back-translation of a paragraph's braille may be from the paragraph, character
/// by character: a Levenshtein distance of at most 3% of the longer text (a similarity of
/// 0.97), or of one character in a short one, after lower-casing and collapsing white space. Letters and digits are compared in every
/// language; punctuation too in English (UEB's punctuation back-translates unambiguously,
/// while in Spanish braille dots 3 is both the full stop and the apostrophe, and liblouis's
/// `es-g1.ctb` gives back `:` as `3` and `;` as `2`). Measured on Cast with liblouis 3.24.0:
/// every English paragraph (standard and plain) comes back exactly, punctuation included; in
/// Spanish (standard: 23 of 31 paragraphs exact; plain: 84 of 127) the letters come back
/// exactly, and every difference is a colon given back as the digit 3 or a semicolon as 2.
/// The tolerance leaves room for a few such cells in a paragraph, not for a lost word.
const MAX_DISTANCE: f64 = 0.03;

fn louis() -> &'static Louis {
    Louis::shared().unwrap_or_else(|e| panic!("the braille tests need liblouis, which could not be loaded: {e}"))
}

/// Cast built once into a temporary folder, liblouis loaded.
fn cast() -> &'static PathBuf {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        louis();
        let out = temp_dir("braille-cast");
        let run = imprint_in(&repo(), &["build", "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(!run.stderr.contains("braille was skipped"), "{}", run.stderr);
        out
    })
}

fn checked() -> &'static Checked {
    static CHECKED: OnceLock<Checked> = OnceLock::new();
    CHECKED.get_or_init(|| imprint::check::check(&repo()).unwrap())
}

fn job<'c>(checked: &'c Checked, lang: &str, edition: Edition) -> &'c imprint::plan::Job {
    let found = checked.jobs.iter().find(|j| j.doc.lang.as_str() == lang && j.doc.edition == edition);
    found.unwrap_or_else(|| panic!("no {lang} {edition:?} document"))
}

fn table(doc: &Document) -> BrailleTable {
    table_for(&doc.lang).expect("a braille table")
}

/// The braille of print, as the renderer makes it (translated, then normalised).
fn braille(table: BrailleTable, text: &str) -> String {
    normalize(&louis().translate(table, text).unwrap()).unwrap()
}

/// Every English and Spanish file: (language, edition, BRF path).
fn files() -> Vec<(&'static str, Edition, String)> {
    let mut out = Vec::new();
    for lang in ["en", "es"] {
        for (edition, slug) in [(Edition::Standard, "standard"), (Edition::Plain, "plain")] {
            out.push((lang, edition, format!("{lang}/about-cast-{slug}")));
        }
    }
    out
}

/// A BRF file's pages, each as its lines, after checking its bytes: only the 64 characters,
/// CR LF after every line, a form feed after every page.
fn read_brf(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let bad = bytes.iter().find(|&&b| !(is_brf(b as char) || matches!(b, b'\r' | b'\n' | 0x0C)));
    assert!(bad.is_none(), "{}: byte {bad:?} is not Braille ASCII", path.display());
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.ends_with("\r\n\x0C"), "{}: does not end with a page", path.display());
    let pages: Vec<&str> = text.split('\x0C').collect();
    assert_eq!(pages.last(), Some(&""));
    pages[..pages.len() - 1]
        .iter()
        .map(|p| {
            assert!(!p.replace("\r\n", "").contains(['\r', '\n']), "{}: a line break other than CR LF", path.display());
            let mut lines: Vec<String> = p.split("\r\n").map(str::to_string).collect();
            assert_eq!(lines.pop().as_deref(), Some(""), "{}: a page not ended by CR LF", path.display());
            lines
        })
        .collect()
}

/// The words of some pages' text lines (page numbers left out), in order.
fn words(pages: &[Vec<String>]) -> Vec<String> {
    pages.iter().flat_map(|p| p[..p.len() - 1].iter()).flat_map(|l| l.split_whitespace()).map(str::to_string).collect()
}

/// Whether the words of `needle` follow each other in `haystack` (the first may end a word of
/// it, the last begin one: a phrase inside a sentence).
fn contains_words(haystack: &[String], needle: &str) -> bool {
    !needle.trim().is_empty() && format!(" {} ", haystack.join(" ")).contains(needle.trim())
}

/// A page number line's number: `P#B` -> ("P", 2), `#AJ` -> ("", 10).
fn page_number(line: &str) -> (String, usize) {
    let cells = line.trim_start();
    let (prefix, digits) = cells.split_once('#').unwrap_or_else(|| panic!("no number sign in {line:?}"));
    let n = digits.chars().map(|c| if c == 'J' { 0 } else { c as usize - 'A' as usize + 1 }).fold(0, |n, d| n * 10 + d);
    (prefix.to_string(), n)
}

fn title_page_count(pages: &[Vec<String>]) -> usize {
    pages.iter().take_while(|p| page_number(&p[24]).0 == "P").count()
}

#[test]
fn pages_are_40_cells_by_25_lines_of_braille_ascii_numbered_in_sequence() {
    let out = cast();
    for (lang, _, stem) in files() {
        let pages = read_brf(&out.join(format!("{stem}.brf")));
        assert!(pages.len() > 3, "{stem}: {} pages", pages.len());
        for (n, page) in pages.iter().enumerate() {
            assert_eq!(page.len(), 25, "{stem} page {}: {} lines", n + 1, page.len());
            for line in page {
                assert!(line.len() <= 40, "{stem} page {}: {} cells in {line:?}", n + 1, line.len());
            }
            // The number at the right end of the last line, alone on it.
            let last = &page[24];
            assert_eq!(last.len(), 40, "{stem} page {}: the number does not end in cell 40: {last:?}", n + 1);
        }
        // p1, p2... for the title page, then 1, 2, 3...
        let numbers: Vec<(String, usize)> = pages.iter().map(|p| page_number(&p[24])).collect();
        let preliminary = title_page_count(&pages);
        assert!(preliminary >= 1, "{stem}: no title page");
        for (i, (prefix, n)) in numbers.iter().enumerate() {
            let expected = if i < preliminary { ("P", i + 1) } else { ("", i - preliminary + 1) };
            assert_eq!((prefix.as_str(), *n), expected, "{stem}: page {} numbered {prefix}{n}", i + 1);
        }
        // The title page says that the braille is computer-generated and not proofread, in
        // the edition's language.
        let strings = &job(checked(), lang, Edition::Standard).strings;
        let doc = &job(checked(), lang, Edition::Standard).doc;
        let said = braille(table(doc), &strings.braille_computer_generated);
        assert!(contains_words(&words(&pages[..preliminary]), &said), "{stem}: title page lacks {said}");
    }
    // Languages not asked for in [braille] get no braille.
    assert!(!out.join("zh-Hant/about-cast-standard.brf").exists());
    assert!(!out.join("th/about-cast-standard.brf").exists());
}

#[test]
fn headings_paragraphs_and_items_start_at_their_cells() {
    let out = cast();
    let doc = &job(checked(), "en", Edition::Standard).doc;
    let pages = read_brf(&out.join("en/about-cast-standard.brf"));
    let lines: Vec<&String> = pages.iter().flat_map(|p| p[..24].iter()).collect();
    let t = table(doc);
    let mut level3 = 0;
    for section in &doc.sections {
        // Centred: as many blank cells before as after, give or take one.
        let title = braille(t, &imprint::model::text::plain(&section.title));
        let line = lines.iter().find(|l| l.trim() == title).unwrap_or_else(|| panic!("no line {title}"));
        let left = line.len() - line.trim_start().len();
        assert_eq!(left, (40 - title.len()) / 2, "{title} is not centred: {line:?}");
        for b in &section.blocks {
            match b {
                imprint::model::Block::Heading(h) if h.level == 3 => {
                    let cells = braille(t, &imprint::model::text::plain(&h.content));
                    let first = cells.split(' ').next().unwrap();
                    let at = |l: &&&String| l.starts_with(&format!("    {first}"));
                    assert!(lines.iter().any(|l| at(&l)), "cell-5 heading {cells} not in cell 5");
                    level3 += 1;
                }
                imprint::model::Block::Paragraph(p) => {
                    let cells = braille(t, &imprint::model::text::plain(&p.content));
                    let first: Vec<&str> = cells.split(' ').take(2).collect();
                    let start = format!("  {}", first.join(" "));
                    assert!(lines.iter().any(|l| l.starts_with(&start)), "paragraph not in cell 3: {start}");
                }
                imprint::model::Block::List(l) => {
                    for item in &l.items {
                        let Some(imprint::model::Block::Paragraph(p)) = item.first() else { continue };
                        let cells = braille(t, &imprint::model::text::plain(&p.content));
                        let first = cells.split(' ').next().unwrap();
                        let at = |l: &&&String| l.starts_with(first) && !l.starts_with(' ');
                        assert!(lines.iter().any(|l| at(&l)), "list item not in cell 1: {cells}");
                    }
                }
                _ => {}
            }
        }
    }
    assert!(level3 >= 5, "Cast's values have level-3 headings ({level3})");
}

/// The letters, digits and spaces of a text, lower case, single spaces: what every table must
/// give back.
fn letters(s: &str) -> String {
    let s: String = s.to_lowercase().chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text made comparable with its punctuation: lower case, one kind of quote and dash, single
/// spaces.
fn comparable(s: &str) -> String {
    let s: String = s
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '"' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_paragraph_is_in_the_file_and_back_translates_to_its_source() {
    let out = cast();
    for (lang, edition, stem) in files() {
        let doc = &job(checked(), lang, edition).doc;
        let t = table(doc);
        let stream = words(&read_brf(&out.join(format!("{stem}.brf"))));
        let (mut count, mut worst, mut exact) = (0, 1.0f64, 0);
        for section in &doc.sections {
            for (_, text) in prose(&section.blocks) {
                let cells = braille(t, &text);
                assert!(contains_words(&stream, &cells), "{stem}: the braille of {text:?} is not in the file");
                let back = louis().back_translate(t, &cells).unwrap();
                let (a, b) = if lang == "en" {
                    (comparable(&back), comparable(&text))
                } else {
                    (letters(&back), letters(&text))
                };
                let distance = strsim::levenshtein(&a, &b);
                let allowed = ((a.chars().count().max(b.chars().count()) as f64 * MAX_DISTANCE) as usize).max(1);
                let similarity = strsim::normalized_levenshtein(&a, &b);
                assert!(
                    distance <= allowed,
                    "{stem}: back-translation {distance} characters away ({allowed} allowed):\n source: {b}\n   back: {a}"
                );
                count += 1;
                worst = worst.min(similarity);
                exact += usize::from(a == b);
            }
        }
        assert!(count >= 10, "{stem}: {count} paragraphs");
        println!("{stem}: {count} paragraphs, {exact} back-translated exactly, lowest similarity {worst:.4}");
    }
}

/// Phrases of Cast's content and their braille, checked by hand against the rules of the
/// code (and against `lou_translate` of liblouis 3.24.0):
/// - UEB grade 2: `,` (dot 6) capitalises a letter; `5` is the groupsign EN (dots 26), `+`
///   ING (346), `6` FF (235), `"?` the initial-letter contraction THROUGH (5, 1456), `$` ED
///   (1246), `;N` TION (56, 1345), `&` AND (12346), `[` OW (246), `]` ER (12456), `/` ST
///   (34), `\` OU (1256), `.N` SION (46, 1345), `"R` RIGHT (5, 1235), `*` CH (16), `9` the
///   wordsign IN (35); `1` is
///   the comma (2) and `4` the full stop (256); `#` is the numeric indicator (3456) before the
///   digits written as a-j; `.0` is the percent sign (46, 356). "to" is not contracted in UEB.
/// - Spanish (uncontracted): `.` (dots 46) capitalises; `+` is ó (346); `1` the comma (2) and
///   `'` the full stop (3).
const PHRASES: &[(&str, &str, &str)] = &[
    ("en", "Our Mission", ",\\R ,MIS.N"),
    (
        "en",
        "Ending human trafficking through education, advocacy and empowering survivors.",
        ",5D+ HUMAN TRA6ICK+ \"? $UCA;N1 ADVOCACY & EMP[]+ SURVIVORS4",
    ),
    (
        "en",
        "Advancing a Human Rights Approach to Human Trafficking",
        ",ADVANC+ A ,HUMAN ,\"RS ,APPROA* TO ,HUMAN ,TRA6ICK+",
    ),
    ("en", "Cast", ",CA/"),
    ("es", "Nuestra misión", ".NUESTRA MISI+N"),
    (
        "es",
        "Poner fin a la trata de personas mediante la educación, la defensa y el empoderamiento de los sobrevivientes.",
        ".PONER FIN A LA TRATA DE PERSONAS MEDIANTE LA EDUCACI+N1 LA DEFENSA Y EL EMPODERAMIENTO DE LOS SOBREVIVIENTES'",
    ),
];

#[test]
fn known_phrases_have_their_hand_checked_braille_in_the_files() {
    let out = cast();
    for (lang, print, expected) in PHRASES {
        let t = table_for(&imprint::lang::parse_lang(lang).unwrap()).unwrap();
        assert_eq!(braille(t, print), *expected, "{lang}: {print}");
        let stream = words(&read_brf(&out.join(format!("{lang}/about-cast-standard.brf"))));
        assert!(contains_words(&stream, expected), "{lang}: {expected} is not in the file");
    }
    // Numbers and the percent sign.
    let en = table_for(&imprint::lang::parse_lang("en").unwrap()).unwrap();
    assert_eq!(braille(en, "In 1998, 73% of survivors"), ",9 #AIIH1 #GC.0 ( SURVIVORS");
}

/// The ASCII cells of a PEF row.
fn row_cells(row: &str) -> String {
    row.chars()
        .map(|c| {
            let code = c as u32;
            assert!((0x2800..=0x283F).contains(&code), "{c:?} is not a six-dot braille pattern");
            BRF_BY_DOTS[(code - 0x2800) as usize] as char
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn pef_is_well_formed_pef_1_0_with_the_cells_of_the_brf() {
    let out = cast();
    for (lang, edition, stem) in files() {
        let doc = &job(checked(), lang, edition).doc;
        let text = std::fs::read_to_string(out.join(format!("{stem}.pef"))).unwrap();
        let xml = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{stem}.pef: {e}"));
        let root = xml.root_element();
        assert_eq!(root.tag_name().namespace(), Some(PEF_NAMESPACE));
        assert_eq!((root.tag_name().name(), root.attribute("version")), ("pef", Some("2008-1")));
        let children: Vec<&str> = root.children().filter(|n| n.is_element()).map(|n| n.tag_name().name()).collect();
        assert_eq!(children, ["head", "body"]);
        let meta = root.descendants().find(|n| n.has_tag_name((PEF_NAMESPACE, "meta"))).expect("head/meta");
        let dc = |name: &str| {
            meta.children()
                .find(|n| n.has_tag_name(("http://purl.org/dc/elements/1.1/", name)))
                .and_then(|n| n.text())
                .map(str::to_string)
        };
        assert_eq!(dc("format").as_deref(), Some("application/x-pef+xml"));
        assert!(dc("identifier").is_some_and(|i| i.starts_with("urn:uuid:")));
        assert_eq!(dc("title").as_deref(), Some(doc.title.as_str()));
        assert_eq!(dc("language").as_deref(), Some(lang));
        // body > volume+ > section+ > page+ > row*, nothing else, within the volume's size.
        let body = root.children().find(|n| n.has_tag_name((PEF_NAMESPACE, "body"))).unwrap();
        let element = |n: &roxmltree::Node<'_, '_>| n.is_element();
        let mut rows_as_lines: Vec<Vec<String>> = Vec::new();
        for volume in body.children().filter(element) {
            assert!(volume.has_tag_name((PEF_NAMESPACE, "volume")));
            let cols: usize = volume.attribute("cols").unwrap().parse().unwrap();
            let rows: usize = volume.attribute("rows").unwrap().parse().unwrap();
            assert_eq!((cols, rows), (40, 25));
            assert!(["true", "false"].contains(&volume.attribute("duplex").unwrap()));
            assert!(volume.attribute("rowgap").is_some());
            let sections: Vec<_> = volume.children().filter(element).collect();
            assert_eq!(sections.len(), 2, "{stem}: title page and text");
            for section in sections {
                assert!(section.has_tag_name((PEF_NAMESPACE, "section")));
                for page in section.children().filter(element) {
                    assert!(page.has_tag_name((PEF_NAMESPACE, "page")));
                    let page_rows: Vec<_> = page.children().filter(element).collect();
                    assert!(page_rows.len() <= rows, "{stem}: {} rows in a page", page_rows.len());
                    let mut lines = Vec::new();
                    for row in page_rows {
                        assert!(row.has_tag_name((PEF_NAMESPACE, "row")));
                        let cells = row.text().unwrap_or("");
                        assert!(cells.chars().count() <= cols, "{stem}: a row of {} cells", cells.chars().count());
                        lines.push(row_cells(cells));
                    }
                    rows_as_lines.push(lines);
                }
            }
        }
        assert_eq!(rows_as_lines, read_brf(&out.join(format!("{stem}.brf"))), "{stem}: PEF and BRF differ");
    }
}

/// The kitchen sink in braille: what each kind of content became.
#[test]
fn every_kind_of_content_has_its_braille_form() {
    louis();
    let project = project(Some("valid/kitchen-sink"));
    let out = temp_dir("braille-kitchen-sink");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pages = read_brf(&out.join("en/leaflet-standard.brf"));
    assert!(out.join("es/leaflet-standard.pef").is_file());
    let lines: Vec<String> = pages.iter().flat_map(|p| p[..24].iter().cloned()).collect();
    let stream = words(&pages);
    let en = table_for(&imprint::lang::parse_lang("en").unwrap()).unwrap();
    let b = |text: &str| braille(en, text);
    let line = |expected: &str| lines.iter().any(|l| l == expected);
    let starts = |prefix: &str| lines.iter().any(|l| l.starts_with(prefix));
    let has = |cells: &str| contains_words(&stream, cells);
    let checked = imprint::check::check(&project).unwrap();
    let doc = &job(&checked, "en", Edition::Standard).doc;
    let (blocks, inlines) = kinds(&doc.sections);
    assert_eq!((blocks.len(), inlines.len()), (BlockKind::ALL.len(), InlineKind::ALL.len()));
    for kind in BlockKind::ALL {
        let ok = match kind {
            BlockKind::Paragraph => starts(&format!("  {}", b("A paragraph with strong").split(' ').next().unwrap())),
            BlockKind::Heading => line(&format!("    {}", b("A subsection"))),
            // Items 1-3, nested items 3-5, numbered items with their number.
            BlockKind::List => line(&b("one")) && line(&format!("  {}", b("inner one"))) && line(&b("1. first")),
            // Displayed two cells further in.
            BlockKind::Quote => line(&format!("    {}", b("A quotation."))),
            // Two columns fit: the header, a separation line of dots 25, the rows.
            BlockKind::Table => {
                line(&format!("{}  {}", b("Term"), b("Meaning"))) && starts("3333") && starts(&b("One"))
            }
            BlockKind::Figure => starts(&format!("      {TN_OPEN}")) && stream.iter().any(|w| w.ends_with(TN_CLOSE)),
            BlockKind::Chart => lines.iter().any(|l| !l.starts_with(' ') && l.contains(".0")),
            BlockKind::Timeline => lines.iter().any(|l| l.starts_with("    #")),
            // In its own language's table (the Farsi passage of the fixture).
            BlockKind::Lang => doc.sections.iter().flat_map(|s| &s.blocks).any(|b| match b {
                imprint::model::Block::Lang { lang, blocks, .. } => {
                    let t = table_for(lang).unwrap();
                    has(&braille(t, &prose(blocks)[0].1))
                }
                _ => false,
            }),
            BlockKind::Rule => line(&format!("{}{TRANSITION}", " ".repeat((40 - TRANSITION.len()) / 2))),
        };
        assert!(ok, "no braille form of {kind:?} in\n{}", lines.join("\n"));
    }
    for kind in InlineKind::ALL {
        let ok = match kind {
            // Emphasis is not marked (no typeform): the words are there, plainly.
            InlineKind::Text | InlineKind::Emph | InlineKind::Strong => has(&b("A paragraph with strong and emphasis")),
            InlineKind::Code => has(&b("A code word,")),
            InlineKind::Link => has(&b("and a link,")),
            // A source line break is a space.
            InlineKind::SoftBreak => has(&b("a phrase in Spanish:")),
            // A forced break starts a new line.
            InlineKind::LineBreak => starts(&b("and a forced line break.")),
            InlineKind::Lang => {
                let es = table_for(&imprint::lang::parse_lang("es").unwrap()).unwrap();
                has(&braille(es, "hola, amigos"))
            }
        };
        assert!(ok, "no braille form of {kind:?} in\n{}", lines.join("\n"));
    }
}

/// Without liblouis the build makes every other format and says, in one line, that braille
/// was skipped and what to install.
#[test]
fn without_liblouis_braille_is_skipped_in_one_line() {
    let project = project(Some("valid/kitchen-sink"));
    let out = temp_dir("braille-missing");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_imprint"))
        .args(["--project", project.to_str().unwrap(), "build", "--output", out.to_str().unwrap()])
        .env("IMPRINT_LIBLOUIS", project.join("no-such-liblouis.so"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let said: Vec<&str> = stderr.lines().filter(|l| l.contains("braille")).collect();
    assert_eq!(said.len(), 1, "{stderr}");
    assert!(said[0].contains("braille was skipped") && said[0].contains("apt-get install liblouis20 liblouis-data"));
    assert!(out.join("en/leaflet-standard.html").is_file());
    assert!(!out.join("en/leaflet-standard.brf").exists());
}
