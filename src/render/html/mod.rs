//! The accessible web edition: one self-contained HTML page per publication and language,
//! plus its images. The page frame is `layouts/html/page.html` (minijinja) with the stylesheet
//! `layouts/html/style.css`; the content inside it is written by [`body`] with the options
//! of [`Markup::web`]. The EPUB renderer uses the same writer with [`Markup::epub`], the same
//! template [`environment`] and the same lists of images and photo credits
//! ([`super::figures`]). Each page ships its fonts cut to the characters it shows
//! ([`webfonts`]), under `fonts/<lang>/<page>/`.

pub(crate) mod body;
mod chart;
mod classes;
pub mod escape;
pub(crate) mod markup;
mod svg;
pub(crate) mod webfonts;

pub use self::classes::CSS_CLASSES;
pub(crate) use self::markup::Markup;
use super::figures::images;

use std::path::{Path, PathBuf};

use minijinja::{AutoEscape, Environment, Value, context};
use serde::Serialize;

use self::body::{BodyWriter, image_href, section_label};
use self::escape::escape;
use super::{Artifact, Problem, RenderContext, Rendered, Renderer, Site};
use crate::fonts::FontFile;
use crate::model::Document;

/// The HTML renderer.
#[derive(Debug, Default, Clone, Copy)]
pub struct HtmlRenderer;

/// What the page template receives: small view structs, not the model, so that the model can
/// change without breaking a user's template.
#[derive(Debug, Serialize)]
struct PageView {
    lang: String,
    dir: &'static str,
    /// `latin` or `persian`: the digits of numbers and numbered lists.
    digits: &'static str,
    title: String,
    description: String,
    keywords: String,
    organization: String,
    legal_name: Option<String>,
    website: Option<String>,
    sections: Vec<NavEntry>,
    notices: Vec<String>,
    /// This publication and edition in every language it is built in (this one too).
    languages: Vec<LanguageLink>,
    /// This edition's other formats, and the web page of the other editions.
    formats: Vec<FormatLink>,
    /// The downloads page of this language.
    downloads: String,
    /// The accessibility statement, its language when it is the English fallback (`en`),
    /// the address of the accessibility report, and the link's language likewise.
    statement: String,
    statement_lang: Option<&'static str>,
    report: String,
    report_lang: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct LanguageLink {
    lang: String,
    dir: &'static str,
    name: String,
    href: String,
    current: bool,
}

#[derive(Debug, Serialize)]
struct FormatLink {
    name: String,
    href: String,
    media_type: &'static str,
}

#[derive(Debug, Serialize)]
struct NavEntry {
    id: String,
    title: String,
}

/// The template environment, with the one escaping function as its formatter.
pub(crate) fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".xhtml") { AutoEscape::Html } else { AutoEscape::None }
    });
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.set_formatter(|out, state, value| {
        if state.auto_escape() == AutoEscape::Html && !value.is_safe() && !value.is_none() && !value.is_undefined() {
            out.write_str(&escape(&value.to_string())).map_err(minijinja::Error::from)
        } else {
            minijinja::escape_formatter(out, state, value)
        }
    });
    env
}

/// Turns a template error into a problem naming the layout file and line.
pub(crate) fn template_error(e: minijinja::Error, layout: &crate::layouts::LayoutFile) -> Problem {
    let line = e.line().unwrap_or(1);
    let message = match e.detail() {
        Some(detail) => format!("failed to render the layout ({detail})"),
        None => format!("failed to render the layout ({})", e.kind()),
    };
    Problem::error(
        message,
        Some(Site::Layout { shown_as: layout.shown_as.clone(), range: crate::diag::line_range(&layout.text, line) }),
        "Check the template syntax at this line: {{ value }}, {% if %}...{% endif %}, {% for %}...{% endfor %}.",
    )
}

impl Renderer for HtmlRenderer {
    fn name(&self) -> &'static str {
        "html"
    }

    fn render(&self, doc: &Document, cx: RenderContext<'_>) -> Rendered {
        match self.render_page(doc, cx) {
            Ok(artifacts) => Rendered::of(artifacts, Vec::new()),
            Err(problem) => Rendered::failed(vec![problem]),
        }
    }
}

