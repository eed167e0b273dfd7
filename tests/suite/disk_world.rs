//! Typst alone: a plain world over a folder on disk, like the `typst` command's, and a compile
//! plus PDF/UA-1 export with the options imprint uses. Shared by the test suite (which checks
//! that `imprint build --emit typst` gives a project Typst compiles to the very same PDF) and
//! the render benchmark (which times both).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use imprint::fonts::FontSet;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

/// Compiles and exports the emitted main file with Typst alone, with the options imprint uses.
pub fn typst_alone(world: &DiskWorld, ident: &str) -> Vec<u8> {
    world.reset();
    let document = typst::compile::<PagedDocument>(world).output.expect("Typst compiles the emitted source");
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some("imprint".into())),
        standards: PdfStandards::new(&[PdfStandard::Ua_1]).expect("a valid set of standards"),
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).expect("Typst exports the PDF")
}

/// A plain Typst world over a folder on disk, like the `typst` command's: files are read when
/// Typst asks for them, parsed once, and kept until [`DiskWorld::reset`].
pub struct DiskWorld<'a> {
    root: PathBuf,
    main: FileId,
    fonts: &'a FontSet,
    library: &'a LazyHash<Library>,
    read: Mutex<HashMap<FileId, Bytes>>,
    parsed: Mutex<HashMap<FileId, Source>>,
}

impl<'a> DiskWorld<'a> {
    pub fn new(root: &Path, main: &Path, fonts: &'a FontSet, library: &'a LazyHash<Library>) -> Self {
        let main = id(&format!("/{}", main.to_string_lossy().replace('\\', "/")));
        DiskWorld {
            root: root.to_path_buf(),
            main,
            fonts,
            library,
            read: Mutex::new(HashMap::new()),
            parsed: Mutex::new(HashMap::new()),
        }
    }

    pub fn reset(&self) {
        self.read.lock().expect("not poisoned").clear();
        self.parsed.lock().expect("not poisoned").clear();
    }
}

fn id(path: &str) -> FileId {
    RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).expect("a valid path")).intern()
}

impl World for DiskWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.parsed.lock().expect("not poisoned").get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        let source = Source::new(id, text.to_string());
        self.parsed.lock().expect("not poisoned").insert(id, source.clone());
        Ok(source)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let mut read = self.read.lock().expect("not poisoned");
        if let Some(bytes) = read.get(&id) {
            return Ok(bytes.clone());
        }
        let path = self.root.join(id.get().vpath().get_without_slash());
        let bytes = Bytes::new(std::fs::read(&path).map_err(|e| FileError::from_io(e, &path))?);
        read.insert(id, bytes.clone());
        Ok(bytes)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}
