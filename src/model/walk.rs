//! Walks over blocks that several stages need: the anchors a link can point to, and the
//! figures in reading order.

use super::{Block, Figure};

/// Every anchor id in `blocks` (headings, charts, timelines, figures), in reading order.
pub fn anchors(blocks: &[Block]) -> Vec<&str> {
    let mut out = Vec::new();
    push_anchors(blocks, &mut out);
    out
}

fn push_anchors<'d>(blocks: &'d [Block], out: &mut Vec<&'d str>) {
    for b in blocks {
        match b {
            Block::Heading(h) => out.push(&h.id),
            Block::Chart(c) => out.push(&c.id),
            Block::Timeline(t) => {
                out.push(&t.id);
                out.extend(t.events.iter().filter_map(|e| e.figure.as_ref().map(|f| f.id.as_str())));
            }
            Block::Figure(f) => out.push(&f.id),
            Block::List(l) => l.items.iter().for_each(|i| push_anchors(i, out)),
            Block::Quote(inner) | Block::Lang { blocks: inner, .. } => push_anchors(inner, out),
            Block::Paragraph(_) | Block::Table(_) | Block::Rule => {}
        }
    }
}

/// Every figure in `blocks` in reading order, those of timeline events included.
pub fn figures(blocks: &[Block]) -> Vec<&Figure> {
    let mut out = Vec::new();
    push_figures(blocks, &mut out);
    out
}

fn push_figures<'d>(blocks: &'d [Block], out: &mut Vec<&'d Figure>) {
    for b in blocks {
        match b {
            Block::Figure(f) => out.push(f),
            Block::Timeline(t) => out.extend(t.events.iter().filter_map(|e| e.figure.as_ref())),
            Block::List(l) => l.items.iter().for_each(|i| push_figures(i, out)),
            Block::Quote(inner) | Block::Lang { blocks: inner, .. } => push_figures(inner, out),
            Block::Paragraph(_) | Block::Heading(_) | Block::Table(_) | Block::Chart(_) | Block::Rule => {}
        }
    }
}

/// Whether `blocks` hold a chart.
pub fn has_chart(blocks: &[Block]) -> bool {
    blocks.iter().any(|b| match b {
        Block::Chart(_) => true,
        Block::List(l) => l.items.iter().any(|i| has_chart(i)),
        Block::Quote(inner) | Block::Lang { blocks: inner, .. } => has_chart(inner),
        Block::Paragraph(_)
        | Block::Heading(_)
        | Block::Table(_)
        | Block::Figure(_)
        | Block::Timeline(_)
        | Block::Rule => false,
    })
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
    let mut out = Vec::new();
    push_prose(blocks, ProseKind::Paragraph, &mut out);
    out
}

fn push_prose(blocks: &[Block], kind: ProseKind, out: &mut Vec<(ProseKind, String)>) {
    for b in blocks {
        match b {
            Block::Paragraph(p) => out.push((kind, super::text::plain(&p.content))),
            Block::Timeline(t) => {
                out.extend(t.events.iter().map(|e| (ProseKind::Paragraph, super::text::plain(&e.text))))
            }
            Block::List(l) => l.items.iter().for_each(|i| push_prose(i, ProseKind::Item, out)),
            Block::Quote(inner) | Block::Lang { blocks: inner, .. } => push_prose(inner, kind, out),
            Block::Heading(_) | Block::Table(_) | Block::Figure(_) | Block::Chart(_) | Block::Rule => {}
        }
    }
}
