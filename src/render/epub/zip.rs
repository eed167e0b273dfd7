//! Packing an EPUB: `mimetype` first and uncompressed, then the container file, the package
//! document and the content, each with the same fixed timestamp, so that the same book always
//! gives the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::Item;

/// Where the package document and the content live inside the archive.
pub(super) const CONTENT_DIR: &str = "EPUB";

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"#;

/// The EPUB file's bytes.
pub(super) fn pack(package: &str, items: &[Item]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let fixed = SimpleFileOptions::default().last_modified_time(DateTime::default());
    let stored = fixed.compression_method(CompressionMethod::Stored);
    let deflated = fixed.compression_method(CompressionMethod::Deflated).compression_level(Some(9));
    let mut put = |name: &str, bytes: &[u8], options: SimpleFileOptions| {
        zip.start_file(name, options).expect("writing to memory cannot fail");
        zip.write_all(bytes).expect("writing to memory cannot fail");
    };
    put("mimetype", b"application/epub+zip", stored);
    put("META-INF/container.xml", CONTAINER.as_bytes(), deflated);
    put(&format!("{CONTENT_DIR}/package.opf"), package.as_bytes(), deflated);
    for item in items {
        // Images are compressed already.
        let options = if item.media_type.starts_with("image/") { stored } else { deflated };
        put(&format!("{CONTENT_DIR}/{}", item.href), &item.bytes, options);
    }
    zip.finish().expect("writing to memory cannot fail").into_inner()
}
