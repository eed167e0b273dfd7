//! Inline language spans: `[texto]{lang=es}` marks a passage in another language, as Pandoc's
//! bracketed spans do. comrak leaves the brackets as text, so they are resolved here, after
//! parsing, over the converted inline content of one paragraph, heading or cell.
//!
//! Data fields shown as text (timeline events, captions, glossary definitions) are inline
//! Markdown too: [`data_markdown`] parses one with the sections' parser and reports problems
//! at the TOML value; [`plain_field`] refuses markup in fields that are plain text (alt text,
//! credits, chart labels); [`to_markdown`] writes inline content back as Markdown, the message
//! translators see.

use super::configcheck::check_lang;
use crate::diag::{Diagnostic, Report, Span};
use crate::lang::direction;
use crate::model::{Inline, Inlines, LinkTarget};

/// The inline Markdown a data field may hold, for hints.
const DATA_MARKDOWN: &str = "Data texts take the inline Markdown of sections: *emphasis*, **strong**, [link text](https://...) and [text]{lang=xx} for a passage in another language.";

/// Reports an empty required field (`""` or only spaces); returns whether it has text.
pub(crate) fn required(field: &str, owner: &str, value: &str, at: Span, report: &mut Report) -> bool {
    if !value.trim().is_empty() {
        return true;
    }
    report.push(
        Diagnostic::error(format!("the `{field}` of {owner} is empty"))
            .at(at)
            .label("empty text")
            .hint(format!("Write the {field}, or remove the entry; readers would see nothing here.")),
    );
    false
}

/// A data field shown as text, parsed as inline Markdown (without raw HTML or character
/// references: `<` and `&` are literal); a problem is reported at the value (`at`) and the
/// text is then shown as written.
pub(crate) fn data_markdown(field: &str, owner: &str, value: &str, at: Span, report: &mut Report) -> Inlines {
    let literal = || vec![Inline::Text(value.trim().to_string())];
    let fail = |report: &mut Report, why: String| {
        report.push(
            Diagnostic::error(format!("the `{field}` of {owner} cannot be shown: {why}"))
                .at(at.clone())
                .label("in this text")
                .hint(DATA_MARKDOWN),
        );
    };
    // Data texts hold no HTML and no character references: `<` and `&` are the characters
    // themselves, as in every other data field.
    let escaped = value.replace('&', "\\&").replace('<', "\\<");
    let inlines = match super::parse_inline_markdown(&escaped) {
        Ok(inlines) => inlines,
        Err(why) => {
            fail(report, why);
            return literal();
        }
    };
    let mut problems = Vec::new();
    check_data_inlines(&inlines, &mut problems);
    match problems.into_iter().next() {
        Some(why) => {
            fail(report, why);
            literal()
        }
        None => inlines,
    }
}

fn check_data_inlines(inlines: &[Inline], problems: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Text(t) if t.contains("]{") => {
                problems.push("a `[text]{...}` mark other than `{lang=xx}` (it would print its brackets)".into())
            }
            Inline::Link { target: LinkTarget::Internal(id), .. } => problems.push(format!(
                "a link to `#{id}` (data texts may link to web addresses, e-mail and phone numbers only)"
            )),
            Inline::Emph(c) | Inline::Strong(c) | Inline::Link { content: c, .. } | Inline::Lang { content: c, .. } => {
                check_data_inlines(c, problems)
            }
            _ => {}
        }
    }
}

/// Refuses Markdown marks in a data field that is plain text (alt text, credits, chart texts,
/// glossary terms): they would be printed as written.
pub(crate) fn plain_field(field: &str, owner: &str, value: &str, at: Span, report: &mut Report) {
    let marked = ["]{", "](", "**", "`"].iter().any(|m| value.contains(m));
    if marked {
        report.push(
            Diagnostic::error(format!("the `{field}` of {owner} is plain text: Markdown marks are not allowed in it"))
                .at(at)
                .label("would be printed as written")
                .hint(format!("Write `{field}` without brackets, asterisks or backquotes; markup is read only in texts shown as paragraphs (timeline `text` and `title`, `caption`, glossary `definition`).")),
        );
    }
}

/// Inline content written back as Markdown: the message translators see for a data text.
/// Plain text stays as it is, apart from the characters Markdown would read as marks.
pub fn to_markdown(inlines: &[Inline]) -> String {
    let mut out = String::new();
    write_markdown(inlines, &mut out);
    out
}