impl HtmlRenderer {
    fn render_page(&self, doc: &Document, cx: RenderContext<'_>) -> Result<Vec<Artifact>, Problem> {
        let page = cx.layouts.get("html/page.html").expect("built-in layout");
        let css = cx.layouts.get("html/style.css").expect("built-in layout");
        // The web edition ships the fonts it declares, with their licences, so that no
        // reader's device shows a missing-glyph box.
        let families = cx.font_plan.families(&doc.lang);
        // The menu of languages names each language in itself, in its own fonts: those of
        // the other languages come from `fonts/languages/`, cut once for every page to the
        // characters of the languages' names (see [`LANGUAGE_NAME_FONTS`]).
        let mut lang_fonts = String::new();
        let mut other: Vec<&String> = Vec::new();
        for l in cx.siblings.languages.iter().filter(|l| l.lang != doc.lang) {
            let fams = cx.font_plan.families(&l.lang);
            lang_fonts.push_str(&format!(
                ".languages :lang({}) {{ font-family: {}; }}\n",
                l.lang.as_str(),
                super::css_font_family(fams)
            ));
            for f in fams {
                if !families.contains(f) && !other.contains(&f) {
                    other.push(f);
                }
            }
        }
        let shipped: Vec<&FontFile> = cx
            .fonts
            .files
            .iter()
            .filter(|file| families.iter().any(|fam| fam.eq_ignore_ascii_case(&file.family)))
            .collect();
        let names: Vec<&FontFile> = cx
            .fonts
            .files
            .iter()
            .filter(|f| name_font(f) && other.iter().any(|fam| fam.eq_ignore_ascii_case(&f.family)))
            .collect();
        // The page's fonts go beside no other page's: each is cut to this page's characters.
        let html_path = super::output_path(doc, "html");
        let stem = html_path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let font_dir = Path::new("fonts").join(doc.lang.as_str()).join(stem);
        let page_dir = Path::new(doc.lang.as_str());
        let mut env = environment();
        env.add_template("page.html", &page.text).map_err(|e| template_error(e, page))?;
        env.add_template("style.css", &css.text).map_err(|e| template_error(e, css))?;
        let css_text = env
            .get_template("style.css")
            .and_then(|t| {
                t.render(context! {
                    brand => cx.theme,
                    fonts => super::css_font_family(families),
                    font_faces => font_faces(&shipped, &super::relative_href(&font_dir, page_dir))
                        + &font_faces(&names, &super::relative_href(Path::new(LANGUAGE_NAME_FONTS), page_dir)),
                    upright_emphasis => crate::lang::upright_css_selector(),
                    lang_fonts => lang_fonts,
                })
            })
            .map_err(|e| template_error(e, css))?;

        let mut body = BodyWriter::new(cx.strings, Markup::web());
        for s in &doc.sections {
            body.section(s);
        }
        let statement = super::accessibility_statement(doc, cx.strings, "html");
        let view = PageView {
            lang: doc.lang.as_str().to_string(),
            dir: doc.dir.as_str(),
            digits: cx.strings.digits.name(),
            title: doc.title.clone(),
            description: doc.description.clone(),
            keywords: doc.keywords.join(", "),
            organization: doc.organization.name.clone(),
            legal_name: doc.organization.legal_name.clone(),
            website: doc.organization.website.clone(),
            sections: doc.sections.iter().map(|s| NavEntry { id: s.id.clone(), title: section_label(s) }).collect(),
            notices: doc.notices.clone(),
            languages: language_links(doc, &cx),
            formats: format_links(doc, &cx),
            downloads: "index.html".to_string(),
            statement: statement.text,
            statement_lang: statement.english.then_some("en"),
            report: super::accessibility_report_path(doc, "html")
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            report_lang: cx.strings.is_english_fallback("accessibility_report", &doc.lang).then_some("en"),
        };
        let html = env
            .get_template("page.html")
            .and_then(|t| {
                t.render(context! {
                    page => view,
                    ui => cx.strings,
                    css => Value::from_safe_string(css_text),
                    body => Value::from_safe_string(body.finish()),
                })
            })
            .map_err(|e| template_error(e, page))?;

        let dir = PathBuf::from(doc.lang.as_str());
        let chars = webfonts::page_chars(&html);
        let mut artifacts = vec![Artifact { path: html_path, bytes: html.into_bytes() }];
        for file in &shipped {
            let bytes = webfonts::subset(&file.data, &chars).map_err(|cause| {
                Problem::error(
                    format!("failed to cut the font `{}` to the characters of the web page ({cause})", file.name),
                    None,
                    "The web edition ships each font cut to the characters of its page, never the whole \
                     font. Use a TrueType (.ttf) or OpenType (.otf) font that other programs open \
                     without complaint, or report the font and this message.",
                )
            })?;
            artifacts.push(Artifact { path: font_dir.join(&file.name), bytes });
            if let Some((name, text)) = &file.license {
                let path = font_dir.join(name);
                if !artifacts.iter().any(|a| a.path == path) {
                    artifacts.push(Artifact { path, bytes: text.to_vec() });
                }
            }
        }
        for f in images(doc) {
            let path = dir.join(image_href(f));
            if !artifacts.iter().any(|a| a.path == path) {
                artifacts.push(Artifact { path, bytes: f.image.data.as_ref().clone() });
            }
        }
        Ok(artifacts)
    }
}

