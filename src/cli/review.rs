//! `imprint review`: records a person's accessibility review in `sources/reviews.toml`, with
//! the hashes of the content it covers as it is now, so that a coordinator never computes a
//! hash by hand. The file is written only here, through the one atomic writer.

use std::io::Write;
use std::path::Path;

use super::{EXIT_ERRORS, EXIT_FAILURE, EXIT_OK, checked};
use crate::check::reviews::content_hashes;
use crate::diag::{self, Style};
use crate::render::Artifact;
use crate::source::reviews::{Checklist, FILE, is_date};

/// What the command line says about the review.
#[derive(Debug, Clone, clap::Args)]
pub struct ReviewArgs {
    /// The publication's id (default: the only publication).
    #[arg(long)]
    pub publication: Option<String>,
    /// A language reviewed (repeat for several; default: the source language).
    #[arg(long = "language")]
    pub languages: Vec<String>,
    /// An edition reviewed: standard or plain (repeat for several; default: standard).
    #[arg(long = "edition")]
    pub editions: Vec<String>,
    /// A format reviewed: epub, pdf, large-print or html (repeat for several).
    #[arg(long = "format", required = true)]
    pub formats: Vec<String>,
    /// The reviewer's name.
    #[arg(long)]
    pub reviewer: String,
    /// The reviewer's organization.
    #[arg(long)]
    pub organization: String,
    /// The reviewer's credential, if they hold one.
    #[arg(long)]
    pub credential: Option<String>,
    /// The day of the review, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    /// A manual check the reviewer confirmed: images-described, reading-order,
    /// chart-alternatives, plain-language, native-speaker (repeat for each).
    #[arg(long = "confirm")]
    pub confirmed: Vec<String>,
    /// The web address of the reviewer's own report, if it is published.
    #[arg(long)]
    pub report: Option<String>,
}

/// Records the review, after checking that it names what exists.
pub(super) fn run(project: &Path, args: ReviewArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let checked = match checked(project, err) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if checked.report.errors() > 0 {
        let _ = write!(err, "{}", diag::render(&checked.files, &checked.report.diagnostics, Style::Rich));
        let _ = writeln!(err, "fix the errors above first: a review is bound to the checked content");
        return EXIT_ERRORS;
    }
    match entry(&checked, &args) {
        Ok(text) => {
            let folder = project.join("sources");
            let mut all = std::fs::read_to_string(folder.join(FILE)).unwrap_or_else(|_| HEADER.to_string());
            if !all.is_empty() && !all.ends_with('\n') {
                all.push('\n');
            }
            all.push('\n');
            all.push_str(&text);
            let file = Artifact { path: FILE.into(), bytes: all.into_bytes() };
            if let Err(e) = crate::write::write_files(&folder, &[file]) {
                let _ = writeln!(err, "error: failed to write `{}` ({e})", folder.join(FILE).display());
                return EXIT_FAILURE;
            }
            let _ = writeln!(out, "recorded in {}:\n\n{text}", folder.join(FILE).display());
            EXIT_OK
        }
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_ERRORS
        }
    }
}

/// The top of a new `reviews.toml`.
const HEADER: &str = "# Accessibility reviews: who checked which files, when, and what they confirmed.\n\
# Record one with `imprint review` (see \"For accessibility coordinators\" in the README):\n\
# it writes the hashes of the content as it is now. When that content changes, the review\n\
# lapses, `imprint check` says why, and the files stop claiming conformance.\n";

/// The `[[review]]` text for the arguments, or what is wrong with them.
fn entry(checked: &crate::check::Checked, a: &ReviewArgs) -> Result<String, String> {
    let config = checked.sources.config.as_ref().ok_or("the project has no imprint.toml")?;
    let ids: Vec<&String> = config.publications.iter().map(|p| p.get_ref().id.get_ref()).collect();
    let publication = match (&a.publication, ids.as_slice()) {
        (Some(p), _) if ids.contains(&p) => p.clone(),
        (None, [only]) => (*only).clone(),
        _ => return Err(format!("name the publication with --publication: one of {}", join(&ids))),
    };
    if !is_date(&a.date) {
        return Err(format!("`{}` is not a date: write --date YYYY-MM-DD", a.date));
    }
    for c in &a.confirmed {
        if Checklist::parse(c).is_none() {
            let items: Vec<&str> = Checklist::ALL.iter().map(|c| c.name()).collect();
            return Err(format!("`{c}` is not a checklist item: one of {}", join(&items)));
        }
    }
    let languages = if a.languages.is_empty() {
        vec![checked.sources.source_lang.as_str().to_string()]
    } else {
        a.languages.clone()
    };
    let editions = if a.editions.is_empty() { vec!["standard".to_string()] } else { a.editions.clone() };
    let mut content = String::new();
    for lang in &languages {
        let tag = crate::lang::parse_lang(lang).map_err(|_| format!("`{lang}` is not a language tag"))?;
        for edition in &editions {
            let job = checked
                .jobs
                .iter()
                .find(|j| j.doc.id == publication && j.doc.lang == tag && j.doc.edition.slug() == edition)
                .ok_or(format!("`{publication}` is not built in `{lang}` ({edition})"))?;
            for f in &a.formats {
                if !job.formats.iter().any(|k| k.name() == f) {
                    let names: Vec<&str> = job.formats.iter().map(|k| k.name()).collect();
                    return Err(format!("`{publication}` has no format `{f}`: one of {}", join(&names)));
                }
            }
            let (hash, sections) = content_hashes(&job.doc);
            content.push_str(&format!(
                "\n[[review.content]]\nlanguage = {}\nedition = {}\nhash = {}\n\n[review.content.sections]\n",
                quote(tag.as_str()),
                quote(edition),
                quote(&hash)
            ));
            for (id, h) in sections {
                content.push_str(&format!("{} = {}\n", quote(&id), quote(&h)));
            }
        }
    }
    let list = |items: &[String]| items.iter().map(|i| quote(i)).collect::<Vec<_>>().join(", ");
    let mut text = String::from("[[review]]\n");
    let mut reviewer = format!("name = {}, organization = {}", quote(&a.reviewer), quote(&a.organization));
    if let Some(c) = &a.credential {
        reviewer.push_str(&format!(", credential = {}", quote(c)));
    }
    text.push_str(&format!("reviewer = {{ {reviewer} }}\n"));
    text.push_str(&format!("date = {}\n", quote(&a.date)));
    text.push_str(&format!("publication = {}\n", quote(&publication)));
    text.push_str(&format!("languages = [{}]\n", list(&languages)));
    text.push_str(&format!("editions = [{}]\n", list(&editions)));
    text.push_str(&format!("formats = [{}]\n", list(&a.formats)));
    text.push_str(&format!("confirmed = [{}]\n", list(&a.confirmed)));
    if let Some(r) = &a.report {
        text.push_str(&format!("report = {}\n", quote(r)));
    }
    text.push_str(&content);
    Ok(text)
}

/// A TOML string literal (the toml crate's own quoting).
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn join(items: &[impl AsRef<str>]) -> String {
    items.iter().map(|i| format!("`{}`", i.as_ref())).collect::<Vec<_>>().join(", ")
}
