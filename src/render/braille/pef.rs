//! PEF 1.0 (Portable Embosser Format, `http://www.daisy.org/ns/2008/pef`): one volume of 40
//! cells by 25 rows, a section for the preliminary pages (the title page) and one for the
//! text, each row in Unicode braille, with the Dublin Core metadata PEF asks for (`dc:format`
//! and `dc:identifier`) and the title, creator, publisher, language, date and description.

use std::fmt::Write;

use super::cells::to_unicode;
use super::layout::{LINE, PAGE, Page};
use crate::render::html::escape::escape;

/// The PEF namespace.
pub const NAMESPACE: &str = "http://www.daisy.org/ns/2008/pef";

/// What the PEF metadata says.
pub struct Meta<'a> {
    /// `dc:identifier`.
    pub identifier: &'a str,
    /// `dc:title`.
    pub title: &'a str,
    /// `dc:creator`.
    pub creator: &'a str,
    /// `dc:publisher`.
    pub publisher: &'a str,
    /// `dc:language`.
    pub language: &'a str,
    /// `dc:description`.
    pub description: &'a str,
    /// `dc:date` (`YYYY-MM-DD`), from the build info only.
    pub date: Option<String>,
    /// `dc:contributor`: the translator and its table (`liblouis 3.24.0, en-ueb-g2.ctb`).
    pub translator: &'a str,
}

/// The PEF document of the sections' pages (each section's pages in order).
pub fn pef(meta: &Meta<'_>, sections: &[&[Page]]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(out, "<pef version=\"2008-1\" xmlns=\"{NAMESPACE}\">");
    let _ = writeln!(out, "<head>");
    let _ = writeln!(out, "<meta xmlns:dc=\"http://purl.org/dc/elements/1.1/\">");
    let _ = writeln!(out, "<dc:format>application/x-pef+xml</dc:format>");
    let _ = writeln!(out, "<dc:identifier>{}</dc:identifier>", escape(meta.identifier));
    let _ = writeln!(out, "<dc:title>{}</dc:title>", escape(meta.title));
    let _ = writeln!(out, "<dc:creator>{}</dc:creator>", escape(meta.creator));
    let _ = writeln!(out, "<dc:publisher>{}</dc:publisher>", escape(meta.publisher));
    let _ = writeln!(out, "<dc:contributor>{}</dc:contributor>", escape(meta.translator));
    let _ = writeln!(out, "<dc:language>{}</dc:language>", escape(meta.language));
    let _ = writeln!(out, "<dc:description>{}</dc:description>", escape(meta.description));
    if let Some(date) = &meta.date {
        let _ = writeln!(out, "<dc:date>{}</dc:date>", escape(date));
    }
    let _ = writeln!(out, "</meta>");
    let _ = writeln!(out, "</head>");
    let _ = writeln!(out, "<body>");
    let _ = writeln!(out, "<volume cols=\"{LINE}\" rows=\"{PAGE}\" rowgap=\"0\" duplex=\"false\">");
    for pages in sections {
        let _ = writeln!(out, "<section>");
        for page in *pages {
            let _ = writeln!(out, "<page>");
            for line in page.full_lines() {
                let row = to_unicode(line.trim_end());
                if row.is_empty() {
                    let _ = writeln!(out, "<row/>");
                } else {
                    let _ = writeln!(out, "<row>{row}</row>");
                }
            }
            let _ = writeln!(out, "</page>");
        }
        let _ = writeln!(out, "</section>");
    }
    let _ = writeln!(out, "</volume>");
    let _ = writeln!(out, "</body>");
    let _ = writeln!(out, "</pef>");
    out
}

/// The BRF file of the pages: each line ended by CR LF, each page (all 25 lines, so that the
/// page number sits on the last line of the sheet) followed by a form feed.
///
/// CR LF because BRF files are sent to embossers and refreshable displays as they are, and
/// embossers (and the BRF files of NLS BARD and of Duxbury) use CR LF: a bare LF moves some
/// embossers down a line without returning the carriage.
pub fn brf(sections: &[&[Page]]) -> Vec<u8> {
    let mut out = Vec::new();
    for page in sections.iter().flat_map(|s| s.iter()) {
        for line in page.full_lines() {
            out.extend_from_slice(line.trim_end().as_bytes());
            out.extend_from_slice(b"\r\n");
        }
        out.push(0x0C);
    }
    out
}
