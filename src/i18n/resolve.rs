//! Resolving a document into one language before rendering: every message is looked up in
//! the language's catalog; a missing or stale one is shown in the source language and tagged
//! with it, so that screen readers switch voice, and is counted for the colophon.

use std::cell::RefCell;
use std::collections::BTreeSet;

use super::keys::MessageKey;
use super::messages::{MARKDOWN_NOTE, Slot, walk_section};
use crate::diag::{Diagnostic, SourceFiles, Span};
use crate::lang::direction;
use crate::model::walk::{Visit, walk_inline};
use crate::model::{Edition, Inline, Inlines, LangTag, LinkTarget, Section};
use crate::po::Entry;
use crate::source::Translation;

/// Translates the parts of a document.
pub struct Resolver<'a> {
    translation: Option<&'a Translation>,
    files: &'a SourceFiles,
    source: LangTag,
    edition: Edition,
    missing: RefCell<Vec<String>>,
    looked_up: RefCell<Vec<Lookup>>,
    problems: RefCell<Vec<Diagnostic>>,
}

/// One lookup of a message: the keys tried, first choice first, and the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The contexts tried (the plain-language edition's own, then the standard one).
    pub contexts: Vec<String>,
    /// The source text.
    pub msgid: String,
}

impl<'a> Resolver<'a> {
    /// A resolver into `translation`'s language, or the identity for the source language.
    pub fn new(
        translation: Option<&'a Translation>,
        files: &'a SourceFiles,
        source: LangTag,
        edition: Edition,
    ) -> Self {
        Resolver {
            translation,
            files,
            source,
            edition,
            missing: RefCell::default(),
            looked_up: RefCell::default(),
            problems: RefCell::default(),
        }
    }

    /// The language documents come out in.
    pub fn lang(&self) -> LangTag {
        self.translation.map(|t| t.lang.clone()).unwrap_or_else(|| self.source.clone())
    }

    /// The contexts of the messages that were shown in the source language.
    pub fn missing(&self) -> Vec<String> {
        self.missing.borrow().clone()
    }

    /// Every message looked up so far, in order.
    pub fn lookups(&self) -> Vec<Lookup> {
        self.looked_up.borrow().clone()
    }

