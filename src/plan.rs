//! The build matrix: every publication, in every language it is built in, in every edition.
//! Each document is resolved into its language here, with the interface strings of that
//! language, before any renderer runs.

use crate::assemble::assemble;
use crate::diag::{Diagnostic, Report, SourceFiles};
use crate::i18n::keys::MessageKey;
use crate::i18n::resolve::{Lookup, Resolver};
use crate::model::{Direction, Document, Edition, LangTag, SiblingLanguage, Siblings};
use crate::source::config::MissingPolicy;
use crate::source::{Format, Sources, Translation};
use crate::ui::{Digits, Strings};

/// One document to render, with its formats and its interface strings.
#[derive(Debug)]
pub struct Job {
    /// The document, in one language and edition.
    pub doc: Document,
    /// The formats to render it in.
    pub formats: Vec<Format>,
    /// The interface strings of its language.
    pub strings: Strings,
    /// Every message looked up in the language's catalog to make it (none for the source
    /// language): what the template must hold.
    pub lookups: Vec<Lookup>,
    /// The other languages, editions and formats of the same publication.
    pub siblings: Siblings,
    /// How complete the document's translation is.
    pub status: TranslationStatus,
}

/// How complete a document's translation is: what the downloads site says of each file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TranslationStatus {
    /// Written in this language: the sources' own language.
    #[default]
    Source,
    /// Every message translated, and reviewed.
    Complete,
    /// Translated, but not yet reviewed by a native speaker (the catalog says it is a draft).
    Draft {
        /// Whether some parts are shown in the source language.
        partial: bool,
    },
    /// Reviewed, but some parts are shown in the source language.
    Partial,
}

/// The interface strings of a language (from the project's catalog, else imprint's built-in
/// one), the contexts of those translated in neither, and the lookups made.
pub fn strings_for(translation: Option<&Translation>, digits: Digits) -> (Strings, Vec<String>, Vec<Lookup>) {
    let mut strings = Strings::english();
    strings.digits = digits;
    let (mut missing, mut lookups) = (Vec::new(), Vec::new());
    let Some(tr) = translation else { return (strings, missing, lookups) };
    let builtin = crate::ui::builtin(&tr.lang);
    let english = Strings::english();
    for (name, source) in english.fields() {
        let context = MessageKey::Interface { name }.context();
        lookups.push(Lookup { contexts: vec![context.clone()], msgid: source.to_string() });
        // The project's catalog first (it may override), then imprint's own.
        let translated = |c: &'_ crate::po::Catalog| c.find(Some(&context), source).filter(|e| e.translated()).cloned();
        match translated(&tr.catalog).or_else(|| builtin.and_then(translated)) {
            Some(e) => {
                if let Some(field) = strings.field_mut(name) {
                    *field = e.msgstr;
                }
            }
            // The accessibility report is not part of the publication: its words in English do
            // not make the publication "not yet translated".
            None if !crate::ui::report_only(name) => missing.push(context),
            None => {}
        }
    }
    (strings, missing, lookups)
}

/// The warning for a language built without any catalog: all its text would be English
/// (or the source language) without a word. Reported at the language in `imprint.toml`.
fn missing_catalog(sources: &Sources, files: &SourceFiles, tr: &Translation) -> Diagnostic {
    let lang = tr.lang.as_str();
    let folder = sources.dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let expected = format!("{folder}/{}/{lang}.po", crate::source::TRANSLATIONS);
    let mut d = Diagnostic::warning(format!(
        "`{lang}` is built, but its catalog `{expected}` does not exist: it is built entirely in the source language"
    ))
    .label("no catalog for this language")
    .kind(crate::diag::Kind::NO_CATALOG)
    .hint(format!(
        "Run `imprint translate update` to create {expected} (with imprint's own words already translated), then translate its messages."
    ));
    let config = files.find(&format!("{folder}/imprint.toml"));
    let entry = sources
        .config
        .iter()
        .flat_map(|c| &c.languages.build)
        .find(|b| crate::lang::parse_lang(b.get_ref()).is_ok_and(|t| t == tr.lang));
    if let (Some(file), Some(entry)) = (config, entry) {
        d = d.at(crate::diag::Span::new(file, entry.span()));
    }
    d
}

