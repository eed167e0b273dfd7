//! Which part of the build matrix a build makes: `imprint build --lang es --edition plain
//! --format pdf`. A [`Selection`] says which documents to render ([`Selection::wants`]) and
//! which files already in `output/` the build answers for ([`Selection::owns`]): a full build
//! owns the whole folder, a partial one only the files of the documents it makes, so that the
//! writer may replace (or remove) those and must leave every other file as it is.

use std::path::{Path, PathBuf};

use crate::model::{Edition, LangTag};
use crate::plan::Job;
use crate::source::{Format, Sources};

/// The languages, editions and formats asked for; an empty list means all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Languages (canonical BCP 47 tags).
    pub langs: Vec<LangTag>,
    /// Editions.
    pub editions: Vec<Edition>,
    /// Formats.
    pub formats: Vec<Format>,
}

impl Filter {
    /// Whether nothing is filtered out.
    pub fn is_all(&self) -> bool {
        self.langs.is_empty() && self.editions.is_empty() && self.formats.is_empty()
    }
}

/// A filter checked against a project: what to render and which output files it answers for.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    filter: Filter,
    /// The files (relative to `output/`) and folders (ending the prefix list) that the selected
    /// documents write; only used when the filter leaves something out.
    owned_files: Vec<PathBuf>,
    owned_dirs: Vec<PathBuf>,
}

impl Selection {
    /// Everything: the full build, which owns the whole output folder.
    pub fn all() -> Selection {
        Selection::default()
    }

    /// The selection of `filter` in a checked project, or an error naming the value that the
    /// project does not build and listing the ones it does.
    pub fn new(filter: Filter, sources: &Sources, jobs: &[Job]) -> Result<Selection, String> {
        let mut langs: Vec<&str> = vec![sources.source_lang.as_str()];
        let configured = sources.config.iter().flat_map(|c| &c.languages.build);
        let built: Vec<LangTag> = configured.filter_map(|l| crate::lang::parse_lang(l.get_ref()).ok()).collect();
        langs.extend(built.iter().map(LangTag::as_str));
        langs.dedup();
        for l in &filter.langs {
            if !langs.contains(&l.as_str()) {
                return Err(format!(
                    "`--lang {}`: this project does not build that language; it builds {}",
                    l.as_str(),
                    list(&langs)
                ));
            }
        }
        let publications = sources.config.iter().flat_map(|c| &c.publications).map(|p| p.get_ref());
        let mut editions: Vec<Edition> = publications.clone().flat_map(|p| &p.editions).map(|e| *e.get_ref()).collect();
        editions.sort();
        editions.dedup();
        for e in &filter.editions {
            if !editions.contains(e) {
                let names: Vec<&str> = editions.iter().map(|e| e.slug()).collect();
                return Err(format!(
                    "`--edition {}`: no publication of this project has that edition; they have {}",
                    e.slug(),
                    list(&names)
                ));
            }
        }
        let mut formats: Vec<Format> = publications.flat_map(|p| &p.formats).map(|f| *f.get_ref()).collect();
        formats.sort();
        formats.dedup();
        for f in &filter.formats {
            if !formats.contains(f) {
                let names: Vec<String> = formats.iter().map(|f| format_name(*f)).collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                return Err(format!(
                    "`--format {}`: no publication of this project is made in that format; they are made in {}",
                    format_name(*f),
                    list(&names)
                ));
            }
        }
        let mut selection = Selection { filter, owned_files: Vec::new(), owned_dirs: Vec::new() };
        if selection.filter.is_all() {
            return Ok(selection);
        }
        // Every format, not only those configured now: a partial build of the web edition
        // answers for the web page even when it was made by an earlier configuration.
        let every_format = <Format as clap::ValueEnum>::value_variants();
        let (mut files, mut dirs) = (Vec::new(), Vec::new());
        for job in jobs {
            for &format in every_format.iter().filter(|f| selection.wants(job, **f)) {
                let main = main_path(job, format);
                if format == Format::Html {
                    let stem = main.file_stem().map(PathBuf::from).unwrap_or_default();
                    dirs.push(Path::new("fonts").join(job.doc.lang.as_str()).join(stem));
                    // The images of a language's pages are shared by its editions.
                    if selection.filter.editions.is_empty() {
                        dirs.push(Path::new(job.doc.lang.as_str()).join("images"));
                    }
                }
                files.push(main);
                // Every file of the format (braille writes a BRF and a PEF; the print PDF its cover).
                files.extend(crate::render::format_files(&job.doc, format).into_iter().map(|(p, _)| p));
                if format == Format::Pdf {
                    files.push(crate::render::cover_path(&job.doc));
                }
            }
        }
        files.sort();
        files.dedup();
        dirs.sort();
        dirs.dedup();
        selection.owned_files = files;
        selection.owned_dirs = dirs;
        Ok(selection)
    }

    /// The filter this selection was made from.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Whether the build renders `job` in `format`.
    pub fn wants(&self, job: &Job, format: Format) -> bool {
        let f = &self.filter;
        (f.langs.is_empty() || f.langs.contains(&job.doc.lang))
            && (f.editions.is_empty() || f.editions.contains(&job.doc.edition))
            && (f.formats.is_empty() || f.formats.contains(&format))
    }

    /// Whether the build answers for the file at `path` (relative to `output/`): the full
    /// build for every file, a partial one for the files of the documents it renders.
    pub fn owns(&self, path: &Path) -> bool {
        self.filter.is_all()
            || self.owned_files.iter().any(|p| p == path)
            || self.owned_dirs.iter().any(|d| path.starts_with(d) && path != d)
    }
}

/// Where the main file of a document in a format goes (the file a reader opens).
pub fn main_path(job: &Job, format: Format) -> PathBuf {
    match format {
        Format::LargePrint => crate::render::large_print_path(&job.doc),
        other => crate::render::output_path(&job.doc, other.extension()),
    }
}

/// A format's name as `imprint.toml` and the command line write it.
pub fn format_name(format: Format) -> String {
    clap::ValueEnum::to_possible_value(&format).map(|v| v.get_name().to_string()).unwrap_or_default()
}

fn list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