/// The folder under `output/` of the fonts that draw the languages' names in menus of
/// languages: cut once, by the downloads site, to the characters of every name.
pub const LANGUAGE_NAME_FONTS: &str = "fonts/languages";

/// Whether a font file is one of those that draw languages' names (the regular face: names
/// are neither bold nor italic).
pub fn name_font(file: &FontFile) -> bool {
    !file.bold && !file.italic
}

/// This publication and edition in each language it is built in, from the page's folder.
fn language_links(doc: &Document, cx: &RenderContext<'_>) -> Vec<LanguageLink> {
    let here = Path::new(doc.lang.as_str());
    cx.siblings
        .languages
        .iter()
        .map(|l| {
            let path = Path::new(l.lang.as_str()).join(format!("{}-{}.html", doc.id, doc.edition.slug()));
            LanguageLink {
                lang: l.lang.as_str().to_string(),
                dir: l.dir.as_str(),
                name: l.name.clone(),
                href: super::relative_href(&path, here),
                current: l.lang == doc.lang,
            }
        })
        .collect()
}

/// This edition's files in its other formats, then the web page of its other editions.
fn format_links(doc: &Document, cx: &RenderContext<'_>) -> Vec<FormatLink> {
    use crate::model::Format;
    let here = Path::new(doc.lang.as_str());
    let s = cx.strings;
    let mut links = Vec::new();
    // Braille is built only where liblouis is installed and has a table for the language:
    // whether it exists is known after rendering, so the downloads page (linked last) lists it.
    for format in cx.siblings.formats.iter().filter(|f| !matches!(f, Format::Html | Format::Braille)) {
        for (path, media_type) in super::format_files(doc, *format) {
            let name = super::file_name(*format, &path, s).to_string();
            links.push(FormatLink { name, href: super::relative_href(&path, here), media_type });
        }
    }
    if cx.siblings.formats.contains(&Format::Html) {
        for edition in cx.siblings.editions.iter().filter(|e| **e != doc.edition) {
            let path = here.join(format!("{}-{}.html", doc.id, edition.slug()));
            let name = super::edition_name(*edition, s).to_string();
            links.push(FormatLink { name, href: super::relative_href(&path, here), media_type: "text/html" });
        }
    }
    links
}

/// `@font-face` rules for the shipped font files, in the folder at `href` (a web address
/// relative to the page, without the final `/`): the web editions' and the downloads site's.
pub(crate) fn font_faces(files: &[&FontFile], href: &str) -> String {
    files
        .iter()
        .map(|f| {
            let format = if f.name.to_lowercase().ends_with(".otf") { "opentype" } else { "truetype" };
            format!(
                "@font-face {{ font-family: \"{}\"; font-weight: {}; font-style: {}; font-display: swap; \
                 src: url(\"{href}/{}\") format(\"{format}\"); }}\n",
                f.family.replace(['"', '\\'], ""),
                if f.bold { 700 } else { 400 },
                if f.italic { "italic" } else { "normal" },
                super::percent_encode(&f.name)
            )
        })
        .collect()
}
