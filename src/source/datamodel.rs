//! Turns the parsed `data/*.toml` files into model values (charts, timelines, figures),
//! checking what serde cannot: shares that add up, image files that exist and stay inside the
//! sources folder, alt text, duplicate and dangling ids.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::IdRegistry;
use super::charts::resolve_chart;
use super::data::{ChartData, DataFile, ImageData, TimelineData};
use super::inlines::{data_markdown, plain_field, required, to_markdown};
use crate::diag::{Diagnostic, Report, Span};
use crate::model::{Alt, Chart, Event, Figure, Image, Inline, Inlines, Origin, Timeline};

/// Charts, timelines and images by id, ready to be placed into content.
#[derive(Debug, Default, Clone)]
pub struct DataSet {
    /// Charts by id (their heading level is set where they are placed).
    pub charts: BTreeMap<String, Chart>,
    /// Timelines by id.
    pub timelines: BTreeMap<String, Timeline>,
    /// Images by id: `None` while the image has no file yet (it is then left out).
    pub images: BTreeMap<String, Option<Figure>>,
    /// Set when a data file could not be parsed or an entry was invalid: a reference to a
    /// missing id is then likely a consequence of that error, so it is not reported again.
    pub incomplete: bool,
}

/// The data in both content variants, and the glossary.
#[derive(Debug, Default)]
pub struct DataIndex {
    /// As written, for the standard edition.
    pub standard: DataSet,
    /// With the `plain-*` texts where given, for the plain-language edition.
    pub plain: DataSet,
    /// The glossary of the plain-language edition, in file order.
    pub glossary: Vec<GlossaryEntry>,
    /// The texts of every image, with or without a file, so that they can be translated
    /// before the file arrives.
    pub image_texts: Vec<ImageText>,
}

/// The translatable texts of an image.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageText {
    /// The image id.
    pub id: String,
    /// Its alt text (none when decorative).
    pub alt: Option<String>,
    /// Its caption (as Markdown).
    pub caption: Option<String>,
    /// Its caption in the plain-language edition, when it differs.
    pub plain_caption: Option<String>,
    /// Where it is declared.
    pub origin: Origin,
}

/// A glossary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct GlossaryEntry {
    /// The term.
    pub term: String,
    /// Forms of it that count as a use in the text (the term itself included).
    pub forms: Vec<String>,
    /// The explanation, as inline Markdown.
    pub definition: String,
    /// Where it is declared.
    pub origin: Origin,
}

/// A data string as inline content.
pub(super) fn text(s: &str) -> Vec<Inline> {
    vec![Inline::Text(s.to_string())]
}

pub(super) fn span(file: usize, s: &Spanned<impl Sized>) -> Span {
    Span::new(file, s.span())
}

pub(super) fn origin(file: usize, s: &Spanned<impl Sized>) -> Origin {
    (&span(file, s)).into()
}

