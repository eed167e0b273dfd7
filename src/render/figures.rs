//! The figures of a document as the formats list them: the image files to ship (each once)
//! and the photo credits (each figure's, in reading order). One function each, so that every
//! format lists the same images and credits.

use crate::model::text::plain;
use crate::model::{Document, Figure, walk};

/// A figure's photo credit, with its caption as plain text for formats that name the photo.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct PhotoCredit {
    /// The figure's caption as plain text; empty when it has none.
    pub caption: String,
    /// Who is credited, as written in the source.
    pub credit: String,
}

/// The photo credit of every figure that has one, in reading order (timeline events'
/// figures included). A figure placed twice is listed twice; a format that prints one line
/// per photo drops the repeats itself.
pub(crate) fn photo_credits(doc: &Document) -> Vec<PhotoCredit> {
    doc.sections
        .iter()
        .flat_map(|s| walk::figures(&s.blocks))
        .filter_map(|f| {
            let credit = f.credit.as_ref()?;
            Some(PhotoCredit {
                caption: f.caption.as_ref().map(|c| plain(c)).unwrap_or_default(),
                credit: credit.clone(),
            })
        })
        .collect()
}

/// The figures whose image files a format ships: one per image file, in reading order.
pub(crate) fn images(doc: &Document) -> Vec<&Figure> {
    let mut out: Vec<&Figure> = Vec::new();
    for f in doc.sections.iter().flat_map(|s| walk::figures(&s.blocks)) {
        if !out.iter().any(|g| g.image.path == f.image.path) {
            out.push(f);
        }
    }
    out
}
