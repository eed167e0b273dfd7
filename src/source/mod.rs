//! Loading the sources folder: `imprint.toml`, `data/*.toml`, `content/*.md` and the images,
//! parsed once into the document model and validated.
//!
//! Every problem becomes a [`Diagnostic`] in the [`Report`]; loading goes on after a problem so
//! that one run lists them all. This module reads files; it writes nothing.

mod charts;
pub mod config;
pub mod configcheck;
pub mod data;
mod datamodel;
mod escapes;
mod frontmatter;
mod inlines;
mod markdown;
#[cfg(test)]
mod proptests;
mod read;
pub mod reviews;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Report, SourceFiles, Span};
use crate::model::{Block, LangTag, Origin};
use read::{list_files, read_text};

pub use config::{Config, Format};
pub use datamodel::{DataIndex, DataSet, GlossaryEntry, ImageText};
pub use inlines::to_markdown;
pub use markdown::{normalize_url, parse_inline_markdown};

/// The loaded sources of a project.
#[derive(Debug)]
pub struct Sources {
    /// The sources folder.
    pub dir: PathBuf,
    /// `imprint.toml`, when it could be read and parsed.
    pub config: Option<Config>,
    /// The language the sources are written in.
    pub source_lang: LangTag,
    /// The sections, by file name order.
    pub sections: Vec<SourceSection>,
    /// The glossary of the plain-language edition.
    pub glossary: Vec<GlossaryEntry>,
    /// The translatable texts of every image.
    pub image_texts: Vec<ImageText>,
    /// The catalog of every language to build besides the source language, in the order of
    /// `imprint.toml` (empty when its PO file does not exist yet).
    pub translations: Vec<Translation>,
    /// The accessibility reviews recorded in `reviews.toml` (none when it does not exist).
    pub reviews: Vec<reviews::Review>,
}

/// One section: a Markdown file of `content/`, parsed.
#[derive(Debug, Clone)]
pub struct SourceSection {
    /// Its id (front matter).
    pub id: String,
    /// Its title (front matter).
    pub title: String,
    /// Its content, with charts, timelines and figures resolved.
    pub blocks: Vec<Block>,
    /// The whole file.
    pub origin: Origin,
    /// Where the `id` is written.
    pub id_span: Span,
    /// Links to anchors (`#id`) with where they are written, checked per publication.
    pub internal_links: Vec<(String, Span)>,
    /// The plain-language version (from `<name>.plain.md`), if it has been written.
    pub plain: Option<Box<SourceSection>>,
}

/// The folder of the translation catalogs, under `sources/`.
pub const TRANSLATIONS: &str = "translations";

/// A language's catalog, loaded.
#[derive(Debug, Clone)]
pub struct Translation {
    /// The language.
    pub lang: LangTag,
    /// The catalog.
    pub catalog: crate::po::Catalog,
    /// The catalog's index in the source files, for diagnostics.
    pub file: Option<usize>,
}

impl Translation {
    /// Whether the catalog says its translation has not been reviewed.
    pub fn draft(&self) -> bool {
        self.catalog.header_field("X-Review-Status").is_none_or(|s| !s.eq_ignore_ascii_case("reviewed"))
    }
}

/// Why the sources could not be loaded at all (`imprint check` exits 2).
#[derive(Debug)]
pub struct LoadFailure(pub String);

impl std::fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Ids shared by everything that can be linked to or referenced: sections, headings, charts,
/// timelines and images. Two things with one id are an error.
#[derive(Debug, Default, Clone)]
pub struct IdRegistry {
    ids: BTreeMap<String, Span>,
}

impl IdRegistry {
    /// Claims an id written by a person; reports a duplicate.
    pub(crate) fn claim(&mut self, id: &str, span: Span, report: &mut Report) {
        if !configcheck::is_file_id(id) {
            report.push(Diagnostic::error(format!("`{id}` cannot be used as an id")).at(span.clone()).hint(
                "Ids are used in web addresses: use lower-case letters, digits and hyphens, e.g. \"our-story\".",
            ));
        }
        if crate::model::RESERVED_IDS.contains(&id) {
            report.push(
                Diagnostic::error(format!("the id `{id}` is reserved"))
                    .at(span)
                    .label("imprint uses this id for a part it generates")
                    .hint("Choose another id, e.g. by adding a word: \"our-glossary\", \"about-us\"."),
            );
        } else if let Some(first) = self.ids.get(id) {
            report.push(
                Diagnostic::error(format!("duplicate id `{id}`"))
                    .at(span)
                    .label("this id is already used")
                    .related(first.clone(), "first used here")
                    .hint("Ids must be unique across sections, headings, charts, timelines and images. Rename one of them."),
            );
        } else {
            self.ids.insert(id.to_string(), span);
        }
    }