/// Plans every document; problems (a blocked language, a bad translation) go to `report`.
pub fn plan(sources: &Sources, files: &SourceFiles, report: &mut Report) -> Vec<Job> {
    let Some(config) = &sources.config else { return Vec::new() };
    let mut jobs = Vec::new();
    let mut languages: Vec<Option<&Translation>> = vec![None];
    languages.extend(sources.translations.iter().map(Some));
    for tr in sources.translations.iter().filter(|t| t.file.is_none()) {
        report.push(missing_catalog(sources, files, tr));
    }
    for translation in languages {
        let settings = translation.and_then(|t| config.translations.get(t.lang.as_str())).map(|s| s.get_ref());
        let policy = settings.map(|s| s.missing).unwrap_or_default();
        let digits = match (settings.and_then(|s| s.digits), translation) {
            (Some(d), _) => d,
            (None, Some(t)) => crate::lang::profile(&t.lang).digits.into(),
            (None, None) => crate::lang::profile(&sources.source_lang).digits.into(),
        };
        let (mut strings, ui_missing, ui_lookups) = strings_for(translation, digits);
        let lang = translation.map_or(&sources.source_lang, |t| &t.lang);
        strings.language_name = language_name(lang, &strings, &ui_missing);
        let elsewhere = site_address(config).map(|url| crate::ui::fill(&strings.also_available, &[("{url}", &url)]));
        for p in &config.publications {
            let p = p.get_ref();
            let mut editions: Vec<Edition> = p.editions.iter().map(|e| *e.get_ref()).collect();
            editions.sort();
            editions.dedup();
            for edition in editions {
                let resolver = Resolver::new(translation, files, sources.source_lang.clone(), edition);
                let Some(mut doc) = assemble(sources, p, edition, &resolver, &strings, report) else { continue };
                for d in resolver.take_problems() {
                    // A message shared by both editions is resolved twice: say it once.
                    if !report.diagnostics.contains(&d) {
                        report.push(d);
                    }
                }
                let missing = resolver.missing().len() + ui_missing.len();
                if let Some(tr) = translation {
                    if missing > 0 && policy == MissingPolicy::Block {
                        let at = tr.file.map(|f| crate::diag::Span::new(f, 0..0));
                        let mut d = Diagnostic::error(format!(
                            "`{}` is not built: {missing} messages of `{}` ({}) are not translated or are out of date",
                            tr.lang.as_str(),
                            p.id.get_ref(),
                            edition.slug()
                        ))
                        .hint("Translate them (imprint translate status lists the counts), or set missing = \"fallback\" for this language in imprint.toml.");
                        if let Some(at) = at {
                            d = d.at(at);
                        }
                        report.push(d);
                        continue;
                    }
                    if tr.draft() {
                        doc.notices.push(strings.draft_translation.clone());
                    }
                    if missing > 0 {
                        doc.notices.push(strings.untranslated_parts.clone());
                    }
                }
                if let Some(note) = &elsewhere {
                    doc.notices.push(note.clone());
                }
                let status = match translation {
                    None => TranslationStatus::Source,
                    Some(tr) if tr.draft() => TranslationStatus::Draft { partial: missing > 0 },
                    Some(_) if missing > 0 => TranslationStatus::Partial,
                    Some(_) => TranslationStatus::Complete,
                };
                let formats = p.formats.iter().map(|f| *f.get_ref()).collect();
                let mut lookups = ui_lookups.clone();
                lookups.extend(resolver.lookups());
                let siblings = Siblings::default();
                jobs.push(Job { doc, formats, strings: strings.clone(), lookups, siblings, status });
            }
        }
    }
    link_siblings(&mut jobs);
    jobs
}

/// The name of a language in itself: from its catalog ("Español"), else its English name
/// (a language whose catalog does not name it is not called "English").
fn language_name(lang: &LangTag, strings: &Strings, missing: &[String]) -> String {
    let context = MessageKey::Interface { name: "language_name" }.context();
    let english = *lang == LangTag("en".into()) || lang.as_str().starts_with("en-");
    if missing.contains(&context) || (strings.language_name == "English" && !english) {
        let builtin = crate::ui::builtin(lang)
            .and_then(|c| c.find(Some(&context), "English"))
            .filter(|e| e.translated())
            .map(|e| e.msgstr.clone());
        return builtin.unwrap_or_else(|| crate::lang::english_name(lang).to_string());
    }
    strings.language_name.clone()
}

/// Where the organization's publications are found on the web: the downloads site's address
/// (`[site] base-url`), else the organization's website.
fn site_address(config: &crate::source::Config) -> Option<String> {
    let site = config.site.base_url.as_ref().map(|u| u.get_ref().clone());
    site.or_else(|| config.organization.website.as_ref().map(|w| crate::source::normalize_url(w.get_ref())))
}

/// Tells each job which languages, editions and formats its publication is built in.
fn link_siblings(jobs: &mut [Job]) {
    let all: Vec<(String, Edition, LangTag, Direction, String, Vec<Format>)> = jobs
        .iter()
        .map(|j| {
            let d = &j.doc;
            (d.id.clone(), d.edition, d.lang.clone(), d.dir, j.strings.language_name.clone(), j.formats.clone())
        })
        .collect();
    for job in jobs.iter_mut() {
        let (id, edition, lang) = (&job.doc.id, job.doc.edition, &job.doc.lang);
        let mut languages: Vec<SiblingLanguage> = Vec::new();
        for (i, e, l, dir, name, _) in &all {
            if i == id && *e == edition && !languages.iter().any(|s| &s.lang == l) {
                languages.push(SiblingLanguage { lang: l.clone(), dir: *dir, name: name.clone() });
            }
        }
        let editions = all.iter().filter(|(i, _, l, ..)| i == id && l == lang).map(|(_, e, ..)| *e).collect();
        job.siblings = Siblings { languages, editions, formats: job.formats.clone() };
    }
}
