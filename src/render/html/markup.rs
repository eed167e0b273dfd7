//! The options of the one XHTML/HTML writer ([`super::body::BodyWriter`]): every difference
//! between the web edition's markup and the EPUB's is one named field here, set in one
//! constructor per format ([`Markup::web`], [`Markup::epub`]). Nothing else may infer the
//! format (say, from a theme being present).

use std::collections::BTreeMap;

use crate::render::Theme;

/// How void elements and the language of a passage are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// HTML5 (`<br>`, `lang` only), for the web edition.
    Html5,
    /// XHTML, an XML serialization (`<br/>`, `lang` repeated as `xml:lang`), for EPUB.
    Xhtml,
}

/// How a chart is drawn.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Charts<'a> {
    /// Bars made of styled `<span>`s (one `role="img"` with the alt text), and the data
    /// table folded in a `<details>`: light and restylable by the page's stylesheet.
    CssBars,
    /// An inline SVG drawing in the brand colours (mirrored right to left), pointing at the
    /// data table, which is shown open and has an id: reading systems render SVG reliably and
    /// `<details>` poorly.
    Svg {
        /// The brand colours of the drawing.
        theme: &'a Theme,
        /// Whether the document runs right to left.
        rtl: bool,
    },
}

/// The markup options of one output format.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Markup<'a> {
    /// HTML5 or XHTML serialization.
    pub syntax: Syntax,
    /// How many levels every heading moves up: 0 when sections share one page under the
    /// page's `h1`; 1 when each section is its own document whose title is its `h1`.
    pub heading_shift: u8,
    /// How charts are drawn.
    pub charts: Charts<'a>,
    /// The document each anchor id is in, when sections are separate documents: internal
    /// links then name the document (`story.xhtml#id`); without it they are `#id`.
    pub documents: Option<&'a BTreeMap<String, String>>,
    /// Whether images carry `loading="lazy"` (a long web page; EPUB files are local).
    pub lazy_images: bool,
    /// Whether sections carry EPUB structural semantics (`epub:type="chapter"`) and the
    /// matching ARIA role (`doc-chapter`).
    pub section_semantics: bool,
}

impl<'a> Markup<'a> {
    /// The single-page web edition: HTML5, sections under the page's `h1`, CSS bar charts,
    /// same-page links, lazy images, plain sections.
    pub(crate) fn web() -> Markup<'static> {
        Markup {
            syntax: Syntax::Html5,
            heading_shift: 0,
            charts: Charts::CssBars,
            documents: None,
            lazy_images: true,
            section_semantics: false,
        }
    }

    /// EPUB content documents: XHTML, one document per section (headings move up one level,
    /// links name the document from `documents`), SVG charts in `theme`'s colours, chapter
    /// semantics.
    pub(crate) fn epub(documents: &'a BTreeMap<String, String>, theme: &'a Theme, rtl: bool) -> Markup<'a> {
        Markup {
            syntax: Syntax::Xhtml,
            heading_shift: 1,
            charts: Charts::Svg { theme, rtl },
            documents: Some(documents),
            lazy_images: false,
            section_semantics: true,
        }
    }

    /// The heading level to write for a model level (never above `h1`).
    pub(crate) fn level(&self, level: u8) -> u8 {
        level.saturating_sub(self.heading_shift).max(1)
    }
}
