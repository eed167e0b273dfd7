//! Characters written as escapes: a TOML string's `\u0001` (or `\b`, `\f`, `\e`, `\x07`) and a
//! Markdown or PO text's numeric character reference (`&#7;`, `&#x2028;`) reach the outputs
//! decoded, so the character rules of the raw text are applied to what they decode to, at the
//! place the escape is written. Scanning the text (rather than the decoded values) finds every
//! escape in every field of every file, with its exact position, including fields that are
//! read as Markdown later.

use std::ops::Range;

/// Why a character cannot be in any output, or `None` when it can. The rules of the raw text
/// (see `check_text`), plus the two noncharacters XML 1.0 forbids (they would make the PDF's
/// XMP metadata invalid XML) and surrogate code points, which only an escape can write.
pub(crate) fn forbidden(cp: u32) -> Option<&'static str> {
    match cp {
        0x09 | 0x0a | 0x0d => None,
        0x00..=0x1f | 0x7f..=0x9f => Some("control character"),
        0xd800..=0xdfff => Some("unpaired surrogate (not a character)"),
        0xfeff => Some("zero-width no-break space (byte-order mark)"),
        0x2028 => Some("line separator"),
        0x2029 => Some("paragraph separator"),
        0xfffe | 0xffff => Some("noncharacter"),
        _ => None,
    }
}

/// Every escape in `text` that decodes to a single code point: its byte range and the code
/// point. `toml` says whether the text is TOML (string escapes) or Markdown/PO (numeric
/// character references); a Markdown file's front matter is TOML, so both are looked for in
/// `.md` files, TOML escapes only between the first two `+++` lines.
pub(crate) fn scan(text: &str, kind: Kind) -> Vec<(Range<usize>, u32)> {
    let mut out = entities(text);
    match kind {
        Kind::Toml => out.extend(toml_escapes(text, 0)),
        Kind::Markdown => {
            if let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) {
                let start = text.len() - rest.len();
                let end = rest.find("\n+++").map_or(text.len(), |i| start + i);
                out.extend(toml_escapes(&text[start..end], start));
            }
        }
        Kind::Po => {}
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// The kind of a source file, for [`scan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `imprint.toml`, `data/*.toml`.
    Toml,
    /// `content/*.md` (TOML front matter, Markdown body).
    Markdown,
    /// `translations/*.po` (Markdown messages).
    Po,
}

impl Kind {
    /// The kind of the file named `name`.
    pub(crate) fn of(name: &str) -> Kind {
        if name.ends_with(".toml") {
            Kind::Toml
        } else if name.ends_with(".po") || name.ends_with(".pot") {
            Kind::Po
        } else {
            Kind::Markdown
        }
    }
}