impl DataIndex {
    /// Builds the index from every parsed data file (images first, so that timelines in any
    /// file can refer to images in any other).
    pub(crate) fn build(
        dir: &Path,
        parsed: Vec<(usize, DataFile)>,
        complete: bool,
        tolerance: f64,
        ids: &mut IdRegistry,
        report: &mut Report,
    ) -> DataIndex {
        let mut standard = DataSet { incomplete: !complete, ..DataSet::default() };
        let mut plain = standard.clone();
        let mut glossary = Vec::new();
        let mut image_texts = Vec::new();
        for (file, data) in &parsed {
            for image in &data.image {
                let id = image.get_ref().id.get_ref().clone();
                let img = image.get_ref();
                let owner = format!("image `{id}`");
                let mut caption = |field: &str, value: &Option<Spanned<String>>| {
                    let value = value.as_ref()?;
                    let at = span(*file, value);
                    required(field, &owner, value.get_ref(), at.clone(), report)
                        .then(|| data_markdown(field, &owner, value.get_ref(), at, report))
                };
                let (standard_caption, plain_caption) =
                    (caption("caption", &img.caption), caption("plain-caption", &img.plain_caption));
                for (field, value) in [("alt", &img.alt), ("credit", &img.credit)] {
                    if let Some(v) = value {
                        plain_field(field, &owner, v.get_ref(), span(*file, v), report);
                    }
                }
                let markdown = |c: &Option<Inlines>| c.as_deref().map(to_markdown);
                image_texts.push(ImageText {
                    id: id.clone(),
                    alt: img.alt.as_ref().map(|a| a.get_ref().trim().to_string()),
                    caption: markdown(&standard_caption),
                    plain_caption: markdown(&plain_caption).filter(|p| Some(p) != markdown(&standard_caption).as_ref()),
                    origin: origin(*file, image),
                });
                ids.claim(&id, span(*file, &image.get_ref().id), report);
                let figure = resolve_image(dir, *file, image, standard_caption, report);
                let plain_figure = figure.clone().map(|mut f| {
                    if plain_caption.is_some() {
                        f.caption = plain_caption;
                    }
                    f
                });
                standard.images.insert(id.clone(), figure);
                plain.images.insert(id, plain_figure);
            }
            for entry in &data.glossary {
                let g = entry.get_ref();
                let (term, definition) = (g.term.get_ref().trim(), g.definition.get_ref());
                let owner = format!("the glossary term `{term}`");
                let at = |v: &Spanned<String>| span(*file, v);
                let term_ok = required("term", "a glossary entry", term, at(&g.term), report);
                plain_field("term", &owner, term, at(&g.term), report);
                if required("definition", &owner, definition, at(&g.definition), report) {
                    data_markdown("definition", &owner, definition, at(&g.definition), report);
                }
                if !term_ok {
                    continue;
                }
                let mut forms = vec![term.to_string()];
                forms.extend(g.forms.iter().cloned());
                glossary.push(GlossaryEntry {
                    term: term.to_string(),
                    forms,
                    definition: definition.trim().to_string(),
                    origin: origin(*file, entry),
                });
            }
        }
        for (file, data) in &parsed {
            for chart in &data.chart {
                let c = chart.get_ref();
                ids.claim(c.id.get_ref(), span(*file, &c.id), report);
                check_chart_texts(*file, chart, report);
                match resolve_chart(*file, chart, tolerance, report) {
                    Some(resolved) => {
                        let mut p = resolved.clone();
                        if let Some(t) = &c.plain_title {
                            p.title = text(t);
                        }
                        if let Some(t) = &c.plain_population {
                            p.population = text(t);
                        }
                        for (cat, data) in p.categories.iter_mut().zip(&c.category) {
                            if let Some(label) = &data.get_ref().plain_label {
                                cat.label = text(label);
                            }
                        }
                        plain.charts.insert(p.id.clone(), p);
                        standard.charts.insert(resolved.id.clone(), resolved);
                    }
                    None => {
                        standard.incomplete = true;
                        plain.incomplete = true;
                    }
                }
            }
            for timeline in &data.timeline {
                ids.claim(timeline.get_ref().id.get_ref(), span(*file, &timeline.get_ref().id), report);
                let t = standard.resolve_timeline(*file, timeline.get_ref(), false, report);
                standard.timelines.insert(t.id.clone(), t);
                // Problems were reported for the standard variant already.
                let t = plain.resolve_timeline(*file, timeline.get_ref(), true, &mut Report::default());
                plain.timelines.insert(t.id.clone(), t);
            }
        }
        DataIndex { standard, plain, glossary, image_texts }
    }
}

