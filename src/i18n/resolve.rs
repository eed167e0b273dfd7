//! Resolving a document into one language before rendering: every message is looked up in
//! the language's catalog; a missing or stale one is shown in the source language and tagged
//! with it, so that screen readers switch voice, and is counted for the colophon.

use std::cell::RefCell;

use super::messages::{MARKDOWN_NOTE, data_suffix, section_scope, source_markdown};
use super::po::Catalog;
use crate::diag::{Diagnostic, SourceFiles, Span};
use crate::lang::direction;
use crate::model::text::plain;
use crate::model::{Alt, Block, Edition, Figure, Inline, Inlines, LangTag, List, Paragraph, Section, Table};

/// A language's catalog, loaded.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language.
    pub lang: LangTag,
    /// The catalog.
    pub catalog: Catalog,
    /// The catalog's index in the source files, for diagnostics.
    pub file: Option<usize>,
}

impl Translation {
    /// Whether the catalog says its translation has not been reviewed.
    pub fn draft(&self) -> bool {
        self.catalog.header_field("X-Review-Status").is_none_or(|s| !s.eq_ignore_ascii_case("reviewed"))
    }
}

/// Translates the parts of a document.
pub struct Resolver<'a> {
    translation: Option<&'a Translation>,
    files: &'a SourceFiles,
    source: LangTag,
    edition: Edition,
    missing: RefCell<Vec<String>>,
    problems: RefCell<Vec<Diagnostic>>,
}

impl<'a> Resolver<'a> {
    /// A resolver into `translation`'s language, or the identity for the source language.
    pub fn new(
        translation: Option<&'a Translation>,
        files: &'a SourceFiles,
        source: LangTag,
        edition: Edition,
    ) -> Self {
        Resolver { translation, files, source, edition, missing: RefCell::default(), problems: RefCell::default() }
    }

    /// The language documents come out in.
    pub fn lang(&self) -> LangTag {
        self.translation.map(|t| t.lang.clone()).unwrap_or_else(|| self.source.clone())
    }

    /// The contexts of the messages that were shown in the source language.
    pub fn missing(&self) -> Vec<String> {
        self.missing.borrow().clone()
    }

