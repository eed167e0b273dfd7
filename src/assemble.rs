//! Assembling a publication: the sections it names, in its order, with its metadata, as one
//! [`Document`] in one language. Links to anchors are checked here, because an anchor must be
//! inside the same publication to work.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Report, Span};
use crate::lang::direction;
use crate::model::{Document, Inline, LangTag, Organization, Section, walk};
use crate::source::Sources;
use crate::source::config::PublicationConfig;

/// Builds the document of one publication in the source language, reporting links to
/// anchors that the publication does not contain.
pub fn assemble(sources: &Sources, publication: &PublicationConfig, report: &mut Report) -> Option<Document> {
    let config = sources.config.as_ref()?;
    let mut sections = Vec::new();
    for id in &publication.sections {
        // Unknown section ids were reported when imprint.toml was checked.
        let source = sources.sections.iter().find(|s| &s.id == id.get_ref())?;
        sections.push((
            source,
            Section {
                id: source.id.clone(),
                title: vec![Inline::Text(source.title.clone())],
                blocks: source.blocks.clone(),
                origin: source.origin,
            },
        ));
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
    let lang: LangTag = sources.source_lang.clone();
    let org = &config.organization;
    Some(Document {
        id: publication.id.get_ref().clone(),
        dir: direction(&lang),
        lang,
        title: publication.title.clone(),
        description: publication.description.clone(),
        keywords: publication.keywords.clone(),
        organization: Organization {
            name: org.name.clone(),
            legal_name: org.legal_name.clone(),
            website: org.website.as_ref().map(|w| crate::source::normalize_url(w.get_ref())),
        },
        identifier: publication.identifier.as_ref().map(|i| i.get_ref().clone()),
        certifier: config.accessibility.certifier.clone(),
        sections: sections.into_iter().map(|(_, s)| s).collect(),
        cover: publication.cover.as_ref().map(|c| c.get_ref().clone()),
    })
}

fn dangling_link(target: &str, span: Span, publication: &str) -> Diagnostic {
    Diagnostic::error(format!("the link target `#{target}` is not in the publication `{publication}`"))
        .at(span)
        .label("dangling link")
        .hint("Link to the id of a section, heading, chart, timeline or image that this publication includes, or remove the link.")
}
