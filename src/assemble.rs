//! Assembling a publication: the sections it names, in its order, with its metadata, as one
//! [`Document`] in one language. Links to anchors are checked here, because an anchor must be
//! inside the same publication to work.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Report, Span};
use crate::i18n::keys::MessageKey;
use crate::i18n::publication_texts;
use crate::i18n::resolve::Resolver;
use crate::lang::direction;
use crate::lang::profile::Words;
use crate::model::{Block, Document, Edition, Inline, LangTag, List, Organization, Paragraph, Section, walk};
use crate::source::config::PublicationConfig;
use crate::source::{GlossaryEntry, Sources};
use crate::ui::Strings;

/// Builds the document of one publication in one edition and in the resolver's language,
/// reporting links to anchors that the publication does not contain. The plain-language
/// edition takes each section's plain version (or, where `plain-fallback` allows it, the
/// standard text, marked), and ends with a glossary of the terms its text uses.
pub fn assemble(
    sources: &Sources,
    publication: &PublicationConfig,
    edition: Edition,
    resolver: &Resolver<'_>,
    strings: &Strings,
    report: &mut Report,
) -> Option<Document> {
    let config = sources.config.as_ref()?;
    let mut sections = Vec::new();
    for id in &publication.sections {
        // Unknown section ids, and missing plain versions, were reported by the checks.
        let standard = sources.sections.iter().find(|s| &s.id == id.get_ref())?;
        let (source, fallback) = match (edition, &standard.plain) {
            (Edition::Standard, _) => (standard, false),
            (Edition::Plain, Some(plain)) => (plain.as_ref(), false),
            (Edition::Plain, None) => (standard, true),
        };
        let section = Section {
            id: source.id.clone(),
            title: vec![Inline::Text(source.title.clone())],
            blocks: source.blocks.clone(),
            origin: source.origin,
            fallback,
        };
        sections.push((source, section));
    }
    let mut anchors = BTreeSet::new();
    for (_, section) in &sections {
        anchors.insert(section.id.clone());
        anchors.extend(walk::anchors(&section.blocks).into_iter().map(str::to_string));
    }
    for (source, _) in &sections {
        for (target, span) in &source.internal_links {
            if !anchors.contains(target) {
                report.push(dangling_link(target, span.clone(), publication.id.get_ref()));
            }
        }
    }
    let mut sections: Vec<Section> = sections.into_iter().map(|(_, s)| resolver.section(&s, &anchors)).collect();
    if edition == Edition::Plain {
        let entries: Vec<GlossaryEntry> = sources
            .glossary
            .iter()
            .map(|g| {
                let term = resolver_term(resolver, g);
                GlossaryEntry {
                    forms: if term == g.term { g.forms.clone() } else { vec![term.clone()] },
                    definition: resolver
                        .string(&MessageKey::GlossaryDefinition { term: g.term.clone() }, &g.definition),
                    term,
                    origin: g.origin,
                }
            })
            .collect();
        if let Some(glossary) = glossary_section(&sections, &entries, &resolver.lang(), strings) {
            sections.push(glossary);
        }
    }
    let lang: LangTag = resolver.lang();
    let org = &config.organization;
    let mut texts = publication_texts(publication, edition).into_iter().map(|(key, t)| resolver.string(&key, t));
    let title = texts.next().unwrap_or_default();
    let description = texts.next().unwrap_or_default();
    let keywords = texts.collect();
    Some(Document {
        id: publication.id.get_ref().clone(),
        edition,
        dir: direction(&lang),
        lang,
        title,
        description,
        keywords,
        organization: Organization {
            name: org.name.clone(),
            legal_name: org.legal_name.clone(),
            website: org.website.as_ref().map(|w| crate::source::normalize_url(w.get_ref())),
        },
        identifier: publication.identifier.as_ref().map(|i| i.get_ref().clone()),
        certifications: Vec::new(),
        sections,
        cover: publication.cover.as_ref().map(|c| c.get_ref().clone()),
        notices: Vec::new(),
    })
}

/// A glossary term in the resolver's language. Terms are matched in the text only where the
/// glossary is used, so a term with no translation is matched in its source form.
fn resolver_term(resolver: &Resolver<'_>, g: &GlossaryEntry) -> String {
    resolver.string(&MessageKey::GlossaryTerm { term: g.term.clone() }, &g.term)
}

