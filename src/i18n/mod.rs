//! Translation with gettext PO catalogs: the template of every translatable message
//! (`sources/translations/imprint.pot`), one catalog per language (`<lang>.po`), merged the
//! way msgmerge merges, and the lookup that resolves a document into one language before
//! any renderer sees it.

pub mod merge;
pub mod messages;
pub mod po;
pub mod resolve;

use std::collections::BTreeMap;

use crate::diag::SourceFiles;
use crate::model::{Document, Edition};
use crate::ui::Strings;

pub use self::po::{Catalog, Entry};

/// The folder of the catalogs, under `sources/`.
pub const FOLDER: &str = "translations";
/// The template's file name.
pub const TEMPLATE: &str = "imprint.pot";

/// The template: every message of the source-language documents, the glossary and the
/// interface strings, each once, with all its references.
pub fn template(documents: &[&Document], sources: &crate::source::Sources, files: &SourceFiles) -> Catalog {
    let (glossary, source_lang) = (&sources.glossary, sources.source_lang.as_str());
    let mut entries: Vec<Entry> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut add = |m: messages::Message| {
        let key = (m.msgctxt.clone(), m.msgid.clone());
        let i = *index.entry(key).or_insert_with(|| {
            entries.push(Entry {
                msgctxt: Some(m.msgctxt.clone()),
                msgid: m.msgid.clone(),
                extracted: m.note.map(|n| vec![n.to_string()]).unwrap_or_default(),
                ..Entry::default()
            });
            entries.len() - 1
        });
        if let Some(r) = m.reference
            && !entries[i].references.contains(&r)
        {
            entries[i].references.push(r);
        }
    };
    for doc in documents {
        for m in messages::of_document(doc, files) {
            add(m);
        }
    }
    // The glossary: the terms the plain-language editions list.
    let used: Vec<String> = documents
        .iter()
        .filter(|d| d.edition == Edition::Plain)
        .flat_map(|d| d.sections.iter().filter(|s| s.id == crate::model::GLOSSARY_ID))
        .flat_map(|s| crate::model::walk::prose(&s.blocks))
        .map(|(_, t)| t)
        .collect();
    for g in glossary {
        if used.iter().any(|t| t.starts_with(&format!("{}: ", g.term))) {
            let r = Some(messages::reference(files, g.origin));
            add(messages::Message {
                msgctxt: format!("glossary:{}/term", g.term),
                msgid: g.term.clone(),
                reference: r.clone(),
                note: None,
            });
            add(messages::Message {
                msgctxt: format!("glossary:{}/definition", g.term),
                msgid: g.definition.clone(),
                reference: r,
                note: None,
            });
        }
    }
    // Every image's texts, also of images whose file has not arrived yet.
    for img in &sources.image_texts {
        let r = Some(messages::reference(files, img.origin));
        let mut add_text = |ctxt: String, text: &Option<String>| {
            if let Some(t) = text {
                add(messages::Message { msgctxt: ctxt, msgid: t.clone(), reference: r.clone(), note: None });
            }
        };
        add_text(format!("image:{}/alt", img.id), &img.alt);
        add_text(format!("image:{}/caption", img.id), &img.caption);
        add_text(format!("image:{}.plain/caption", img.id), &img.plain_caption);
    }
    for (field, text) in Strings::english().fields() {
        add(messages::Message { msgctxt: format!("ui/{field}"), msgid: text.to_string(), reference: None, note: None });
    }
    // A plain-edition data text identical to its standard text is one message.
    let standard: std::collections::BTreeSet<(String, String)> =
        entries.iter().map(|e| (e.msgctxt.clone().unwrap_or_default(), e.msgid.clone())).collect();
    entries.retain(|e| {
        let ctxt = e.msgctxt.as_deref().unwrap_or("");
        !(ctxt.contains(".plain/") && standard.contains(&(ctxt.replacen(".plain/", "/", 1), e.msgid.clone())))
    });
    Catalog {
        header_comments: vec![
            "Messages of imprint's publications. Made by `imprint translate extract`; do not edit.".into(),
        ],
        header: vec![
            ("Project-Id-Version".into(), "imprint".into()),
            ("Language".into(), String::new()),
            ("MIME-Version".into(), "1.0".into()),
            ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
            ("Content-Transfer-Encoding".into(), "8bit".into()),
            ("X-Source-Language".into(), source_lang.into()),
        ],
        entries,
    }
}

/// The counts of a catalog against its template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    /// Messages with a current translation.
    pub translated: usize,
    /// Messages whose translation is stale (the source changed).
    pub fuzzy: usize,
    /// Messages with no translation.
    pub untranslated: usize,
}

impl Status {
    /// Every message of the template.
    pub fn total(&self) -> usize {
        self.translated + self.fuzzy + self.untranslated
    }

    /// Translated share, in percent.
    pub fn percent(&self) -> f64 {
        if self.total() == 0 { 100.0 } else { 100.0 * self.translated as f64 / self.total() as f64 }
    }
}

/// How a catalog stands against the template.
pub fn status(template: &Catalog, catalog: &Catalog) -> Status {
    let mut s = Status { translated: 0, fuzzy: 0, untranslated: 0 };
    for t in &template.entries {
        match catalog.find(t.msgctxt.as_deref(), &t.msgid) {
            Some(e) if e.translated() => s.translated += 1,
            Some(e) if e.fuzzy() && !e.msgstr.is_empty() => s.fuzzy += 1,
            _ => s.untranslated += 1,
        }
    }
    s
}
