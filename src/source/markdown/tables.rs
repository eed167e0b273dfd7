//! Tables in the Markdown: pipe tables (comrak's GFM tables) with their caption, written as
//! pandoc writes one, a paragraph `Table: caption text` right above or right below the table;
//! the error for a row with more cells than the table has columns (GFM drops the extra ones);
//! and the warning for rows of `|` cells that are no table because their `|---|` line is
//! missing or does not match the first row.

use comrak::nodes::NodeValue;

use super::{Converter, Node};
use crate::diag::{Diagnostic, Span};
use crate::model::{Block, Inline, Inlines, Paragraph, Table};

/// How a caption paragraph starts (compared without regard to case, as pandoc does).
const CAPTION_PREFIX: &str = "table:";

impl Converter<'_> {
    /// The blocks of `parent`'s children, each `Table:` paragraph made the caption of the
    /// table right after it or right before it (after wins, as in pandoc, when a paragraph
    /// sits between two tables).
    pub(super) fn child_blocks(&mut self, parent: Node<'_>) -> Vec<Block> {
        let children: Vec<Node<'_>> = parent.children().collect();
        let is_table = |i: Option<usize>| {
            i.and_then(|i| children.get(i)).is_some_and(|n| matches!(n.data().value, NodeValue::Table(_)))
        };
        let mut out: Vec<Block> = Vec::new();
        let mut pending: Option<Paragraph> = None;
        for (i, &node) in children.iter().enumerate() {
            if let Some(span) = self.caption_span(node) {
                let caption = self.caption(node, span.clone());
                let after_table =
                    is_table(i.checked_sub(1)) && matches!(out.last(), Some(Block::Table(t)) if t.caption.is_none());
                if after_table {
                    if let Some(Block::Table(t)) = out.last_mut() {
                        t.caption = caption;
                    }
                    continue;
                }
                if is_table(Some(i + 1)) {
                    pending = caption;
                    continue;
                }
                self.report.push(
                    Diagnostic::warning("this `Table:` caption is not next to a table; it is shown as a paragraph")
                        .at(span)
                        .hint("Put the caption paragraph right above or right below its table, with one blank line between them."),
                );
            }
            if let Some(mut block) = self.block(node) {
                if let (Block::Table(t), Some(caption)) = (&mut block, pending.take()) {
                    t.caption = Some(caption);
                }
                out.push(block);
            }
        }
        out
    }

    /// The span of a paragraph that starts with `Table:`.
    fn caption_span(&self, node: Node<'_>) -> Option<Span> {
        if !matches!(node.data().value, NodeValue::Paragraph) {
            return None;
        }
        let span = self.node_span(node);
        let source = self.source(&span);
        let start = source.trim_start();
        start.get(..CAPTION_PREFIX.len()).filter(|p| p.eq_ignore_ascii_case(CAPTION_PREFIX))?;
        Some(span)
    }

    /// The text of a span of the body.
    pub(super) fn source(&self, span: &Span) -> &str {
        let range = span.range.start - self.body_offset..span.range.end - self.body_offset;
        self.body.get(range).unwrap_or("")
    }

    /// A `Table:` paragraph as a caption: its content without `Table:`, its origin the
    /// caption's own text (the message translators see). An empty caption is left out.
    fn caption(&mut self, node: Node<'_>, span: Span) -> Option<Paragraph> {
        let source = self.source(&span);
        let lead = source.len() - source.trim_start().len() + CAPTION_PREFIX.len();
        let rest = source.get(lead..).unwrap_or("");
        let text_start = span.range.start + lead + (rest.len() - rest.trim_start().len());
        let mut content = self.inlines(node);
        strip_caption_prefix(&mut content);
        if content.iter().all(|i| matches!(i, Inline::Text(t) if t.trim().is_empty())) {
            self.report.push(Diagnostic::warning("this table caption is empty; it was left out").at(span).hint(
                "Write what the table shows after `Table:`, e.g. `Table: Services by year`, or delete the line.",
            ));
            return None;
        }
        let origin = Span::new(span.file, text_start.min(span.range.end)..span.range.end);
        Some(Paragraph { content, origin: (&origin).into() })
    }

    pub(super) fn table(&mut self, node: Node<'_>, span: &Span) -> Block {
        let mut header: Vec<Inlines> = Vec::new();
        let mut rows = Vec::new();
        for row in node.children() {
            let is_header = matches!(row.data().value, NodeValue::TableRow(true));
            let cells: Vec<Inlines> = row.children().map(|cell| self.inlines(cell)).collect();
            if is_header {
                header = cells;
                continue;
            }
            let row_span = self.node_span(row);
            let written = self.source(&row_span).lines().next().map_or(0, count_cells);
            if written > header.len() {
                self.report.push(
                    Diagnostic::error(format!(
                        "this row has {} but the table has {}",
                        count(written, "cell"),
                        count(header.len(), "column")
                    ))
                    .at(row_span)
                    .label(format!("the {} after the first {} would be lost", count(written - header.len(), "cell"), header.len()))
                    .hint("Add the column to the first row and to the `|---|` line under it, or join the extra cells into one."),
                );
            }
            rows.push(cells);
        }
        Block::Table(Box::new(Table { caption: None, header, rows, origin: span.into() }))
    }

    /// Warns about a paragraph of two or more lines that each start and end with `|`: rows
    /// of a table whose `|---|` line is missing or has another number of cells.
    pub(super) fn check_table_like(&mut self, source: &str, span: &Span) {
        let lines: Vec<&str> = source.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let row = |l: &&str| l.len() >= 2 && l.starts_with('|') && l.ends_with('|');
        if lines.len() < 2 || !lines.iter().all(row) {
            return;
        }
        let first = count_cells(lines[0]);
        let separator = "|---".repeat(first) + "|";
        let is_separator = |l: &str| l.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && l.contains('-');
        let message = match lines.get(1) {
            Some(l) if is_separator(l) => format!(
                "these lines look like a table, but the `|---|` line under the first row has {} and the first row has {}",
                count(count_cells(l), "cell"),
                count(first, "cell")
            ),
            _ => "these lines look like a table, but the `|---|` line under the first row is missing".to_string(),
        };
        self.report.push(
            Diagnostic::warning(message)
                .at(span.clone())
                .label("shown as one paragraph of text with `|` characters")
                .hint(format!(
                    "To make them a table, put this line right under the first row, one `---` per column: {separator}"
                )),
        );
    }
}

