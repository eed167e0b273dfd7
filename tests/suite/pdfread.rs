//! Reading a PDF back: the catalog facts a tagged PDF must have, its structure tree as text,
//! and its text.

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

    /// The structure tree, one element per line: type, then `alt=`, `lang=` when present.
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
                out.push('\n');
                if let Ok(k) = d.get(b"K") {
                    self.walk(k, depth + 1, out);
                }
            }
            _ => {}
        }
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
}
