//! Layouts: the templates and stylesheets that decide how publications look. The defaults are
//! built into imprint; a file of the same name in the project's `layouts/` folder replaces
//! the default, so a designer can restyle a publication without touching Rust.

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

/// The layouts of a project.
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    files: BTreeMap<&'static str, LayoutFile>,
}

/// The built-in layouts, by name under `layouts/`.
const BUILTIN: &[(&str, &str)] = &[
    ("html/page.html", include_str!("../layouts/html/page.html")),
    ("html/style.css", include_str!("../layouts/html/style.css")),
];

impl Layouts {
    /// The built-in layouts, overridden by any file of the same name under `dir`.
    pub fn load(dir: &Path) -> Result<Layouts, String> {
        let mut files = BTreeMap::new();
        for (name, builtin) in BUILTIN {
            let path = dir.join(name);
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => (*builtin).to_string(),
                Err(e) => return Err(format!("failed to read the layout `{}` ({e})", path.display())),
            };
            files.insert(*name, LayoutFile { text, shown_as: format!("layouts/{name}") });
        }
        Ok(Layouts { files })
    }

    /// The built-in layouts only.
    pub fn builtin() -> Layouts {
        let files = BUILTIN
            .iter()
            .map(|(name, text)| (*name, LayoutFile { text: (*text).to_string(), shown_as: format!("layouts/{name}") }))
            .collect();
        Layouts { files }
    }

    /// A layout by name (`html/page.html`).
    pub fn get(&self, name: &str) -> Option<&LayoutFile> {
        self.files.get(name)
    }

    /// Every layout, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &LayoutFile)> {
        self.files.iter().map(|(k, v)| (*k, v))
    }
}
