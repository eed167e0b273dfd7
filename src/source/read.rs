//! Reading the files of the sources folder, and nothing else: before a byte of a file is
//! read, its path is resolved (symbolic links followed) and must lead to a regular file
//! inside the sources folder, no larger than the limit. Links leading outside, named pipes,
//! devices, sockets and folders are refused with their location, and since nothing was read,
//! no byte of a refused file can reach a message.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Span};

use super::LoadFailure;

/// Why a file of the sources folder was not read: an error to report at the file.
#[derive(Debug)]
pub(crate) struct Refusal {
    message: String,
    hint: &'static str,
}

impl Refusal {
    /// The refusal as a diagnostic at `at` (the file, or where it is named).
    pub(crate) fn at(self, at: Span) -> Diagnostic {
        Diagnostic::error(self.message).at(at).hint(self.hint)
    }

    /// The refusal as a failure to load, for the one file imprint cannot go on without.
    pub(crate) fn fail(self, shown: &str) -> LoadFailure {
        LoadFailure(format!("{shown}: {}\n  = hint: {}", self.message, self.hint))
    }
}

/// Opens the file at `path` for reading if it is a regular file inside `root` (the sources
/// folder) after links are resolved, of at most `max` bytes; `shown` names it in messages.
/// Returns the open file and its size.
pub(crate) fn open_regular(root: &Path, path: &Path, shown: &str, max: u64) -> Result<(File, u64), Refusal> {
    let real = fs::canonicalize(path).map_err(|e| Refusal {
        message: format!("`{shown}` cannot be read ({})", reason(&e)),
        hint: "Check the file name (it is case-sensitive); a link must lead to a file that exists.",
    })?;
    let inside = fs::canonicalize(root).is_ok_and(|root| real.starts_with(root));
    if !inside {
        return Err(Refusal {
            message: format!("`{shown}` is a link to a file outside the sources folder"),
            hint: "Copy the file into the sources folder instead of linking to it; imprint reads nothing outside it.",
        });
    }
    let meta = fs::metadata(&real).map_err(|e| Refusal {
        message: format!("`{shown}` cannot be read ({})", reason(&e)),
        hint: "Check the file's permissions.",
    })?;
    if !meta.is_file() {
        return Err(not_regular(shown, &meta));
    }
    if meta.len() > max {
        return Err(too_large(shown, meta.len(), max));
    }
    let file = File::open(&real).map_err(|e| Refusal {
        message: format!("`{shown}` cannot be read ({})", reason(&e)),
        hint: "Check the file's permissions.",
    })?;
    // The file may have been replaced between the look and the opening: look again at what
    // was opened.
    let meta = file.metadata().map_err(|e| Refusal {
        message: format!("`{shown}` cannot be read ({})", reason(&e)),
        hint: "Check the file's permissions.",
    })?;
    if !meta.is_file() {
        return Err(not_regular(shown, &meta));
    }
    Ok((file, meta.len()))
}

/// Reads a whole file opened by [`open_regular`], never more than `max` bytes (a file that
/// grows while it is read is refused as too large).
pub(crate) fn read_all(file: File, len: u64, shown: &str, max: u64) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::with_capacity(len.min(max) as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| Refusal {
        message: format!("`{shown}` cannot be read ({})", reason(&e)),
        hint: "Check the file's permissions.",
    })?;
    if bytes.len() as u64 > max {
        return Err(too_large(shown, bytes.len() as u64, max));
    }
    Ok(bytes)
}

fn not_regular(shown: &str, meta: &fs::Metadata) -> Refusal {
    let kind = kind_of(meta);
    Refusal {
        message: format!("`{shown}` is {kind}, not a regular file"),
        hint: "imprint reads only ordinary files from the sources folder; put the file itself there.",
    }
}

fn too_large(shown: &str, len: u64, max: u64) -> Refusal {
    Refusal {
        message: format!(
            "`{shown}` is {:.1} MB; imprint reads source files of up to {} MB",
            len as f64 / 1_048_576.0,
            max / 1_048_576
        ),
        hint: "Split the content into several files, or check that the file is the one you meant.",
    }
}

fn kind_of(meta: &fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads a source file as UTF-8 text, without the byte-order mark some editors write first.
/// `Ok(Err(_))` is a refusal to report at the file; `Err(_)` a failure to load.
pub(crate) fn read_text(root: &Path, path: &Path, shown: &str) -> Result<Result<String, Refusal>, LoadFailure> {
    let max = super::MAX_FILE_BYTES as u64;
    let bytes = match open_regular(root, path, shown, max).and_then(|(f, len)| read_all(f, len, shown, max)) {
        Ok(bytes) => bytes,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        // Where the first invalid byte is, as an editor counts lines and columns.
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        LoadFailure(format!(
            "{}:{line}:{column}: the file is not UTF-8 text (the byte there is not valid UTF-8); \
             save it as UTF-8 (in Poedit and most editors: Save as, encoding UTF-8)",
            path.display()
        ))
    })?;
    Ok(Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }))
}

