//! Plain text of inline content: one function for alt text, titles, bookmarks, ids, navigation
//! labels and readability, in every format.

use super::Inline;

/// The text of inline content without any markup; line breaks become spaces.
pub fn plain(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(&mut out, inlines);
    out
}

fn push_plain(out: &mut String, inlines: &[Inline]) {
    for i in inlines {
        match i {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emph(c) | Inline::Strong(c) => push_plain(out, c),
            Inline::Link { content, .. } | Inline::Lang { content, .. } => push_plain(out, content),
            Inline::LineBreak | Inline::SoftBreak => out.push(' '),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_dropped_and_breaks_are_spaces() {
        let inlines = vec![
            Inline::Text("a".into()),
            Inline::Strong(vec![Inline::Text("b".into())]),
            Inline::SoftBreak,
            Inline::Code("c".into()),
        ];
        assert_eq!(plain(&inlines), "ab c");
    }
}
