//! Merging a catalog with a new template, as `msgmerge` does: a message whose source is
//! unchanged keeps its translation; a changed one takes the translation of the most similar
//! old message of the same context, marked fuzzy with the previous source kept (`#|`); a new
//! one is untranslated; a message whose source is gone becomes obsolete (`#~`), kept for reuse.

use super::{Catalog, Entry};

/// How alike two texts are, from 0 to 1: the Dice coefficient of their word multisets.
fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| {
        let mut w: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
        w.sort();
        w
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// The least similarity for an old translation to be offered, fuzzy, for a changed message.
const FUZZY_THRESHOLD: f64 = 0.5;

/// The catalog `old` brought up to date with `template`; the header of `old` is kept.
pub fn merge(old: &Catalog, template: &Catalog) -> Catalog {
    let mut used = vec![false; old.entries.len()];
    let mut entries = Vec::new();
    // Exact matches first, so that a fuzzy match never takes a message that matches exactly.
    let exact: Vec<Option<usize>> = template
        .entries
        .iter()
        .map(|t| {
            let i = old.entries.iter().position(|o| o.key() == t.key());
            if let Some(i) = i {
                used[i] = true;
            }
            i
        })
        .collect();
    for (t, exact) in template.entries.iter().zip(exact) {
        let mut entry = Entry {
            msgctxt: t.msgctxt.clone(),
            msgid: t.msgid.clone(),
            extracted: t.extracted.clone(),
            references: t.references.clone(),
            ..Entry::default()
        };
        if let Some(i) = exact {
            let o = &old.entries[i];
            entry.msgstr = o.msgstr.clone();
            entry.flags = o.flags.clone();
            entry.previous = o.previous.clone();
            entry.previous_msgctxt = o.previous_msgctxt.clone();
            entry.comments = o.comments.clone();
        } else {
            let best = old
                .entries
                .iter()
                .enumerate()
                .filter(|(i, o)| !used[*i] && o.msgctxt == t.msgctxt && !o.msgstr.is_empty())
                .map(|(i, o)| (i, similarity(&o.msgid, &t.msgid)))
                .filter(|(_, s)| *s >= FUZZY_THRESHOLD)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            if let Some((i, _)) = best {
                used[i] = true;
                let o = &old.entries[i];
                entry.msgstr = o.msgstr.clone();
                entry.comments = o.comments.clone();
                entry.flags = vec!["fuzzy".into()];
                // As `msgmerge --previous` does: the old source, and its context if it had one.
                entry.previous = Some(o.previous.clone().unwrap_or_else(|| o.msgid.clone()));
                entry.previous_msgctxt = o.previous_msgctxt.clone().or_else(|| o.msgctxt.clone());
            }
        }
        entries.push(entry);
    }
    for (o, used) in old.entries.iter().zip(used) {
        if !used && !o.msgstr.is_empty() {
            // As msgmerge does, an obsolete entry keeps the translator's comments and drops
            // what came from the source (extracted comments and references).
            entries.push(Entry { obsolete: true, references: Vec::new(), extracted: Vec::new(), ..o.clone() });
        }
    }
    Catalog { header: old.header.clone(), header_comments: old.header_comments.clone(), entries }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ctxt: &str, id: &str, s: &str) -> Entry {
        Entry { msgctxt: Some(ctxt.into()), msgid: id.into(), msgstr: s.into(), ..Entry::default() }
    }

    #[test]
    fn unchanged_fuzzy_new_and_obsolete() {
        let old = Catalog {
            entries: vec![
                entry("a/paragraph", "We help survivors.", "Ayudamos a sobrevivientes."),
                entry("a/paragraph", "We serve survivors in Los Angeles County.", "Servimos en el condado."),
                entry("b/heading", "Gone", "Ido"),
            ],
            ..Catalog::default()
        };
        let template = Catalog {
            entries: vec![
                entry("a/paragraph", "We help survivors.", ""),
                entry("a/paragraph", "We serve survivors in all of Los Angeles County.", ""),
                entry("c/heading", "New", ""),
            ],
            ..Catalog::default()
        };
        let merged = merge(&old, &template);
        assert!(merged.entries[0].translated());
        let changed = &merged.entries[1];
        assert!(changed.fuzzy());
        assert_eq!(changed.msgstr, "Servimos en el condado.");
        assert_eq!(changed.previous.as_deref(), Some("We serve survivors in Los Angeles County."));
        assert_eq!(merged.entries[2].msgstr, "");
        assert!(merged.entries[3].obsolete && merged.entries[3].msgid == "Gone");
        assert_eq!(merged.entries.len(), 4);
    }

    #[test]
    fn similarity_is_word_based() {
        assert_eq!(similarity("a b c", "a b c"), 1.0);
        assert!(similarity("We help people", "We help all people") > 0.8);
        assert!(similarity("We help people", "Completely different words") < 0.2);
    }
}
