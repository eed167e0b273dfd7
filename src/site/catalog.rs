//! What the site lists: every language built, its publications by edition, and each
//! publication's files with their facts (size, checksum, pages, accessibility), found among the
//! files the renderers returned.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::SiteInput;
use crate::model::{Direction, Document, LangTag};
use crate::plan::{Job, TranslationStatus};
use crate::render::epub::{Accessibility, FileKind};
pub use crate::render::{edition_name, format_name};
use crate::source::Format;
use crate::ui::Strings;

/// Everything the site lists.
#[derive(Debug)]
pub struct Catalog<'a> {
    /// The languages, in build order (the source language first).
    pub languages: Vec<Language<'a>>,
}

/// One language and its publications.
#[derive(Debug)]
pub struct Language<'a> {
    /// Its tag.
    pub lang: &'a LangTag,
    /// Its direction.
    pub dir: Direction,
    /// Its name in itself ("Español").
    pub name: String,
    /// Its name in English ("Spanish").
    pub english_name: &'static str,
    /// The interface strings of the language.
    pub strings: &'a Strings,
    /// Its publications, each edition apart, in build order.
    pub publications: Vec<Publication<'a>>,
}

/// One publication in one language and edition.
#[derive(Debug)]
pub struct Publication<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its interface strings.
    pub strings: &'a Strings,
    /// How complete its translation is.
    pub status: TranslationStatus,
    /// The thumbnail of its print cover, with its size in pixels, if there is one.
    pub cover: Option<(PathBuf, u32, u32)>,
    /// Its files, in the order of the formats in `imprint.toml`.
    pub files: Vec<File>,
    /// Its accessibility report (HTML), if one was made.
    pub report: Option<PathBuf>,
}

/// One file of a publication.
#[derive(Debug, Clone)]
pub struct File {
    /// The format it is in.
    pub format: Format,
    /// Its path under `output/`.
    pub path: PathBuf,
    /// Its media type.
    pub media_type: &'static str,
    /// Its size in bytes.
    pub size: usize,
    /// Its SHA-256, in hexadecimal.
    pub sha256: String,
    /// Its number of pages (PDF).
    pub pages: Option<usize>,
    /// What it offers to readers with disabilities.
    pub accessibility: Accessibility,
    /// The kind of file the accessibility facts are those of.
    pub kind: FileKind,
}

impl<'a> Catalog<'a> {
    /// Lists the files of `input`.
    pub fn of(input: &SiteInput<'a>, sums: &BTreeMap<PathBuf, String>) -> Catalog<'a> {
        let mut languages: Vec<Language<'a>> = Vec::new();
        for job in input.jobs {
            let publication = publication(job, input, sums);
            if publication.files.is_empty() {
                continue;
            }
            match languages.iter_mut().find(|l| *l.lang == job.doc.lang) {
                Some(l) => l.publications.push(publication),
                None => languages.push(Language {
                    lang: &job.doc.lang,
                    dir: job.doc.dir,
                    name: job.strings.language_name.clone(),
                    english_name: crate::lang::english_name(&job.doc.lang),
                    strings: &job.strings,
                    publications: vec![publication],
                }),
            }
        }
        Catalog { languages }
    }
}

/// The kind of file of a format, for its accessibility facts.
pub fn file_kind(format: Format, large_print: f64) -> FileKind {
    match format {
        Format::Html | Format::Epub => FileKind::Reflowable,
        Format::Pdf => FileKind::Pdf,
        Format::LargePrint => FileKind::LargePrint(large_print),
        Format::Braille => FileKind::Braille,
    }
}

fn publication<'a>(job: &'a Job, input: &SiteInput<'a>, sums: &BTreeMap<PathBuf, String>) -> Publication<'a> {
    let doc = &job.doc;
    let mut files = Vec::new();
    for format in &job.formats {
        let kind = file_kind(*format, input.large_print.body_size);
        for (path, media_type) in crate::render::format_files(doc, *format) {
            let Some(artifact) = input.artifacts.iter().find(|a| a.path == path) else { continue };
            files.push(File {
                format: *format,
                pages: input.pages.iter().find(|(p, _)| *p == path).map(|(_, n)| *n),
                size: artifact.bytes.len(),
                sha256: sums.get(&path).cloned().unwrap_or_default(),
                path,
                media_type,
                accessibility: Accessibility {
                    // The claim is each file's own: a review covers formats one by one.
                    certification: doc.certification(format.name()).cloned(),
                    ..Accessibility::of_kind(doc, &job.strings, kind)
                },
                kind,
            });
        }
    }
    let cover_path = crate::render::cover_path(doc);
    let cover = input.artifacts.iter().find(|a| a.path == cover_path).and_then(|a| {
        let size = imagesize::blob_size(&a.bytes).ok()?;
        Some((cover_path.clone(), size.width as u32, size.height as u32))
    });
    let report_path = crate::render::accessibility_report_path(doc, "html");
    let report = input.artifacts.iter().any(|a| a.path == report_path).then_some(report_path);
    Publication { doc, strings: &job.strings, status: job.status, cover, files, report }
}

/// What the site says of a translation's status, in `strings`' language: nothing for the
/// sources' own language.
pub fn status_text(status: TranslationStatus, strings: &Strings) -> Option<String> {
    match status {
        TranslationStatus::Source => None,
        TranslationStatus::Complete => Some(strings.translation_complete.clone()),
        TranslationStatus::Partial => Some(strings.untranslated_parts.clone()),
        TranslationStatus::Draft { partial: false } => Some(strings.draft_translation.clone()),
        TranslationStatus::Draft { partial: true } => {
            Some(format!("{} {}", strings.draft_translation, strings.untranslated_parts))
        }
    }
}
