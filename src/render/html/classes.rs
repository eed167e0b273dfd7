//! The CSS classes that Rust writes into the body of the web edition and of the EPUB's
//! content documents, declared in one place so that designers can style them
//! (`layouts/html/style.css`, `layouts/epub/style.css`) without reading Rust. Classes in the
//! templates (`layouts/**/*.html`, `*.xhtml`) are the templates' own and are not listed here.
//! A test builds the fixtures and fails when the body holds a class missing from this list,
//! or when an entry here is never written.

/// Every class the body writer can emit, with what it marks. Where an entry applies to one
/// format only, it says so.
pub const CSS_CLASSES: &[(&str, &str)] = &[
    (
        "fallback-note",
        "`<p>` at the top of a section of the plain-language edition that has no plain version yet, saying that the standard text follows",
    ),
    (
        "table-wrap",
        "`<div>` around every table from the content, so that a wide table scrolls sideways instead of widening the page",
    ),
    ("credit", "`<span>` in a figure's `<figcaption>`: the photo credit (\"Photo: name\")"),
    ("chart", "`<div>` around a whole chart: its heading, population, drawing, note and data table"),
    ("chart-population", "`<p>` under a chart's heading: who was counted"),
    ("bars", "the chart's drawing: a `<div role=\"img\">` of bar rows on the web, an `<svg role=\"img\">` in the EPUB"),
    ("bar-row", "web only: `<div>` holding one category's label, track and value"),
    ("bar-label", "web only: `<span>` with a category's name"),
    ("bar-track", "web only: `<span>` the full width a bar could take (100%)"),
    ("bar", "web only: `<span>` inside the track, its width (inline style) the category's share"),
    ("bar-value", "web only: `<span>` with the share as text (\"73%\", \"<1%\")"),
    ("chart-note", "`<p>` after the drawing when the shares do not add up to 100% (rounding, or categories left out)"),
    ("chart-data", "web only: `<details>` holding the chart's data table (in the EPUB the table is shown open)"),
    ("timeline", "`<ol>` of a timeline's events, oldest first"),
    ("event-title", "the heading of one timeline event"),
    ("year", "`<span>` at the start of an event's heading: its year"),
];
