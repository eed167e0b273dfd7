//! From the document model to braille units: every block and inline variant, translated by
//! the [`Translator`] into Braille ASCII and given its BANA format (the cells where its first
//! line and its runover lines start). [`super::layout`] breaks the units into lines and pages.
//!
//! Formats (BANA Braille Formats 2016): section titles are centred headings, level-3 headings
//! start in cell 5 and deeper ones in cell 7; paragraphs are 3-1 (first line in cell 3,
//! runovers in cell 1); list items are 1-3, nested lists two cells further in; quotations are
//! displayed two cells further in, between blank lines; images become transcriber's notes
//! (7-5, between the UEB transcriber's note indicators); charts become their data (the title as
//! a heading, each category with its share as a list item, the note as a paragraph); tables
//! that fit in 40 cells keep their columns, the others are linearised, each row as
//! "header: value" lines. Emphasis is not marked (no typeforms are passed to liblouis).

use crate::braille::{BrailleTable, Translator, table_for};
use crate::model::text::plain;
use crate::model::{Alt, Block, Chart, Document, Figure, Inline, LangTag, List, Section, Table, Timeline};
use crate::ui::Strings;

use super::cells::normalize;
use super::layout::{LINE, Style, Unit};

/// The UEB opening transcriber's note indicator (dots 4, 46, 126).
pub const TN_OPEN: &str = "@.<";
/// The UEB closing transcriber's note indicator (dots 4, 46, 345).
pub const TN_CLOSE: &str = "@.>";
/// A transition line (a thematic break): dots 25 six times, centred.
pub const TRANSITION: &str = "333333";
/// Two blank cells between the columns of a table.
const COLUMN_GAP: usize = 2;

/// A run of print in one braille table (`None`: a language with no usable table).
struct Run {
    table: Option<BrailleTable>,
    text: String,
}

/// Print text as runs by language, split at forced line breaks.
type Pieces = Vec<Vec<Run>>;

/// Turns a document into units; collects what could not be translated.
pub(super) struct Builder<'a> {
    tr: &'a dyn Translator,
    strings: &'a Strings,
    /// The table of the text being built (the document's, or a passage's in another language).
    table: BrailleTable,
    /// Cells added to every indent (inside quotations).
    indent: usize,
    /// The units built.
    pub units: Vec<Unit>,
    /// Characters the tables could not translate, and errors of the translator.
    pub problems: Vec<String>,
}

