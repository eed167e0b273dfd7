//! Checks of `imprint.toml` beyond its shape: language codes, colour contrast, web address,
//! and that each publication names sections that exist.

use std::collections::BTreeSet;

use toml::Spanned;

use super::SourceSection;
use super::config::Config;
use crate::color::Color;
use crate::diag::{Diagnostic, Report, Span};
use crate::lang::parse_lang;
use crate::model::LangTag;

/// The minimum contrast for text (WCAG 2.2 SC 1.4.3, level AA).
pub const TEXT_CONTRAST: f64 = 4.5;
/// The contrast aimed for body text (WCAG 2.2 SC 1.4.6, level AAA).
pub const BODY_TEXT_TARGET: f64 = 7.0;
/// The minimum contrast for graphics such as chart bars (WCAG 2.2 SC 1.4.11).
pub const GRAPHIC_CONTRAST: f64 = 3.0;

fn span(file: usize, s: &Spanned<impl Sized>) -> Span {
    Span::new(file, s.span())
}

/// Validates a language tag written in a file, reporting an unknown one.
pub(crate) fn check_lang(tag: &str, span: Span, report: &mut Report) -> Option<LangTag> {
    match parse_lang(tag) {
        Ok(t) => Some(t),
        Err(e) => {
            report.push(Diagnostic::error(e.message).at(span).label("not a known language").hint(e.hint));
            None
        }
    }
}

/// Checks the configuration; returns the source language (English when it is unusable, so
/// that the other files can still be checked).
pub(crate) fn check(config: Option<&Config>, file: usize, report: &mut Report) -> LangTag {
    let fallback = LangTag("en".into());
    let Some(config) = config else { return fallback };
    let source = check_lang(config.languages.source.get_ref(), span(file, &config.languages.source), report);
    for lang in config.languages.build.iter().chain(&config.braille.experimental_languages) {
        check_lang(lang.get_ref(), span(file, lang), report);
    }
    check_contrast(config, file, report);
    if let Some(site) = &config.organization.website {
        let s = site.get_ref();
        if !(s.starts_with("https://") || s.starts_with("http://")) {
            report.push(
                Diagnostic::error(format!("the website `{s}` is not a web address"))
                    .at(span(file, site))
                    .hint("Write it in full, starting with https://"),
            );
        }
    }
    if let Some(base) = &config.site.base_url {
        let s = base.get_ref();
        let web = s.starts_with("https://") || s.starts_with("http://");
        if !web || s.contains(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | '\\' | '?' | '#')) {
            report.push(
                Diagnostic::error(format!("the site address `{s}` is not a web address for a folder"))
                    .at(span(file, base))
                    .hint("Write the address where output/ is published, in full: https://example.org/publications/"),
            );
        }
    }
    source.unwrap_or(fallback)
}

fn check_contrast(config: &Config, file: usize, report: &mut Report) {
    let b = &config.brand;
    let colors = [&b.text, &b.background, &b.primary, &b.on_primary, &b.accent, &b.surface];
    let mut parsed = Vec::new();
    for c in colors {
        match Color::parse(c.get_ref()) {
            Some(color) => parsed.push(color),
            None => {
                report.push(
                    Diagnostic::error(format!("`{}` is not a colour", c.get_ref()))
                        .at(span(file, c))
                        .hint("Write colours as #rrggbb, for example \"#1a1a1a\"."),
                );
                return;
            }
        }
    }
    let [text, background, primary, on_primary, accent, surface] = parsed[..] else {
        return;
    };
    let pairs: [(&str, Color, &Spanned<String>, Color, f64); 6] = [
        ("body text on the background", text, &b.text, background, TEXT_CONTRAST),
        ("headings and links on the background", primary, &b.primary, background, TEXT_CONTRAST),
        ("text on the primary colour", on_primary, &b.on_primary, primary, TEXT_CONTRAST),
        ("chart bars on the background", accent, &b.accent, background, GRAPHIC_CONTRAST),
        ("body text on panels", text, &b.text, surface, TEXT_CONTRAST),
        ("headings and links on panels", primary, &b.primary, surface, TEXT_CONTRAST),
    ];
    for (what, fg, fg_span, bg, min) in pairs {
        let ratio = fg.contrast(bg);
        if ratio < min {
            report.push(
                Diagnostic::error(format!("contrast of {what} is {ratio:.2}:1, below {min}:1"))
                    .at(span(file, fg_span))
                    .label(format!("{fg} on {bg}"))
                    .hint("Choose a darker or lighter colour; WCAG 2.2 level AA needs 4.5:1 for text and 3:1 for graphics."),
            );
        }
    }
    let body = text.contrast(background);
    if (TEXT_CONTRAST..BODY_TEXT_TARGET).contains(&body) {
        report.push(
            Diagnostic::warning(format!("contrast of body text is {body:.2}:1; readers with low vision need 7:1"))
                .at(span(file, &b.text))
                .hint("Darken the text colour or lighten the background to reach 7:1 (WCAG level AAA)."),
        );
    }
}

