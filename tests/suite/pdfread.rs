//! Reading a PDF back: the catalog facts a tagged PDF must have, its structure tree as text,
//! and its text, both as lopdf extracts it and as a screen reader gets it ([`Pdf::read_back`]).

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use lopdf::{Dictionary, Document, Object};

/// A parsed PDF.
pub struct Pdf {
    pub doc: Document,
}

impl Pdf {
    pub fn open(path: &Path) -> Pdf {
        Pdf { doc: Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())) }
    }

    fn resolve<'a>(&'a self, o: &'a Object) -> &'a Object {
        self.doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
    }

    fn dict<'a>(&'a self, o: &'a Object) -> Option<&'a Dictionary> {
        self.resolve(o).as_dict().ok()
    }

    pub fn catalog(&self) -> &Dictionary {
        self.doc.catalog().unwrap()
    }

    /// A catalog entry resolved to a dictionary.
    pub fn catalog_dict(&self, key: &[u8]) -> Option<&Dictionary> {
        self.dict(self.catalog().get(key).ok()?)
    }

    pub fn name(o: &Object) -> String {
        o.as_name().map(|n| String::from_utf8_lossy(n).into_owned()).unwrap_or_default()
    }

    /// A text string (PDFDocEncoding or UTF-16BE with BOM).
    pub fn text_string(&self, o: &Object) -> Option<String> {
        let bytes = self.resolve(o).as_str().ok()?;
        Some(if bytes.starts_with(&[0xfe, 0xff]) {
            let units: Vec<u16> =
                bytes[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        } else {
            bytes.iter().map(|&b| b as char).collect()
        })
    }

    /// The XMP metadata packet.
    pub fn xmp(&self) -> String {
        let id = self.catalog().get(b"Metadata").unwrap().as_reference().unwrap();
        let stream = self.doc.get_object(id).unwrap().as_stream().unwrap();
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The structure tree, one element per line: type, then `alt=`, `lang=` when present, and
    /// `scope=` for a header cell that labels its row (or both; a column's is the default).
    pub fn tag_tree(&self) -> String {
        let root = self.catalog_dict(b"StructTreeRoot").expect("a structure tree");
        let mut out = String::new();
        if let Ok(k) = root.get(b"K") {
            self.walk(k, 0, &mut out);
        }
        out
    }

    fn walk(&self, o: &Object, depth: usize, out: &mut String) {
        match self.resolve(o) {
            Object::Array(items) => items.iter().for_each(|i| self.walk(i, depth, out)),
            Object::Dictionary(d) => {
                let Ok(kind) = d.get(b"S") else { return };
                let _ = write!(out, "{}{}", "  ".repeat(depth), Self::name(kind));
                for (key, label) in [(b"Alt".as_slice(), "alt"), (b"Lang", "lang"), (b"ActualText", "actual")] {
                    if let Some(v) = d.get(key).ok().and_then(|v| self.text_string(v)) {
                        let _ = write!(out, " {label}={v:?}");
                    }
                }
                if let Some(scope) = d.get(b"A").ok().and_then(|a| self.header_scope(a)) {
                    let _ = write!(out, " scope={scope}");
                }
                out.push('\n');
                if let Ok(k) = d.get(b"K") {
                    self.walk(k, depth + 1, out);
                }
            }
            _ => {}
        }
    }

    /// Each element of `kind` in the tag tree (as [`Pdf::tag_tree`] writes it) with its
    /// parent's type: where nested lists sit.
    pub fn parents_of(tree: &str, kind: &str) -> Vec<String> {
        let lines: Vec<(usize, &str)> = tree.lines().map(|l| (l.len() - l.trim_start().len(), l.trim())).collect();
        let mut out = Vec::new();
        for (i, (depth, text)) in lines.iter().enumerate() {
            if text.split(' ').next() != Some(kind) {
                continue;
            }
            let parent =
                lines[..i].iter().rev().find(|(d, _)| d < depth).map(|(_, t)| t.split(' ').next().unwrap_or(""));
            out.push(parent.unwrap_or("(root)").to_string());
        }
        out
    }

    /// The `/Scope` of a table attribute (in `/A`, a dictionary or an array of them), unless it
    /// is `Column`.
    fn header_scope(&self, a: &Object) -> Option<String> {
        let dicts: Vec<&Dictionary> = match self.resolve(a) {
            Object::Array(items) => items.iter().filter_map(|i| self.dict(i)).collect(),
            other => self.dict(other).into_iter().collect(),
        };
        let scope = dicts.iter().find_map(|d| d.get(b"Scope").ok()).map(Self::name)?;
        (scope != "Column").then_some(scope)
    }

    /// The text of every page, whitespace collapsed.
    pub fn text(&self) -> String {
        let pages: Vec<u32> = self.doc.get_pages().keys().copied().collect();
        let text = self.doc.extract_text(&pages).unwrap();
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// The words of each page, in order.
    pub fn page_words(&self) -> Vec<Vec<String>> {
        let pages: Vec<u32> = self.doc.get_pages().keys().copied().collect();
        pages
            .iter()
            .map(|p| self.doc.extract_text(&[*p]).unwrap().split_whitespace().map(str::to_string).collect())
            .collect()
    }

    /// Page sizes in points, from each page's MediaBox.
    pub fn page_sizes(&self) -> Vec<(f32, f32)> {
        self.doc
            .get_pages()
            .values()
            .map(|id| {
                let page = self.doc.get_dictionary(*id).unwrap();
                let b = page.get(b"MediaBox").unwrap().as_array().unwrap();
                let n = |o: &Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap();
                (n(&b[2]) - n(&b[0]), n(&b[3]) - n(&b[1]))
            })
            .collect()
    }

    /// The text of every page as an assistive technology reads it: glyphs through their
    /// font's `/ToUnicode` map, a marked-content span with `/ActualText` as that text instead
    /// of its glyphs, `/ReversedChars` content put back in logical order, a right-to-left run
    /// written in visual order reversed, artifacts (running headers, page numbers) left out.
    /// One space after each text object.
    pub fn read_back(&self) -> String {
        let mut out = String::new();
        for (_, page) in self.doc.get_pages() {
            let fonts: BTreeMap<Vec<u8>, (bool, BTreeMap<u32, String>)> = self
                .doc
                .get_page_fonts(page)
                .unwrap_or_default()
                .into_iter()
                .map(|(name, font)| {
                    let wide = font.get(b"Subtype").map(Self::name).unwrap_or_default() == "Type0";
                    let map = font.get(b"ToUnicode").ok().map(|o| self.to_unicode(o)).unwrap_or_default();
                    (name, (wide, map))
                })
                .collect();
            let content = self.doc.get_and_decode_page_content(page).unwrap();
            out.push_str(&read_operations(&content.operations, &fonts, |o| self.text_string(o)));
        }
        out
    }

    /// A `/ToUnicode` CMap: code to text (`bfchar` and `bfrange` entries).
    fn to_unicode(&self, o: &Object) -> BTreeMap<u32, String> {
        let Ok(stream) = self.resolve(o).as_stream() else { return BTreeMap::new() };
        let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        let text = String::from_utf8_lossy(&bytes);
        let hex = |t: &str| -> Vec<u8> {
            let t: String = t.chars().filter(char::is_ascii_hexdigit).collect();
            (0..t.len() / 2).map(|i| u8::from_str_radix(&t[2 * i..2 * i + 2], 16).unwrap()).collect()
        };
        let code = |t: &str| hex(t).iter().fold(0u32, |n, b| n << 8 | u32::from(*b));
        let utf16 = |t: &str| {
            let b = hex(t);
            String::from_utf16_lossy(&b.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>())
        };
        let mut map = BTreeMap::new();
        for block in text.split("beginbfchar").skip(1) {
            let body = block.split("endbfchar").next().unwrap();
            let tokens: Vec<&str> = body.split('>').map(|t| t.trim().trim_start_matches('<')).collect();
            for pair in tokens.chunks(2).filter(|p| p.len() == 2 && !p[0].is_empty()) {
                map.insert(code(pair[0]), utf16(pair[1]));
            }
        }
        for block in text.split("beginbfrange").skip(1) {
            let body = block.split("endbfrange").next().unwrap();
            let tokens: Vec<&str> = body.split('>').map(|t| t.trim().trim_start_matches('<')).collect();
            for triple in tokens.chunks(3).filter(|t| t.len() == 3 && !t[0].is_empty()) {
                let (lo, hi, first) = (code(triple[0]), code(triple[1]), utf16(triple[2]));
                let mut chars: Vec<char> = first.chars().collect();
                for c in lo..=hi {
                    map.insert(c, chars.iter().collect());
                    if let Some(last) = chars.last_mut() {
                        *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                    }
                }
            }
        }
        map
    }
}

/// How a marked-content sequence changes what is read.
enum Marked {
    /// An artifact, or a span whose `/ActualText` was read instead: its glyphs are not read.
    Silent,
    /// `/ReversedChars`: what was read since this index is put in reverse order at its end.
    Reversed(usize),
    Other,
}

/// The text of one content stream (see [`Pdf::read_back`]).
fn read_operations(
    ops: &[lopdf::content::Operation],
    fonts: &BTreeMap<Vec<u8>, (bool, BTreeMap<u32, String>)>,
    text_string: impl Fn(&Object) -> Option<String>,
) -> String {
    let mut units: Vec<String> = Vec::new();
    let mut stack: Vec<Marked> = Vec::new();
    let mut font: Option<&(bool, BTreeMap<u32, String>)> = None;
    let (mut object_start, mut object_reversed) = (0, false);
    for op in ops {
        let silent = stack.iter().any(|m| matches!(m, Marked::Silent));
        match op.operator.as_str() {
            "BMC" | "BDC" => {
                let tag = op.operands.first().map(Pdf::name).unwrap_or_default();
                let actual = op
                    .operands
                    .get(1)
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(b"ActualText").ok())
                    .and_then(&text_string);
                stack.push(match (tag.as_str(), actual) {
                    ("Artifact", _) => Marked::Silent,
                    ("ReversedChars", _) => Marked::Reversed(units.len()),
                    (_, Some(actual)) => {
                        if !silent {
                            units.push(actual);
                        }
                        Marked::Silent
                    }
                    _ => Marked::Other,
                });
            }
            "EMC" => {
                if let Some(Marked::Reversed(start)) = stack.pop() {
                    units[start..].reverse();
                    object_reversed = true;
                }
            }
            "Tf" => font = op.operands.first().and_then(|n| fonts.get(n.as_name().ok()?)),
            "BT" => (object_start, object_reversed) = (units.len(), false),
            "ET" => {
                // A run of right-to-left text without `/ReversedChars` is in visual order:
                // readers put it in reading order (the Unicode bidi algorithm on one run).
                let first_strong = units[object_start..].iter().flat_map(|u| u.chars()).find(|c| c.is_alphabetic());
                let rtl = first_strong.is_some_and(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FEFF}'));
                if rtl && !object_reversed {
                    units[object_start..].reverse();
                }
                units.push(" ".into());
            }
            "Tj" | "TJ" | "'" | "\"" if !silent => {
                let Some((wide, map)) = font else { continue };
                let strings = op.operands.iter().flat_map(|o| match o {
                    Object::Array(items) => items.iter().filter_map(|i| i.as_str().ok()).collect::<Vec<_>>(),
                    o => o.as_str().ok().into_iter().collect(),
                });
                for bytes in strings {
                    let codes: Vec<u32> = if *wide {
                        bytes.chunks(2).map(|c| u32::from(c[0]) << 8 | u32::from(*c.get(1).unwrap_or(&0))).collect()
                    } else {
                        bytes.iter().map(|b| u32::from(*b)).collect()
                    };
                    units.extend(codes.iter().map(|c| map.get(c).cloned().unwrap_or_else(|| "\u{FFFD}".into())));
                }
            }
            _ => {}
        }
    }
    units.concat()
}
