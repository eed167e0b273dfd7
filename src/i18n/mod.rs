//! Translation with gettext PO catalogs: the template of every translatable message
//! (`sources/translations/imprint.pot`), one catalog per language (`<lang>.po`), merged the
//! way msgmerge merges, and the lookup that resolves a document into one language before
//! any renderer sees it.

pub mod bidi;
pub mod keys;
pub mod messages;
pub mod resolve;

use std::collections::{BTreeMap, BTreeSet};

use self::keys::MessageKey;
use self::messages::Message;
use crate::diag::SourceFiles;
use crate::model::{Document, Edition};
use crate::source::config::PublicationConfig;
use crate::ui::Strings;

pub use crate::po::{Catalog, Entry};

/// The template's file name.
pub const TEMPLATE: &str = "imprint.pot";

/// The texts of a publication's `imprint.toml` entry in an edition, with their keys: the
/// title (the plain-language edition's own title when it has one), the description and the
/// keywords. Used by the template and by the build's lookup alike.
pub fn publication_texts(p: &PublicationConfig, edition: Edition) -> Vec<(MessageKey, &str)> {
    let publication = p.id.get_ref().clone();
    let title = match (edition, &p.plain_title) {
        (Edition::Plain, Some(t)) => (MessageKey::Title { publication: publication.clone(), plain: true }, t.as_str()),
        _ => (MessageKey::Title { publication: publication.clone(), plain: false }, p.title.as_str()),
    };
    let mut out = vec![title, (MessageKey::Description { publication: publication.clone() }, p.description.as_str())];
    for k in &p.keywords {
        out.push((MessageKey::Keyword { publication: publication.clone() }, k.as_str()));
    }
    out
}

/// The template: every message of the source-language documents, the glossary and the
/// interface strings, each once, with all its references.
pub fn template(documents: &[&Document], sources: &crate::source::Sources, files: &SourceFiles) -> Catalog {
    let (glossary, source_lang) = (&sources.glossary, sources.source_lang.as_str());
    let mut entries: Vec<(MessageKey, Entry)> = Vec::new();
    let mut index: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut add = |m: Message| {
        let ctxt = m.key.context();
        let i = *index.entry((ctxt.clone(), m.msgid.clone())).or_insert_with(|| {
            let entry = Entry {
                msgctxt: Some(ctxt),
                msgid: m.msgid.clone(),
                extracted: m.note.map(|n| vec![n.to_string()]).unwrap_or_default(),
                ..Entry::default()
            };
            entries.push((m.key.clone(), entry));
            entries.len() - 1
        });
        if let Some(r) = m.reference
            && !entries[i].1.references.contains(&r)
        {
            entries[i].1.references.push(r);
        }
    };
    let text = |key: MessageKey, msgid: &str, reference: Option<String>| Message {
        key,
        msgid: msgid.to_string(),
        reference,
        note: None,
    };
    let publications = sources.config.as_ref().map(|c| c.publications.as_slice()).unwrap_or_default();
    for doc in documents {
        if let Some(p) = publications.iter().find(|p| p.get_ref().id.get_ref() == &doc.id) {
            for (key, msgid) in publication_texts(p.get_ref(), doc.edition) {
                if !msgid.trim().is_empty() {
                    add(text(key, msgid, None));
                }
            }
        }
        // A section shown in its standard text (plain-fallback) has the standard's messages;
        // the glossary is made of the glossary's messages.
        let glossary = |s: &crate::model::Section| s.id == crate::model::GLOSSARY_ID && doc.edition == Edition::Plain;
        let own = |s: &&crate::model::Section| !s.fallback && !glossary(s);
        for section in doc.sections.iter().filter(own) {
            messages::of_section(section, doc.edition, files).into_iter().for_each(&mut add);
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
            add(text(MessageKey::GlossaryTerm { term: g.term.clone() }, &g.term, r.clone()));
            let definition = text(MessageKey::GlossaryDefinition { term: g.term.clone() }, &g.definition, r);
            add(Message { note: Some(messages::MARKDOWN_NOTE), ..definition });
        }
    }
    // Every image's texts, also of images whose file has not arrived yet.
    for img in &sources.image_texts {
        let r = Some(messages::reference(files, img.origin));
        let image = || img.id.clone();
        let texts = [
            (MessageKey::ImageAlt { image: image() }, &img.alt),
            (MessageKey::ImageCaption { image: image(), edition: Edition::Standard }, &img.caption),
            (MessageKey::ImageCaption { image: image(), edition: Edition::Plain }, &img.plain_caption),
        ];
        for (key, t) in texts {
            if let Some(t) = t {
                // Captions are Markdown; alt text is plain.
                let note = matches!(key, MessageKey::ImageCaption { .. }).then_some(messages::MARKDOWN_NOTE);
                add(Message { note, ..text(key, t, r.clone()) });
            }
        }
    }
    for (name, english) in Strings::english().fields() {
        add(text(MessageKey::Interface { name }, english, None));
    }
    // A plain-edition text identical to its standard text is one message.
    let standard: BTreeSet<(String, String)> =
        entries.iter().map(|(_, e)| (e.msgctxt.clone().unwrap_or_default(), e.msgid.clone())).collect();
    entries.retain(|(key, e)| !key.standard().is_some_and(|s| standard.contains(&(s.context(), e.msgid.clone()))));
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
        entries: entries.into_iter().map(|(_, e)| e).collect(),
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
