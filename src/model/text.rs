//! Plain text of inline content: one function for alt text, titles, bookmarks, ids, navigation
//! labels and readability, in every format.

use super::Inline;
use super::walk::{Visit, walk_inline};

/// The text of inline content without any markup; line breaks become spaces.
pub fn plain(inlines: &[Inline]) -> String {
    struct Plain(String);
    impl<'d> Visit<'d> for Plain {
        fn inline(&mut self, i: &'d Inline) {
            match i {
                Inline::LineBreak | Inline::SoftBreak => self.0.push(' '),
                _ => walk_inline(self, i),
            }
        }
        fn text(&mut self, text: &'d str) {
            self.0.push_str(text);
        }
    }
    let mut v = Plain(String::new());
    v.inlines(inlines);
    v.0
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