impl DataSet {
    fn resolve_timeline(&self, file: usize, t: &TimelineData, plain: bool, report: &mut Report) -> Timeline {
        let mut events = Vec::new();
        let mut last_year = i32::MIN;
        for entry in &t.event {
            let e = entry.get_ref();
            let year = *e.year.get_ref();
            if year < last_year {
                report.push(
                    Diagnostic::warning(format!("event of {year} comes after an event of {last_year}"))
                        .at(span(file, &e.year))
                        .hint("List the events of a timeline oldest first; readers expect that order."),
                );
            }
            last_year = last_year.max(year);
            let figure = match &e.image {
                None => None,
                Some(id) => match self.images.get(id.get_ref()) {
                    Some(figure) => figure.clone(),
                    None => {
                        if !self.incomplete {
                            report.push(dangling("image", id.get_ref(), span(file, id), self.images.keys()));
                        }
                        None
                    }
                },
            };
            let owner = format!("the event of {year}");
            let mut field = |name: &str, value: Option<&Spanned<String>>| match value {
                None => Vec::new(),
                Some(v) => {
                    let at = span(file, v);
                    match required(name, &owner, v.get_ref(), at.clone(), report) {
                        true => data_markdown(name, &owner, v.get_ref(), at, report),
                        false => Vec::new(),
                    }
                }
            };
            let (title, text) = match plain {
                true => (
                    field("plain-title", e.plain_title.as_ref().or(e.title.as_ref())),
                    field("plain-text", e.plain_text.as_ref().or(Some(&e.text))),
                ),
                // The plain texts are checked with the standard ones (the plain pass is silent).
                false => {
                    field("plain-title", e.plain_title.as_ref());
                    field("plain-text", e.plain_text.as_ref());
                    (field("title", e.title.as_ref()), field("text", Some(&e.text)))
                }
            };
            events.push(Event { year, title, text, figure, origin: origin(file, entry) });
        }
        Timeline { id: t.id.get_ref().clone(), level: 0, events }
    }
}

/// The texts of a chart are plain text, and the required ones are not empty (reported at the
/// chart, or at the category for a label).
fn check_chart_texts(file: usize, chart: &Spanned<ChartData>, report: &mut Report) {
    let c = chart.get_ref();
    let owner = format!("chart `{}`", c.id.get_ref());
    let at = span(file, chart);
    let texts = [("title", Some(&c.title)), ("population", Some(&c.population))];
    let optional = [("plain-title", c.plain_title.as_ref()), ("plain-population", c.plain_population.as_ref())];
    for (field, v) in texts.into_iter().chain(optional).filter_map(|(f, v)| Some((f, v?))) {
        required(field, &owner, v, at.clone(), report);
        plain_field(field, &owner, v, at.clone(), report);
    }
    for cat in &c.category {
        let at = span(file, cat);
        let d = cat.get_ref();
        if required("label", &format!("a category of {owner}"), &d.label, at.clone(), report) {
            plain_field("label", &owner, &d.label, at.clone(), report);
        }
        if let Some(p) = &d.plain_label {
            required("plain-label", &format!("a category of {owner}"), p, at.clone(), report);
            plain_field("plain-label", &owner, p, at, report);
        }
    }
}

/// The error for a reference to an id that does not exist.
pub(crate) fn dangling<'a>(kind: &str, id: &str, at: Span, known: impl Iterator<Item = &'a String>) -> Diagnostic {
    let known: Vec<String> = known.map(|k| format!("`{k}`")).collect();
    let hint = if known.is_empty() {
        format!("No {kind} is declared in data/*.toml yet; declare one with this id.")
    } else {
        format!("Declared {kind} ids: {}.", known.join(", "))
    };
    Diagnostic::error(format!("no {kind} has the id `{id}`")).at(at).label(format!("unknown {kind}")).hint(hint)
}

