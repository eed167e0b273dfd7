//! The EPUB 3 edition: a title page (`layouts/epub/title.xhtml`), one XHTML content document
//! per section (the shared body writer with [`Markup::epub`]), a page about the publication
//! (`layouts/epub/about.xhtml`: publisher, photo credits, accessibility summary), the
//! navigation document with `toc` and `landmarks` (`nav.xhtml`), each page framed by
//! `page.xhtml`, and a package document whose accessibility metadata is derived from what the
//! book contains ([`opf`]: Rust, not a template, so that no layout can make a claim the content
//! does not back). Packed by [`zip`] into a reproducible file.
//!
//! imprint packs the EPUB itself instead of with epub-builder 0.8.3: that crate's built-in
//! templates give the package document no `xml:lang` and the navigation document no `lang`
//! (both required here) and reuse one id for the language and the creator (an EPUBCheck error).

mod opf;
mod zip;

use std::collections::BTreeMap;

use minijinja::{Value, context};
use serde::Serialize;

use super::figures::{PhotoCredit, images, photo_credits};
use super::html::body::{BodyWriter, image_href};
use super::html::{Markup, environment, template_error};
use super::{Artifact, Problem, RenderContext, Rendered, Renderer};
use crate::model::text::plain;
use crate::model::{Block, Direction, Document, walk};

pub use self::opf::{Accessibility, CONFORMANCE, CONFORMANCE_URL, Certification, FileKind, edition_identifier};

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

/// What `title.xhtml` receives as `book`.
#[derive(Serialize)]
struct TitleView<'a> {
    title: &'a str,
    organization: &'a str,
}

/// What `about.xhtml` receives as `about`.
#[derive(Serialize)]
struct AboutView<'a> {
    organization: &'a str,
    legal_name: Option<&'a str>,
    website: Option<&'a str>,
    credits: Vec<PhotoCredit>,
    notices: &'a [String],
    accessibility_summary: &'a str,
    /// The accessibility statement (the claim, or that there is none), and `en` when it is
    /// imprint's English standing in for a translation.
    statement: String,
    statement_lang: Option<&'static str>,
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
                Rendered::of(vec![Artifact { path, bytes }], Vec::new())
            }
            Err(problem) => Rendered::failed(vec![problem]),
        }
    }
}

fn render_book(doc: &Document, cx: RenderContext<'_>) -> Result<Vec<u8>, Problem> {
    let layout = |name: &str| cx.layouts.get(name).expect("built-in layout");
    let (page, nav, css) = (layout("epub/page.xhtml"), layout("epub/nav.xhtml"), layout("epub/style.css"));
    let (title, about) = (layout("epub/title.xhtml"), layout("epub/about.xhtml"));
    let mut env = environment();
    env.add_template("page.xhtml", &page.text).map_err(|e| template_error(e, page))?;
    env.add_template("nav.xhtml", &nav.text).map_err(|e| template_error(e, nav))?;
    env.add_template("title.xhtml", &title.text).map_err(|e| template_error(e, title))?;
    env.add_template("about.xhtml", &about.text).map_err(|e| template_error(e, about))?;
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

    // A page body from a template; it ends with a line break, as the body writer's do.
    let fragment = |file: &crate::layouts::LayoutFile, name: &str, ctx: Value| -> Result<String, Problem> {
        let mut body = env.get_template(name).and_then(|t| t.render(ctx)).map_err(|e| template_error(e, file))?;
        if !body.ends_with('\n') {
            body.push('\n');
        }
        Ok(body)
    };

    let mut items = Vec::new();
    let book = TitleView { title: &doc.title, organization: &doc.organization.name };
    let title_body = fragment(title, "title.xhtml", context! { book => book, ui => strings })?;
    items.push(xhtml("title.xhtml", page_doc(doc.title.clone(), "frontmatter", title_body)?, false));

    let mut toc = Vec::new();
    for s in &doc.sections {
        let mut body = BodyWriter::new(strings, Markup::epub(&documents, cx.theme, doc.dir == Direction::Rtl));
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
    let statement = crate::render::accessibility_statement(doc, strings, "epub");
    let org = &doc.organization;
    let view = AboutView {
        organization: &org.name,
        legal_name: org.legal_name.as_deref(),
        website: org.website.as_deref(),
        credits: photo_credits(doc),
        notices: &doc.notices,
        accessibility_summary: &a11y.summary,
        statement: statement.text,
        statement_lang: statement.english.then_some("en"),
    };
    let about = fragment(about, "about.xhtml", context! { about => view, ui => strings })?;
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
            t.render(context! {
                brand => cx.theme,
                fonts => super::css_font_family(cx.font_plan.families(&doc.lang)),
                upright_emphasis => crate::lang::upright_css_selector(),
            })
        })
        .map_err(|e| template_error(e, css))?;
    items.push(Item {
        href: "style.css".into(),
        media_type: "text/css",
        properties: None,
        spine: false,
        bytes: style.into_bytes(),
    });

    for f in images(doc) {
        items.push(Item {
            href: image_href(f),
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
