//! The EPUB 3 edition: a title page, one XHTML content document per section, a page about the
//! publication (publisher, photo credits, accessibility summary), the navigation document
//! with `toc` and `landmarks`, and a package document whose accessibility metadata is derived
//! from what the book contains ([`opf`]). Packed by [`zip`] into a reproducible file.
//!
//! imprint packs the EPUB itself instead of with epub-builder 0.8.3: that crate's built-in
//! templates give the package document no `xml:lang` and the navigation document no `lang`
//! (both required here) and reuse one id for the language and the creator (an EPUBCheck error).

mod opf;
mod zip;

use std::collections::BTreeMap;

use minijinja::{Value, context};
use serde::Serialize;

use super::html::body::BodyWriter;
use super::html::{environment, template_error};
use super::{Artifact, Problem, RenderContext, Rendered, Renderer};
use crate::model::text::plain;
use crate::model::{Block, Direction, Document, walk};

pub use self::opf::Accessibility;

/// The EPUB renderer.
#[derive(Debug, Default, Clone, Copy)]
pub struct EpubRenderer;

/// A file inside the EPUB's content folder.
pub(crate) struct Item {
    /// Path relative to the content folder (`EPUB/`).
    pub href: String,
    /// Media type.
    pub media_type: &'static str,
    /// Manifest properties (`svg`, `nav`).
    pub properties: Option<&'static str>,
    /// In the spine, in this order.
    pub spine: bool,
    /// The bytes.
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
struct PageView<'a> {
    lang: &'a str,
    dir: &'static str,
    digits: &'static str,
    title: String,
    kind: &'static str,
}

#[derive(Serialize)]
struct TocEntry {
    href: String,
    title: String,
    children: Vec<TocEntry>,
}

/// The content document of a section.
fn section_href(id: &str) -> String {
    format!("{id}.xhtml")
}

impl Renderer for EpubRenderer {
    fn name(&self) -> &'static str {
        "epub"
    }

    fn render(&self, doc: &Document, cx: RenderContext<'_>) -> Rendered {
        match render_book(doc, cx) {
            Ok(bytes) => {
                let path = super::output_path(doc, "epub");
                Rendered { artifacts: vec![Artifact { path, bytes }], problems: Vec::new() }
            }
            Err(problem) => Rendered::failed(vec![problem]),
        }
    }
}

fn render_book(doc: &Document, cx: RenderContext<'_>) -> Result<Vec<u8>, Problem> {
    let layout = |name: &str| cx.layouts.get(name).expect("built-in layout");
    let (page, nav, css) = (layout("epub/page.xhtml"), layout("epub/nav.xhtml"), layout("epub/style.css"));
    let mut env = environment();
    env.add_template("page.xhtml", &page.text).map_err(|e| template_error(e, page))?;
    env.add_template("nav.xhtml", &nav.text).map_err(|e| template_error(e, nav))?;
    env.add_template("style.css", &css.text).map_err(|e| template_error(e, css))?;
    let lang = doc.lang.as_str();
    let strings = cx.strings;

    // Which document each anchor is in, so that links between sections name the document.
    let mut documents = BTreeMap::new();
    for s in &doc.sections {
        documents.insert(s.id.clone(), section_href(&s.id));
        for anchor in walk::anchors(&s.blocks) {
            documents.insert(anchor.to_string(), section_href(&s.id));
        }
    }

    let page_doc = |title: String, kind: &'static str, body: String| -> Result<Vec<u8>, Problem> {
        let view = PageView { lang, dir: doc.dir.as_str(), digits: strings.digits.name(), title, kind };
        env.get_template("page.xhtml")
            .and_then(|t| t.render(context! { page => view, body => Value::from_safe_string(body) }))
            .map(String::into_bytes)
            .map_err(|e| template_error(e, page))
    };

    let mut items = Vec::new();
    let title_body = format!(
        "<section class=\"title-page\" epub:type=\"titlepage\" aria-labelledby=\"book-title\">\n\
         <h1 id=\"book-title\">{}</h1>\n<p class=\"organization\">{}</p>\n</section>\n",
        crate::render::html::escape::escape(&doc.title),
        crate::render::html::escape::escape(&doc.organization.name)
    );
    items.push(xhtml("title.xhtml", page_doc(doc.title.clone(), "frontmatter", title_body)?, false));

    let mut toc = Vec::new();
    for s in &doc.sections {
        let mut body = BodyWriter::epub(strings, &documents, cx.theme, doc.dir == Direction::Rtl);
        body.section(s);
        let href = section_href(&s.id);
        let has_svg = walk::has_chart(&s.blocks);
        items.push(xhtml(&href, page_doc(plain(&s.title), "bodymatter", body.finish())?, has_svg));
        let children = s
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) if h.level == 3 => {
                    Some(TocEntry { href: format!("{href}#{}", h.id), title: plain(&h.content), children: Vec::new() })
                }
                _ => None,
            })
            .collect();
        toc.push(TocEntry { href, title: plain(&s.title), children });
    }

    let a11y = Accessibility::of(doc, strings);
    let about = opf::about_page(doc, strings, &a11y);
    items.push(xhtml("about.xhtml", page_doc(strings.about_publication.clone(), "backmatter", about)?, false));
    toc.push(TocEntry { href: "about.xhtml".into(), title: strings.about_publication.clone(), children: Vec::new() });

    let start = doc.sections.first().map(|s| section_href(&s.id)).unwrap_or_else(|| "title.xhtml".into());
    let nav_view = PageView {
        lang,
        dir: doc.dir.as_str(),
        digits: strings.digits.name(),
        title: strings.contents.clone(),
        kind: "frontmatter",
    };
    let nav_xhtml = env
        .get_template("nav.xhtml")
        .and_then(|t| {
            t.render(
                context! { page => nav_view, ui => strings, toc => toc, start => start, titlepage => "title.xhtml" },
            )
        })
        .map_err(|e| template_error(e, nav))?;
    // The contents page is read after the title page (and the landmarks may link to it).
    items.insert(
        1,
        Item {
            href: "nav.xhtml".into(),
            media_type: "application/xhtml+xml",
            properties: Some("nav"),
            spine: true,
            bytes: nav_xhtml.into_bytes(),
        },
    );
    let style = env
        .get_template("style.css")
        .and_then(|t| {
            t.render(context! { brand => cx.theme, fonts => super::css_font_family(cx.font_plan.families(&doc.lang)) })
        })
        .map_err(|e| template_error(e, css))?;
    items.push(Item {
        href: "style.css".into(),
        media_type: "text/css",
        properties: None,
        spine: false,
        bytes: style.into_bytes(),
    });

    let mut images: Vec<&crate::model::Figure> = Vec::new();
    for f in doc.sections.iter().flat_map(|s| walk::figures(&s.blocks)) {
        if !images.iter().any(|g| g.image.path == f.image.path) {
            images.push(f);
        }
    }
    for f in images {
        items.push(Item {
            href: crate::render::html::body::image_href(f),
            media_type: f.image.format.mime(),
            properties: None,
            spine: false,
            bytes: f.image.data.as_ref().clone(),
        });
    }

    let package = opf::package(doc, &items, &a11y, cx.build);
    Ok(zip::pack(&package, &items))
}

fn xhtml(href: &str, bytes: Vec<u8>, svg: bool) -> Item {
    Item {
        href: href.to_string(),
        media_type: "application/xhtml+xml",
        properties: if svg { Some("svg") } else { None },
        spine: true,
        bytes,
    }
}