impl<'a> Builder<'a> {
    /// A builder for text in `table`.
    pub fn new(tr: &'a dyn Translator, strings: &'a Strings, table: BrailleTable) -> Builder<'a> {
        Builder { tr, strings, table, indent: 0, units: Vec::new(), problems: Vec::new() }
    }

    /// The table for text in `lang`: its own if liblouis has it, else none.
    fn table_of(&self, lang: &LangTag) -> Option<BrailleTable> {
        table_for(lang).filter(|t| *t == self.table || self.tr.has_table(*t))
    }

    /// Braille of print runs, as one line of Braille ASCII words.
    fn braille(&mut self, runs: &[Run]) -> String {
        let mut out = String::new();
        for run in runs {
            match run.table {
                Some(table) => match self.tr.translate(table, &run.text) {
                    Ok(b) => out.push_str(&b),
                    Err(e) => self.problems.push(e),
                },
                None => {
                    let note = self.plain_braille(&self.strings.braille_untranscribed.clone());
                    out.push_str(&format!(" {TN_OPEN}{note}{TN_CLOSE} "));
                }
            }
        }
        if out.contains("'\\X") {
            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
            self.problems.push(format!("characters with no braille in {}: {text}", self.table.table));
        }
        match normalize(&out) {
            Ok(b) => b,
            Err(c) => {
                self.problems.push(format!("liblouis wrote `{c}`, which is not a braille cell"));
                String::new()
            }
        }
    }

    /// Braille of plain print in the current table.
    pub fn plain_braille(&mut self, text: &str) -> String {
        let run = Run { table: Some(self.table), text: text.to_string() };
        self.braille(&[run])
    }

    /// Print inlines as pieces (split at forced line breaks) of runs by language.
    fn pieces(&self, inlines: &[Inline]) -> Pieces {
        let mut pieces: Pieces = vec![Vec::new()];
        self.collect(inlines, Some(self.table), &mut pieces);
        pieces
    }

    fn collect(&self, inlines: &[Inline], table: Option<BrailleTable>, pieces: &mut Pieces) {
        let push = |pieces: &mut Pieces, text: &str| {
            let last = pieces.last_mut().expect("one piece at least");
            match last.last_mut() {
                Some(run) if run.table == table => run.text.push_str(text),
                _ => last.push(Run { table, text: text.to_string() }),
            }
        };
        for i in inlines {
            match i {
                Inline::Text(t) | Inline::Code(t) => push(pieces, t),
                Inline::SoftBreak => push(pieces, " "),
                Inline::LineBreak => pieces.push(Vec::new()),
                // No typeform: emphasis and links are read as their text.
                Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } => self.collect(c, table, pieces),
                Inline::Lang { lang, content, .. } => self.collect(content, self.table_of(lang), pieces),
            }
        }
    }

    /// Adds text units of `style` for inline content (a new unit after each forced break,
    /// its first line at the runover cell).
    fn inlines(&mut self, inlines: &[Inline], style: Style) {
        let pieces = self.pieces(inlines);
        self.pieces_unit(pieces, style);
    }

    fn pieces_unit(&mut self, pieces: Pieces, style: Style) {
        let style = style.shifted(self.indent);
        for (n, piece) in pieces.iter().enumerate() {
            let cells = self.braille(piece);
            let style = if n == 0 { style } else { Style { first: style.runover, ..style } };
            self.units.push(Unit::Text { style, cells });
        }
    }

    /// Adds plain print as a unit of `style`.
    pub fn text(&mut self, text: &str, style: Style) {
        let cells = self.plain_braille(text);
        self.units.push(Unit::Text { style: style.shifted(self.indent), cells });
    }

    /// Adds a transcriber's note: 7-5, between the indicators.
    fn note(&mut self, text: &str) {
        let cells = self.plain_braille(text);
        let style = Style::NOTE.shifted(self.indent);
        self.units.push(Unit::Text { style, cells: format!("{TN_OPEN}{cells}{TN_CLOSE}") });
    }

    /// A heading of a level of the document (2 is a section title).
    fn heading(&mut self, level: u8, inlines: &[Inline]) {
        self.inlines(inlines, Style::heading(level));
    }

    /// Every section of the document.
    pub fn document(&mut self, doc: &Document) {
        for s in &doc.sections {
            self.section(s);
        }
    }

    fn section(&mut self, s: &Section) {
        self.heading(2, &s.title);
        if s.fallback {
            let text = self.strings.plain_fallback.clone();
            self.text(&text, Style::PARAGRAPH);
        }
        self.blocks(&s.blocks);
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        match b {
            Block::Paragraph(p) => self.inlines(&p.content, Style::PARAGRAPH),
            Block::Heading(h) => self.heading(h.level, &h.content),
            Block::List(l) => self.list(l, 0),
            Block::Quote(inner) => {
                self.units.push(Unit::Blank);
                self.indent += 2;
                self.blocks(inner);
                self.indent -= 2;
                self.units.push(Unit::Blank);
            }
            Block::Table(t) => self.table(t),
            Block::Figure(f) => self.figure(f),
            Block::Chart(c) => self.chart(c),
            Block::Timeline(t) => self.timeline(t),
            Block::Lang { lang, blocks, .. } => match self.table_of(lang) {
                Some(table) => {
                    let outer = std::mem::replace(&mut self.table, table);
                    self.blocks(blocks);
                    self.table = outer;
                }
                None => {
                    let text = self.strings.braille_untranscribed.clone();
                    self.note(&text);
                }
            },
            Block::Rule => {
                self.units.push(Unit::Blank);
                self.units.push(Unit::Centered(TRANSITION.to_string()));
                self.units.push(Unit::Blank);
            }
        }
    }

    /// A list at nesting `depth` (0 for the outermost): items 1-3, two cells further in at
    /// each level; a numbered item starts with its number.
    fn list(&mut self, l: &List, depth: usize) {
        let item = Style::item(depth);
        for (n, blocks) in l.items.iter().enumerate() {
            let mut first = true;
            for b in blocks {
                match b {
                    Block::Paragraph(p) if first => {
                        let mut content = p.content.clone();
                        if let Some(start) = l.start {
                            let number = self.strings.number(format!("{}. ", start as usize + n));
                            content.insert(0, Inline::Text(number));
                        }
                        self.inlines(&content, item);
                    }
                    Block::Paragraph(p) => self.inlines(&p.content, Style { first: item.runover, ..item }),
                    Block::List(inner) => self.list(inner, depth + 1),
                    other => self.block(other),
                }
                first = false;
            }
        }
    }

    fn figure(&mut self, f: &Figure) {
        match &f.alt {
            Alt::Text(alt) => {
                let text = format!("{} {alt}", self.strings.image_description);
                self.note(&text);
            }
            Alt::Decorative => {}
        }
        if let Some(caption) = &f.caption {
            self.inlines(caption, Style::PARAGRAPH);
        }
        if let Some(credit) = &f.credit {
            let text = format!("{} {credit}", self.strings.photo);
            self.text(&text, Style::PARAGRAPH);
        }
    }

    fn chart(&mut self, c: &Chart) {
        self.heading(c.level, &c.title);
        let (before, after) = self.strings.chart_caption_parts(c);
        let population = format!("{before}{}{after}", plain(&c.population));
        self.text(&population, Style::PARAGRAPH);
        for cat in &c.categories {
            let label = plain(&cat.label);
            let text = format!("{label}{}{}", self.strings.label_separator, self.strings.share_words(cat.share));
            self.text(&text, Style::item(0));
        }
        if let Some(note) = self.strings.chart_note(c) {
            self.text(&note, Style::PARAGRAPH);
        }
    }

    fn timeline(&mut self, t: &Timeline) {
        for e in &t.events {
            let mut title =
                vec![Inline::Text(format!("{}{}", self.strings.number(e.year), self.strings.label_separator))];
            title.extend(e.title.iter().cloned());
            self.heading(t.level, &title);
            self.inlines(&e.text, Style::PARAGRAPH);
            if let Some(f) = &e.figure {
                self.figure(f);
            }
        }
    }

    /// A table: in columns when every row fits on one line, else linearised.
    fn table(&mut self, t: &Table) {
        self.units.push(Unit::Blank);
        if let Some(caption) = &t.caption {
            self.inlines(&caption.content, Style::PARAGRAPH);
        }
        let cell = |b: &mut Builder<'_>, inlines: &[Inline]| {
            let pieces = b.pieces(inlines);
            let runs: Vec<Run> = pieces.into_iter().flatten().collect();
            b.braille(&runs)
        };
        let header: Vec<String> = t.header.iter().map(|h| cell(self, h)).collect();
        let rows: Vec<Vec<String>> = t.rows.iter().map(|r| r.iter().map(|c| cell(self, c)).collect()).collect();
        let columns = header.len();
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                let w = |r: &Vec<String>| r.get(i).map_or(0, String::len);
                rows.iter().map(w).chain([header[i].len()]).max().unwrap_or(0)
            })
            .collect();
        let total = widths.iter().sum::<usize>() + COLUMN_GAP * columns.saturating_sub(1) + self.indent;
        if total <= LINE && columns > 0 {
            let line = |cells: &[String]| {
                let mut out = " ".repeat(self.indent);
                for (i, w) in widths.iter().enumerate() {
                    let c = cells.get(i).map_or("", String::as_str);
                    out.push_str(c);
                    if i + 1 < columns {
                        out.push_str(&" ".repeat(w - c.len() + COLUMN_GAP));
                    }
                }
                out.trim_end().to_string()
            };
            let mut lines = vec![line(&header)];
            let rule: Vec<String> = widths.iter().map(|w| "3".repeat(*w)).collect();
            lines.push(line(&rule));
            lines.extend(rows.iter().map(|r| line(r)));
            self.units.push(Unit::Lines(lines));
        } else {
            // Linearised: the row's first cell names it (1-3), then each other cell as
            // "header: value" (3-5).
            for row in &t.rows {
                for (i, c) in row.iter().enumerate() {
                    let mut content = t.header.get(i).cloned().unwrap_or_default();
                    content.push(Inline::Text(self.strings.label_separator.clone()));
                    content.extend(c.iter().cloned());
                    let style = if i == 0 { Style::item(0) } else { Style::item(1) };
                    self.inlines(&content, style);
                }
            }
        }
        self.units.push(Unit::Blank);
    }
}
