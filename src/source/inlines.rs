//! Inline language spans: `[texto]{lang=es}` marks a passage in another language, as Pandoc's
//! bracketed spans do. comrak leaves the brackets as text, so they are resolved here, after
//! parsing, over the converted inline content of one paragraph, heading or cell.

use super::configcheck::check_lang;
use crate::diag::{Report, Span};
use crate::lang::direction;
use crate::model::{Inline, Inlines};

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