/// Checks each publication: unique id, sections that exist, formats listed once.
/// When a content file could not be read (`all_sections_read` is false), a publication naming
/// a missing section is not reported: the missing section is most likely that file.
pub(crate) fn check_publications(
    config: &Config,
    file: usize,
    sections: &[SourceSection],
    all_sections_read: bool,
    report: &mut Report,
) {
    let known: BTreeSet<&str> = sections.iter().map(|s| s.id.as_str()).collect();
    let mut pub_ids = BTreeSet::new();
    if config.publications.is_empty() {
        report.push(
            Diagnostic::error("no publication is defined")
                .hint("Add a [[publication]] table to imprint.toml with an id, a title, sections and formats."),
        );
    }
    for publication in &config.publications {
        let p = publication.get_ref();
        if !pub_ids.insert(p.id.get_ref().clone()) {
            report.push(
                Diagnostic::error(format!("duplicate publication id `{}`", p.id.get_ref()))
                    .at(span(file, &p.id))
                    .hint("Each publication needs its own id: it names its output files."),
            );
        }
        if !is_file_id(p.id.get_ref()) {
            report.push(
                Diagnostic::error(format!("publication id `{}` cannot name a file", p.id.get_ref()))
                    .at(span(file, &p.id))
                    .hint("Use lower-case letters, digits and hyphens only, e.g. \"about-cast\"."),
            );
        }
        for s in &p.sections {
            if all_sections_read && !known.contains(s.get_ref().as_str()) {
                report.push(
                    Diagnostic::error(format!("no section has the id `{}`", s.get_ref()))
                        .at(span(file, s))
                        .label("unknown section")
                        .hint(format!(
                            "The sections in content/ are: {}.",
                            known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                        )),
                );
            }
        }
        if let Some(cover) = &p.cover
            && !p.sections.iter().any(|s| s.get_ref() == cover.get_ref())
        {
            report.push(
                Diagnostic::error(format!(
                    "the cover section `{}` is not one of this publication's sections",
                    cover.get_ref()
                ))
                .at(span(file, cover))
                .hint("Name one of the ids listed in `sections`, or remove `cover`."),
            );
        }
        match &p.identifier {
            Some(identifier) if parse_uuid_urn(identifier.get_ref()).is_none() => report.push(
                Diagnostic::error(format!("`{}` is not a urn:uuid identifier", identifier.get_ref()))
                    .at(span(file, identifier))
                    .hint("Write identifier = \"urn:uuid:\" followed by a UUID, e.g. from the uuidgen command; keep it forever."),
            ),
            None if p.formats.iter().any(|f| *f.get_ref() == super::config::Format::Epub) => report.push(
                Diagnostic::error(format!("publication `{}` is built as EPUB but has no identifier", p.id.get_ref()))
                    .at(span(file, &p.id))
                    .hint("Add identifier = \"urn:uuid:...\" with a UUID (the uuidgen command makes one); keep it forever."),
            ),
            _ => {}
        }
        if p.editions.iter().any(|e| *e.get_ref() == super::config::Edition::Plain) {
            check_plain(p, file, sections, all_sections_read, report);
        }
        let mut formats = BTreeSet::new();
        for f in &p.formats {
            if !formats.insert(*f.get_ref()) {
                report.push(Diagnostic::warning("this format is listed twice").at(span(file, f)));
            }
        }
    }
}

