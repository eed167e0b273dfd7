//! imprint turns one structured source of an organization's content into accessible
//! publications, in every language it is translated into: an accessible web edition, a tagged
//! PDF/UA-1 brochure, a large-print PDF, an EPUB 3, each in a standard and a plain-language
//! edition, all from the same document model.
//!
//! Data flows one way, and no module imports a module that imports it back
//! (`tests/suite/architecture.rs` checks it):
//! `cli` (one file per subcommand) -> `build` (the driver) -> `check` (load, assemble, judge the
//! whole project) -> `plan` (every publication x language x edition) -> `assemble` ->
//! `i18n` (resolve one language) -> `source` (load and validate, with positions) -> `po` (the
//! gettext file format); `build` hands documents to `render` (pure: document in, bytes out),
//! then the checked project to `report` (the accessibility report of every edition, pure too),
//! and the files to `write` (the one atomic writer). `model` is pure data used by all; `diag` holds
//! the diagnostics.

pub mod assemble;
pub mod braille;
pub mod build;
pub mod check;
pub mod cli;
pub mod color;
pub mod diag;
pub mod fonts;
pub mod i18n;
pub mod lang;
pub mod layouts;
pub mod model;
pub mod plan;
pub mod po;
pub mod readability;
pub mod render;
pub mod report;
pub mod select;
pub mod site;
pub mod source;
#[cfg(test)]
mod testing;
pub mod ui;
pub mod write;
