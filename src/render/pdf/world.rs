//! The Typst `World` of a PDF build, which is also its sandbox: it serves the generated main
//! file, the layouts, the images the content declares and the fonts of `fonts/`, and nothing
//! else. No file is read from disk here; a layout that asks for any other path, or for a
//! package, gets an error saying what it may read.

use std::collections::HashMap;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, PathError, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::fonts::FontSet;

/// The virtual path of the generated main file.
pub(crate) const MAIN: &str = "/main.typ";

/// Typst's standard library as imprint compiles with it: with the `a11y-extras` feature, whose
/// `pdf.header-cell` makes the first cell of a table's row a row header (`typst compile
/// --features a11y-extras` is the same).
pub fn typst_library() -> Library {
    Library::builder().with_features([typst::Feature::A11yExtras].into_iter().collect()).build()
}

/// [`typst_library`], built once per process.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(typst_library()))
}

/// A file id in the project root, or why Typst refuses the path (a backslash in a file name,
/// a path that escapes the root).
pub(crate) fn file_id(path: &str) -> Result<FileId, PathError> {
    Ok(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path)?).intern())
}

/// The file id of the generated main file.
pub(crate) fn main_id() -> FileId {
    // A constant that Typst accepts: no input reaches this `expect`.
    file_id(MAIN).expect("`/main.typ` is a valid virtual path")
}

/// The sandboxed world of one document.
pub(crate) struct SandboxWorld<'a> {
    fonts: &'a FontSet,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
}

impl<'a> SandboxWorld<'a> {
    /// A world with the generated main file, the layouts (`(virtual path, text)`), and the
    /// images (`(virtual path, bytes)`). A file whose path Typst refuses is left out: Typst
    /// cannot name it, so no layout can read it ([`super::check_layout`] reports such names).
    pub(crate) fn new(
        fonts: &'a FontSet,
        main_text: String,
        layouts: impl IntoIterator<Item = (String, String)>,
        images: impl IntoIterator<Item = (String, Bytes)>,
        today: Option<Datetime>,
    ) -> Self {
        let main = main_id();
        let mut sources = HashMap::new();
        sources.insert(main, Source::new(main, main_text));
        for (path, text) in layouts {
            if let Ok(id) = file_id(&path) {
                sources.insert(id, Source::new(id, text));
            }
        }
        let files = images.into_iter().filter_map(|(path, bytes)| Some((file_id(&path).ok()?, bytes))).collect();
        SandboxWorld { fonts, main, sources, files, today }
    }

    /// The source of a file this world serves.
    pub(crate) fn lookup(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }

    fn refuse(id: FileId) -> FileError {
        let rooted = id.get();
        if let VirtualRoot::Package(package) = rooted.root() {
            return FileError::Other(Some(
                format!(
                    "packages are not available to imprint's layouts (`{package}`); \
                     copy what you need into layouts/ and import it from there"
                )
                .into(),
            ));
        }
        FileError::Other(Some(
            format!(
                "imprint's layouts may read only the Typst files (.typ) in layouts/ and the images the content declares; \
                 `{}` is neither",
                rooted.vpath().get_with_slash()
            )
            .into(),
        ))
    }
}

impl World for SandboxWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| Self::refuse(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(Bytes::from_string(source.clone()));
        }
        self.files.get(&id).cloned().ok_or_else(|| Self::refuse(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_layout_name_typst_refuses_is_left_out_not_a_panic() {
        let fonts = FontSet { book: LazyHash::new(FontBook::new()), fonts: Vec::new(), files: Vec::new() };
        let layouts = [
            ("/layouts/odd\\name.typ".to_string(), "#let x = 1".to_string()),
            ("/layouts/../../escape.typ".to_string(), "#let y = 2".to_string()),
            ("/layouts/fine.typ".to_string(), "#let z = 3".to_string()),
        ];
        let world = SandboxWorld::new(&fonts, String::new(), layouts, std::iter::empty(), None);
        assert!(file_id("/layouts/odd\\name.typ").is_err());
        assert_eq!(world.sources.len(), 2, "the main file and fine.typ");
        assert!(world.lookup(file_id("/layouts/fine.typ").unwrap()).is_some());
    }
}
