//! The imprint forms of the Markdown: `::chart[id]`, `::timeline[id]` and `::figure[id]`
//! paragraphs, which place data from `data/`, and `::: lang=xx` blocks, which mark passages in
//! another language.

use super::{Converter, Node};
use crate::diag::{Diagnostic, Span};
use crate::lang::direction;
use crate::model::Block;
use crate::source::configcheck::check_lang;
use crate::source::datamodel::dangling;

impl Converter<'_> {
    pub(super) fn directive(&mut self, source: &str, span: Span) -> Option<Block> {
        let parsed = source
            .strip_prefix("::")
            .and_then(|r| r.split_once('['))
            .and_then(|(name, rest)| rest.strip_suffix(']').map(|id| (name, id.trim())));
        let Some((name, id)) = parsed else {
            self.report.push(
                Diagnostic::error("malformed directive")
                    .at(span)
                    .hint("Write a directive alone in its paragraph, as ::chart[id], ::timeline[id] or ::figure[id]."),
            );
            return None;
        };
        let d = self.data;
        match name {
            "chart" => match d.charts.get(id) {
                Some(chart) => {
                    let mut chart = chart.clone();
                    chart.level = self.child_level(&span)?;
                    Some(Block::Chart(Box::new(chart)))
                }
                None => self.dangling("chart", id, span, d.charts.keys()),
            },
            "timeline" => match d.timelines.get(id) {
                Some(t) => {
                    let mut t = t.clone();
                    t.level = self.child_level(&span)?;
                    Some(Block::Timeline(Box::new(t)))
                }
                None => self.dangling("timeline", id, span, d.timelines.keys()),
            },
            "figure" => match d.images.get(id) {
                Some(Some(figure)) => Some(Block::Figure(Box::new(figure.clone()))),
                Some(None) => None,
                None => self.dangling("image", id, span, d.images.keys()),
            },
            other => {
                self.report.push(
                    Diagnostic::error(format!("unknown directive `::{other}`"))
                        .at(span)
                        .hint("The directives are ::chart[id], ::timeline[id] and ::figure[id]."),
                );
                None
            }
        }
    }

    fn dangling<'k>(
        &mut self,
        kind: &str,
        id: &str,
        span: Span,
        known: impl Iterator<Item = &'k String>,
    ) -> Option<Block> {
        if !self.data.incomplete {
            self.report.push(dangling(kind, id, span, known));
        }
        None
    }

    pub(super) fn lang_block(&mut self, node: Node<'_>, info: &str, span: Span) -> Option<Block> {
        let info = info.trim();
        let inner = info.strip_prefix('{').and_then(|i| i.strip_suffix('}')).unwrap_or(info).trim();
        let Some(code) = inner.strip_prefix("lang=").map(|c| c.trim_matches('"')) else {
            self.report.push(
                Diagnostic::error(format!("unknown block directive `:::{info}`"))
                    .at(span)
                    .hint("The only block directive is ::: lang=xx ... ::: for passages in another language."),
            );
            return None;
        };
        let lang = check_lang(code, span, self.report)?;
        let dir = direction(&lang);
        Some(Block::Lang { lang, dir, blocks: self.blocks(node) })
    }
}
