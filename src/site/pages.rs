//! The site's pages: `output/index.html` (every language, its labels in the sources'
//! language) and `output/<lang>/index.html` (one language, in its own words), framed by
//! `layouts/site/index.html` and styled by `layouts/site/style.css`, with their fonts cut to
//! their characters under `fonts/index/` and `fonts/<lang>/index/`.

use std::path::{Path, PathBuf};

use minijinja::{Value, context};
use serde::Serialize;

use super::catalog::{Catalog, Language, Publication, edition_name, status_text};
use super::display::{Field, fields};
use super::{CHECKSUMS, SiteInput};
use crate::fonts::FontFile;
use crate::render::html::{LANGUAGE_NAME_FONTS, environment, font_faces, name_font, template_error, webfonts};
use crate::render::{Artifact, Problem, css_font_family, relative_href};
use crate::ui::{Strings, fill};

/// A page of the site, as the template receives it.
#[derive(Debug, Serialize)]
struct PageView {
    lang: String,
    dir: &'static str,
    digits: &'static str,
    title: String,
    organization: String,
    intro: String,
    /// The page of every language, when this is the page of one.
    all_languages: Option<String>,
    /// Every language's page, for `hreflang` alternates and the menu of languages.
    alternates: Vec<Alternate>,
    /// The link to the root page for `hreflang="x-default"`.
    default_href: String,
    checksums: String,
    opds: String,
    languages: Vec<LanguageView>,
    /// Whether each file's accessibility summary is shown here (a language's page) or linked
    /// (the page of all languages, which stays light).
    full: bool,
}

#[derive(Debug, Serialize)]
struct Alternate {
    lang: String,
    dir: &'static str,
    name: String,
    english_name: &'static str,
    href: String,
}

#[derive(Debug, Serialize)]
struct LanguageView {
    lang: String,
    dir: &'static str,
    name: String,
    english_name: &'static str,
    publications: Vec<PublicationView>,
}

#[derive(Debug, Serialize)]
struct PublicationView {
    id: String,
    title: String,
    edition: String,
    status: Option<String>,
    cover: Option<Cover>,
    files: Vec<FileView>,
    /// The accessibility report of this edition, if there is one.
    report: Option<String>,
}

#[derive(Debug, Serialize)]
struct Cover {
    src: String,
    width: u32,
    height: u32,
}

#[derive(Debug, Serialize)]
struct FileView {
    id: String,
    name: String,
    href: String,
    media_type: &'static str,
    size: String,
    pages: Option<String>,
    sha256: String,
    fields: Vec<Field>,
    summary: String,
    publisher: String,
    /// Where the full accessibility summary is, on the page of all languages.
    details: String,
}

/// The root page and one page per language, with their fonts.
pub(super) fn pages(catalog: &Catalog<'_>, input: &SiteInput<'_>) -> Result<Vec<Artifact>, Problem> {
    let template = input.layouts.get("site/index.html").expect("built-in layout");
    let css = input.layouts.get("site/style.css").expect("built-in layout");
    let mut env = environment();
    env.add_template("index.html", &template.text).map_err(|e| template_error(e, template))?;
    env.add_template("style.css", &css.text).map_err(|e| template_error(e, css))?;

    let source = &catalog.languages[0];
    let mut out = Vec::new();
    let root = PathBuf::new();
    let all: Vec<&Language<'_>> = catalog.languages.iter().collect();
    render_page(&env, input, catalog, &root, source, &all, &mut out).map_err(|e| template_error(e, template))?;
    for language in &catalog.languages {
        let dir = PathBuf::from(language.lang.as_str());
        render_page(&env, input, catalog, &dir, language, &[language], &mut out)
            .map_err(|e| template_error(e, template))?;
    }
    Ok(out)
}

