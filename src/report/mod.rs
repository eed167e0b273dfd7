//! The accessibility report of each edition: for every language and edition of a publication,
//! a page (`<publication>-<edition>-accessibility.html`) and the same facts as JSON, saying for
//! each file whether it claims conformance, which automated checks imprint ran on it and with
//! what result, which checks a person must still make, and the reviews recorded.
//!
//! It is written by the build after every file rendered without error, so every automated
//! check it lists has passed in that build; a check that does not apply to the edition says so.
//! Like a renderer it is pure: the checked project in, files as bytes out. Its words are
//! interface strings ([`crate::ui::Strings`]); imprint's English standing in for a missing
//! translation is marked as English.

mod html;

use serde::Serialize;

use crate::check::Checked;
use crate::check::reviews::{ReviewState, required_checks};
use crate::plan::Job;
use crate::readability::Scores;
use crate::render::epub::{Accessibility, CONFORMANCE};
use crate::render::{Artifact, accessibility_report_path, large_print_path, output_path};
use crate::source::Format;
use crate::source::reviews::Checklist;

/// One edition's report, as the page shows it and the JSON holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The publication's id.
    pub publication: String,
    /// Its title in this language.
    pub title: String,
    /// The language.
    pub lang: String,
    /// The edition (`standard`, `plain`).
    pub edition: String,
    /// Whether any file of the edition claims conformance.
    pub conformance_claimed: bool,
    /// The files, one per format.
    pub files: Vec<FileEntry>,
    /// The automated checks.
    pub machine_checks: Vec<CheckEntry>,
    /// The checks only a person can make.
    pub manual_checks: Vec<ManualEntry>,
    /// The reviews recorded for this edition.
    pub reviews: Vec<ReviewEntry>,
}

/// A file of the edition.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    /// The format as named in `imprint.toml`.
    pub format: String,
    /// Its file name (beside the report).
    pub file: String,
    /// The conformance it claims (`null`: none).
    pub conforms_to: Option<String>,
    /// Who certified it.
    pub certified_by: Option<String>,
    /// The certifier's credential.
    pub credential: Option<String>,
    /// The day of the review.
    pub date: Option<String>,
}

/// An automated check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckEntry {
    /// A stable id (`pdf-ua-1`, `contrast`...).
    pub id: &'static str,
    /// `passed` or `not-applicable`.
    pub result: &'static str,
    /// The formats it was run on.
    pub formats: Vec<String>,
    /// What was measured, when there is a figure to give.
    pub detail: Option<String>,
    /// The same figures for the page's sentence: placeholder and value.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

/// A manual check.
#[derive(Debug, Clone, Serialize)]
pub struct ManualEntry {
    /// Its name as in `reviews.toml`.
    pub id: &'static str,
    /// `confirmed` or `not-confirmed`.
    pub status: &'static str,
    /// Who confirmed it in a current review.
    pub confirmed_by: Option<String>,
    /// When.
    pub date: Option<String>,
}

/// A recorded review.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewEntry {
    /// The reviewer.
    pub reviewer: String,
    /// Their organization.
    pub organization: String,
    /// Their credential.
    pub credential: Option<String>,
    /// The day.
    pub date: String,
    /// The formats it covers in this edition.
    pub formats: Vec<String>,
    /// The items confirmed.
    pub confirmed: Vec<String>,
    /// `current`, `lapsed` or `withheld` (matches the content but supports no claim).
    pub state: &'static str,
    /// Why it lapsed or supports no claim (in English).
    pub reason: Option<String>,
}

