//! The tagged PDF brochure: the document becomes a Typst main file ([`markup`]) that calls the
//! functions of `layouts/brochure.typ` (or `large-print.typ`) declared in the [`contract`];
//! the checking stage checks the layout against the contract ([`check_layout`]); Typst compiles
//! the main file in process inside a sandboxed [`world`], and `typst-pdf` exports it as
//! PDF/UA-1 with tagging forced on.
//!
//! Typst's errors come back as [`Problem`]s: an error in a layout names the layout file and
//! line; an error in the generated main file names the content that was written there.

mod check;
pub mod contract;
pub mod markup;
mod measure;
pub mod runs;
mod world;

use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::syntax::FileId;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

pub use self::check::check_layout;
use self::markup::Generated;
pub use self::world::typst_library;
use self::world::{SandboxWorld, main_id};
use super::{Artifact, BuildInfo, Problem, RenderContext, Rendered, Renderer, Site};
use crate::diag::Severity;
use crate::model::Document;

/// The PDF renderer, with the layout it sets documents in.
#[derive(Debug, Clone, Copy)]
pub struct PdfRenderer {
    /// The layout, under `layouts/`.
    layout: &'static str,
    /// Whether this is the large-print edition (measured after rendering).
    large_print: bool,
}

impl PdfRenderer {
    /// The print brochure, `layouts/brochure.typ`.
    pub const BROCHURE: PdfRenderer = PdfRenderer { layout: "brochure.typ", large_print: false };
    /// The large-print edition, `layouts/large-print.typ`.
    pub const LARGE_PRINT: PdfRenderer = PdfRenderer { layout: "large-print.typ", large_print: true };

    /// The layout it sets documents in, under `layouts/` (`brochure.typ`).
    pub fn layout(&self) -> &'static str {
        self.layout
    }
}

impl Renderer for PdfRenderer {
    fn name(&self) -> &'static str {
        if self.large_print { "large-print" } else { "pdf" }
    }

    fn render(&self, doc: &Document, cx: RenderContext<'_>) -> Rendered {
        let generated = self.generate(doc, cx);
        let layouts = typst_layouts(cx);
        let today = datetime(cx.build);
        let world = SandboxWorld::new(cx.fonts, generated.text.clone(), layouts, generated.images.clone(), today);
        let mapper = Mapper { world: &world, generated: Some(&generated), layouts: cx.layouts, layout: self.layout };
        // The layout was checked against the contract once, by the checking stage
        // ([`check_layout`]), before any document was set in it.
        let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
        let mut problems: Vec<Problem> = warnings.iter().map(|d| mapper.problem(d)).collect();
        let document = match output {
            Ok(document) => document,
            Err(errors) => {
                problems.extend(errors.iter().map(|d| mapper.problem(d)));
                return Rendered::failed(merge_missing_glyphs(problems));
            }
        };
        let standards = PdfStandards::new(&[PdfStandard::Ua_1]).expect("PDF/UA-1 alone is a valid set of standards");
        let options = PdfOptions {
            ident: Smart::Custom(format!(
                "imprint/{}/{}/{}/{}",
                doc.lang.as_str(),
                doc.id,
                doc.edition.slug(),
                self.name()
            )),
            creator: Smart::Custom(Some("imprint".into())),
            timestamp: today.map(Timestamp::new_utc),
            standards,
            // PDF/UA-1 without tags would be a false claim: tagging is never optional here.
            tagged: true,
            ..PdfOptions::default()
        };
        if self.large_print {
            let m = measure::measure(&document);
            problems.extend(measure::problems(&m, cx.large_print.body_size, self.layout));
            if problems.iter().any(|p| p.severity == Severity::Error) {
                return Rendered::failed(problems);
            }
        }
        // The print edition's cover, small, for the downloads site.
        let cover = (!self.large_print).then(|| thumbnail(&document)).flatten();
        let page_count = document.pages().len();
        // Typst cuts a run of text at every glyph set higher or lower (the dots of Arabic
        // letters in Noto Sans Arabic): joined again, each letter reads back once.
        let document = runs::rejoin_split_runs(document);
        match typst_pdf::pdf(&document, &options) {
            Ok(bytes) => {
                let path = if self.large_print { super::large_print_path(doc) } else { super::output_path(doc, "pdf") };
                let mut rendered = Rendered::of(vec![Artifact { path: path.clone(), bytes }], problems);
                rendered.pages.push((path, page_count));
                if let Some(png) = cover {
                    rendered.artifacts.push(Artifact { path: super::cover_path(doc), bytes: png });
                }
                rendered
            }
            Err(errors) => {
                problems.extend(errors.iter().map(|d| mapper.problem(d)));
                Rendered::failed(merge_missing_glyphs(problems))
            }
        }
    }
}