    /// Problems with translations (e.g. Markdown imprint does not accept).
    pub fn take_problems(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.problems.borrow_mut())
    }

    /// The translation of a message, trying the edition's own context first. `None` when
    /// there is no current translation (counted as missing).
    fn lookup(&self, ctxt: &str, msgid: &str) -> Option<String> {
        let tr = self.translation?;
        let plain_ctxt = ctxt.contains(".plain/");
        let candidates =
            if plain_ctxt { vec![ctxt.to_string(), ctxt.replacen(".plain/", "/", 1)] } else { vec![ctxt.to_string()] };
        for c in candidates {
            if let Some(e) = tr.catalog.find(Some(&c), msgid)
                && e.translated()
            {
                return Some(e.msgstr.clone());
            }
        }
        self.missing.borrow_mut().push(ctxt.to_string());
        None
    }

    /// Source content, tagged with the source language.
    fn fallback(&self, content: Inlines) -> Inlines {
        if self.translation.is_none() {
            return content;
        }
        let dir = direction(&self.source);
        vec![Inline::Lang { lang: self.source.clone(), dir, content }]
    }

    /// A plain string (titles, alt text): the translation or the source text.
    pub fn string(&self, ctxt: &str, msgid: &str) -> String {
        if self.translation.is_none() {
            return msgid.to_string();
        }
        self.lookup(ctxt, msgid).unwrap_or_else(|| msgid.to_string())
    }

    /// Inline data text: the translation, or the source tagged with its language.
    pub fn inlines(&self, ctxt: &str, source: &Inlines) -> Inlines {
        if self.translation.is_none() {
            return source.clone();
        }
        match self.lookup(ctxt, &plain(source)) {
            Some(t) => self.isolate(vec![Inline::Text(t)]),
            None => self.fallback(source.clone()),
        }
    }

    /// In right-to-left text, numbers with separators (phone numbers, ranges like 18-24)
    /// are isolated, so that the bidirectional algorithm does not reverse their parts.
    fn isolate(&self, inlines: Inlines) -> Inlines {
        if self.translation.is_none_or(|t| direction(&t.lang) != crate::model::Direction::Rtl) {
            return inlines;
        }
        inlines
            .into_iter()
            .map(|i| match i {
                Inline::Text(t) => Inline::Text(isolate_numbers(&t)),
                Inline::Emph(c) => Inline::Emph(self.isolate(c)),
                Inline::Strong(c) => Inline::Strong(self.isolate(c)),
                Inline::Link { target, content } => Inline::Link { target, content: self.isolate(content) },
                other => other,
            })
            .collect()
    }

    /// A Markdown message: its translation parsed, or the source content tagged.
    fn markdown(&self, ctxt: &str, origin: crate::model::Origin, heading: bool, source: &Inlines) -> Inlines {
        if self.translation.is_none() {
            return source.clone();
        }
        let msgid = source_markdown(self.files, origin, heading);
        let Some(text) = self.lookup(ctxt, &msgid) else { return self.fallback(source.clone()) };
        match crate::source::parse_inline_markdown(&text) {
            Ok(inlines) => self.isolate(inlines),
            Err(problem) => {
                let tr = self.translation.expect("checked above");
                let line = tr.catalog.find(Some(ctxt), &msgid).map(|e| e.line).unwrap_or(1);
                let mut d =
                    Diagnostic::error(format!("the translation of a message in `{ctxt}` cannot be used ({problem})"))
                        .hint(MARKDOWN_NOTE)
                        .hint("The source text is shown instead until the translation is corrected.");
                if let Some(file) = tr.file {
                    d = d.at(Span::new(file, crate::diag::line_range(self.files.text(file), line)));
                }
                self.problems.borrow_mut().push(d);
                self.fallback(source.clone())
            }
        }
    }

    /// A section in the target language.
    pub fn section(&self, section: &Section) -> Section {
        let scope = section_scope(&section.id, self.edition);
        let title = self.inlines(&format!("{scope}/title"), &section.title);
        Section { title, blocks: self.blocks(&scope, &section.blocks), ..section.clone() }
    }

    fn blocks(&self, scope: &str, blocks: &[Block]) -> Vec<Block> {
        blocks.iter().map(|b| self.block(scope, b, "paragraph")).collect()
    }

    fn block(&self, scope: &str, b: &Block, para_kind: &str) -> Block {
        let suffix = data_suffix(self.edition);
        match b {
            Block::Paragraph(p) => Block::Paragraph(Paragraph {
                content: self.markdown(&format!("{scope}/{para_kind}"), p.origin, false, &p.content),
                origin: p.origin,
            }),
            Block::Heading(h) => {
                let mut h = h.clone();
                h.content = self.markdown(&format!("{scope}/heading"), h.origin, true, &h.content);
                Block::Heading(h)
            }
            Block::List(l) => Block::List(List {
                start: l.start,
                items: l.items.iter().map(|item| item.iter().map(|b| self.block(scope, b, "item")).collect()).collect(),
            }),
            Block::Quote(inner) => Block::Quote(self.blocks(scope, inner)),
            Block::Lang { lang, dir, blocks } => {
                Block::Lang { lang: lang.clone(), dir: *dir, blocks: self.blocks(scope, blocks) }
            }
            Block::Table(t) => {
                let cell = |c: &Inlines| self.inlines(&format!("{scope}/cell"), c);
                Block::Table(Box::new(Table {
                    header: t.header.iter().map(cell).collect(),
                    rows: t.rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
                    origin: t.origin,
                }))
            }
            Block::Figure(f) => Block::Figure(Box::new(self.figure(f))),
            Block::Chart(c) => {
                let mut c = c.as_ref().clone();
                let ctx = format!("chart:{}{suffix}", c.id);
                c.title = self.inlines(&format!("{ctx}/title"), &c.title);
                c.population = self.inlines(&format!("{ctx}/population"), &c.population);
                for cat in &mut c.categories {
                    cat.label = self.inlines(&format!("{ctx}/label"), &cat.label);
                }
                Block::Chart(Box::new(c))
            }
            Block::Timeline(t) => {
                let mut t = t.as_ref().clone();
                for e in &mut t.events {
                    let ctx = format!("timeline:{}/{}{suffix}", t.id, e.year);
                    e.title = self.inlines(&format!("{ctx}/title"), &e.title);
                    e.text = self.inlines(&format!("{ctx}/text"), &e.text);
                    e.figure = e.figure.as_ref().map(|f| self.figure(f));
                }
                Block::Timeline(Box::new(t))
            }
            Block::Rule => Block::Rule,
        }
    }

    fn figure(&self, f: &Figure) -> Figure {
        let suffix = data_suffix(self.edition);
        let mut f = f.clone();
        if let Alt::Text(alt) = &f.alt {
            f.alt = Alt::Text(self.string(&format!("image:{}/alt", f.id), alt));
        }
        f.caption = f.caption.as_ref().map(|c| self.inlines(&format!("image:{}{suffix}/caption", f.id), c));
        f
    }
}

/// Wraps each run of digits joined by separators (`1-888-539-2373`, `18-24`, `10/2024`) in
/// first-strong isolates (U+2068 ... U+2069). Plain numbers are left alone.
pub fn isolate_numbers(text: &str) -> String {
    let digit = |c: char| c.is_ascii_digit() || matches!(c, '\u{0660}'..='\u{0669}' | '\u{06f0}'..='\u{06f9}');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        if !digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        let mut j = i;
        let mut separated = false;
        while j < chars.len() && (digit(chars[j]) || "-./:()+ ".contains(chars[j])) {
            if digit(chars[j]) {
                end = j;
            } else if j + 1 < chars.len() && digit(chars[j + 1]) && chars[j] != ' ' {
                separated = true;
            }
            j += 1;
        }
        let run: String = chars[i..=end].iter().collect();
        if separated {
            out.push('\u{2068}');
            out.push_str(&run);
            out.push('\u{2069}');
        } else {
            out.push_str(&run);
        }
        i = end + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::isolate_numbers;

    #[test]
    fn phone_numbers_and_ranges_are_isolated() {
        assert_eq!(isolate_numbers("تماس 1-888-539-2373 اکنون"), "تماس \u{2068}1-888-539-2373\u{2069} اکنون");
        assert_eq!(isolate_numbers("سن 18-24 سال"), "سن \u{2068}18-24\u{2069} سال");
        assert_eq!(isolate_numbers("سال 1995 و 72 نفر"), "سال 1995 و 72 نفر");
        assert_eq!(isolate_numbers("۱۸-۲۴"), "\u{2068}۱۸-۲۴\u{2069}");
    }
}
