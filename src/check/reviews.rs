//! Recorded reviews against the assembled documents: which review still applies to which
//! file, and so which files may claim conformance.
//!
//! A review is bound to the hash of the document model of each language and edition it
//! covers ([`content_hashes`]); when that content changes, the review lapses, a warning says
//! which section changed, and no file claims it any more. A claim also needs every manual
//! check the document calls for (images, charts, plain language, the translation), and a
//! translation never claims more than the source language claims for the same edition and
//! format, nor while its catalog is marked draft.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Report, SourceFiles, Span};
use crate::model::{Alt, Certification, Document, dump, walk};
use crate::plan::Job;
use crate::source::reviews::{Checklist, Review};
use crate::source::{Format, Sources};

/// Where a review stands for one document (a publication in one language and edition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewState {
    /// It applies: the files of its formats claim conformance.
    Current,
    /// The content changed since: why, in words.
    Lapsed(String),
    /// It matches the content but supports no claim: why, in words.
    Withheld(String),
}

/// One review as it applies to one document.
#[derive(Debug, Clone)]
pub struct ReviewOutcome {
    /// The review's index in [`Sources::reviews`].
    pub review: usize,
    /// The document's index in [`crate::check::Checked::jobs`].
    pub job: usize,
    /// The formats of the document the review covers.
    pub formats: Vec<Format>,
    /// Where it stands.
    pub state: ReviewState,
}

/// The manual checks a document calls for: reading order always; the others when it has
/// images, charts, a plain-language edition or a translation.
pub fn required_checks(doc: &Document, source_lang: &crate::model::LangTag) -> Vec<Checklist> {
    let mut items = Vec::new();
    let figures: Vec<_> = doc.sections.iter().flat_map(|s| walk::figures(&s.blocks)).collect();
    if figures.iter().any(|f| !matches!(f.alt, Alt::Decorative)) {
        items.push(Checklist::ImagesDescribed);
    }
    items.push(Checklist::ReadingOrder);
    if doc.sections.iter().any(|s| walk::has_chart(&s.blocks)) {
        items.push(Checklist::ChartAlternatives);
    }
    if doc.edition == crate::model::Edition::Plain {
        items.push(Checklist::PlainLanguage);
    }
    if &doc.lang != source_lang {
        items.push(Checklist::NativeSpeaker);
    }
    items
}

