//! No tofu, ever: every character of every document must have a glyph in the fonts its
//! language is set in (`layouts/fonts.toml`, fonts from `fonts/`), in every format. A
//! character without one stops the build, naming it, its code point, the language and the
//! place it comes from.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diag::{Diagnostic, SourceFiles, Span};
use crate::fonts::{FontPlan, FontSet};
use crate::model::walk::{Visit, walk_block, walk_blocks, walk_event, walk_figure, walk_inline};
use crate::model::{Alt, Block, Document, Figure, Heading, Inline, LangTag, Origin, Paragraph};
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
    /// Where texts without a place of their own (the title, the description, the keywords,
    /// the organization's name) are written: `imprint.toml` and the language's catalog.
    settings: Vec<usize>,
    /// Reported already: the character, the language and the place.
    seen: BTreeSet<Seen>,
    /// Characters known to be covered, by language: a document repeats a few hundred
    /// characters thousands of times, and asking every font for each was most of the check.
    covered: HashMap<String, HashSet<char>>,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn text(&mut self, text: &str, lang: &LangTag, origin: Option<Origin>, what: &str) {
        let families = if self.large_print { self.plan.large_print(lang) } else { self.plan.families(lang) };
        // Taken out while the text is checked (the messages borrow the checker), then put back.
        let mut covered = self.covered.remove(lang.as_str()).unwrap_or_default();
        for c in text.chars().filter(|c| !invisible(*c)) {
            if covered.contains(&c) {
                continue;
            }
            if self.fonts.covers(families, c) {
                covered.insert(c);
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
            } else if let Some(span) = self.setting_place(c) {
                d = d.at(span);
            }
            self.out.push(d);
        }
        self.covered.insert(lang.as_str().to_string(), covered);
    }
}

impl Checker<'_> {
    /// The first place `c` is written in `imprint.toml` or the language's catalog.
    fn setting_place(&self, c: char) -> Option<Span> {
        self.settings.iter().find_map(|&file| {
            let at = self.files.text(file).find(c)?;
            Some(Span::new(file, at..at + c.len_utf8()))
        })
    }
}

/// The walk: every text run in the language it is written in, with the place it comes from.
struct Walk<'c, 'a> {
    checker: &'c mut Checker<'a>,
    /// The language of the current text.
    lang: LangTag,
    origin: Option<Origin>,
    what: &'static str,
}

impl Walk<'_, '_> {
    fn in_lang(&mut self, lang: &LangTag, f: impl FnOnce(&mut Self)) {
        let outer = std::mem::replace(&mut self.lang, lang.clone());
        f(self);
        self.lang = outer;
    }

    fn at(&mut self, origin: Origin, f: impl FnOnce(&mut Self)) {
        let outer = self.origin.replace(origin);
        f(self);
        self.origin = outer;
    }
}

impl<'d> Visit<'d> for Walk<'_, '_> {
    fn block(&mut self, b: &'d Block) {
        match b {
            Block::Paragraph(Paragraph { origin, .. }) | Block::Heading(Heading { origin, .. }) => {
                self.at(*origin, |w| walk_block(w, b))
            }
            Block::Table(t) => self.at(t.origin, |w| walk_block(w, b)),
            Block::Chart(c) => self.at(c.origin, |w| walk_block(w, b)),
            Block::Timeline(t) => t.events.iter().for_each(|e| self.at(e.origin, |w| walk_event(w, e))),
            Block::Lang { lang, blocks, .. } => self.in_lang(lang, |w| walk_blocks(w, blocks)),
            _ => walk_block(self, b),
        }
    }

    fn inline(&mut self, i: &'d Inline) {
        if let Inline::Lang { lang, .. } = i {
            self.in_lang(lang, |w| walk_inline(w, i));
        } else {
            walk_inline(self, i);
        }
    }

    fn text(&mut self, text: &'d str) {
        self.checker.text(text, &self.lang, self.origin, self.what);
    }

    fn figure(&mut self, f: &'d Figure) {
        let lang = self.lang.clone();
        if let Alt::Text(alt) = &f.alt {
            self.checker.text(alt, &lang, Some(f.origin), "the alt text");
        }
        self.at(f.origin, |w| walk_figure(w, f));
        if let Some(c) = &f.credit {
            self.checker.text(c, &lang, Some(f.origin), "the credit");
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
    let lang = &doc.lang;
    let catalog = format!("translations/{}.po", lang.as_str());
    let settings = (0..files.len())
        .filter(|&i| files.name(i).ends_with("imprint.toml") || files.name(i).ends_with(&catalog))
        .collect();
    let mut c = Checker {
        fonts,
        plan,
        large_print,
        files,
        settings,
        seen: BTreeSet::new(),
        covered: HashMap::new(),
        out: Vec::new(),
    };
    c.text(&doc.title, lang, None, "the title");
    c.text(&doc.description, lang, None, "the description");
    for k in &doc.keywords {
        c.text(k, lang, None, "a keyword");
    }
    c.text(&doc.organization.name, lang, None, "the organization's name");
    for n in &doc.notices {
        c.text(n, lang, None, "a colophon note");
    }
    for (name, s) in strings.fields() {
        c.text(s, lang, None, &format!("the interface string `{name}`"));
    }
    for s in &doc.sections {
        let mut walk = Walk { checker: &mut c, lang: lang.clone(), origin: Some(s.origin), what: "a section title" };
        walk.inlines(&s.title);
        walk.what = "the text";
        walk_blocks(&mut walk, &s.blocks);
    }
    c.out
}
