//! The one HTML/XHTML escaping function. Every string that comes from content, data, a
//! translation or `imprint.toml` goes through it (directly, or through the template engine,
//! whose formatter calls it), in text and in attribute values alike.

/// Escapes `&`, `<`, `>`, `"` and `'`, so the result is inert in text and in quoted attributes.
/// Characters XML forbids (C0 controls other than tab and newline) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() && (c as u32) < 0x20 => {}
            '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_quotes_are_inert() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("]]> </title>"), "]]&gt; &lt;/title&gt;");
        assert_eq!(escape("a\u{1}b\u{7f}c"), "abc");
    }
}