    /// Problems with translations (e.g. Markdown imprint does not accept).
    pub fn take_problems(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut self.problems.borrow_mut())
    }

    /// The catalog entry that translates a message, trying the edition's own key first and
    /// then the standard edition's. `None` when there is no current translation (counted as
    /// missing).
    fn lookup(&self, key: &MessageKey, msgid: &str) -> Option<&'a Entry> {
        let tr = self.translation?;
        let keys: Vec<MessageKey> = std::iter::once(key.clone()).chain(key.standard()).collect();
        let contexts: Vec<String> = keys.iter().map(MessageKey::context).collect();
        let found = contexts.iter().find_map(|c| tr.catalog.find(Some(c), msgid).filter(|e| e.translated()));
        self.looked_up.borrow_mut().push(Lookup { contexts, msgid: msgid.to_string() });
        if found.is_none() {
            self.missing.borrow_mut().push(key.context());
        }
        found
    }

    /// Source content, tagged with the source language.
    fn fallback(&self, content: Inlines) -> Inlines {
        if self.translation.is_none() {
            return content;
        }
        let dir = direction(&self.source);
        vec![Inline::Lang { lang: self.source.clone(), dir, content }]
    }

    /// A plain string (titles, alt text): the translation or the source text.
    pub fn string(&self, key: &MessageKey, msgid: &str) -> String {
        if self.translation.is_none() || msgid.trim().is_empty() {
            return msgid.to_string();
        }
        self.lookup(key, msgid).map(|e| e.msgstr.clone()).unwrap_or_else(|| msgid.to_string())
    }

    /// In right-to-left text, numbers with separators (phone numbers, ranges like 18-24)
    /// are isolated, so that the bidirectional algorithm does not reverse their parts.
    /// Runs whose edge the isolation cannot attribute are reported as warnings at `entry`.
    fn isolate(&self, inlines: Inlines, key: &MessageKey, entry: &Entry) -> Inlines {
        if self.translation.is_none_or(|t| direction(&t.lang) != crate::model::Direction::Rtl) {
            return inlines;
        }
        inlines
            .into_iter()
            .map(|i| match i {
                Inline::Text(t) => {
                    for run in super::bidi::ambiguous_runs(&t) {
                        self.warn_ambiguous(key, entry, &run);
                    }
                    Inline::Text(super::bidi::isolate(&t))
                }
                Inline::Emph(c) => Inline::Emph(self.isolate(c, key, entry)),
                Inline::Strong(c) => Inline::Strong(self.isolate(c, key, entry)),
                Inline::Link { target, content } => Inline::Link { target, content: self.isolate(content, key, entry) },
                other => other,
            })
            .collect()
    }

    fn warn_ambiguous(&self, key: &MessageKey, entry: &Entry, run: &str) {
        let mut d = Diagnostic::warning(format!(
            "the translation of a message in `{}` has the left-to-right run `{run}` in right-to-left text, with a mark at its edge that may show on the wrong side",
            key.context()
        ))
        .kind(crate::diag::Kind::AMBIGUOUS_MARK)
        .hint(format!(
            "imprint isolates left-to-right runs by itself, but cannot tell whether the mark belongs to the run; mark the run with its language, as `[{}]{{lang=en}}`, to say so.",
            run.trim_matches(|c: char| !c.is_alphanumeric())
        ));
        if let Some(file) = self.translation.and_then(|t| t.file) {
            d = d.at(Span::new(file, crate::diag::line_range(self.files.text(file), entry.line)));
        }
        self.problems.borrow_mut().push(d);
    }

    /// A problem with the translation of `key`, at the entry's line of the catalog.
    fn problem(&self, key: &MessageKey, entry: &Entry, message: String, hint: &str) {
        let tr = self.translation.expect("only translations have entries");
        let mut d = Diagnostic::error(format!("the translation of a message in `{}` {message}", key.context()))
            .hint(hint)
            .hint("The source text is shown instead until the translation is corrected.");
        if let Some(file) = tr.file {
            d = d.at(Span::new(file, crate::diag::line_range(self.files.text(file), entry.line)));
        }
        self.problems.borrow_mut().push(d);
    }

    /// A Markdown message: its translation parsed, or the source content tagged. Links to
    /// anchors must lead to one of `anchors`, as in the source text.
    fn markdown(&self, key: &MessageKey, msgid: &str, source: &Inlines, anchors: &BTreeSet<String>) -> Inlines {
        let Some(entry) = self.lookup(key, msgid) else { return self.fallback(source.clone()) };
        let inlines = match crate::source::parse_inline_markdown(&entry.msgstr) {
            Ok(inlines) => inlines,
            Err(problem) => {
                self.problem(key, entry, format!("cannot be used ({problem})"), MARKDOWN_NOTE);
                return self.fallback(source.clone());
            }
        };
        let mut dangling = Vec::new();
        internal_targets(&inlines, &mut dangling);
        dangling.retain(|t| !anchors.contains(*t));
        if let Some(target) = dangling.first() {
            let hint = "Link to an id the English text links to (a section, heading, chart, timeline or image of this publication), as `[text](#id)`.";
            self.problem(key, entry, format!("links to `#{target}`, which is not in the publication"), hint);
            return self.fallback(source.clone());
        }
        self.isolate(inlines, key, entry)
    }

    /// A section in the target language; `anchors` are the ids its links may lead to.
    pub fn section(&self, section: &Section, anchors: &BTreeSet<String>) -> Section {
        let mut out = section.clone();
        if self.translation.is_none() {
            return out;
        }
        walk_section(&mut out, self.edition, &mut |key, slot| {
            let msgid = slot.msgid(self.files);
            if msgid.trim().is_empty() {
                return;
            }
            match slot {
                Slot::Markdown { content, .. } | Slot::DataMarkdown { content, .. } => {
                    *content = self.markdown(&key, &msgid, content, anchors)
                }
                Slot::Inlines { content, .. } => {
                    *content = match self.lookup(&key, &msgid) {
                        Some(e) => self.isolate(vec![Inline::Text(e.msgstr.clone())], &key, e),
                        None => self.fallback(std::mem::take(content)),
                    }
                }
                Slot::Text { text, .. } => {
                    if let Some(e) = self.lookup(&key, &msgid) {
                        *text = e.msgstr.clone();
                    }
                }
            }
        });
        out
    }
}

/// The anchors that links in `inlines` lead to.
fn internal_targets<'i>(inlines: &'i [Inline], out: &mut Vec<&'i str>) {
    struct Targets<'o, 'i>(&'o mut Vec<&'i str>);
    impl<'i> Visit<'i> for Targets<'_, 'i> {
        fn inline(&mut self, i: &'i Inline) {
            if let Inline::Link { target: LinkTarget::Internal(id), .. } = i {
                self.0.push(id);
            }
            walk_inline(self, i);
        }
    }
    Targets(out).inlines(inlines);
}
