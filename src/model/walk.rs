//! The one walk over the model: [`Visit`], a visitor whose methods recurse by default, so that
//! a consumer overrides only what it looks at (a figure, a heading, a run of text) and the rest
//! of the tree is walked for it. Adding a variant to [`Block`] or [`Inline`] changes the
//! `walk_*` functions here and the renderers, which match every variant on purpose; the
//! consumers built on the walk (anchors, figures, prose, plain text, the glyph check, the
//! readability measures, the glossary) need no change.
//!
//! Also the kinds of block and inline content ([`BlockKind`], [`InlineKind`]): the list of
//! every variant, which the kitchen-sink test holds against its fixture.

use super::{Block, Chart, Event, Figure, Inline, Section, Table, Timeline};

/// A visitor of the document model. Every method has a default that walks the children; an
/// override that still wants the children calls the matching `walk_*` function.
pub trait Visit<'d> {
    /// A block. Default: [`walk_block`].
    fn block(&mut self, b: &'d Block) {
        walk_block(self, b);
    }
    /// Inline content: a paragraph, a heading, a cell, a title, a label... Default: each
    /// inline in turn.
    fn inlines(&mut self, inlines: &'d [Inline]) {
        for i in inlines {
            self.inline(i);
        }
    }
    /// One inline. Default: [`walk_inline`].
    fn inline(&mut self, i: &'d Inline) {
        walk_inline(self, i);
    }
    /// A run of text (of [`Inline::Text`] and [`Inline::Code`]).
    fn text(&mut self, _text: &'d str) {}
    /// A figure (also a timeline event's). Default: its caption.
    fn figure(&mut self, f: &'d Figure) {
        walk_figure(self, f);
    }
}

/// Walks the title and the blocks of a section.
pub fn walk_section<'d, V: Visit<'d> + ?Sized>(v: &mut V, s: &'d Section) {
    v.inlines(&s.title);
    walk_blocks(v, &s.blocks);
}

/// Visits each block in turn.
pub fn walk_blocks<'d, V: Visit<'d> + ?Sized>(v: &mut V, blocks: &'d [Block]) {
    for b in blocks {
        v.block(b);
    }
}

/// Walks the children of a block: its blocks, its inline content, its figures.
pub fn walk_block<'d, V: Visit<'d> + ?Sized>(v: &mut V, b: &'d Block) {
    match b {
        Block::Paragraph(p) => v.inlines(&p.content),
        Block::Heading(h) => v.inlines(&h.content),
        Block::List(l) => l.items.iter().for_each(|item| walk_blocks(v, item)),
        Block::Quote(inner) | Block::Lang { blocks: inner, .. } => walk_blocks(v, inner),
        Block::Table(t) => walk_table(v, t),
        Block::Figure(f) => v.figure(f),
        Block::Chart(c) => walk_chart(v, c),
        Block::Timeline(t) => walk_timeline(v, t),
        Block::Rule => {}
    }
}

/// Walks the caption of a table, then its cells, header first.
pub fn walk_table<'d, V: Visit<'d> + ?Sized>(v: &mut V, t: &'d Table) {
    if let Some(caption) = &t.caption {
        v.inlines(&caption.content);
    }
    for cell in t.header.iter().chain(t.rows.iter().flatten()) {
        v.inlines(cell);
    }
}

/// Walks a chart's title, population and labels.
pub fn walk_chart<'d, V: Visit<'d> + ?Sized>(v: &mut V, c: &'d Chart) {
    v.inlines(&c.title);
    v.inlines(&c.population);
    for cat in &c.categories {
        v.inlines(&cat.label);
    }
}

/// Walks each event of a timeline.
pub fn walk_timeline<'d, V: Visit<'d> + ?Sized>(v: &mut V, t: &'d Timeline) {
    for e in &t.events {
        walk_event(v, e);
    }
}

/// Walks an event's title, text and figure.
pub fn walk_event<'d, V: Visit<'d> + ?Sized>(v: &mut V, e: &'d Event) {
    v.inlines(&e.title);
    v.inlines(&e.text);
    if let Some(f) = &e.figure {
        v.figure(f);
    }
}

/// Walks a figure's caption (its alt text is a string of its own, not inline content).
pub fn walk_figure<'d, V: Visit<'d> + ?Sized>(v: &mut V, f: &'d Figure) {
    if let Some(c) = &f.caption {
        v.inlines(c);
    }
}

/// Walks the children of an inline.
pub fn walk_inline<'d, V: Visit<'d> + ?Sized>(v: &mut V, i: &'d Inline) {
    match i {
        Inline::Text(t) | Inline::Code(t) => v.text(t),
        Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } | Inline::Lang { content: c, .. } => {
            v.inlines(c)
        }
        Inline::LineBreak | Inline::SoftBreak => {}
    }
}

/// Every anchor id in `blocks` (headings, charts, timelines, figures), in reading order.
pub fn anchors(blocks: &[Block]) -> Vec<&str> {
    struct Anchors<'d>(Vec<&'d str>);
    impl<'d> Visit<'d> for Anchors<'d> {
        fn block(&mut self, b: &'d Block) {
            match b {
                Block::Heading(h) => self.0.push(&h.id),
                Block::Chart(c) => self.0.push(&c.id),
                Block::Timeline(t) => self.0.push(&t.id),
                _ => {}
            }
            walk_block(self, b);
        }
        fn figure(&mut self, f: &'d Figure) {
            self.0.push(&f.id);
        }
        fn inlines(&mut self, _: &'d [Inline]) {}
    }
    let mut v = Anchors(Vec::new());
    walk_blocks(&mut v, blocks);
    v.0
}

