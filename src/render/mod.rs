//! Renderers: a [`Document`] in, files (as bytes) out. Renderers are pure: they read nothing
//! and write nothing; the build driver writes what they return.

pub mod html;
pub mod text;

use std::path::PathBuf;

use crate::layouts::Layouts;
use crate::model::Document;
use crate::ui::Strings;

/// A file produced by a renderer, with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Where it goes, relative to `output/` (`en/about-cast-standard.html`).
    pub path: PathBuf,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// The brand colours, validated, as `#rrggbb`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Theme {
    /// Body text.
    pub text: String,
    /// Page background.
    pub background: String,
    /// Headings, links, title band.
    pub primary: String,
    /// Text on the primary colour.
    pub on_primary: String,
    /// Chart bars and rules.
    pub accent: String,
    /// Panels.
    pub surface: String,
}

/// Everything a renderer needs besides the document.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// The layouts (templates, stylesheets).
    pub layouts: &'a Layouts,
    /// The brand colours.
    pub theme: &'a Theme,
    /// Interface strings in the document's language.
    pub strings: &'a Strings,
}

/// A failure of a renderer, usually an error in a user-edited layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    /// What went wrong.
    pub message: String,
    /// The layout file and 1-based line, when the error is in a layout.
    pub layout: Option<(String, usize)>,
    /// What to do.
    pub hint: String,
}

/// A renderer for one output format.
pub trait Renderer: Sync {
    /// The format's name, as in `imprint.toml`.
    fn name(&self) -> &'static str;
    /// Renders one document into files.
    fn render(&self, doc: &Document, cx: RenderContext<'_>) -> Result<Vec<Artifact>, RenderError>;
}
