//! No tofu, ever: every character of every document must have a glyph in the fonts its
//! language is set in (`layouts/fonts.toml`, fonts from `fonts/`), in every format. A
//! character without one stops the build, naming it, its code point, the language and the
//! place it comes from.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, SourceFiles, Span};
use crate::fonts::{FontPlan, FontSet};
use crate::model::text::plain;
use crate::model::{Alt, Block, Document, Inline, LangTag, Origin};
use crate::ui::Strings;

/// Characters that are never drawn: spaces, controls, joiners and bidirectional marks.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}')
}

type Seen = (char, String, Option<(usize, usize)>);

struct Checker<'a> {
    fonts: &'a FontSet,
    plan: &'a FontPlan,
    large_print: bool,
    files: &'a SourceFiles,
    /// Reported already: the character, the language and the place.
    seen: BTreeSet<Seen>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn text(&mut self, text: &str, lang: &LangTag, origin: Option<Origin>, what: &str) {
        let families = if self.large_print { self.plan.large_print(lang) } else { self.plan.families(lang) };
        for c in text.chars().filter(|c| !invisible(*c)) {
            if self.fonts.covers(families, c) {
                continue;
            }
            let key = (c, lang.as_str().to_string(), origin.map(|o| (o.file, o.start)));
            if !self.seen.insert(key) {
                continue;
            }
            let mut d = Diagnostic::error(format!(
                "no font for `{c}` (U+{:04X}) in {what} in `{}`: its fonts are {}",
                c as u32,
                lang.as_str(),
                families.join(", ")
            ))
            .hint("Check the character: it may have been pasted by mistake. If it belongs in the text, add a font that covers it to fonts/ (with its licence) and to this language's list in layouts/fonts.toml.");
            if let Some(o) = origin {
                let source = self.files.text(o.file);
                let mut span = Span::from(o);
                let mut buf = [0u8; 4];
                if let Some(at) = source.get(o.start..o.end).and_then(|t| t.find(&*c.encode_utf8(&mut buf))) {
                    span = Span::new(o.file, o.start + at..o.start + at + c.len_utf8());
                }
                d = d.at(span);
            }
            self.out.push(d);
        }
    }

    fn inlines(&mut self, inlines: &[Inline], lang: &LangTag, origin: Option<Origin>) {
        for i in inlines {
            match i {
                Inline::Text(t) | Inline::Code(t) => self.text(t, lang, origin, "the text"),
                Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => self.inlines(c, lang, origin),
                Inline::Lang { lang: inner, content, .. } => self.inlines(content, inner, origin),
                Inline::LineBreak | Inline::SoftBreak => {}
            }
        }
    }

    fn blocks(&mut self, blocks: &[Block], lang: &LangTag) {
        for b in blocks {
            match b {
                Block::Paragraph(p) => self.inlines(&p.content, lang, Some(p.origin)),
                Block::Heading(h) => self.inlines(&h.content, lang, Some(h.origin)),
                Block::List(l) => l.items.iter().for_each(|item| self.blocks(item, lang)),
                Block::Quote(inner) => self.blocks(inner, lang),
                Block::Lang { lang: inner, blocks, .. } => self.blocks(blocks, inner),
                Block::Table(t) => {
                    for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                        self.inlines(cell, lang, Some(t.origin));
                    }
                }
                Block::Figure(f) => self.figure(f, lang),
                Block::Chart(c) => {
                    let o = Some(c.origin);
                    self.inlines(&c.title, lang, o);
                    self.inlines(&c.population, lang, o);
                    c.categories.iter().for_each(|cat| self.inlines(&cat.label, lang, o));
                }
                Block::Timeline(t) => {
                    for e in &t.events {
                        self.inlines(&e.title, lang, Some(e.origin));
                        self.inlines(&e.text, lang, Some(e.origin));
                        if let Some(f) = &e.figure {
                            self.figure(f, lang);
                        }
                    }
                }
                Block::Rule => {}
            }
        }
    }

    fn figure(&mut self, f: &crate::model::Figure, lang: &LangTag) {
        if let Alt::Text(alt) = &f.alt {
            self.text(alt, lang, Some(f.origin), "the alt text");
        }
        if let Some(c) = &f.caption {
            self.inlines(c, lang, Some(f.origin));
        }
        if let Some(c) = &f.credit {
            self.text(c, lang, Some(f.origin), "the credit");
        }
    }
}

/// The characters of `doc` (and of the interface strings it is shown with) that no font of
/// their language can draw, in the regular or the large-print font lists.
pub fn check(
    doc: &Document,
    strings: &Strings,
    fonts: &FontSet,
    plan: &FontPlan,
    large_print: bool,
    files: &SourceFiles,
) -> Vec<Diagnostic> {
    let mut c = Checker { fonts, plan, large_print, files, seen: BTreeSet::new(), out: Vec::new() };
    let lang = &doc.lang;
    c.text(&doc.title, lang, None, "the title");
    c.text(&doc.description, lang, None, "the description");
    for n in &doc.notices {
        c.text(n, lang, None, "a colophon note");
    }
    for (name, s) in strings.fields() {
        c.text(s, lang, None, &format!("the interface string `{name}`"));
    }
    for s in &doc.sections {
        c.text(&plain(&s.title), lang, Some(s.origin), "a section title");
        c.blocks(&s.blocks, lang);
    }
    c.out
}
