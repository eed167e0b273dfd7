//! Data texts shown as text are inline Markdown (issue 13): a name in another script inside a
//! timeline event is marked for screen readers, emphasis and links work, nothing prints its
//! brackets, and an event may be a year alone.

use crate::common::*;

#[test]
fn timeline_texts_take_inline_markdown_and_events_may_be_a_year_alone() {
    let project = project(Some("valid/data-markup"));
    let out = temp_dir("data-markup-out");
    let run = imprint_in(&project, &["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(out.join("en/leaflet-standard.html")).unwrap();
    assert!(html.contains("It started with <span lang=\"fa\" dir=\"rtl\">Leila</span>."), "{html}");
    assert!(html.contains("Started with <em>care</em>"), "{html}");
    assert!(html.contains("<strong>grew</strong>; see <a href=\"https://example.org/\">our site</a>"), "{html}");
    assert!(!html.contains("]{lang="), "brackets printed:\n{html}");
    // The year-only event's heading is its year alone.
    assert!(html.contains("<span class=\"year\">2000</span> </h3>"), "{html}");
    // Translators see the Markdown, with the note.
    let run = imprint_in(&project, &["translate", "extract"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pot = std::fs::read_to_string(project.join("sources/translations/imprint.pot")).unwrap();
    assert!(pot.contains("msgid \"It started with [Leila]{lang=fa}.\""), "{pot}");
    assert!(pot.contains("#. Markdown: keep"), "{pot}");
    assert!(!pot.contains("timeline:history/2000/title"), "a year-only event has no title message");
}