/// Every edition's report, as HTML and JSON files, for a checked project that rendered
/// without error.
/// Only the files that were built are reported (braille is skipped where liblouis or a table is
/// missing).
pub fn artifacts(checked: &Checked, built: &[Artifact]) -> Vec<Artifact> {
    let mut out = Vec::new();
    for (j, job) in checked.jobs.iter().enumerate() {
        let report = report(checked, j, job, built);
        let mut json = serde_json::to_string_pretty(&report).unwrap_or_default();
        json.push('\n');
        out.push(Artifact { path: accessibility_report_path(&job.doc, "json"), bytes: json.into_bytes() });
        let page = html::page(&report, checked, job);
        out.push(Artifact { path: accessibility_report_path(&job.doc, "html"), bytes: page.into_bytes() });
    }
    out
}

/// The file a format of a document is written to.
fn file_name(job: &Job, format: Format) -> String {
    let path = match format {
        Format::LargePrint => large_print_path(&job.doc),
        f => output_path(&job.doc, f.extension()),
    };
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn report(checked: &Checked, j: usize, job: &Job, built: &[Artifact]) -> Report {
    let doc = &job.doc;
    let made = |f: &&Format| {
        let file = file_name(job, **f);
        let dir = std::path::Path::new(doc.lang.as_str());
        built.iter().any(|a| a.path == dir.join(&file))
    };
    let files: Vec<FileEntry> = job
        .formats
        .iter()
        .filter(made)
        .map(|f| {
            let c = doc.certification(f.name());
            FileEntry {
                format: f.name().to_string(),
                file: file_name(job, *f),
                conforms_to: c.map(|_| CONFORMANCE.to_string()),
                certified_by: c.map(|c| c.certified_by.clone()),
                credential: c.and_then(|c| c.credential.clone()),
                date: c.map(|c| c.date.clone()),
            }
        })
        .collect();
    let outcomes: Vec<_> = checked.reviews.iter().filter(|o| o.job == j).collect();
    let reviews = outcomes
        .iter()
        .map(|o| {
            let r = &checked.sources.reviews[o.review];
            let reviewer = r.data.reviewer.get_ref();
            let (state, reason) = match &o.state {
                ReviewState::Current => ("current", None),
                ReviewState::Lapsed(why) => ("lapsed", Some(why.clone())),
                ReviewState::Withheld(why) => ("withheld", Some(why.clone())),
            };
            ReviewEntry {
                reviewer: reviewer.name.clone(),
                organization: reviewer.organization.clone(),
                credential: reviewer.credential.clone(),
                date: r.data.date.get_ref().clone(),
                formats: o.formats.iter().map(|f| f.name().to_string()).collect(),
                confirmed: r.confirmed.iter().map(|c| c.name().to_string()).collect(),
                state,
                reason,
            }
        })
        .collect();
    let manual_checks = required_checks(doc, &checked.sources.source_lang)
        .into_iter()
        .map(|item| {
            let by = outcomes.iter().find(|o| {
                o.state == ReviewState::Current && checked.sources.reviews[o.review].confirmed.contains(&item)
            });
            let r = by.map(|o| &checked.sources.reviews[o.review].data);
            ManualEntry {
                id: item.name(),
                status: if by.is_some() { "confirmed" } else { "not-confirmed" },
                confirmed_by: r
                    .map(|r| format!("{}, {}", r.reviewer.get_ref().name, r.reviewer.get_ref().organization)),
                date: r.map(|r| r.date.get_ref().clone()),
            }
        })
        .collect();
    Report {
        publication: doc.id.clone(),
        title: doc.title.clone(),
        lang: doc.lang.as_str().to_string(),
        edition: doc.edition.slug().to_string(),
        conformance_claimed: !doc.certifications.is_empty(),
        files,
        machine_checks: machine_checks(checked, job),
        manual_checks,
        reviews,
    }
}

/// The automated checks imprint ran on the edition's files (all passed: the report is written
/// only by a build without errors).
fn machine_checks(checked: &Checked, job: &Job) -> Vec<CheckEntry> {
    let names = |pred: &dyn Fn(Format) -> bool| -> Vec<String> {
        job.formats.iter().copied().filter(|f| pred(*f)).map(|f| f.name().to_string()).collect()
    };
    let entry = |id: &'static str, formats: Vec<String>, detail: Option<String>| CheckEntry {
        id,
        result: if formats.is_empty() { "not-applicable" } else { "passed" },
        formats,
        detail,
        args: Vec::new(),
    };
    let all = names(&|_| true);
    let pdfs = names(&|f| matches!(f, Format::Pdf | Format::LargePrint));
    let contrast = checked.sources.config.as_ref().and_then(|c| {
        let b = &c.brand;
        let color = |s: &toml::Spanned<String>| crate::color::Color::parse(s.get_ref());
        let (text, bg, primary) = (color(&b.text)?, color(&b.background)?, color(&b.primary)?);
        Some((text.contrast(bg), primary.contrast(bg)))
    });
    let large_print = checked.sources.config.as_ref().map(|c| *c.large_print.body_size.get_ref());
    let plain = job.doc.edition == crate::model::Edition::Plain;
    let level = reading_level(checked, job);
    let mut contrast_entry = entry(
        "contrast",
        if contrast.is_some() { all.clone() } else { Vec::new() },
        contrast.map(|(t, l)| format!("body text {t:.1}:1, headings and links {l:.1}:1")),
    );
    if let Some((t, l)) = contrast {
        contrast_entry.args = vec![("{text}", format!("{t:.1}")), ("{links}", format!("{l:.1}"))];
    }
    let mut large = entry("large-print", names(&|f| f == Format::LargePrint), large_print.map(|s| format!("{s} pt")));
    large.args = large_print.map(|s| vec![("{size}", s.to_string())]).unwrap_or_default();
    let mut reading = entry(
        "reading-level",
        if plain && level.is_some() { all.clone() } else { Vec::new() },
        level.as_ref().map(|(f, s)| format!("{f} {s:.1}")),
    );
    reading.args = level.map(|(f, s)| vec![("{formula}", f), ("{score}", format!("{s:.1}"))]).unwrap_or_default();
    vec![
        entry("pdf-ua-1", pdfs, None),
        entry("structure", all.clone(), None),
        entry("language-of-parts", all.clone(), None),
        entry("glyph-coverage", all.clone(), None),
        contrast_entry,
        large,
        reading,
        entry(
            "epub-metadata",
            names(&|f| f == Format::Epub),
            job.formats.contains(&Format::Epub).then(|| Accessibility::of(&job.doc, &job.strings).features.join(", ")),
        ),
    ]
}

