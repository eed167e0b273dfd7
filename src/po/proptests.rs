//! Property tests of the PO reader and writer: arbitrary input never makes the parser panic,
//! and every catalog imprint writes reads back the same.

use proptest::prelude::*;

use crate::po;
use crate::testing::{cases, hostile_text};

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(2000), ..ProptestConfig::default() })]

    #[test]
    fn po_parser_never_panics(text in hostile_text()) {
        let _ = po::parse(&text);
    }

    #[test]
    fn po_round_trips(
        entries in prop::collection::vec((prop::option::of("[a-z/.:]{1,12}"), hostile_text(), hostile_text(), any::<bool>()), 1..8)
    ) {
        // A catalog holds each message once (the reader refuses a second entry with the same
        // context and message, as msgfmt does): keep the first of any repeated pair.
        let mut seen = std::collections::HashSet::new();
        let entries: Vec<_> = entries.into_iter().filter(|(ctxt, id, _, _)| seen.insert((ctxt.clone(), id.clone()))).collect();
        let catalog = po::Catalog {
            header: vec![("Language".into(), "es".into())],
            header_comments: vec![],
            entries: entries
                .into_iter()
                .filter(|(_, id, _, _)| !id.is_empty())
                .map(|(ctxt, msgid, msgstr, fuzzy)| po::Entry {
                    msgctxt: ctxt,
                    msgid,
                    msgstr,
                    flags: if fuzzy { vec!["fuzzy".into()] } else { vec![] },
                    ..po::Entry::default()
                })
                .collect(),
        };
        let again = po::parse(&po::write(&catalog)).expect("what we write, we read");
        let strip = |c: &po::Catalog| c.entries.iter().map(|e| (e.msgctxt.clone(), e.msgid.clone(), e.msgstr.clone(), e.fuzzy())).collect::<Vec<_>>();
        prop_assert_eq!(strip(&again), strip(&catalog));
    }
}
