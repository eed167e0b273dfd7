//! imprint turns one structured source of an organization's content into accessible
//! publications, in every language it is translated into: an accessible web edition, a tagged
//! PDF/UA-1 brochure, a large-print PDF, an EPUB 3, each in a standard and a plain-language
//! edition, all from the same document model.
//!
//! Data flows one way:
//! `source` (load and validate, with positions) -> `assemble` (one publication, one language)
//! -> `render` (pure: document in, bytes out) -> `build` (the only writer, atomic).
//! `model` is pure data used by all; `diag` holds the diagnostics.

pub mod assemble;
pub mod build;
pub mod cli;
pub mod color;
pub mod diag;
pub mod fonts;
#[cfg(test)]
mod fuzz;
pub mod glyphs;
pub mod i18n;
pub mod lang;
pub mod layouts;
pub mod model;
pub mod plan;
pub mod readability;
pub mod render;
pub mod source;
pub mod translate;
pub mod ui;