/// Renders the page in `dir` (relative to `output/`), in `own`'s words, listing `listed`.
fn render_page(
    env: &minijinja::Environment<'_>,
    input: &SiteInput<'_>,
    catalog: &Catalog<'_>,
    dir: &Path,
    own: &Language<'_>,
    listed: &[&Language<'_>],
    out: &mut Vec<Artifact>,
) -> Result<(), minijinja::Error> {
    let strings = own.strings;
    let organization = own.publications[0].doc.organization.name.clone();
    let is_root = dir.as_os_str().is_empty();
    let intro = if is_root { &strings.downloads_intro_all } else { &strings.downloads_intro };
    let index = |lang: &str| relative_href(&Path::new(lang).join("index.html"), dir);
    let view = PageView {
        lang: own.lang.as_str().to_string(),
        dir: own.dir.as_str(),
        digits: strings.digits.name(),
        title: strings.downloads.clone(),
        organization: organization.clone(),
        intro: fill(intro, &[("{organization}", &organization)]),
        all_languages: (!is_root).then(|| relative_href(Path::new("index.html"), dir)),
        alternates: catalog
            .languages
            .iter()
            .map(|l| Alternate {
                lang: l.lang.as_str().to_string(),
                dir: l.dir.as_str(),
                name: l.name.clone(),
                english_name: l.english_name,
                href: index(l.lang.as_str()),
            })
            .collect(),
        default_href: relative_href(Path::new("index.html"), dir),
        checksums: relative_href(Path::new(CHECKSUMS), dir),
        opds: "opds.json".to_string(),
        languages: listed.iter().map(|l| language_view(l, strings, dir)).collect(),
        full: !is_root,
    };

    // The page's fonts: those of every language it lists, cut to the page's characters; on a
    // language's page, the other languages' names in the menu come from the fonts of the
    // names (`fonts/languages/`), as on the web editions.
    let own_families = input.font_plan.families(own.lang);
    let mut families: Vec<&String> = Vec::new();
    let mut other: Vec<&String> = Vec::new();
    let mut rules = String::new();
    for l in catalog.languages.iter() {
        let fams = input.font_plan.families(l.lang);
        rules.push_str(&format!(":lang({}) {{ font-family: {}; }}\n", l.lang.as_str(), css_font_family(fams)));
        let listed_here = listed.iter().any(|x| x.lang == l.lang);
        for f in fams {
            if listed_here || own_families.contains(f) {
                if !families.contains(&f) {
                    families.push(f);
                }
            } else if !other.contains(&f) {
                other.push(f);
            }
        }
    }
    other.retain(|f| !families.contains(f));
    let has = |list: &[&String], file: &FontFile| list.iter().any(|fam| fam.eq_ignore_ascii_case(&file.family));
    let shipped: Vec<&FontFile> =
        input.fonts.files.iter().filter(|file| has(&families, file) && !file.italic).collect();
    let names: Vec<&FontFile> = input.fonts.files.iter().filter(|f| has(&other, f) && name_font(f)).collect();
    // Beside the web editions' fonts, in a folder named after the page, as theirs are.
    let font_dir = Path::new("fonts").join(dir).join("index");
    let faces = font_faces(&shipped, &relative_href(&font_dir, dir))
        + &font_faces(&names, &relative_href(Path::new(LANGUAGE_NAME_FONTS), dir));
    let css = env.get_template("style.css")?.render(context! {
        brand => input.theme,
        fonts => css_font_family(input.font_plan.families(own.lang)),
        font_faces => faces,
        lang_fonts => rules,
    })?;
    let html = env.get_template("index.html")?.render(context! {
        page => view,
        ui => strings,
        css => Value::from_safe_string(css),
    })?;
    let chars = webfonts::page_chars(&html);
    out.push(Artifact { path: dir.join("index.html"), bytes: html.into_bytes() });
    for file in shipped {
        // A font the other pages already cut without complaint; if this one fails, the page
        // falls back to the next family of its stylesheet rather than failing the build.
        if let Ok(bytes) = webfonts::subset(&file.data, &chars) {
            out.push(Artifact { path: font_dir.join(&file.name), bytes });
        }
        if let Some((name, text)) = &file.license {
            let path = font_dir.join(name);
            if !out.iter().any(|a| a.path == path) {
                out.push(Artifact { path, bytes: text.to_vec() });
            }
        }
    }
    Ok(())
}

fn language_view(l: &Language<'_>, strings: &Strings, dir: &Path) -> LanguageView {
    LanguageView {
        lang: l.lang.as_str().to_string(),
        dir: l.dir.as_str(),
        name: l.name.clone(),
        english_name: l.english_name,
        publications: l.publications.iter().map(|p| publication_view(p, strings, dir)).collect(),
    }
}

fn publication_view(p: &Publication<'_>, strings: &Strings, dir: &Path) -> PublicationView {
    let doc = p.doc;
    let id = format!("{}-{}-{}", doc.lang.as_str(), doc.id, doc.edition.slug());
    let publisher = doc.organization.legal_name.clone().unwrap_or_else(|| doc.organization.name.clone());
    PublicationView {
        title: doc.title.clone(),
        edition: edition_name(doc.edition, strings).to_string(),
        status: status_text(p.status, strings),
        report: p.report.as_ref().map(|r| relative_href(r, dir)),
        cover: p.cover.as_ref().map(|(path, w, h)| Cover {
            src: relative_href(path, dir),
            width: w / 2,
            height: h / 2,
        }),
        files: p
            .files
            .iter()
            .map(|f| FileView {
                id: format!("{id}-{}", file_slug(f)),
                name: crate::render::file_name(f.format, &f.path, strings).to_string(),
                href: relative_href(&f.path, dir),
                media_type: f.media_type,
                size: size_text(f.size, strings),
                pages: f.pages.map(|n| fill(&strings.page_count, &[("{n}", &strings.number(n))])),
                sha256: f.sha256.clone(),
                fields: fields(&f.accessibility, strings),
                summary: f.accessibility.summary.clone(),
                publisher: publisher.clone(),
                details: format!(
                    "{}#{id}-{}",
                    relative_href(&Path::new(doc.lang.as_str()).join("index.html"), dir),
                    file_slug(f)
                ),
            })
            .collect(),
        id,
    }
}

/// What tells a publication's files apart in an anchor: the format, and the extension when a
/// format writes more than one file.
fn file_slug(f: &super::catalog::File) -> String {
    let ext = f.path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    if ext == f.format.extension() { f.format.name().to_string() } else { format!("{}-{ext}", f.format.name()) }
}

/// The fonts of the web editions' menus of languages (`fonts/languages/`): the regular face of
/// every language's fonts, cut to the characters of every language's name.
pub(super) fn language_name_fonts(catalog: &Catalog<'_>, input: &SiteInput<'_>) -> Vec<Artifact> {
    // Only the names' own characters: every page that uses these fonts has its own fonts for
    // everything else.
    let chars: std::collections::BTreeSet<char> =
        catalog.languages.iter().flat_map(|l| l.name.chars()).chain([' ']).collect();
    let dir = Path::new(LANGUAGE_NAME_FONTS);
    let mut out: Vec<Artifact> = Vec::new();
    for file in input.fonts.files.iter().filter(|f| name_font(f)) {
        let used = catalog
            .languages
            .iter()
            .any(|l| input.font_plan.families(l.lang).iter().any(|fam| fam.eq_ignore_ascii_case(&file.family)));
        if !used {
            continue;
        }
        if let Ok(bytes) = webfonts::subset(&file.data, &chars) {
            out.push(Artifact { path: dir.join(&file.name), bytes });
        }
        if let Some((name, text)) = &file.license {
            let path = dir.join(name);
            if !out.iter().any(|a| a.path == path) {
                out.push(Artifact { path, bytes: text.to_vec() });
            }
        }
    }
    out
}

/// A file size as people read it ("1.2 MB"), with the language's digits.
fn size_text(bytes: usize, strings: &Strings) -> String {
    let (value, unit) = if bytes < 1024 {
        (bytes.to_string(), "B")
    } else if bytes < 1024 * 1024 {
        (format!("{:.1}", bytes as f64 / 1024.0), "KB")
    } else {
        (format!("{:.1}", bytes as f64 / (1024.0 * 1024.0)), "MB")
    };
    format!("{} {unit}", strings.number(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        let en = Strings::english();
        assert_eq!(size_text(512, &en), "512 B");
        assert_eq!(size_text(1536, &en), "1.5 KB");
        assert_eq!(size_text(3 * 1024 * 1024, &en), "3.0 MB");
        let mut fa = Strings::english();
        fa.digits = crate::ui::Digits::Persian;
        assert_eq!(size_text(1536, &fa), "۱٫۵ KB");
    }
}