/// The glossary: every entry one of whose forms the edition's prose uses, by term.
fn glossary_section(
    sections: &[Section],
    entries: &[GlossaryEntry],
    lang: &LangTag,
    strings: &Strings,
) -> Option<Section> {
    // Every text a reader reads: prose, and the cells of tables.
    let text: String = sections
        .iter()
        .flat_map(|s| crate::readability::text::all_text(&s.blocks))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    // Chinese, Japanese, Thai and Khmer are written without spaces: a term is found anywhere;
    // Korean attaches endings to words: a term is found at the start of a word.
    let words = crate::lang::profile(lang).words;
    let found = |f: &str| match words {
        Words::Unspaced => text.contains(f),
        Words::Suffixed => contains_word_start(&text, f),
        Words::Spaced => contains_word(&text, f),
    };
    let mut used: Vec<&GlossaryEntry> =
        entries.iter().filter(|e| e.forms.iter().any(|f| found(&f.to_lowercase()))).collect();
    crate::lang::collate::sort_by(lang, &mut used, |e| &e.term);
    let first = used.first()?;
    let items = used
        .iter()
        .map(|e| {
            // The definition is inline Markdown (checked where it is declared); a translation
            // that does not parse is shown as written.
            let definition = crate::source::parse_inline_markdown(&e.definition)
                .unwrap_or_else(|_| vec![Inline::Text(e.definition.clone())]);
            let mut content =
                vec![Inline::Strong(vec![Inline::Text(e.term.clone())]), Inline::Text(strings.label_separator.clone())];
            let mut rest = definition.into_iter();
            match rest.next() {
                Some(Inline::Text(t)) => content[1] = Inline::Text(format!("{}{t}", strings.label_separator)),
                Some(other) => content.push(other),
                None => {}
            }
            content.extend(rest);
            vec![Block::Paragraph(Paragraph { content, origin: e.origin })]
        })
        .collect();
    Some(Section {
        id: crate::model::GLOSSARY_ID.into(),
        title: vec![Inline::Text(strings.glossary.clone())],
        blocks: vec![Block::List(List { start: None, items })],
        origin: first.origin,
        fallback: false,
    })
}

/// Whether `word` occurs in `text` as a whole word (not inside a longer word).
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Whether `word` begins a word of `text` (whatever follows it).
fn contains_word_start(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| !text[..i].chars().next_back().is_some_and(char::is_alphanumeric))
}

fn dangling_link(target: &str, span: Span, publication: &str) -> Diagnostic {
    Diagnostic::error(format!("the link target `#{target}` is not in the publication `{publication}`"))
        .at(span)
        .label("dangling link")
        .hint("Link to the id of a section, heading, chart, timeline or image that this publication includes, or remove the link.")
}

#[cfg(test)]
mod tests {
    use super::{contains_word, contains_word_start, glossary_section};
    use crate::model::{Block, Inline, Origin, Section, Table};
    use crate::source::GlossaryEntry;
    use crate::ui::Strings;

    #[test]
    fn terms_used_only_in_table_cells_are_listed() {
        let origin = Origin { file: 0, start: 0, end: 0 };
        let cell = vec![Inline::Text("Help with a *T-Visa*".into())];
        let table = Table { header: vec![], rows: vec![vec![cell]], origin, caption: None };
        let section = Section {
            id: "s".into(),
            title: vec![],
            blocks: vec![Block::Table(Box::new(table))],
            origin,
            fallback: false,
        };
        let entry = GlossaryEntry {
            term: "T-Visa".into(),
            forms: vec!["T-Visa".into()],
            definition: "A visa for *survivors*.".into(),
            origin,
        };
        let en = crate::lang::parse_lang("en").unwrap();
        let glossary = glossary_section(&[section], &[entry], &en, &Strings::english()).expect("a glossary");
        let Block::List(list) = &glossary.blocks[0] else { panic!("a list") };
        let Block::Paragraph(p) = &list.items[0][0] else { panic!("a paragraph") };
        assert_eq!(p.content[1], Inline::Text(": A visa for ".into()));
        assert_eq!(p.content[2], Inline::Emph(vec![Inline::Text("survivors".into())]));
    }

    #[test]
    fn word_starts_for_languages_with_endings() {
        assert!(contains_word_start("그들은 인신매매를 겪었다", "인신매매"));
        assert!(!contains_word_start("반인신매매", "인신매매"));
    }

    #[test]
    fn whole_words_only() {
        assert!(contains_word("we offer advocacy.", "advocacy"));
        assert!(contains_word("a t-visa helps", "t-visa"));
        assert!(!contains_word("traumatic", "trauma"));
        assert!(!contains_word("cast", "as"));
    }
}
