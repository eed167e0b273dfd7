//! The accessibility report as a web page, in the edition's language: every value escaped by
//! the HTML renderer's one escape function, every interface string that is imprint's English
//! standing in for a translation marked `lang="en"`.

use std::fmt::Write;

use super::{Report, manual_name};
use crate::check::Checked;
use crate::plan::Job;
use crate::render::html::escape::escape;

/// The words of the page in the document's language.
struct Words<'a> {
    job: &'a Job,
}

impl Words<'_> {
    /// The interface string `name`, escaped, with `{placeholder}`s replaced by escaped values;
    /// wrapped in `<span lang="en">` when it is the English fallback.
    fn get(&self, name: &str, args: &[(&str, String)]) -> String {
        let strings = &self.job.strings;
        let raw =
            strings.fields().into_iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()).unwrap_or_default();
        let mut text = escape(&raw);
        for (key, value) in args {
            text = text.replace(key, &escape(value));
        }
        if strings.is_english_fallback(name, &self.job.doc.lang) {
            format!("<span lang=\"en\" dir=\"ltr\">{text}</span>")
        } else {
            text
        }
    }

    /// Text imprint writes only in English (a reason a review lapsed), marked as English in a
    /// page in another language.
    fn english(&self, text: &str) -> String {
        let lang = self.job.doc.lang.as_str();
        if lang == "en" || lang.starts_with("en-") {
            escape(text)
        } else {
            format!("<span lang=\"en\" dir=\"ltr\">{}</span>", escape(text))
        }
    }
}

/// The name of a format for people.
fn format_label(format: &str) -> &'static str {
    match format {
        "epub" => "EPUB 3",
        "pdf" => "PDF",
        "large-print" => "PDF (large print)",
        _ => "HTML",
    }
}

/// The interface string naming an automated check.
fn check_name(id: &str) -> &'static str {
    match id {
        "pdf-ua-1" => "check_pdfua",
        "structure" => "check_structure",
        "language-of-parts" => "check_lang_parts",
        "glyph-coverage" => "check_glyphs",
        "contrast" => "check_contrast",
        "large-print" => "check_large_print",
        "reading-level" => "check_reading_level",
        _ => "check_epub_metadata",
    }
}

/// The sentence giving a check's figures, when it has some.
fn check_result_name(id: &str) -> Option<&'static str> {
    match id {
        "contrast" => Some("check_contrast_result"),
        "large-print" => Some("check_large_print_result"),
        "reading-level" => Some("check_reading_level_result"),
        _ => None,
    }
}