/// Every figure in `blocks` in reading order, those of timeline events included.
pub fn figures(blocks: &[Block]) -> Vec<&Figure> {
    struct Figures<'d>(Vec<&'d Figure>);
    impl<'d> Visit<'d> for Figures<'d> {
        fn figure(&mut self, f: &'d Figure) {
            self.0.push(f);
        }
        fn inlines(&mut self, _: &'d [Inline]) {}
    }
    let mut v = Figures(Vec::new());
    walk_blocks(&mut v, blocks);
    v.0
}

/// Whether `blocks` hold a chart.
pub fn has_chart(blocks: &[Block]) -> bool {
    struct Charts(bool);
    impl<'d> Visit<'d> for Charts {
        fn block(&mut self, b: &'d Block) {
            self.0 |= matches!(b, Block::Chart(_));
            walk_block(self, b);
        }
        fn inlines(&mut self, _: &'d [Inline]) {}
    }
    let mut v = Charts(false);
    walk_blocks(&mut v, blocks);
    v.0
}

/// What kind of prose a piece of running text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProseKind {
    /// A paragraph or a timeline event's text.
    Paragraph,
    /// A list item.
    Item,
}

/// The running text of `blocks`, one string per paragraph, list item or timeline event:
/// what a reader reads as sentences (headings, table cells, captions and chart labels are
/// left out). Used for readability and for finding the terms a glossary must explain.
pub fn prose(blocks: &[Block]) -> Vec<(ProseKind, String)> {
    struct Prose {
        kind: ProseKind,
        out: Vec<(ProseKind, String)>,
    }
    impl<'d> Visit<'d> for Prose {
        fn block(&mut self, b: &'d Block) {
            match b {
                Block::Paragraph(p) => self.out.push((self.kind, super::text::plain(&p.content))),
                Block::Timeline(t) => {
                    let texts = t.events.iter().map(|e| (ProseKind::Paragraph, super::text::plain(&e.text)));
                    self.out.extend(texts);
                }
                Block::List(l) => {
                    let outer = std::mem::replace(&mut self.kind, ProseKind::Item);
                    l.items.iter().for_each(|item| walk_blocks(self, item));
                    self.kind = outer;
                }
                Block::Quote(_) | Block::Lang { .. } => walk_block(self, b),
                Block::Heading(_) | Block::Table(_) | Block::Figure(_) | Block::Chart(_) | Block::Rule => {}
            }
        }
    }
    let mut v = Prose { kind: ProseKind::Paragraph, out: Vec::new() };
    walk_blocks(&mut v, blocks);
    v.out
}

macro_rules! kinds {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $(#[doc = concat!("[`", stringify!($variant), "`](", stringify!($name), ")")] $variant,)*
        }

        impl $name {
            /// Every kind, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant,)*];
        }
    };
}

kinds! {
    /// The kinds of [`Block`]: one per variant.
    BlockKind { Paragraph, Heading, List, Quote, Table, Figure, Chart, Timeline, Lang, Rule }
}

kinds! {
    /// The kinds of [`Inline`]: one per variant.
    InlineKind { Text, Emph, Strong, Code, Link, LineBreak, SoftBreak, Lang }
}

impl Block {
    /// The block's kind.
    pub fn kind(&self) -> BlockKind {
        match self {
            Block::Paragraph(_) => BlockKind::Paragraph,
            Block::Heading(_) => BlockKind::Heading,
            Block::List(_) => BlockKind::List,
            Block::Quote(_) => BlockKind::Quote,
            Block::Table(_) => BlockKind::Table,
            Block::Figure(_) => BlockKind::Figure,
            Block::Chart(_) => BlockKind::Chart,
            Block::Timeline(_) => BlockKind::Timeline,
            Block::Lang { .. } => BlockKind::Lang,
            Block::Rule => BlockKind::Rule,
        }
    }
}

impl Inline {
    /// The inline's kind.
    pub fn kind(&self) -> InlineKind {
        match self {
            Inline::Text(_) => InlineKind::Text,
            Inline::Emph(_) => InlineKind::Emph,
            Inline::Strong(_) => InlineKind::Strong,
            Inline::Code(_) => InlineKind::Code,
            Inline::Link { .. } => InlineKind::Link,
            Inline::LineBreak => InlineKind::LineBreak,
            Inline::SoftBreak => InlineKind::SoftBreak,
            Inline::Lang { .. } => InlineKind::Lang,
        }
    }
}

/// The kinds of block and inline content in `sections`.
pub fn kinds(sections: &[Section]) -> (Vec<BlockKind>, Vec<InlineKind>) {
    #[derive(Default)]
    struct Kinds(Vec<BlockKind>, Vec<InlineKind>);
    impl<'d> Visit<'d> for Kinds {
        fn block(&mut self, b: &'d Block) {
            self.0.push(b.kind());
            walk_block(self, b);
        }
        fn inline(&mut self, i: &'d Inline) {
            self.1.push(i.kind());
            walk_inline(self, i);
        }
    }
    let mut v = Kinds::default();
    sections.iter().for_each(|s| walk_section(&mut v, s));
    v.0.sort();
    v.0.dedup();
    v.1.sort();
    v.1.dedup();
    (v.0, v.1)
}