/// The least readable plain section of the edition's language: the formula and its score.
fn reading_level(checked: &Checked, job: &Job) -> Option<(String, f64)> {
    let rows = checked.readability.1.iter().filter(|r| r.publication == job.doc.id && r.lang == job.doc.lang.as_str());
    let mut worst: Option<(String, f64)> = None;
    for m in rows.filter_map(|r| r.plain.as_ref()) {
        let (name, score, worse) = match m.scores {
            Scores::English { grade, .. } => ("Flesch-Kincaid grade", grade, true),
            Scores::Spanish { szigriszt_pazos, .. } => ("INFLESZ (Szigriszt-Pazos)", szigriszt_pazos, false),
            Scores::None => continue,
        };
        let replace = match &worst {
            None => true,
            Some((_, w)) => (worse && score > *w) || (!worse && score < *w),
        };
        if replace {
            worst = Some((name.to_string(), score));
        }
    }
    worst
}

/// The interface string that names a manual check.
fn manual_name(item: &str) -> &'static str {
    match Checklist::parse(item) {
        Some(Checklist::ImagesDescribed) => "manual_images",
        Some(Checklist::ReadingOrder) => "manual_reading_order",
        Some(Checklist::ChartAlternatives) => "manual_charts",
        Some(Checklist::PlainLanguage) => "manual_plain",
        Some(Checklist::NativeSpeaker) | None => "manual_native",
    }
}
