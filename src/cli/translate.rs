//! `imprint translate`: extract the template, merge it into each language's catalog, and say
//! where each language stands. The catalogs are the translators' files; imprint writes them
//! only here, through the one atomic writer, and never while building.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{EXIT_ERRORS, EXIT_FAILURE, EXIT_OK, TranslateAction, checked};
use crate::check::Checked;
use crate::diag::{self, Style};
use crate::i18n::keys::MessageKey;
use crate::i18n::{self, Catalog, TEMPLATE};
use crate::render::Artifact;

/// Runs one translation command.
pub(super) fn run(project: &Path, action: TranslateAction, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let checked = match checked(project, err) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if checked.report.errors() > 0 {
        let _ = write!(err, "{}", diag::render(&checked.files, &checked.report.diagnostics, Style::Rich));
        let _ = writeln!(err, "fix the errors above first: the messages are read from the checked sources");
        return EXIT_ERRORS;
    }
    let template = template(&checked);
    let folder = project.join("sources").join(crate::source::TRANSLATIONS);
    let result = match action {
        TranslateAction::Extract => write(&folder, vec![catalog_file(TEMPLATE, &template)])
            .map(|()| format!("wrote {}/{TEMPLATE}: {} messages", folder.display(), template.entries.len())),
        TranslateAction::Update => update(&checked, &template, &folder),
        TranslateAction::Status => Ok(status(&checked, &template)),
    };
    match result {
        Ok(text) => {
            let _ = writeln!(out, "{text}");
            EXIT_OK
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            EXIT_FAILURE
        }
    }
}

/// The template of the checked sources.
fn template(checked: &Checked) -> Catalog {
    let source = &checked.sources.source_lang;
    let docs: Vec<&crate::model::Document> =
        checked.jobs.iter().map(|j| &j.doc).filter(|d| &d.lang == source).collect();
    i18n::template(&docs, &checked.sources, &checked.files)
}

fn catalog_file(name: &str, catalog: &Catalog) -> Artifact {
    Artifact { path: PathBuf::from(name), bytes: crate::po::write(catalog).into_bytes() }
}

/// Merges the template into every language's catalog; the template and the catalogs are
/// written together, or none is.
fn update(checked: &Checked, template: &Catalog, folder: &Path) -> Result<String, String> {
    let mut files = vec![catalog_file(TEMPLATE, template)];
    let mut lines = Vec::new();
    for tr in &checked.sources.translations {
        let mut old = tr.catalog.clone();
        if tr.file.is_none() {
            old.header_comments =
                vec![format!("{} translation of imprint's publications.", crate::lang::english_name(&tr.lang))];
            old.header = template.header.clone();
            old.set_header_field("X-Review-Status", "draft");
        }
        old.set_header_field("Language", tr.lang.as_str());
        let mut merged = crate::po::merge::merge(&old, template);
        prefill_interface(&mut merged, &tr.lang);
        let name = format!("{}.po", tr.lang.as_str());
        let s = i18n::status(template, &merged);
        lines.push(format!(
            "updated {}: {} translated, {} fuzzy, {} untranslated",
            folder.join(&name).display(),
            s.translated,
            s.fuzzy,
            s.untranslated
        ));
        files.push(catalog_file(&name, &merged));
    }
    write(folder, files)?;
    Ok(lines.join("\n"))
}

/// Interface strings the catalog does not translate yet get imprint's own translation, so
/// that translators start from it (and may change it).
fn prefill_interface(catalog: &mut Catalog, lang: &crate::model::LangTag) {
    let Some(builtin) = crate::ui::builtin(lang) else { return };
    for (name, english) in crate::ui::Strings::english().fields() {
        let context = MessageKey::Interface { name }.context();
        let Some(own) = builtin.find(Some(&context), english).filter(|e| e.translated()) else { continue };
        let entry =
            catalog.entries.iter_mut().find(|e| e.msgctxt.as_deref() == Some(context.as_str()) && e.msgid == english);
        if let Some(entry) = entry.filter(|e| e.msgstr.is_empty() && !e.obsolete) {
            entry.msgstr = own.msgstr.clone();
        }
    }
}

fn status(checked: &Checked, template: &Catalog) -> String {
    let mut out = format!(
        "{:<10} {:>10} {:>7} {:>12} {:>8}  {}\n",
        "language", "translated", "fuzzy", "untranslated", "percent", "review"
    );
    // The source language is published too: its texts are the messages themselves.
    let n = template.entries.len();
    let source = checked.sources.source_lang.as_str();
    out.push_str(&format!("{source:<10} {n:>10} {:>7} {:>12} {:>7.1}%  source language\n", 0, 0, 100.0));
    for tr in &checked.sources.translations {
        let s = i18n::status(template, &tr.catalog);
        let review = match tr.catalog.header_field("X-Review-Status") {
            Some(r) if !r.is_empty() => r.to_string(),
            _ if tr.file.is_none() => "no catalog yet".into(),
            _ => "draft".into(),
        };
        out.push_str(&format!(
            "{:<10} {:>10} {:>7} {:>12} {:>7.1}%  {review}\n",
            tr.lang.as_str(),
            s.translated,
            s.fuzzy,
            s.untranslated,
            s.percent()
        ));
    }
    let languages = checked.sources.translations.len() + 1;
    out.push_str(&format!("{languages} languages, {n} messages in the template"));
    out
}

fn write(folder: &Path, files: Vec<Artifact>) -> Result<(), String> {
    crate::write::write_files(folder, &files)
        .map_err(|e| format!("failed to write the catalogs into `{}` ({e})", folder.display()))
}