/// `1 cell`, `2 cells`.
fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// How many cells a table row written with `|` has: the `|` at its start and at its end are
/// optional, and an escaped `\|` is text.
fn count_cells(line: &str) -> usize {
    let line = line.trim().replace("\\|", "");
    let line = line.strip_prefix('|').unwrap_or(&line);
    let line = line.strip_suffix('|').unwrap_or(line);
    line.matches('|').count() + 1
}

/// Removes `Table:` and the spaces after it from the start of a caption's content.
fn strip_caption_prefix(content: &mut Inlines) {
    let mut left = CAPTION_PREFIX.len();
    while left > 0 {
        let Some(Inline::Text(t)) = content.first_mut() else { return };
        let cut = t.char_indices().nth(left).map_or(t.len(), |(i, _)| i);
        left -= t[..cut].chars().count();
        t.replace_range(..cut, "");
        if t.is_empty() {
            content.remove(0);
        }
    }
    loop {
        match content.first_mut() {
            Some(Inline::Text(t)) if t.trim_start().is_empty() => {
                content.remove(0);
            }
            Some(Inline::SoftBreak) => {
                content.remove(0);
            }
            Some(Inline::Text(t)) => {
                let trimmed = t.trim_start().to_string();
                *t = trimmed;
                return;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caption_prefix_is_stripped() {
        let mut c = vec![Inline::Text("Table:  Services".into()), Inline::Strong(vec![])];
        strip_caption_prefix(&mut c);
        assert_eq!(c[0], Inline::Text("Services".into()));
        let mut c = vec![Inline::Text("table:".into()), Inline::SoftBreak, Inline::Text("Next".into())];
        strip_caption_prefix(&mut c);
        assert_eq!(c, vec![Inline::Text("Next".into())]);
    }

    #[test]
    fn cells_are_counted() {
        assert_eq!(count_cells("| a | b |"), 2);
        assert_eq!(count_cells("a | b | c"), 3);
        assert_eq!(count_cells("| a \\| b | c |"), 2);
        assert_eq!(count_cells("||"), 1);
    }
}
