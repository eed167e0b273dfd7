//! Rejoins the runs of shaped text that Typst splits at every change of vertical offset, before
//! the PDF is written, so that the PDF's text reads back in the letters of the source.
//!
//! Why: fonts such as Noto Sans Arabic 2.x draw a letter as two glyphs (its dotless skeleton
//! and its dots, `ccmp`), and place the dots with a vertical offset. Typst 0.15 cuts a run of
//! glyphs into a new text item wherever that offset changes, so the dots of every letter
//! become text items of their own; typst-pdf gives each item its own marked content and
//! krilla, which in PDF/UA mode maps every glyph of a cluster to the cluster's text, then
//! writes the letter once for its skeleton and once more for its dots, in a separate
//! `/ActualText` span when the glyph is shared by several letters. Readers (screen readers,
//! copy and paste) got doubled and scrambled letters. One text item per run, with the offsets
//! on its glyphs, keeps each cluster together: krilla writes one `/ActualText` per cluster.
//!
//! Only items that are cut from one run are joined: the same font, size, paint and language,
//! touching horizontally, on different baselines, and whose glyphs point into the same
//! source text at offsets that agree with their text. Anything else is left as it was.
//! What is drawn does not change. This module owns no other change to the laid-out document.

use typst::layout::{Abs, Em, Frame, FrameItem, Point};
use typst::model::Document as _;
use typst::text::TextItem;
use typst_layout::PagedDocument;

/// How far apart (in points) two items may be horizontally and still count as touching.
const TOUCHING: f64 = 1e-3;

/// The document with every split run joined again; the document itself when nothing was split.
pub fn rejoin_split_runs(document: PagedDocument) -> PagedDocument {
    let mut pages: Vec<typst_layout::Page> = document.pages().to_vec();
    let mut changed = false;
    for page in &mut pages {
        changed |= rejoin_frame(&mut page.frame);
    }
    if !changed {
        return document;
    }
    PagedDocument::new(pages.into_iter().collect(), document.info().clone())
}

/// Joins split runs in a frame and the frames nested in it; whether anything was joined.
fn rejoin_frame(frame: &mut Frame) -> bool {
    let nested = frame.items().any(|(_, item)| matches!(item, FrameItem::Group(_)));
    let mut changed = false;
    if nested {
        frame.retain(|item| {
            if let FrameItem::Group(group) = item {
                changed |= rejoin_frame(&mut group.frame);
            }
            true
        });
    }

    let mut joined_any = false;
    let mut out: Vec<(Point, FrameItem)> = Vec::with_capacity(frame.items().len());
    // The baseline of the last piece joined into the item at the end of `out`.
    let mut last_piece_y: Option<Abs> = None;
    for (pos, item) in frame.items() {
        if let (FrameItem::Text(next), Some((prev_pos, FrameItem::Text(prev)))) = (item, out.last_mut())
            && last_piece_y.is_some_and(|y| y != pos.y)
            && let Some(joined) = join(*prev_pos, prev, *pos, next)
        {
            *prev = joined;
            last_piece_y = Some(pos.y);
            joined_any = true;
            continue;
        }
        last_piece_y = matches!(item, FrameItem::Text(_)).then_some(pos.y);
        out.push((*pos, item.clone()));
    }
    if joined_any {
        frame.clear();
        frame.push_multiple(out);
    }
    changed || joined_any
}

