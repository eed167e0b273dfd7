//! The downloads site and catalog for partners, made from the rendered files after every
//! build: a page of every publication in every language (`output/index.html`), a page per
//! language in its own words (`output/<lang>/index.html`), an OPDS 2.0 catalog
//! (`output/opds.json` and `output/<lang>/opds.json`) and the SHA-256 checksum of every file
//! (`output/SHA256SUMS`).
//!
//! Everything here is derived from what was built: the [`catalog`] lists the files the
//! renderers returned, with their sizes, checksums and page counts, and describes each one's
//! accessibility from the same facts as the EPUB's package document
//! ([`crate::render::epub::Accessibility`]), so that the page, the catalog and the EPUB say the
//! same things. Like the renderers, it reads and writes nothing: the driver writes its files.

pub mod catalog;
pub mod display;
mod opds;
mod pages;

use std::collections::BTreeMap;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use crate::fonts::{FontPlan, FontSet};
use crate::layouts::Layouts;
use crate::plan::Job;
use crate::render::{Artifact, BuildInfo, LargePrint, Problem, Theme};

pub use self::catalog::Catalog;

/// The name of the checksums file, at the root of `output/`.
pub const CHECKSUMS: &str = "SHA256SUMS";

/// What the site is made from.
#[derive(Debug)]
pub struct SiteInput<'a> {
    /// The documents built, in build order (the source language first).
    pub jobs: &'a [Job],
    /// Every file the renderers returned.
    pub artifacts: &'a [Artifact],
    /// The page count of each PDF, by path.
    pub pages: &'a [(PathBuf, usize)],
    /// The layouts (`site/index.html`, `site/style.css`).
    pub layouts: &'a Layouts,
    /// The fonts, for the pages' web fonts.
    pub fonts: &'a FontSet,
    /// Which fonts each language is set in.
    pub font_plan: &'a FontPlan,
    /// The brand colours.
    pub theme: &'a Theme,
    /// The large-print settings (their body size is part of the large-print summary).
    pub large_print: LargePrint,
    /// Where `output/` is published (`[site] base-url`), if it is known.
    pub base_url: Option<String>,
    /// The build's date, for the catalog's `modified`.
    pub build: BuildInfo,
}

/// Makes the site's files: pages, fonts, catalogs and checksums.
pub fn site(input: &SiteInput<'_>) -> Result<Vec<Artifact>, Problem> {
    // Every file is hashed once: the pages show the publications' checksums, and the
    // checksums file lists every file's.
    let mut sums: BTreeMap<PathBuf, String> =
        input.artifacts.iter().map(|a| (a.path.clone(), sha256_hex(&a.bytes))).collect();
    let catalog = Catalog::of(input, &sums);
    if catalog.languages.is_empty() {
        return Ok(Vec::new());
    }
    let mut files = pages::pages(&catalog, input)?;
    files.extend(pages::language_name_fonts(&catalog, input));
    files.extend(opds::feeds(&catalog, input.base_url.as_deref(), input.build));
    sums.extend(files.iter().map(|a| (a.path.clone(), sha256_hex(&a.bytes))));
    files.push(Artifact { path: PathBuf::from(CHECKSUMS), bytes: checksums(&sums).into_bytes() });
    Ok(files)
}

/// The SHA-256 of some bytes, in lowercase hexadecimal.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The checksums file in the format `sha256sum --check` reads: the hash, two spaces and the
/// path relative to `output/` (with `/` between folders), one file a line, sorted by path.
fn checksums(sums: &BTreeMap<PathBuf, String>) -> String {
    sums.iter()
        .map(|(path, sum)| {
            let path: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            format!("{sum}  {}\n", path.join("/"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksums_are_in_sha256sum_format() {
        let sums = BTreeMap::from([(PathBuf::from("en").join("a.pdf"), sha256_hex(b"abc"))]);
        let text = checksums(&sums);
        assert_eq!(text, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  en/a.pdf\n");
    }
}