/// The hashes a review is bound to: the whole document model (`sha256:` and 64 hex digits)
/// and each section's. They cover every word, mark, alt text and image (its bytes) of the
/// document in its language and edition, its title and metadata, and nothing that depends on
/// the time of the build or on the conformance claims themselves.
pub fn content_hashes(doc: &Document) -> (String, BTreeMap<String, String>) {
    let mut whole = Sha256::new();
    whole.update(dump::front(doc).as_bytes());
    let mut sections = BTreeMap::new();
    for s in &doc.sections {
        let mut h = Sha256::new();
        h.update(dump::section(s).as_bytes());
        for f in walk::figures(&s.blocks) {
            h.update(Sha256::digest(f.image.data.as_slice()));
        }
        let digest = hex(h.finalize().as_slice());
        whole.update(digest.as_bytes());
        sections.insert(s.id.clone(), format!("sha256:{digest}"));
    }
    (format!("sha256:{}", hex(whole.finalize().as_slice())), sections)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Judges every review against the documents, reports what is wrong or lapsed, and gives
/// each document the claims its current reviews support.
pub fn apply(sources: &Sources, jobs: &mut [Job], files: &SourceFiles, report: &mut Report) -> Vec<ReviewOutcome> {
    if let Some(certifier) = sources.config.as_ref().and_then(|c| c.accessibility.certifier.as_ref())
        && let Some(file) = files.find(&format!("{}/imprint.toml", folder(sources)))
    {
        report.push(
            Diagnostic::error("`certifier` in imprint.toml no longer makes a conformance claim")
                .at(Span::new(file, certifier.span()))
                .hint("Remove it, and record the review instead with `imprint review` (see \"For accessibility coordinators\" in the README): a claim is made only for the files a recorded review covers, and lapses when their content changes."),
        );
    }
    let mut outcomes = Vec::new();
    for (ri, review) in sources.reviews.iter().enumerate() {
        if !scope_is_known(review, sources, jobs, report) {
            continue;
        }
        let d = &review.data;
        for (ji, job) in jobs.iter().enumerate() {
            let doc = &job.doc;
            let covered = &doc.id == d.publication.get_ref()
                && d.languages.iter().any(|l| crate::lang::parse_lang(l.get_ref()).is_ok_and(|t| t == doc.lang))
                && d.editions.iter().any(|e| e.get_ref() == doc.edition.slug());
            if !covered {
                continue;
            }
            let formats: Vec<Format> =
                job.formats.iter().copied().filter(|f| d.formats.iter().any(|n| n.get_ref() == f.name())).collect();
            let state = judge(review, doc, &sources.source_lang, report);
            outcomes.push(ReviewOutcome { review: ri, job: ji, formats, state });
        }
    }
    // The source language first: a translation claims nothing its source does not.
    let order: Vec<usize> = {
        let mut o: Vec<usize> = (0..jobs.len()).collect();
        o.sort_by_key(|&j| jobs[j].doc.lang != sources.source_lang);
        o
    };
    for j in order {
        let doc = &jobs[j].doc;
        let translation = sources.translations.iter().find(|t| t.lang == doc.lang);
        let mut certifications: Vec<Certification> = Vec::new();
        // Newest review first: a format is claimed by the newest current review covering it.
        let mut mine: Vec<usize> = (0..outcomes.len()).filter(|&o| outcomes[o].job == j).collect();
        mine.sort_by(|&a, &b| {
            let date = |o: usize| sources.reviews[outcomes[o].review].data.date.get_ref().clone();
            date(b).cmp(&date(a))
        });
        for o in mine {
            if outcomes[o].state != ReviewState::Current {
                continue;
            }
            if translation.is_some_and(|t| t.draft()) {
                outcomes[o].state = ReviewState::Withheld(format!(
                    "the {} catalog is marked as a draft translation (X-Review-Status)",
                    doc.lang.as_str()
                ));
                continue;
            }
            let mut formats = Vec::new();
            for f in outcomes[o].formats.clone() {
                let claimed = certifications.iter().any(|c| c.formats.iter().any(|n| n == f.name()));
                let source_claims = translation.is_none()
                    || jobs.iter().any(|s| {
                        s.doc.lang == sources.source_lang
                            && s.doc.id == doc.id
                            && s.doc.edition == doc.edition
                            && s.doc.certification(f.name()).is_some()
                    });
                if !claimed && source_claims {
                    formats.push(f.name().to_string());
                }
            }
            if formats.is_empty() {
                if translation.is_some() {
                    outcomes[o].state = ReviewState::Withheld(format!(
                        "the {} edition in {} claims no conformance for these formats, and a translation never claims more",
                        doc.edition.slug(),
                        sources.source_lang.as_str()
                    ));
                }
                continue;
            }
            let r = &sources.reviews[outcomes[o].review].data;
            let reviewer = r.reviewer.get_ref();
            certifications.push(Certification {
                certified_by: format!("{}, {}", reviewer.name, reviewer.organization),
                credential: reviewer.credential.clone(),
                report: r.report.as_ref().map(|u| u.get_ref().clone()),
                date: r.date.get_ref().clone(),
                formats,
            });
        }
        jobs[j].doc.certifications = certifications;
    }
    outcomes
}

fn folder(sources: &Sources) -> String {
    sources.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Whether the review's publication, languages, editions and formats exist; reports those
/// that do not.
fn scope_is_known(review: &Review, sources: &Sources, jobs: &[Job], report: &mut Report) -> bool {
    let d = &review.data;
    let Some(config) = &sources.config else { return false };
    let Some(publication) =
        config.publications.iter().map(|p| p.get_ref()).find(|p| p.id.get_ref() == d.publication.get_ref())
    else {
        let ids: Vec<String> =
            config.publications.iter().map(|p| format!("\"{}\"", p.get_ref().id.get_ref())).collect();
        report.push(
            Diagnostic::error(format!("no publication has the id `{}`", d.publication.get_ref()))
                .at(review.at(d.publication.span()))
                .hint(format!("The publications are: {}.", ids.join(", "))),
        );
        return false;
    };
    let mut ok = true;
    let mut unknown = |span: std::ops::Range<usize>, what: &str, value: &str, known: Vec<String>| {
        report.push(
            Diagnostic::error(format!("`{}` has no {what} `{value}`", d.publication.get_ref()))
                .at(review.at(span))
                .hint(format!("Its {what}s are: {}.", known.join(", "))),
        );
        ok = false;
    };
    let mut langs: Vec<String> = jobs
        .iter()
        .filter(|j| &j.doc.id == publication.id.get_ref())
        .map(|j| j.doc.lang.as_str().to_string())
        .collect();
    langs.dedup();
    for l in &d.languages {
        if !crate::lang::parse_lang(l.get_ref()).is_ok_and(|t| langs.iter().any(|k| k == t.as_str())) {
            unknown(l.span(), "language", l.get_ref(), langs.clone());
        }
    }
    let editions: Vec<String> = publication.editions.iter().map(|e| e.get_ref().slug().to_string()).collect();
    for e in &d.editions {
        if !editions.contains(e.get_ref()) {
            unknown(e.span(), "edition", e.get_ref(), editions.clone());
        }
    }
    let formats: Vec<String> = publication.formats.iter().map(|f| f.get_ref().name().to_string()).collect();
    for f in &d.formats {
        if !formats.contains(f.get_ref()) {
            unknown(f.span(), "format", f.get_ref(), formats.clone());
        }
    }
    for c in &d.content {
        let c = c.get_ref();
        let in_scope = d.languages.iter().any(|l| l.get_ref() == c.language.get_ref())
            && d.editions.iter().any(|e| e.get_ref() == c.edition.get_ref());
        if !in_scope {
            report.push(
                Diagnostic::error(format!(
                    "content of `{}` ({}) is recorded, but the review does not list that language and edition",
                    c.language.get_ref(),
                    c.edition.get_ref()
                ))
                .at(review.at(c.language.span()))
                .hint("Record the review again with `imprint review`, which writes the content of exactly what it covers."),
            );
            ok = false;
        }
    }
    ok
}

/// Whether a review still applies to a document, and supports a claim.
fn judge(review: &Review, doc: &Document, source_lang: &crate::model::LangTag, report: &mut Report) -> ReviewState {
    let d = &review.data;
    let entry = d.content.iter().find(|c| {
        crate::lang::parse_lang(c.get_ref().language.get_ref()).is_ok_and(|t| t == doc.lang)
            && c.get_ref().edition.get_ref() == doc.edition.slug()
    });
    let what = format!("`{}` ({}, {})", doc.id, doc.lang.as_str(), doc.edition.slug());
    let Some(entry) = entry else {
        report.push(
            Diagnostic::warning(format!(
                "the review {} records no content for {what}, so it does not apply",
                review.name()
            ))
            .at(review.span.clone())
            .hint("Record the review with `imprint review`: it writes the hash of what was reviewed."),
        );
        return ReviewState::Lapsed("the review records no hash of this content".into());
    };
    let entry = entry.get_ref();
    let (hash, sections) = content_hashes(doc);
    if &hash != entry.hash.get_ref() {
        let mut why: Vec<String> = Vec::new();
        for (id, h) in &sections {
            match entry.sections.get(id) {
                Some(old) if old == h => {}
                Some(_) => why.push(format!("the content of section `{id}` changed")),
                None => why.push(format!("section `{id}` was added")),
            }
        }
        for id in entry.sections.keys().filter(|id| !sections.contains_key(*id)) {
            why.push(format!("section `{id}` was removed"));
        }
        if why.is_empty() {
            why.push("the title, metadata or notes of the publication changed".into());
        }
        let why = why.join("; ");
        report.push(
            Diagnostic::warning(format!("the review {} of {what} has lapsed: {why}", review.name()))
                .at(review.at(entry.hash.span()))
                .label("the content reviewed had this hash")
                .hint("Until a person reviews the changed content and the review is recorded again (`imprint review`), no file of it claims conformance."),
        );
        return ReviewState::Lapsed(why);
    }
    let missing: Vec<&str> = required_checks(doc, source_lang)
        .into_iter()
        .filter(|c| !review.confirmed.contains(c))
        .map(Checklist::name)
        .collect();
    if !missing.is_empty() {
        let list = missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ");
        report.push(
            Diagnostic::warning(format!("the review {} of {what} does not confirm {list}, so it supports no claim", review.name()))
                .at(review.span.clone())
                .hint("A claim needs every manual check the publication calls for; add the items the reviewer confirmed to `confirmed`."),
        );
        return ReviewState::Withheld(format!("not confirmed: {}", missing.join(", ")));
    }
    ReviewState::Current
}