/// The width of the cover thumbnail, in pixels: twice the 160 CSS pixels the downloads site
/// shows it at, for high-density screens.
pub const THUMBNAIL_WIDTH: f64 = 320.0;

/// The first page, rendered as a PNG [`THUMBNAIL_WIDTH`] pixels wide.
fn thumbnail(document: &PagedDocument) -> Option<Vec<u8>> {
    let page = document.pages().first()?;
    let width = page.frame.width().to_pt();
    if width <= 0.0 {
        return None;
    }
    let options = typst_render::RenderOptions { pixel_per_pt: (THUMBNAIL_WIDTH / width).into(), render_bleed: false };
    let pixmap = typst_render::render(page, &options);
    pixmap.encode_png().ok()
}

impl PdfRenderer {
    /// The Typst main file of a document in this layout, with the images it uses.
    fn generate(&self, doc: &Document, cx: RenderContext<'_>) -> Generated {
        let fonts =
            if self.large_print { cx.font_plan.large_print(&doc.lang) } else { cx.font_plan.families(&doc.lang) };
        let extra = self.large_print.then_some(cx.large_print);
        markup::generate(doc, &format!("/layouts/{}", self.layout), cx.theme, cx.strings, fonts, extra)
    }

    /// The document as a Typst project that Typst itself can compile (`imprint build --emit
    /// typst`): the main file at `<lang>/<name>.typ`, and the layouts and images it reads at the
    /// paths it reads them from, all relative to the project's root. The main file is exactly
    /// the one [`Renderer::render`] compiles.
    pub fn typst_project(&self, doc: &Document, cx: RenderContext<'_>) -> Vec<Artifact> {
        let generated = self.generate(doc, cx);
        let main = if self.large_print { super::large_print_path(doc) } else { super::output_path(doc, "pdf") };
        let mut files = vec![Artifact { path: main.with_extension("typ"), bytes: generated.text.into_bytes() }];
        let layouts = typst_layouts(cx).map(|(path, text)| (path, text.into_bytes()));
        let images = generated.images.into_iter().map(|(path, bytes)| (path, bytes.to_vec()));
        for (path, bytes) in layouts.chain(images) {
            files.push(Artifact { path: path.trim_start_matches('/').into(), bytes });
        }
        files
    }
}

/// The Typst files of the layouts, at their virtual paths (`/layouts/brochure.typ`).
fn typst_layouts<'a>(cx: RenderContext<'a>) -> impl Iterator<Item = (String, String)> + 'a {
    cx.layouts
        .iter()
        .filter(|(name, _)| name.ends_with(".typ"))
        .map(|(name, f)| (format!("/layouts/{name}"), f.text.clone()))
}

/// Typst reports each character that no font can show as its own error; one per place is
/// clearer: "no font in fonts/ can show `a` (U+0061), `b` (U+0062)", pointing at the first.
fn merge_missing_glyphs(problems: Vec<Problem>) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    let mut merged: Vec<(usize, Vec<char>, String)> = Vec::new();
    for p in problems {
        let Some((text, font)) = missing_glyph(&p.message) else {
            out.push(p);
            continue;
        };
        if let Some((_, chars, _)) = merged.iter_mut().find(|(i, _, _)| out[*i].site == p.site) {
            for c in text.chars() {
                if !chars.contains(&c) {
                    chars.push(c);
                }
            }
            continue;
        }
        merged.push((out.len(), text.chars().collect(), font));
        out.push(Problem {
            hints: vec![
                "Check the character: it may have been pasted by mistake. If it belongs in the text, add a font \
                 that covers it to fonts/ (with its licence) and to the layout's font list."
                    .into(),
            ],
            focus: Some(text),
            ..p
        });
    }
    for (i, chars, font) in merged {
        let list: Vec<String> = chars.iter().map(|c| format!("`{c}` (U+{:04X})", *c as u32)).collect();
        out[i].message = format!("no font in fonts/ can show {} (the text is set in {font})", list.join(", "));
    }
    out
}

/// The text and font of Typst's "the text `"x"` could not be displayed with font `"F"`".
fn missing_glyph(message: &str) -> Option<(String, String)> {
    let rest = message.split("the text `\"").nth(1)?;
    let (text, rest) = rest.split_once("\"`")?;
    let font = rest.split("with font `\"").nth(1)?.split("\"`").next()?;
    Some((unescape_debug(text), font.to_string())).filter(|(text, _)| !text.is_empty())
}