/// The whole page.
pub(super) fn page(report: &Report, checked: &Checked, job: &Job) -> String {
    let w = Words { job };
    let doc = &job.doc;
    let (text, background, primary) = colours(checked);
    let mut out = String::new();
    let title = w.get("report_title", &[("{title}", doc.title.clone())]);
    let plain_title = job.strings.report_title.replace("{title}", &doc.title);
    let _ = writeln!(out, "<!DOCTYPE html>");
    let _ = writeln!(out, "<html lang=\"{}\" dir=\"{}\">", escape(doc.lang.as_str()), doc.dir.as_str());
    let _ = writeln!(out, "<head>\n<meta charset=\"utf-8\">");
    let _ = writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    let _ = writeln!(out, "<title>{}</title>", escape(&plain_title));
    let _ = writeln!(
        out,
        "<style>\nbody {{ font-family: system-ui, sans-serif; line-height: 1.5; margin: 0 auto; max-width: 60rem; \
         padding: 1rem; color: {text}; background: {background}; }}\nh1, h2 {{ color: {primary}; }}\n\
         table {{ border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }}\n\
         th, td {{ border: 1px solid {text}; padding: 0.4rem; text-align: start; vertical-align: top; }}\n\
         a {{ color: {primary}; }}\n</style>\n</head>\n<body>\n<main>"
    );
    let _ = writeln!(out, "<h1>{title}</h1>");
    let _ = writeln!(out, "<p>{}</p>", w.get("report_intro", &[]));
    let _ = writeln!(
        out,
        "<p>{}: {} ({})</p>",
        w.get("report_edition", &[]),
        escape(&report.edition),
        escape(&report.lang)
    );
    if !report.conformance_claimed {
        let _ = writeln!(out, "<p><strong>{}</strong></p>", w.get("report_no_claim", &[]));
    }

    let _ = writeln!(out, "<h2>{}</h2>", w.get("report_files", &[]));
    let header = |out: &mut String, cols: &[&str]| {
        out.push_str("<table>\n<thead><tr>");
        for c in cols {
            let _ = write!(out, "<th scope=\"col\">{}</th>", w.get(c, &[]));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
    };
    header(&mut out, &["report_file", "report_format", "report_claim"]);
    for f in &report.files {
        let claim = match (&f.certified_by, &f.date) {
            (Some(by), Some(date)) => w.get("report_claimed", &[("{certifier}", by.clone()), ("{date}", date.clone())]),
            _ => w.get("report_no_claim", &[]),
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"{0}\">{0}</a></th><td>{1}</td><td>{claim}</td></tr>",
            escape(&f.file),
            format_label(&f.format)
        );
    }
    out.push_str("</tbody>\n</table>\n");

    let _ = writeln!(out, "<h2>{}</h2>", w.get("report_machine", &[]));
    header(&mut out, &["report_check", "report_format", "report_result"]);
    for c in &report.machine_checks {
        let result = if c.formats.is_empty() {
            w.get("report_not_applicable", &[])
        } else {
            match check_result_name(c.id).filter(|_| !c.args.is_empty()) {
                Some(name) => format!("{}. {}", w.get("report_passed", &[]), w.get(name, &c.args)),
                None => w.get("report_passed", &[]),
            }
        };
        let formats: Vec<&str> = c.formats.iter().map(|f| format_label(f)).collect();
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{result}</td></tr>",
            w.get(check_name(c.id), &[]),
            escape(&formats.join(", "))
        );
    }
    out.push_str("</tbody>\n</table>\n");

    let _ = writeln!(out, "<h2>{}</h2>", w.get("report_manual", &[]));
    header(&mut out, &["report_check", "report_status"]);
    for m in &report.manual_checks {
        let status = match (&m.confirmed_by, &m.date) {
            (Some(by), Some(date)) => {
                w.get("report_confirmed", &[("{reviewer}", by.clone()), ("{date}", date.clone())])
            }
            _ => w.get("report_not_confirmed", &[]),
        };
        let _ = writeln!(out, "<tr><th scope=\"row\">{}</th><td>{status}</td></tr>", w.get(manual_name(m.id), &[]));
    }
    out.push_str("</tbody>\n</table>\n");

    let _ = writeln!(out, "<h2>{}</h2>", w.get("report_reviews", &[]));
    if report.reviews.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", w.get("report_no_reviews", &[]));
    } else {
        header(&mut out, &["report_reviewer", "report_date", "report_format", "report_status"]);
        for r in &report.reviews {
            let state = match (r.state, &r.reason) {
                ("lapsed", Some(why)) => w.get("report_lapsed", &[]).replace("{why}", &w.english(why)),
                ("withheld", Some(why)) => w.get("report_withheld", &[]).replace("{why}", &w.english(why)),
                _ => w.get("report_current", &[]),
            };
            let who = match &r.credential {
                Some(c) => format!("{}, {} ({})", r.reviewer, r.organization, c),
                None => format!("{}, {}", r.reviewer, r.organization),
            };
            let formats: Vec<&str> = r.formats.iter().map(|f| format_label(f)).collect();
            let _ = writeln!(
                out,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{state}</td></tr>",
                escape(&who),
                escape(&r.date),
                escape(&formats.join(", "))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The brand's text, background and primary colours (checked for contrast by `imprint check`).
fn colours(checked: &Checked) -> (String, String, String) {
    let pick = |f: fn(&crate::source::config::Brand) -> &toml::Spanned<String>, default: &str| {
        checked
            .sources
            .config
            .as_ref()
            .and_then(|c| crate::color::Color::parse(f(&c.brand).get_ref()).map(|_| f(&c.brand).get_ref().clone()))
            .unwrap_or_else(|| default.to_string())
    };
    (pick(|b| &b.text, "#1b1b1f"), pick(|b| &b.background, "#ffffff"), pick(|b| &b.primary, "#1b1b1f"))
}
