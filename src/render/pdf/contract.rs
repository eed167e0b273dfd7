//! The contract between imprint and a Typst layout, in one place: the functions the generated
//! main file calls and the named parameters it passes them. The writer of the main file
//! ([`super::markup`]) takes the function names from here, a test checks that it passes no
//! parameter missing from here, and [`super::check_layout`] checks a layout against it.
//! layouts/README.md documents the same table for designers.

/// One function a layout must define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Function {
    /// Its name in Typst (`chart`).
    pub name: &'static str,
    /// The positional arguments it receives, in order (names for messages only).
    pub positional: &'static [&'static str],
    /// The named arguments it receives in every layout.
    pub named: &'static [&'static str],
    /// The named arguments it receives in the large-print layout besides.
    pub large_print: &'static [&'static str],
    /// What imprint calls it for, as said in messages.
    pub purpose: &'static str,
}

/// The document: metadata, page setup, cover and back page; called as a show rule
/// (`#show: publication.with(..)`), so the whole content arrives as `body`.
pub const PUBLICATION: Function = Function {
    name: "publication",
    positional: &["body"],
    named: &[
        "title",
        "lang",
        "dir",
        "fonts",
        "notices",
        "region",
        "description",
        "keywords",
        "organization",
        "legal-name",
        "website",
        "brand",
        "digits",
        "profile",
        "ui",
        "credits",
        "cover",
    ],
    large_print: &["body-size", "line-spacing"],
    purpose: "to lay out the whole document",
};

/// One section of the content, its level-2 heading included in `body`.
pub const SECTION: Function =
    Function { name: "section", positional: &["body"], named: &["id"], large_print: &[], purpose: "for each section" };

/// Statistics: a chart followed by the same figures as a table.
pub const CHART: Function = Function {
    name: "chart",
    positional: &[],
    named: &["title", "population", "categories", "alt", "note", "table-caption", "category-header", "share-header"],
    large_print: &[],
    purpose: "for each chart",
};

/// Dated events.
pub const TIMELINE: Function = Function {
    name: "timeline",
    positional: &[],
    named: &["level", "events"],
    large_print: &[],
    purpose: "for each timeline",
};

/// An image with its caption and credit, as one figure.
pub const PHOTO: Function = Function {
    name: "photo",
    positional: &["img"],
    named: &["caption", "credit", "credit-prefix"],
    large_print: &[],
    purpose: "for each image that has alt text",
};

/// The note at a section of the plain-language edition shown in its standard text.
pub const FALLBACK_NOTE: Function = Function {
    name: "fallback-note",
    positional: &["note"],
    named: &[],
    large_print: &[],
    purpose: "at each plain-language section shown in its standard text",
};

/// A thematic break (`---` in the Markdown).
pub const DIVIDER: Function =
    Function { name: "divider", positional: &[], named: &[], large_print: &[], purpose: "for each `---` rule" };

/// Every function of the contract.
pub const FUNCTIONS: &[Function] = &[PUBLICATION, SECTION, CHART, TIMELINE, PHOTO, FALLBACK_NOTE, DIVIDER];

impl Function {
    /// The named arguments it receives in a layout (`large_print`: the large-print layout).
    pub fn named_in(&self, large_print: bool) -> impl Iterator<Item = &'static str> {
        let extra: &'static [&'static str] = if large_print { self.large_print } else { &[] };
        self.named.iter().chain(extra).copied()
    }
}