fn write_markdown(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Text(t) => {
                for c in t.chars() {
                    if matches!(c, '\\' | '*' | '_' | '[' | ']' | '`' | '<') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Inline::Emph(c) => wrap("*", c, out),
            Inline::Strong(c) => wrap("**", c, out),
            Inline::Code(c) => {
                let fence = if c.contains('`') { "`` " } else { "`" };
                out.push_str(fence);
                out.push_str(c);
                out.push_str(&fence.chars().rev().collect::<String>());
            }
            Inline::Link { target, content } => {
                out.push('[');
                write_markdown(content, out);
                let to = match target {
                    LinkTarget::External(url) => url.clone(),
                    LinkTarget::Internal(id) => format!("#{id}"),
                };
                out.push_str(&format!("]({to})"));
            }
            Inline::LineBreak => out.push_str("\\\n"),
            Inline::SoftBreak => out.push('\n'),
            Inline::Lang { lang, content, .. } => {
                out.push('[');
                write_markdown(content, out);
                out.push_str(&format!("]{{lang={}}}", lang.as_str()));
            }
        }
    }
}

fn wrap(mark: &str, content: &[Inline], out: &mut String) {
    out.push_str(mark);
    write_markdown(content, out);
    out.push_str(mark);
}

/// An inline with the byte offset (in its file) where it starts.
pub(crate) struct Piece {
    /// The inline.
    pub inline: Inline,
    /// Where it starts in the file.
    pub start: usize,
}

/// Turns `[...]{lang=xx}` into [`Inline::Lang`]; other brackets stay literal text. `source`
/// is the text the pieces were parsed from, with the file offset it starts at: a piece's text
/// is decoded (entities, escapes), so positions in it are found again in the source.
pub(crate) fn resolve_lang_spans(
    pieces: Vec<Piece>,
    (source, source_offset): (&str, usize),
    file: usize,
    report: &mut Report,
) -> Inlines {
    let pieces = merge_pieces(pieces);
    if !pieces.iter().any(|p| matches!(&p.inline, Inline::Text(t) if t.contains('['))) {
        return pieces.into_iter().map(|p| p.inline).collect();
    }
    let mut stack: Vec<Inlines> = vec![Vec::new()];
    for piece in pieces {
        let Inline::Text(text) = piece.inline else {
            stack.last_mut().expect("root frame").push(piece.inline);
            continue;
        };
        let mut buf = String::new();
        let mut skip_to = 0;
        for (i, c) in text.char_indices() {
            if i < skip_to {
                continue;
            }
            match c {
                '[' => {
                    flush(&mut buf, &mut stack);
                    stack.push(Vec::new());
                }
                ']' if stack.len() > 1 => {
                    flush(&mut buf, &mut stack);
                    let content = stack.pop().expect("open frame");
                    let parent = stack.last_mut().expect("root frame");
                    match parse_lang_attr(&text[i + 1..]) {
                        Some((code, len)) => {
                            // The attribute as written, searched from where the piece starts.
                            let from = piece.start.saturating_sub(source_offset).min(source.len());
                            let attr = &text[i + 1..i + 1 + len];
                            let at = source
                                .get(from..)
                                .and_then(|rest| rest.find(attr))
                                .map_or(piece.start + i + 1, |found| source_offset + from + found);
                            match check_lang(code, Span::new(file, at..at + len), report) {
                                Some(lang) => {
                                    let dir = direction(&lang);
                                    parent.push(Inline::Lang { lang, dir, content: merge(content) });
                                }
                                None => parent.extend(content),
                            }
                            skip_to = i + 1 + len;
                        }
                        None => {
                            parent.push(Inline::Text("[".into()));
                            parent.extend(content);
                            buf.push(']');
                        }
                    }
                }
                _ => buf.push(c),
            }
        }
        flush(&mut buf, &mut stack);
    }
    while stack.len() > 1 {
        let content = stack.pop().expect("open frame");
        let parent = stack.last_mut().expect("root frame");
        parent.push(Inline::Text("[".into()));
        parent.extend(content);
    }
    merge(stack.pop().expect("root frame"))
}

fn flush(buf: &mut String, stack: &mut [Inlines]) {
    if !buf.is_empty() {
        stack.last_mut().expect("root frame").push(Inline::Text(std::mem::take(buf)));
    }
}

