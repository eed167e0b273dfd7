//! What the property tests of several modules share: how many cases to run, and hostile
//! text that mixes the syntaxes imprint reads and writes. The properties themselves live
//! beside the modules they test (`source/proptests.rs`, `po/proptests.rs`, `render/pdf/markup`).
//!
//! Each property runs its default number of cases on every test run; set `IMPRINT_FUZZ_CASES`
//! to run more (`IMPRINT_FUZZ_CASES=20000 cargo test --release --lib proptests`).

use proptest::prelude::*;

/// The number of cases of a property: `IMPRINT_FUZZ_CASES` when set, else `default`.
pub(crate) fn cases(default: u32) -> u32 {
    std::env::var("IMPRINT_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Text that mixes Markdown, TOML and Typst syntax, HTML, quotes, controls and scripts.
pub(crate) fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "#",
        "##",
        "###",
        "*",
        "**",
        "_",
        "`",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "{lang=es}",
        "{lang=",
        "::chart[",
        "::",
        ":::",
        "::: lang=fa",
        "+++",
        "---",
        "<script>",
        "</title>",
        "&amp;",
        "&",
        "\"",
        "'",
        "\\",
        "\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "- ",
        "1. ",
        "> ",
        "|",
        "|---|",
        "$",
        "@ref",
        "<label>",
        "//",
        "/*",
        "=",
        "~",
        "\u{0}",
        "\u{7}",
        "é",
        "中",
        "ی",
        "\u{200c}",
        "\u{202e}",
        "🧪",
        "x",
        "word",
        "0",
        "]]>",
        "#read(\"/etc/passwd\")",
        "#set page(width: 1pt)",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}