/// Whether an id can be used in a file name and a URL as it is.
pub(crate) fn is_file_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The 16 bytes of a `urn:uuid:` identifier.
pub(crate) fn parse_uuid_urn(s: &str) -> Option<[u8; 16]> {
    let hex: String = s.strip_prefix("urn:uuid:")?.chars().filter(|c| *c != '-').collect();
    let groups: Vec<usize> = s.strip_prefix("urn:uuid:")?.split('-').map(str::len).collect();
    if groups != [8, 4, 4, 4, 12] || hex.len() != 32 {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

/// Every section of a plain-language edition needs its plain version, unless `plain-fallback`
/// names it; a fallback for a section that has a plain version is pointless.
fn check_plain(
    p: &super::config::PublicationConfig,
    file: usize,
    sections: &[SourceSection],
    all_sections_read: bool,
    report: &mut Report,
) {
    let allowed = |id: &str| p.plain_fallback.iter().any(|f| f.get_ref() == id);
    for s in &p.sections {
        let Some(section) = sections.iter().find(|x| x.id == *s.get_ref()) else { continue };
        if section.plain.is_none() && !allowed(s.get_ref()) {
            report.push(
                Diagnostic::error(format!("section `{}` has no plain-language version", s.get_ref()))
                    .at(span(file, s))
                    .label("needed by the plain-language edition")
                    .hint(format!(
                        "Write content/<name>.plain.md with id = \"{}\", or list the section in plain-fallback to show its standard text (marked) until then.",
                        s.get_ref()
                    )),
            );
        }
    }
    for f in &p.plain_fallback {
        match sections.iter().find(|x| x.id == *f.get_ref()) {
            Some(section) if section.plain.is_some() => report.push(
                Diagnostic::warning(format!(
                    "section `{}` has a plain-language version; the fallback is not used",
                    f.get_ref()
                ))
                .at(span(file, f))
                .hint("Remove it from plain-fallback."),
            ),
            Some(_) => {}
            // An id also in `sections` is reported there; with a content file unreadable, an
            // unknown id says nothing new.
            None if !all_sections_read || p.sections.iter().any(|s| s.get_ref() == f.get_ref()) => {}
            None => report.push(
                Diagnostic::error(format!("no section has the id `{}`", f.get_ref()))
                    .at(span(file, f))
                    .label("not a section of this publication"),
            ),
        }
    }
}

/// Checks `[readability]`: targets that a plain-language text can meet and that still mean
/// something (a grade of 60 would turn the gate off; NaN would fail every section).
pub(crate) fn check_readability(config: &Config, file: usize, report: &mut Report) {
    let r = &config.readability;
    let mut range = |name: &str, value: f64, s: std::ops::Range<usize>, (low, high): (f64, f64), hint: &str| {
        if !(low..=high).contains(&value) {
            report.push(
                Diagnostic::error(format!("{name} = {value} is outside {low} to {high}"))
                    .at(Span::new(file, s))
                    .hint(hint.to_string()),
            );
        }
    };
    range(
        "english-max-grade",
        *r.english_max_grade.get_ref(),
        r.english_max_grade.span(),
        (1.0, 12.0),
        "Plain language aims at grade 6 to 8 (Flesch-Kincaid); the default is 6.",
    );
    range(
        "spanish-min-inflesz",
        *r.spanish_min_inflesz.get_ref(),
        r.spanish_min_inflesz.span(),
        (0.0, 100.0),
        "INFLESZ runs from 0 to 100; 65 and above is \"bastante fácil\" (the default).",
    );
    range(
        "long-sentence",
        *r.long_sentence.get_ref() as f64,
        r.long_sentence.span(),
        (5.0, 60.0),
        "Plain-language guidelines list sentences over 20 words (the default).",
    );
}

/// Checks `[translations.<lang>]`: each names a language that is built, written as in
/// `[languages] build` (a table under any other name is never read).
pub(crate) fn check_translations(config: &Config, file: usize, report: &mut Report) {
    for (key, table) in &config.translations {
        // The builds are looked up by canonical tag (`zh-Hant`), so the key must be written so.
        let built: Vec<String> = config
            .languages
            .build
            .iter()
            .filter_map(|b| crate::lang::parse_lang(b.get_ref()).ok())
            .map(|t| t.as_str().to_string())
            .collect();
        if !built.contains(key) {
            let built: Vec<String> = built.iter().map(|b| format!("`{b}`")).collect();
            report.push(
                Diagnostic::error(format!("[translations.{key}] is not a language that is built"))
                    .at(span(file, table))
                    .label("these settings are never used")
                    .hint(format!(
                        "Name the table after a language of [languages] build, written the same way ({}).",
                        if built.is_empty() { "none is listed".to_string() } else { built.join(", ") }
                    )),
            );
        }
    }
}

/// The large-print guideline values imprint checks against.
pub mod large_print {
    /// The smallest body text (APH, ACB): 18 pt.
    pub const MIN_BODY: f64 = 18.0;
    /// The largest body text imprint lays out well.
    pub const MAX_BODY: f64 = 24.0;
    /// Line spacing by older ACB and APH practice.
    pub const APH_SPACING: f64 = 1.5;
    /// Line spacing by the ACB 2022 guidelines.
    pub const ACB_SPACING: f64 = 1.15;
    /// The most line spacing imprint lays out (double spacing and a half).
    pub const MAX_SPACING: f64 = 2.5;
    /// The contrast large print asks of text.
    pub const CONTRAST: f64 = 7.0;
}

/// Checks `[large-print]` and the colours when a publication is built in large print.
/// Checks `[checks]`: a rounding tolerance that is a number from 0 to
/// [`ChecksConfig::MAX_TOLERANCE`](super::config::ChecksConfig::MAX_TOLERANCE).
pub(crate) fn check_checks(config: &Config, file: usize, report: &mut Report) {
    let max = super::config::ChecksConfig::MAX_TOLERANCE;
    let t = &config.checks.rounding_tolerance;
    if !(0.0..=max).contains(t.get_ref()) {
        report.push(
            Diagnostic::error(format!("a rounding tolerance of {} is outside 0 to {max} points", t.get_ref()))
                .at(span(file, t))
                .hint("Rounded shares are each off by half a point at most; 3 is the usual tolerance. A larger one would hide a mistyped share."),
        );
    }
}

pub(crate) fn check_large_print(config: &Config, file: usize, report: &mut Report) {
    use large_print::*;
    let uses = config
        .publications
        .iter()
        .any(|p| p.get_ref().formats.iter().any(|f| *f.get_ref() == super::config::Format::LargePrint));
    if !uses {
        return;
    }
    let lp = &config.large_print;
    let size = *lp.body_size.get_ref();
    if !(MIN_BODY..=MAX_BODY).contains(&size) {
        report.push(
            Diagnostic::error(format!("large print: a body size of {size} pt is outside {MIN_BODY} to {MAX_BODY} pt"))
                .at(span(file, &lp.body_size))
                .hint("Large-print guidelines (APH, ACB) ask for 18 pt or more; imprint lays out 18 to 24 pt."),
        );
    }
    let spacing = *lp.line_spacing.get_ref();
    if spacing.is_nan() || spacing > MAX_SPACING {
        report.push(
            Diagnostic::error(format!(
                "large print: a line spacing of {spacing} is outside {ACB_SPACING} to {MAX_SPACING}"
            ))
            .at(span(file, &lp.line_spacing))
            .hint("Write the spacing as word processors count it: 1.5 is one and a half lines."),
        );
    } else if spacing < ACB_SPACING {
        report.push(
            Diagnostic::error(format!(
                "large print: a line spacing of {spacing} is below {ACB_SPACING}, the least any guideline allows"
            ))
            .at(span(file, &lp.line_spacing)),
        );
    } else if spacing < APH_SPACING {
        report.push(
            Diagnostic::warning(format!(
                "large print: a line spacing of {spacing} meets ACB 2022 ({ACB_SPACING}) but not APH practice ({APH_SPACING})"
            ))
            .at(span(file, &lp.line_spacing))
            .hint("Many low-vision readers find 1.5 easier to track from line to line."),
        );
    }
    let b = &config.brand;
    let (Some(text), Some(bg), Some(primary)) =
        (Color::parse(b.text.get_ref()), Color::parse(b.background.get_ref()), Color::parse(b.primary.get_ref()))
    else {
        return;
    };
    for (what, fg, fg_span) in [("body text", text, &b.text), ("headings and links", primary, &b.primary)] {
        let ratio = fg.contrast(bg);
        if ratio < CONTRAST {
            report.push(
                Diagnostic::error(format!("large print: contrast of {what} is {ratio:.2}:1, below {CONTRAST}:1"))
                    .at(span(file, fg_span))
                    .hint("The large-print edition needs 7:1 (WCAG level AAA) for all text."),
            );
        }
    }
}

/// The large-print settings beside the guideline values, for `imprint check`.
pub fn large_print_summary(config: &Config) -> Option<String> {
    use large_print::*;
    let uses = config
        .publications
        .iter()
        .any(|p| p.get_ref().formats.iter().any(|f| *f.get_ref() == super::config::Format::LargePrint));
    if !uses {
        return None;
    }
    let lp = &config.large_print;
    let contrast = match (Color::parse(config.brand.text.get_ref()), Color::parse(config.brand.background.get_ref())) {
        (Some(t), Some(b)) => format!("{:.1}:1", t.contrast(b)),
        _ => "unknown".into(),
    };
    Some(format!(
        "large print: body text {} pt (guideline: {MIN_BODY} pt or more), headings {} to {} pt bold, \
         line spacing {} (APH: {APH_SPACING} or more; ACB 2022: {ACB_SPACING} or more), margins 1 in (1 in or more), \
         text contrast {contrast} ({CONTRAST}:1 or more); no italics, hyphenation or justification (checked on the laid-out pages)",
        lp.body_size.get_ref(),
        lp.body_size.get_ref() + 2.0,
        lp.body_size.get_ref() + 12.0,
        lp.line_spacing.get_ref()
    ))
}