/// `b`, drawn right after `a`, joined into `a` when both are pieces of one run of shaped text.
fn join(a_pos: Point, a: &TextItem, b_pos: Point, b: &TextItem) -> Option<TextItem> {
    let same_style = a.font == b.font
        && a.size == b.size
        && a.fill == b.fill
        && a.stroke == b.stroke
        && a.lang == b.lang
        && a.region == b.region;
    if !same_style || ((a_pos.x + a.width()) - b_pos.x).to_pt().abs() > TOUCHING || a.size.to_pt() <= 0.0 {
        return None;
    }
    let b_start = offset_of(a, b)?;
    let (a_len, b_len) = (a.text.len() as i64, b.text.len() as i64);
    // The two texts must touch or overlap (and agree where they overlap).
    if b_start > a_len || b_start + b_len < 0 {
        return None;
    }
    let lo = b_start.min(0);
    let hi = (b_start + b_len).max(a_len);
    if hi - lo > i64::from(u16::MAX) {
        return None;
    }
    let overlap = b_start.max(0)..(b_start + b_len).min(a_len);
    let in_a = a.text.get(usize::try_from(overlap.start).ok()?..usize::try_from(overlap.end).ok()?)?;
    let in_b =
        b.text.get(usize::try_from(overlap.start - b_start).ok()?..usize::try_from(overlap.end - b_start).ok()?)?;
    if in_a != in_b {
        return None;
    }
    let before = b.text.get(..usize::try_from(-lo).ok()?)?;
    let after = b.text.get(usize::try_from(a_len - b_start).ok()?..).unwrap_or("");
    let mut text = String::with_capacity(usize::try_from(hi - lo).ok()?);
    text.push_str(before);
    text.push_str(&a.text);
    text.push_str(after);

    let shift = |g: &typst::text::Glyph, by: i64| -> Option<typst::text::Glyph> {
        let start = u16::try_from(i64::from(g.range.start) + by).ok()?;
        let end = u16::try_from(i64::from(g.range.end) + by).ok()?;
        Some(typst::text::Glyph { range: start..end, ..g.clone() })
    };
    // Offsets are y-up in glyphs, y-down in frames.
    let rise = Em::from_abs(a_pos.y - b_pos.y, a.size);
    let mut glyphs = Vec::with_capacity(a.glyphs.len() + b.glyphs.len());
    for g in &a.glyphs {
        glyphs.push(shift(g, -lo)?);
    }
    for g in &b.glyphs {
        let mut g = shift(g, b_start - lo)?;
        g.y_offset += rise;
        glyphs.push(g);
    }
    // One run reads in one direction: its clusters come in text order or in reverse order.
    let forward = glyphs.windows(2).all(|w| w[0].range.start <= w[1].range.start);
    let backward = glyphs.windows(2).all(|w| w[0].range.start >= w[1].range.start);
    if !forward && !backward {
        return None;
    }
    Some(TextItem { text: text.into(), glyphs, ..a.clone() })
}

/// Where `b`'s text starts, in bytes from the start of `a`'s text, when the glyphs of both
/// items point into one piece of source text at offsets that agree with their ranges.
fn offset_of(a: &TextItem, b: &TextItem) -> Option<i64> {
    // Each glyph knows the source node of its text and its offset in that piece of text;
    // within one piece, the difference of two offsets is the difference of the glyphs' places
    // in the shaped text. Text a layout makes from a value (the cover title) has a detached
    // span but still its offsets; two pieces that share a node are told apart below, because
    // their offsets no longer agree with the ranges. Whatever the alignment, each glyph keeps
    // exactly its own text: `join` checks that both items agree where they overlap.
    let usable = |g: &&typst::text::Glyph| g.span.1 != u16::MAX;
    let anchor = a.glyphs.iter().filter(usable).find(|ga| b.glyphs.iter().any(|gb| gb.span.0 == ga.span.0))?;
    let base_a = i64::from(anchor.range.start) - i64::from(anchor.span.1);
    let node = anchor.span.0;
    let consistent_a = a
        .glyphs
        .iter()
        .filter(|g| g.span.0 == node)
        .all(|g| i64::from(g.range.start) - i64::from(g.span.1) == base_a && g.span.1 != u16::MAX);
    let mut in_b = b.glyphs.iter().filter(|g| g.span.0 == node);
    let first = in_b.next()?;
    let base_b = i64::from(first.range.start) - i64::from(first.span.1);
    let consistent_b = in_b.all(|g| i64::from(g.range.start) - i64::from(g.span.1) == base_b && g.span.1 != u16::MAX);
    if !consistent_a || !consistent_b || first.span.1 == u16::MAX {
        return None;
    }
    Some(base_a - base_b)
}