    /// Claims a generated id, adding `-2`, `-3`... until it is free.
    pub(crate) fn claim_generated(&mut self, base: &str, span: Span) -> String {
        let mut id = base.to_string();
        let mut n = 2;
        while self.ids.contains_key(&id) || crate::model::RESERVED_IDS.contains(&id.as_str()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(id.clone(), span);
        id
    }
}

/// Loads and validates the sources folder.
pub fn load(dir: &Path, files: &mut SourceFiles, report: &mut Report) -> Result<Sources, LoadFailure> {
    if !dir.is_dir() {
        return Err(LoadFailure(format!(
            "no sources folder at `{}`; run imprint from the project folder (the one holding `sources/`), or pass --project",
            dir.display()
        )));
    }
    let config_path = dir.join("imprint.toml");
    let shown = display_path(dir, "imprint.toml");
    let config_text = read_text(dir, &config_path, &shown)?.map_err(|r| r.fail(&shown))?;
    let config_file = files.add(shown, config_text);
    let config: Option<Config> =
        if check_text(files, config_file, report) { parse_toml(files, config_file, report) } else { None };

    let mut ids = IdRegistry::default();
    let source_lang = configcheck::check(config.as_ref(), config_file, report);

    let mut parsed = Vec::new();
    let mut complete = true;
    for path in list_files(&dir.join("data"), |n| n.ends_with(".toml"))? {
        let name = format!("data/{}", file_name(&path));
        let Some(file) = add_file(dir, &path, &name, files, report)? else {
            complete = false;
            continue;
        };
        if !check_text(files, file, report) {
            complete = false;
            continue;
        }
        match parse_toml::<data::DataFile>(files, file, report) {
            Some(data) => parsed.push((file, data)),
            None => complete = false,
        }
    }
    // A tolerance outside its range is reported by the configuration check; charts are then
    // judged with the default, so that one mistake does not turn into an error per chart.
    let tolerance = config
        .as_ref()
        .map(|c| *c.checks.rounding_tolerance.get_ref())
        .filter(|t| (0.0..=config::ChecksConfig::MAX_TOLERANCE).contains(t))
        .unwrap_or(3.0);
    let data = DataIndex::build(dir, parsed, complete, tolerance, &mut ids, report);

    // Plain-language files get their own registry: their headings may repeat the standard
    // ones, but must not take the id of a chart, an image or a section.
    let mut plain_ids = ids.clone();
    let mut sections: Vec<SourceSection> = Vec::new();
    let mut all_sections_read = true;
    for path in list_files(&dir.join("content"), |n| n.ends_with(".md") && !n.ends_with(".plain.md"))? {
        let name = format!("content/{}", file_name(&path));
        let Some(file) = add_file(dir, &path, &name, files, report)? else {
            all_sections_read = false;
            continue;
        };
        if !check_text(files, file, report) {
            all_sections_read = false;
            continue;
        }
        let text = files.text(file).to_string();
        match markdown::parse_section(file, &text, &data.standard, &mut ids, true, report) {
            Some(section) => {
                plain_ids.claim_generated(&section.id, section.id_span.clone());
                sections.push(section);
            }
            None => all_sections_read = false,
        }
    }
    for path in list_files(&dir.join("content"), |n| n.ends_with(".plain.md"))? {
        let name = format!("content/{}", file_name(&path));
        let Some(file) = add_file(dir, &path, &name, files, report)? else { continue };
        if !check_text(files, file, report) {
            continue;
        }
        let text = files.text(file).to_string();
        let Some(plain) = markdown::parse_section(file, &text, &data.plain, &mut plain_ids, false, report) else {
            continue;
        };
        match sections.iter_mut().find(|s| s.id == plain.id) {
            Some(section) if section.plain.is_none() => section.plain = Some(Box::new(plain)),
            Some(section) => report.push(
                Diagnostic::error(format!("section `{}` has two plain-language versions", plain.id))
                    .at(plain.id_span.clone())
                    .related(section.plain.as_ref().map(|p| p.id_span.clone()).unwrap_or(plain.id_span.clone()), "the other one")
                    .hint("Keep one .plain.md file per section."),
            ),
            None if all_sections_read => report.push(
                Diagnostic::error(format!("no section has the id `{}`", plain.id))
                    .at(plain.id_span.clone())
                    .label("plain version of an unknown section")
                    .hint("A .plain.md file is the plain-language version of the standard section with the same id; give it that id."),
            ),
            None => {}
        }
    }

    if let Some(config) = &config {
        configcheck::check_checks(config, config_file, report);
        configcheck::check_large_print(config, config_file, report);
        configcheck::check_readability(config, config_file, report);
        configcheck::check_translations(config, config_file, report);
        configcheck::check_publications(config, config_file, &sections, all_sections_read, report);
    }
    let translations = load_translations(dir, config.as_ref(), files, report)?;
    let reviews = load_reviews(dir, files, report)?;
    Ok(Sources {
        dir: dir.to_path_buf(),
        config,
        source_lang,
        sections,
        glossary: data.glossary,
        image_texts: data.image_texts,
        translations,
        reviews,
    })
}

/// `reviews.toml`, when it exists.
fn load_reviews(dir: &Path, files: &mut SourceFiles, report: &mut Report) -> Result<Vec<reviews::Review>, LoadFailure> {
    let path = dir.join(reviews::FILE);
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let Some(file) = add_file(dir, &path, reviews::FILE, files, report)? else { return Ok(Vec::new()) };
    if !check_text(files, file, report) {
        return Ok(Vec::new());
    }
    Ok(reviews::parse(files, file, report))
}

/// The PO catalog of each language to build; a malformed one is reported at its line.
fn load_translations(
    dir: &Path,
    config: Option<&Config>,
    files: &mut SourceFiles,
    report: &mut Report,
) -> Result<Vec<Translation>, LoadFailure> {
    let Some(config) = config else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for lang in &config.languages.build {
        let Ok(tag) = crate::lang::parse_lang(lang.get_ref()) else { continue };
        if tag == crate::lang::parse_lang(config.languages.source.get_ref()).unwrap_or(tag.clone()) {
            continue;
        }
        let name = format!("{}/{}.po", TRANSLATIONS, tag.as_str());
        let path = dir.join(&name);
        if fs::symlink_metadata(&path).is_err() {
            out.push(Translation { lang: tag, catalog: crate::po::Catalog::default(), file: None });
            continue;
        }
        let Some(file) = add_file(dir, &path, &name, files, report)? else { continue };
        if !check_text(files, file, report) {
            continue;
        }
        match crate::po::parse(files.text(file)) {
            Ok(catalog) => out.push(Translation { lang: tag, catalog, file: Some(file) }),
            Err(e) => {
                let at = crate::diag::char_at(file, files.text(file), e.line, e.column);
                report.push(
                    Diagnostic::error(format!("malformed PO file: {}", e.message))
                        .at(at)
                        .hint("PO strings are in double quotes, one keyword per line (msgctxt, msgid, msgstr); Poedit writes them correctly."),
                );
            }
        }
    }
    Ok(out)
}

/// The largest source file imprint reads: far beyond any brochure, small enough that a
/// runaway file is refused at once instead of taking minutes to typeset.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Checks a source file's text before it is parsed: not too large, and free of the control
/// characters that XML and PDF text cannot hold. Returns whether it can be parsed.
pub(crate) fn check_text(files: &SourceFiles, file: usize, report: &mut Report) -> bool {
    let text = files.text(file);
    if text.len() > MAX_FILE_BYTES {
        report.push(
            Diagnostic::error(format!(
                "this file is {:.1} MB; imprint reads source files of up to {} MB",
                text.len() as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ))
            .at(Span::new(file, 0..0))
            .hint("Split the content into several sections, or check that the file is the one you meant."),
        );
        return false;
    }
    let mut ok = true;
    for (i, c) in text.char_indices().filter(|(_, c)| invisible_breaker(*c)).take(5) {
        ok = false;
        let name = escapes::forbidden(c as u32).unwrap_or("invisible character");
        report.push(
            Diagnostic::error(format!("invisible character U+{:04X} ({name}) in the text", c as u32))
                .at(Span::new(file, i..i + c.len_utf8()))
                .label("invisible character")
                .hint("It often comes from copying text out of another program; delete it (PDF/UA forbids it, and it would break lines unpredictably). For a line break write a new line."),
        );
    }
    for (i, c) in text.char_indices().filter(|(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).take(5) {
        ok = false;
        report.push(
            Diagnostic::error(format!("control character U+{:04X} in the text", c as u32))
                .at(Span::new(file, i..i + c.len_utf8()))
                .label("invisible character")
                .hint("It often comes from copying text out of another program; delete it (it cannot be printed or read aloud)."),
        );
    }
    // The same rules for what escapes decode to (TOML `\u0001`, Markdown and PO `&#7;`).
    for (range, cp) in escapes::scan(text, escapes::Kind::of(files.name(file))) {
        let Some(name) = escapes::forbidden(cp) else { continue };
        ok = false;
        let written = &text[range.clone()];
        report.push(
            Diagnostic::error(format!("{name} U+{cp:04X} written as `{written}`"))
                .at(Span::new(file, range))
                .label("decodes to a character no output can carry")
                .hint("Delete the escape; for a line break write a new line, for a space a space."),
        );
    }
    ok
}

/// Characters that are not control characters but that outputs cannot carry: U+FEFF (PDF/UA
/// forbids it), U+2028 and U+2029 (line and paragraph separators, which break text unpredictably),
/// U+FFFE and U+FFFF (noncharacters, which XML forbids: the PDF's XMP metadata would be invalid).
fn invisible_breaker(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}')
}

/// Reads the source file `path` (`name` from the sources folder) into `files`; a file that is
/// refused (a link leading outside, a special file, too large) is reported at the file and
/// gives `None`.
fn add_file(
    dir: &Path,
    path: &Path,
    name: &str,
    files: &mut SourceFiles,
    report: &mut Report,
) -> Result<Option<usize>, LoadFailure> {
    let shown = display_path(dir, name);
    match read_text(dir, path, &shown)? {
        Ok(text) => Ok(Some(files.add(shown, text))),
        Err(refusal) => {
            let file = files.add(shown, String::new());
            report.push(refusal.at(Span::new(file, 0..0)));
            Ok(None)
        }
    }
}

/// The name shown in diagnostics: the path as the user would type it from the project folder.
fn display_path(dir: &Path, rel: &str) -> String {
    let base = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if base.is_empty() { rel.to_string() } else { format!("{base}/{rel}") }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Parses a TOML file (or a part of one starting at `offset`) into `T`, reporting the error.
pub(crate) fn parse_toml<T: DeserializeOwned>(files: &SourceFiles, file: usize, report: &mut Report) -> Option<T> {
    parse_toml_at(files.text(file), file, 0, report)
}

/// Parses TOML text that starts at byte `offset` of `file`.
pub(crate) fn parse_toml_at<T: DeserializeOwned>(
    text: &str,
    file: usize,
    offset: usize,
    report: &mut Report,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(v) => Some(v),
        Err(e) => {
            let range = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_string();
            let mut d =
                Diagnostic::error(toml_message(&message)).at(Span::new(file, offset + range.start..offset + range.end));
            if let Some(hint) = toml_hint(&message) {
                d = d.hint(hint);
            }
            report.push(d);
            None
        }
    }
}

fn toml_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message);
    format!("invalid TOML: {first}")
}

fn toml_hint(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        Some("Check the spelling of the key; the message lists the keys allowed here.".into())
    } else if message.starts_with("missing field") {
        Some("Add the missing key; it is required.".into())
    } else if message.contains("unknown variant") {
        Some("Use one of the values listed in the message.".into())
    } else if message.contains("invalid type") {
        Some("Text values need quotes (\"like this\"); numbers and true/false do not.".into())
    } else {
        Some(
            "Check the TOML syntax at this position: keys are `name = value`, text values are in double quotes.".into(),
        )
    }
}