fn resolve_image(
    dir: &Path,
    file: usize,
    entry: &Spanned<ImageData>,
    caption: Option<Inlines>,
    report: &mut Report,
) -> Option<Figure> {
    let img = entry.get_ref();
    let id = img.id.get_ref();
    let decorative = img.decorative.as_ref().map(|d| *d.get_ref()).unwrap_or(false);
    let alt = match (&img.alt, decorative) {
        (Some(alt), true) => {
            report.push(
                Diagnostic::error(format!("image `{id}` has alt text and is marked decorative"))
                    .at(span(file, alt))
                    .hint("A decorative image is skipped by screen readers, so its alt text would never be read. Keep one of the two."),
            );
            None
        }
        (None, true) => Some(Alt::Decorative),
        (Some(alt), false) if !alt.get_ref().trim().is_empty() => Some(Alt::Text(alt.get_ref().trim().to_string())),
        (alt, false) => {
            let at = alt.as_ref().map(|a| span(file, a)).unwrap_or_else(|| span(file, &img.id));
            report.push(
                Diagnostic::error(format!("image `{id}` has no alt text"))
                    .at(at)
                    .label("needs `alt` or `decorative = true`")
                    .hint("Add alt = \"...\" saying what the image shows for people who cannot see it, or decorative = true if it adds nothing to the text."),
            );
            None
        }
    };
    let Some(file_ref) = &img.file else {
        report.push(
            Diagnostic::warning(format!(
                "image `{id}` has no file yet; it is left out of the publications"
            ))
            .at(span(file, &img.id))
            .kind(crate::diag::Kind::IMAGE_WITHOUT_FILE)
            .hint(
                "When the file is available, put it in sources/images/ and add file = \"images/<name>\" to this entry.",
            ),
        );
        return None;
    };
    let image = read_image(dir, file_ref.get_ref(), span(file, file_ref), report)?;
    Some(Figure {
        id: id.clone(),
        image,
        alt: alt?,
        caption,
        credit: img.credit.as_ref().map(|c| c.get_ref().clone()),
        origin: origin(file, entry),
    })
}

/// Reads an image declared at `at`, refusing paths that leave the sources folder.
fn read_image(dir: &Path, rel: &str, at: Span, report: &mut Report) -> Option<Image> {
    let path = Path::new(rel);
    let escapes = path.is_absolute()
        || path.components().any(|c| matches!(c, Component::ParentDir | Component::Prefix(_) | Component::RootDir));
    if escapes {
        report.push(Diagnostic::error(format!("the image path `{rel}` leaves the sources folder")).at(at).hint(
            "Put the image in sources/images/ and write its path from the sources folder, e.g. \"images/photo.jpg\".",
        ));
        return None;
    }
    // The path becomes a web address in the web page and the EPUB: characters that end or
    // change a URL there, or that EPUB forbids in file names, are refused here.
    if let Some(bad) = rel.chars().find(|c| {
        matches!(c, '#' | '?' | '%' | '"' | '<' | '>' | '\\' | '|' | '*' | ':') || c.is_whitespace() || c.is_control()
    }) {
        let shown = if bad.is_whitespace() { "a space".to_string() } else { format!("`{bad}`") };
        report.push(
            Diagnostic::error(format!("the image file name `{rel}` has {shown}, which cannot be part of a web address"))
                .at(at)
                .hint("Rename the file with letters, digits, hyphens, underscores and dots only, e.g. \"images/shelter-2024.jpg\", and write the new name here."),
        );
        return None;
    }
    let full = dir.join(path);
    if std::fs::symlink_metadata(&full).is_err() {
        report.push(
            Diagnostic::error(format!("image file `{rel}` not found (no such file)"))
                .at(at)
                .hint("Check the file name (it is case-sensitive) and that the file is in the sources folder."),
        );
        return None;
    }
    match super::read::read_image(dir, &full, rel) {
        Ok(file) => Some(Image {
            path: PathBuf::from(rel),
            data: Arc::new(file.bytes),
            format: file.format,
            width: file.width,
            height: file.height,
        }),
        Err(refusal) => {
            report.push(refusal.at(at));
            None
        }
    }
}
