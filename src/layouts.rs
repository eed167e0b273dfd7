//! Layouts: the templates, stylesheets and Typst layouts that decide how publications look.
//! The defaults are built into imprint; a file of the same name in the project's `layouts/`
//! folder replaces the default, and other Typst files there can be imported by the layouts,
//! so a designer can restyle a publication without touching Rust.

use std::collections::BTreeMap;
use std::path::Path;

/// A layout file's text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutFile {
    /// The text.
    pub text: String,
    /// The name shown in errors: `layouts/html/page.html`.
    pub shown_as: String,
}

/// The layouts of a project, by name under `layouts/` (`html/page.html`, `brochure.typ`).
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    files: BTreeMap<String, LayoutFile>,
}

/// The built-in layouts, by name under `layouts/`.
const BUILTIN: &[(&str, &str)] = &[
    ("html/page.html", include_str!("../layouts/html/page.html")),
    ("html/style.css", include_str!("../layouts/html/style.css")),
    ("site/index.html", include_str!("../layouts/site/index.html")),
    ("site/style.css", include_str!("../layouts/site/style.css")),
    ("epub/page.xhtml", include_str!("../layouts/epub/page.xhtml")),
    ("epub/nav.xhtml", include_str!("../layouts/epub/nav.xhtml")),
    ("epub/title.xhtml", include_str!("../layouts/epub/title.xhtml")),
    ("epub/about.xhtml", include_str!("../layouts/epub/about.xhtml")),
    ("epub/style.css", include_str!("../layouts/epub/style.css")),
    ("brochure.typ", include_str!("../layouts/brochure.typ")),
    ("large-print.typ", include_str!("../layouts/large-print.typ")),
    ("common.typ", include_str!("../layouts/common.typ")),
    ("fonts.toml", include_str!("../layouts/fonts.toml")),
];

fn entry(name: &str, text: String) -> (String, LayoutFile) {
    (name.to_string(), LayoutFile { text, shown_as: format!("layouts/{name}") })
}

impl Layouts {
    /// The built-in layouts, overridden by files of the same name under `dir`, plus any other
    /// Typst file under `dir`.
    pub fn load(dir: &Path) -> Result<Layouts, String> {
        let mut layouts = Layouts::builtin();
        let mut found = Vec::new();
        collect(dir, dir, &mut found)?;
        found.sort();
        for rel in found {
            let known = layouts.files.contains_key(&rel);
            if known || rel.ends_with(".typ") {
                let path = dir.join(&rel);
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("failed to read the layout `{}` ({e})", path.display()))?;
                let (name, file) = entry(&rel, text);
                layouts.files.insert(name, file);
            }
        }
        Ok(layouts)
    }

    /// The built-in layouts only.
    pub fn builtin() -> Layouts {
        Layouts { files: BUILTIN.iter().map(|(name, text)| entry(name, (*text).to_string())).collect() }
    }

    /// A layout by name (`html/page.html`).
    pub fn get(&self, name: &str) -> Option<&LayoutFile> {
        self.files.get(name)
    }

    /// Every layout, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &LayoutFile)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// The files under `dir` as `/`-separated paths relative to `root`; a missing folder is empty.
fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("failed to list `{}` ({e})", dir.display())),
    };
    for entry in entries {
        let entry = entry.map_err(|e| format!("failed to list `{}` ({e})", dir.display()))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|e| format!("failed to read `{}` ({e})", path.display()))?;
        if kind.is_dir() {
            collect(root, &path, out)?;
        } else if kind.is_file() {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
        }
    }
    Ok(())
}