/// `{lang=xx}` or `{lang="xx"}` at the start of `rest`: the code and the bytes it takes.
fn parse_lang_attr(rest: &str) -> Option<(&str, usize)> {
    let body = rest.strip_prefix("{lang=")?;
    let end = body.find('}')?;
    let code = body[..end].trim_matches('"');
    if code.is_empty() || code.contains(char::is_whitespace) {
        return None;
    }
    Some((code, "{lang=".len() + end + 1))
}

fn merge_pieces(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(pieces.len());
    for p in pieces {
        if let (Some(Piece { inline: Inline::Text(prev), .. }), Inline::Text(t)) = (out.last_mut(), &p.inline) {
            prev.push_str(t);
            continue;
        }
        out.push(p);
    }
    out
}

/// Joins neighbouring text runs.
fn merge(inlines: Inlines) -> Inlines {
    let pieces = inlines.into_iter().map(|inline| Piece { inline, start: 0 }).collect();
    merge_pieces(pieces).into_iter().map(|p| p.inline).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(parts: &[&str]) -> (Inlines, Report) {
        let mut report = Report::default();
        let mut start = 0;
        let pieces = parts
            .iter()
            .map(|p| {
                let piece = Piece { inline: Inline::Text(p.to_string()), start };
                start += p.len();
                piece
            })
            .collect();
        let source = parts.concat();
        let out = resolve_lang_spans(pieces, (&source, 0), 0, &mut report);
        (out, report)
    }

    #[test]
    fn data_markdown_round_trips_and_reports_at_the_value() {
        let mut report = Report::default();
        let at = Span::new(0, 3..20);
        let text = "Met *Sara* and [Ali]{lang=fa} at [home](https://a.org/)";
        let inlines = data_markdown("text", "the event", text, at.clone(), &mut report);
        assert_eq!(report.errors(), 0);
        assert_eq!(to_markdown(&inlines), text);
        assert_eq!(to_markdown(&[Inline::Text("plain, 100% & fine".into())]), "plain, 100% & fine");
        let html = data_markdown("text", "the event", "<b>&amp;</b>", at.clone(), &mut report);
        assert_eq!(html, vec![Inline::Text("<b>&amp;</b>".into())]);
        let out = data_markdown("text", "the event", "x [y]{lang=qq}", at.clone(), &mut report);
        assert_eq!(report.errors(), 1);
        assert_eq!(report.diagnostics[0].span, Some(at.clone()));
        assert_eq!(out, vec![Inline::Text("x [y]{lang=qq}".into())]);
        data_markdown("text", "the event", "see [there](#x)", at.clone(), &mut report);
        assert_eq!(report.errors(), 2);
        plain_field("alt", "the image", "a [b]{lang=fa}", at, &mut report);
        assert_eq!(report.errors(), 3);
    }

    #[test]
    fn bracketed_span_with_lang_becomes_a_lang_inline() {
        let (out, report) = run(&["Say ", "[", "hola", "]", "{lang=es} twice"]);
        assert_eq!(report.errors(), 0);
        assert_eq!(out.len(), 3);
        assert!(matches!(&out[1], Inline::Lang { lang, content, .. }
            if lang.as_str() == "es" && content == &vec![Inline::Text("hola".into())]));
        assert_eq!(out[2], Inline::Text(" twice".into()));
    }

    #[test]
    fn other_brackets_stay_text() {
        let (out, _) = run(&["a [b] c [d"]);
        assert_eq!(out, vec![Inline::Text("a [b] c [d".into())]);
    }

    #[test]
    fn unknown_language_is_reported_at_its_position() {
        let (out, report) = run(&["x [y]{lang=qq}"]);
        assert_eq!(report.errors(), 1);
        assert_eq!(report.diagnostics[0].span.as_ref().unwrap().range, 5..14);
        assert_eq!(out, vec![Inline::Text("x y".into())]);
    }

    #[test]
    fn positions_are_found_in_the_source_not_the_decoded_text() {
        // comrak decodes `&amp;` to `&`: offsets in the text are not offsets in the file.
        let source = "&amp;&amp;&amp;中中 [y]{lang=qq}";
        let pieces = vec![Piece { inline: Inline::Text("&&&中中 [y]{lang=qq}".into()), start: 0 }];
        let mut report = Report::default();
        resolve_lang_spans(pieces, (source, 0), 0, &mut report);
        let range = report.diagnostics[0].span.as_ref().unwrap().range.clone();
        assert_eq!(&source[range], "{lang=qq}");
    }
}