/// The text of a string Typst quotes with Rust's debug escapes (`\u{200d}`, `\n`, `\"`), as
/// the characters it stands for, without those that are never drawn (joiners, controls):
/// the list of characters names what is missing, not escape sequences.
fn unescape_debug(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' => match chars.next() {
                Some('u') => {
                    let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    u32::from_str_radix(&code, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}')
                }
                Some('n') => '\n',
                Some('t') => '\t',
                Some('r') => '\r',
                Some('0') => '\0',
                Some(other) => other,
                None => '\\',
            },
            c => c,
        };
        let invisible =
            c.is_control() || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{fe00}'..='\u{fe0f}');
        if !invisible {
            out.push(c);
        }
    }
    out
}

/// The build's time as a Typst datetime.
fn datetime(build: BuildInfo) -> Option<Datetime> {
    let (y, m, d, h, mi, s) = build.utc()?;
    Datetime::from_ymd_hms(y, m, d, h, mi, s)
}

/// Maps Typst's diagnostics to problems at the right place.
struct Mapper<'a> {
    world: &'a SandboxWorld<'a>,
    /// The generated main file, when it is a document's.
    generated: Option<&'a Generated>,
    layouts: &'a crate::layouts::Layouts,
    layout: &'a str,
}

impl Mapper<'_> {
    fn problem(&self, d: &SourceDiagnostic) -> Problem {
        let severity = match d.severity {
            TypstSeverity::Error => Severity::Error,
            TypstSeverity::Warning => Severity::Warning,
        };
        // The diagnostic's own place, or else the innermost call in the trace that has one.
        let spans = std::iter::once(d.span).chain(d.trace.iter().rev().map(|t| t.span.into()));
        let site = spans.filter_map(|span| self.site(span)).next();
        let mut hints: Vec<String> = d.hints.iter().map(|h| sentence(&h.v)).collect();
        if site.is_none() && d.message.starts_with("unexpected argument") {
            hints.push(format!(
                "imprint calls the functions of layouts/{} with these arguments; the layout must accept them \
                 (compare it with the built-in layout).",
                self.layout
            ));
        }
        if hints.is_empty() && matches!(site, Some(Site::Layout { .. })) {
            hints.push(format!(
                "The error is in the layout at this line; fix it there (layouts/{} is Typst: https://typst.app/docs), \
                 or delete the file to go back to the built-in layout.",
                self.layout
            ));
        }
        if matches!(site, Some(Site::Source(_))) {
            hints.push(
                "The text comes from this place in the sources; imprint wrote it into the brochure's Typst file."
                    .into(),
            );
        }
        Problem { severity, message: d.message.to_string(), site, hints, focus: None }
    }

    fn site(&self, span: typst::syntax::DiagSpan) -> Option<Site> {
        let id: FileId = span.id()?;
        let range = self.world.range(span)?;
        if id == main_id() {
            return self.generated?.origin_at(range.start).map(Site::Source);
        }
        let path = id.get().vpath().get_without_slash().to_string();
        let name = path.strip_prefix("layouts/")?;
        let layout = self.layouts.get(name)?;
        let _ = self.world.lookup(id)?;
        Some(Site::Layout { shown_as: layout.shown_as.clone(), range })
    }
}

/// Typst's hints are lower case fragments; ours are sentences.
fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

/// A sandboxed world with only a main file, for the escaping property tests.
#[cfg(test)]
fn world_for_tests(fonts: &crate::fonts::FontSet, main: String) -> impl typst::World + '_ {
    SandboxWorld::new(fonts, main, std::iter::empty(), std::iter::empty(), None)
}

#[cfg(test)]
mod linebreaks;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_glyph_messages_are_parsed() {
        let m = "PDF/UA-1 error: the text `\"𓀀\"` could not be displayed with font `\"Noto Sans\"`";
        assert_eq!(missing_glyph(m), Some(("𓀀".into(), "Noto Sans".into())));
        assert_eq!(missing_glyph("something else"), None);
        // Typst quotes the text with debug escapes; a joiner in an emoji sequence is not listed.
        let m = r#"the text `"\u{7}a\u{200d}\\\""` could not be displayed with font `"F"`"#;
        assert_eq!(missing_glyph(m), Some(("a\\\"".into(), "F".into())));
    }
}
