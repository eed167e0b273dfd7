//! imprint turns one structured source of an organization's content into accessible
//! publications: an accessible web edition now; tagged PDF, EPUB 3, large print and plain
//! language editions build on the same model.
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
