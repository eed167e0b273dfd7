//! The text readability and the glossary read: the prose of a document (paragraphs, list
//! items, timeline events) and the cells of its tables. For a reading level, text in another
//! language than the document's -- a passage marked with its language, or a message shown
//! untranslated in the source language -- is not measured with the document's formula: it is
//! left out and counted, so that the report can say so.

use super::Kind;
use crate::model::text::plain;
use crate::model::walk::{Visit, walk_block, walk_blocks};
use crate::model::{Block, Inline, LangTag};

/// The measurable text of some blocks.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Prose {
    /// The texts in the document's language, each with its kind (a table cell counts as a
    /// paragraph: a short label cell is then not a sentence).
    pub texts: Vec<(Kind, String)>,
    /// How many paragraphs, items, cells or passages were left out because they are in
    /// another language.
    pub foreign: usize,
}

/// The prose and table cells of `blocks` in `lang`; with `lang` `None`, every text is kept.
pub fn prose(blocks: &[Block], lang: Option<&LangTag>) -> Prose {
    let mut v = Walker { lang, kind: Kind::Paragraph, out: Prose::default() };
    walk_blocks(&mut v, blocks);
    v.out
}

/// Every text of `blocks` a reader reads as running text or in a table, whatever its
/// language: where the glossary looks for the terms it explains.
pub fn all_text(blocks: &[Block]) -> Vec<String> {
    prose(blocks, None).texts.into_iter().map(|(_, t)| t).collect()
}

struct Walker<'l> {
    lang: Option<&'l LangTag>,
    kind: Kind,
    out: Prose,
}

impl Walker<'_> {
    fn other(&self, lang: &LangTag) -> bool {
        self.lang.is_some_and(|l| l != lang)
    }

    /// Inline content that is wholly one passage in another language.
    fn foreign(&self, inlines: &[Inline]) -> bool {
        let mut parts = inlines.iter().filter(|i| !matches!(i, Inline::Text(t) if t.trim().is_empty()));
        match (parts.next(), parts.next()) {
            (Some(Inline::Lang { lang, .. }), None) => self.other(lang),
            _ => false,
        }
    }

    fn push(&mut self, kind: Kind, inlines: &[Inline]) {
        if self.foreign(inlines) {
            self.out.foreign += 1;
        } else {
            self.out.texts.push((kind, plain(inlines)));
        }
    }
}

impl<'d> Visit<'d> for Walker<'_> {
    fn block(&mut self, b: &'d Block) {
        match b {
            Block::Paragraph(p) => self.push(self.kind, &p.content),
            Block::Timeline(t) => t.events.iter().for_each(|e| self.push(Kind::Paragraph, &e.text)),
            Block::List(l) => {
                let outer = std::mem::replace(&mut self.kind, Kind::Item);
                l.items.iter().for_each(|item| walk_blocks(self, item));
                self.kind = outer;
            }
            Block::Table(t) => {
                t.header.iter().chain(t.rows.iter().flatten()).for_each(|cell| self.push(Kind::Paragraph, cell))
            }
            Block::Lang { lang, .. } if self.other(lang) => self.out.foreign += 1,
            Block::Quote(_) | Block::Lang { .. } => walk_block(self, b),
            // Headings, figures, charts, rules, and any kind added later: not running prose.
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Origin, Paragraph, Table};

    fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph(Paragraph { content, origin: Origin { file: 0, start: 0, end: 0 } })
    }

    #[test]
    fn other_languages_are_counted_not_measured_and_cells_are_read() {
        let es = crate::lang::parse_lang("es").unwrap();
        let en = crate::lang::parse_lang("en").unwrap();
        let fallback =
            Inline::Lang { lang: en.clone(), dir: Direction::Ltr, content: vec![Inline::Text("We help.".into())] };
        let cell = vec![Inline::Text("Asesoría legal gratuita para todos.".into())];
        let table = Table {
            header: vec![],
            rows: vec![vec![cell]],
            origin: Origin { file: 0, start: 0, end: 0 },
            caption: None,
        };
        let blocks =
            vec![para(vec![Inline::Text("Ayudamos.".into())]), para(vec![fallback]), Block::Table(Box::new(table))];
        let p = prose(&blocks, Some(&es));
        assert_eq!(p.foreign, 1);
        let texts: Vec<&str> = p.texts.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["Ayudamos.", "Asesoría legal gratuita para todos."]);
        assert_eq!(all_text(&blocks).len(), 3);
        assert_eq!(prose(&blocks, Some(&en)).foreign, 0);
    }
}