/// Numeric character references: `&#` decimal digits `;` or `&#x` hex digits `;` (CommonMark).
fn entities(text: &str) -> Vec<(Range<usize>, u32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("&#").map(|i| from + i) {
        from = at + 2;
        let (hex, digits_start) = match b.get(at + 2) {
            Some(b'x' | b'X') => (true, at + 3),
            _ => (false, at + 2),
        };
        let len = b[digits_start..]
            .iter()
            .take_while(|c| if hex { c.is_ascii_hexdigit() } else { c.is_ascii_digit() })
            .count();
        let max = if hex { 6 } else { 7 };
        if len == 0 || len > max || b.get(digits_start + len) != Some(&b';') {
            continue;
        }
        let digits = &text[digits_start..digits_start + len];
        let cp = if hex { u32::from_str_radix(digits, 16) } else { digits.parse() }.unwrap_or(u32::MAX);
        out.push((at..digits_start + len + 1, cp));
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Normal,
    Comment,
    Basic,
    MultiBasic,
    Literal,
    MultiLiteral,
}

/// The escapes of TOML basic strings (`"..."`, `"""..."""`) in `text`, which starts at byte
/// `offset` of its file.
fn toml_escapes(text: &str, offset: usize) -> Vec<(Range<usize>, u32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut state = State::Normal;
    let mut i = 0;
    let starts = |i: usize, s: &str| b[i..].starts_with(s.as_bytes());
    while i < b.len() {
        let c = b[i];
        match state {
            State::Normal => {
                (state, i) = match c {
                    b'#' => (State::Comment, i + 1),
                    b'"' if starts(i, "\"\"\"") => (State::MultiBasic, i + 3),
                    b'"' => (State::Basic, i + 1),
                    b'\'' if starts(i, "'''") => (State::MultiLiteral, i + 3),
                    b'\'' => (State::Literal, i + 1),
                    _ => (State::Normal, i + 1),
                }
            }
            State::Comment => {
                (state, i) = if c == b'\n' { (State::Normal, i + 1) } else { (State::Comment, i + 1) };
            }
            State::Basic | State::MultiBasic => {
                if c == b'\\' {
                    let (cp, len) = escape(&b[i + 1..]);
                    if let Some(cp) = cp {
                        out.push((offset + i..offset + i + 1 + len, cp));
                    }
                    i += 1 + len.max(1);
                } else if state == State::Basic && (c == b'"' || c == b'\n') {
                    (state, i) = (State::Normal, i + 1);
                } else if state == State::MultiBasic && starts(i, "\"\"\"") {
                    // Up to two more quotes right before the closing ones belong to the text.
                    let quotes = b[i..].iter().take_while(|q| **q == b'"').count().min(5);
                    (state, i) = (State::Normal, i + quotes);
                } else {
                    i += 1;
                }
            }
            State::Literal => {
                (state, i) = if c == b'\'' || c == b'\n' { (State::Normal, i + 1) } else { (State::Literal, i + 1) };
            }
            State::MultiLiteral => {
                if starts(i, "'''") {
                    let quotes = b[i..].iter().take_while(|q| **q == b'\'').count().min(5);
                    (state, i) = (State::Normal, i + quotes);
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

/// The code point of the escape whose text (after the backslash) starts `rest`, if it writes
/// one, and the escape's length after the backslash.
fn escape(rest: &[u8]) -> (Option<u32>, usize) {
    let hex = |n: usize| {
        let digits = rest.get(1..1 + n).filter(|d| d.iter().all(u8::is_ascii_hexdigit))?;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    match rest.first() {
        Some(b'u') => (hex(4), 5),
        Some(b'U') => (hex(8), 9),
        Some(b'x') => (hex(2), 3),
        Some(b'b') => (Some(0x08), 1),
        Some(b'f') => (Some(0x0c), 1),
        Some(b'e') => (Some(0x1b), 1),
        Some(_) => (None, 1),
        None => (None, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_escapes_in_basic_strings_only() {
        let text =
            "a = \"x\\u0001y\" # \"\\u0002\"\nb = 'lit\\u0003'\nc = \"\"\"m\\e\n\\U00002028\"\"\"\nd = \"\\\\u0004\"\n";
        let found: Vec<u32> = scan(text, Kind::Toml).into_iter().map(|(_, cp)| cp).collect();
        assert_eq!(found, [1, 0x1b, 0x2028], "not in comments, literal strings or after an escaped backslash");
        let (range, _) = &scan(text, Kind::Toml)[0];
        assert_eq!(&text[range.clone()], "\\u0001");
    }

    #[test]
    fn entities_in_markdown_and_front_matter_escapes() {
        let text = "+++\ntitle = \"A\\u0007\"\n+++\n\nText &#7; and &#x2028; and &amp; and &#65;\n";
        let found: Vec<(String, u32)> =
            scan(text, Kind::Markdown).into_iter().map(|(r, cp)| (text[r].to_string(), cp)).collect();
        assert_eq!(
            found,
            [("\\u0007".to_string(), 7), ("&#7;".into(), 7), ("&#x2028;".into(), 0x2028), ("&#65;".into(), 65)]
        );
        assert_eq!(forbidden(7), Some("control character"));
        assert_eq!(forbidden(65), None);
        assert_eq!(forbidden(0xd800), Some("unpaired surrogate (not a character)"));
    }
}
