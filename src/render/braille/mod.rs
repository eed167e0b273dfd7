//! The braille edition: a BRF file (North American Braille ASCII, for embossers and braille
//! displays) and a PEF file (Portable Embosser Format, Unicode braille) per document, 40
//! cells by 25 lines, laid out as BANA's Braille Formats asks (see [`content`] and
//! [`layout`]), with a transcriber-generated title page saying that the braille is
//! computer-generated and not proofread.
//!
//! Pure like every renderer: the document and a [`Translator`] in, bytes out. The build driver
//! loads liblouis and hands it in; a language without a table gives no files and, when the
//! project asked for it, a warning.

pub mod cells;
mod content;
pub mod layout;
mod pef;

pub use self::content::{TN_CLOSE, TN_OPEN, TRANSITION};
pub use self::pef::NAMESPACE as PEF_NAMESPACE;

use self::content::Builder;
use self::layout::{Page, Style, Unit, paginate};
use super::{Artifact, Problem, RenderContext, Rendered, Renderer, output_path};
use crate::braille::{BrailleTable, Translator, table_for};
use crate::diag::Severity;
use crate::model::{Document, LangTag};
use crate::ui::Strings;

/// The braille renderer, with the translator the driver loaded and the languages the project
/// asked for besides English and Spanish.
#[derive(Clone, Copy)]
pub struct BrailleRenderer<'a> {
    /// liblouis (or, in unit tests, a stand-in).
    pub translator: &'a dyn Translator,
    /// `[braille] experimental-languages` of `imprint.toml`.
    pub experimental: &'a [LangTag],
}

/// The table a document is written in, or why it has none: `Err(None)` when braille is not
/// built in its language (not asked for), `Err(Some(problem))` when it was asked for and
/// cannot be built.
pub fn document_table(
    lang: &LangTag,
    experimental: &[LangTag],
    tr: &dyn Translator,
) -> Result<BrailleTable, Option<Problem>> {
    let asked = experimental.contains(lang);
    let warning = |message: String, hint: &str| Problem {
        severity: Severity::Warning,
        message,
        site: None,
        hints: vec![hint.to_string()],
        focus: None,
    };
    let Some(table) = table_for(lang) else {
        return Err(asked.then(|| {
            warning(
                format!("braille in `{}` is skipped: imprint knows no liblouis table for it", lang.as_str()),
                "Remove the language from [braille] experimental-languages in imprint.toml.",
            )
        }));
    };
    if table.experimental && !asked {
        return Err(None);
    }
    if !tr.has_table(table) {
        return Err(Some(warning(
            format!("braille in `{}` is skipped: liblouis has no table `{}`", lang.as_str(), table.table),
            "Install the tables of liblouis (Debian/Ubuntu: apt-get install liblouis-data).",
        )));
    }
    Ok(table)
}

impl Renderer for BrailleRenderer<'_> {
    fn name(&self) -> &'static str {
        "braille"
    }

    fn render(&self, doc: &Document, cx: RenderContext<'_>) -> Rendered {
        let table = match document_table(&doc.lang, self.experimental, self.translator) {
            Ok(t) => t,
            Err(problem) => return Rendered::failed(problem.into_iter().collect()),
        };
        let braille = braille_pages(doc, cx.strings, self.translator, table);
        let mut problems: Vec<Problem> = braille
            .problems
            .iter()
            .map(|p| Problem {
                severity: Severity::Warning,
                message: format!("braille of {} in `{}`: {p}", doc.id, doc.lang.as_str()),
                site: None,
                hints: vec!["Check the text, or report the table to liblouis.".into()],
                focus: None,
            })
            .collect();
        problems.dedup();
        let sections: [&[Page]; 2] = [&braille.preliminary, &braille.body];
        let identifier = doc
            .identifier
            .as_deref()
            .map(|base| {
                super::epub::edition_identifier(base, doc.lang.as_str(), &format!("{}-braille", doc.edition.slug()))
            })
            .unwrap_or_else(|| format!("{}-{}-{}-braille", doc.id, doc.lang.as_str(), doc.edition.slug()));
        let meta = pef::Meta {
            identifier: &identifier,
            title: &doc.title,
            creator: &doc.organization.name,
            publisher: doc.organization.legal_name.as_deref().unwrap_or(&doc.organization.name),
            language: doc.lang.as_str(),
            description: &doc.description,
            date: cx.build.utc().map(|(y, m, d, ..)| format!("{y:04}-{m:02}-{d:02}")),
            translator: &format!("{}, {}", self.translator.version(), table.table),
        };
        let page_count = braille.preliminary.len() + braille.body.len();
        let artifacts = vec![
            Artifact { path: output_path(doc, "brf"), bytes: pef::brf(&sections) },
            Artifact { path: output_path(doc, "pef"), bytes: pef::pef(&meta, &sections).into_bytes() },
        ];
        let mut rendered = Rendered::of(artifacts, problems);
        rendered.pages = vec![(output_path(doc, "brf"), page_count), (output_path(doc, "pef"), page_count)];
        rendered
    }
}

/// A document in braille pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BraillePages {
    /// The preliminary pages (the title page), numbered p1, p2...
    pub preliminary: Vec<Page>,
    /// The text, numbered 1, 2...
    pub body: Vec<Page>,
    /// What the translator could not translate.
    pub problems: Vec<String>,
}

/// Lays out a document in braille with `table`: the title page, then every section.
pub fn braille_pages(doc: &Document, strings: &Strings, tr: &dyn Translator, table: BrailleTable) -> BraillePages {
    // UEB divides an unspaced sequence with the line continuation indicator (dot 5); other
    // codes with a hyphen (dots 36).
    let continuation = if table.table.starts_with("en-ueb") { '"' } else { '-' };
    let mut title = Builder::new(tr, strings, table);
    title_page(&mut title, doc, strings, table);
    let mut body = Builder::new(tr, strings, table);
    body.document(doc);
    let mut problems = title.problems;
    problems.append(&mut body.problems);
    BraillePages {
        preliminary: paginate(&title.units, "P", continuation),
        body: paginate(&body.units, "", continuation),
        problems,
    }
}

/// The transcriber-generated title page: the title, the publisher, the language, that the
/// braille is computer-generated and not proofread (and experimental, for a table imprint
/// builds only on request), and the edition's notices (a draft translation...).
fn title_page(b: &mut Builder<'_>, doc: &Document, strings: &Strings, table: BrailleTable) {
    b.text(&doc.title, Style::CENTERED);
    b.units.push(Unit::Blank);
    let publisher = doc.organization.legal_name.as_deref().unwrap_or(&doc.organization.name);
    b.text(&format!("{} {publisher}", strings.published_by), Style::CENTERED);
    b.units.push(Unit::Blank);
    b.text(&strings.braille_language, Style::CENTERED);
    b.units.push(Unit::Blank);
    b.text(&strings.braille_computer_generated, Style::CENTERED);
    if table.experimental {
        b.units.push(Unit::Blank);
        b.text(&strings.braille_experimental, Style::CENTERED);
    }
    if !doc.notices.is_empty() {
        b.units.push(Unit::Blank);
    }
    for notice in &doc.notices {
        b.text(notice, Style::PARAGRAPH);
    }
}