/// The entries of a folder whose name passes `keep`, sorted by name: every kind of entry but
/// folders, so that a link or a special file is refused when it is read rather than skipped
/// in silence. A missing folder is empty.
pub(crate) fn list_files(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>, LoadFailure> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(LoadFailure(format!("failed to list `{}` ({e})", dir.display()))),
    };
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| LoadFailure(format!("failed to list `{}` ({e})", dir.display())))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if keep(&name) && !folder {
            paths.push(entry.path());
        }
    }
    paths.sort();
    Ok(paths)
}

/// The largest image file imprint reads.
pub const MAX_IMAGE_BYTES: u64 = 16 * 1024 * 1024;
/// The longest side of an image, in pixels.
pub const MAX_IMAGE_SIDE: usize = 12_000;
/// The most pixels an image may have: 25 million, a 24-megapixel photo (6000 x 4000).
/// Decoded for typesetting, it takes 4 bytes a pixel (100 MB).
pub const MAX_IMAGE_PIXELS: usize = 25_000_000;

/// An image file read and checked: its bytes, format and size in pixels.
pub(crate) struct ImageFile {
    pub bytes: Vec<u8>,
    pub format: crate::model::ImageFormat,
    pub width: u32,
    pub height: u32,
}

/// Reads an image of the sources folder: a regular file inside it, at most
/// [`MAX_IMAGE_BYTES`]; its header is read first and its size checked against
/// [`MAX_IMAGE_SIDE`] and [`MAX_IMAGE_PIXELS`] before the rest of the file is read; then the
/// image's own structure (PNG chunks, JPEG markers up to the pixels) is validated without
/// decoding the pixels, and its format must be the one its file name says.
pub(crate) fn read_image(root: &Path, path: &Path, shown: &str) -> Result<ImageFile, Refusal> {
    use crate::model::ImageFormat;
    let (file, len) = open_regular(root, path, shown, MAX_IMAGE_BYTES)?;
    let mut reader = std::io::BufReader::new(file);
    let damaged = || Refusal {
        message: format!("the image `{shown}` is damaged: its size cannot be read"),
        hint: "Export the image again from the program that made it.",
    };
    let format = match imagesize::reader_type(&mut reader) {
        Ok(imagesize::ImageType::Png) => ImageFormat::Png,
        Ok(imagesize::ImageType::Jpeg) => ImageFormat::Jpeg,
        _ => {
            return Err(Refusal {
                message: format!("`{shown}` is not a PNG or JPEG image"),
                hint: "Save the image as PNG (graphics) or JPEG (photos).",
            });
        }
    };
    std::io::Seek::rewind(&mut reader).map_err(|_| damaged())?;
    let size = imagesize::reader_size(&mut reader).map_err(|_| damaged())?;
    if size.width == 0 || size.height == 0 {
        return Err(damaged());
    }
    if size.width > MAX_IMAGE_SIDE
        || size.height > MAX_IMAGE_SIDE
        || size.width.saturating_mul(size.height) > MAX_IMAGE_PIXELS
    {
        return Err(Refusal {
            message: format!(
                "the image `{shown}` is {} x {} pixels; imprint takes images of up to {MAX_IMAGE_SIDE} pixels a side \
                 and {} million pixels",
                size.width,
                size.height,
                MAX_IMAGE_PIXELS / 1_000_000
            ),
            hint: "Scale the image down (3000 pixels on the long side is plenty for print) and export it again.",
        });
    }
    let named = match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("png") => Some(ImageFormat::Png),
        Some("jpg" | "jpeg") => Some(ImageFormat::Jpeg),
        _ => None,
    };
    if named.is_some_and(|n| n != format) {
        let (is, says) = match format {
            ImageFormat::Png => ("PNG", "JPEG"),
            ImageFormat::Jpeg => ("JPEG", "PNG"),
        };
        return Err(Refusal {
            message: format!("`{shown}` is a {is} image, but its file name says {says}"),
            hint: "Rename the file with the ending of its format (.png or .jpg), or export it again as the format its name says.",
        });
    }
    std::io::Seek::rewind(&mut reader).map_err(|_| damaged())?;
    let bytes = read_all(reader.into_inner(), len, shown, MAX_IMAGE_BYTES)?;
    let valid = match format {
        ImageFormat::Png => png::Decoder::new(std::io::Cursor::new(&bytes[..])).read_info().is_ok(),
        ImageFormat::Jpeg => zune_jpeg::JpegDecoder::new(std::io::Cursor::new(&bytes[..])).decode_headers().is_ok(),
    };
    if !valid {
        return Err(Refusal {
            message: format!("the image `{shown}` is damaged: it is not a valid {} file", format_name(format)),
            hint: "Export the image again from the program that made it.",
        });
    }
    Ok(ImageFile { bytes, format, width: size.width as u32, height: size.height as u32 })
}

fn format_name(format: crate::model::ImageFormat) -> &'static str {
    match format {
        crate::model::ImageFormat::Png => "PNG",
        crate::model::ImageFormat::Jpeg => "JPEG",
    }
}
