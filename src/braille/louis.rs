//! liblouis, loaded at run time: the system's `liblouis.so.20` (Debian and Ubuntu package
//! `liblouis20`, tables in `liblouis-data`) is opened with `dlopen` the first time braille is
//! asked for, so that imprint builds without liblouis and a machine without it builds every
//! other format. Nothing of liblouis is vendored or linked at build time.
//!
//! liblouis compiles tables lazily into a global cache and is not thread-safe while it does:
//! every call goes through one mutex.

use std::ffi::{CStr, CString, c_char, c_int, c_void};
use std::sync::{Mutex, OnceLock};

use libloading::Library;

use super::{BrailleTable, Translator};

/// What to install when liblouis cannot be loaded (said by the build and the tests).
pub const INSTALL_HINT: &str = "install liblouis (Debian/Ubuntu: apt-get install liblouis20 liblouis-data)";

/// The names tried, in order, unless `IMPRINT_LIBLOUIS` names the file: the ABI version imprint was written against, then any.
const LIBRARY_NAMES: &[&str] =
    &["liblouis.so.20", "liblouis.so", "liblouis.20.dylib", "liblouis.dylib", "liblouis.dll"];

type TranslateFn = unsafe extern "C" fn(
    table_list: *const c_char,
    inbuf: *const c_void,
    inlen: *mut c_int,
    outbuf: *mut c_void,
    outlen: *mut c_int,
    typeform: *mut u16,
    spacing: *mut c_char,
    mode: c_int,
) -> c_int;
type VersionFn = unsafe extern "C" fn() -> *const c_char;
type CharSizeFn = unsafe extern "C" fn() -> c_int;
type GetTableFn = unsafe extern "C" fn(table_list: *const c_char) -> *const c_void;
type LogCallback = extern "C" fn(level: c_int, message: *const c_char);
type RegisterLogFn = unsafe extern "C" fn(callback: Option<LogCallback>);

/// liblouis's `LOU_LOG_ERROR`: messages at this level and above are kept for error messages.
const LOG_ERROR: c_int = 40000;

/// The messages liblouis logged at error level during the current call.
static LOG: Mutex<Vec<String>> = Mutex::new(Vec::new());

extern "C" fn log_callback(level: c_int, message: *const c_char) {
    if level < LOG_ERROR || message.is_null() {
        return;
    }
    // SAFETY: liblouis passes a NUL-terminated message valid for the duration of the call.
    let text = unsafe { CStr::from_ptr(message) }.to_string_lossy().into_owned();
    if let Ok(mut log) = LOG.lock() {
        log.push(text);
    }
}

/// The loaded library and the functions imprint calls.
struct Functions {
    translate: TranslateFn,
    back_translate: TranslateFn,
    get_table: GetTableFn,
    /// Bytes per `widechar`: 2 (UTF-16) or 4 (UTF-32, Debian's build).
    char_size: usize,
    version: String,
    /// Kept alive as long as the function pointers above.
    _library: Library,
}

/// A handle on the system's liblouis. Every call is serialised.
pub struct Louis {
    inner: Mutex<Functions>,
}

impl std::fmt::Debug for Louis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Louis").field("version", &self.version()).finish()
    }
}

impl Louis {
    /// The process's liblouis, loaded on first use; the error says what to install.
    pub fn shared() -> Result<&'static Louis, String> {
        static SHARED: OnceLock<Result<Louis, String>> = OnceLock::new();
        SHARED.get_or_init(Louis::load).as_ref().map_err(Clone::clone)
    }

    /// Opens liblouis (the file named by `IMPRINT_LIBLOUIS` when it is set, else the system's)
    /// and looks up its functions.
    pub fn load() -> Result<Louis, String> {
        let mut failures = Vec::new();
        let chosen = std::env::var("IMPRINT_LIBLOUIS").ok().filter(|p| !p.is_empty());
        let names: Vec<&str> = match &chosen {
            Some(path) => vec![path.as_str()],
            None => LIBRARY_NAMES.to_vec(),
        };
        for name in names {
            // SAFETY: loading liblouis runs no initialisation code with preconditions of ours.
            match unsafe { Library::new(name) } {
                Ok(library) => return Louis::from_library(library).map_err(|e| format!("{name}: {e}")),
                Err(e) => failures.push(e.to_string()),
            }
        }
        Err(format!("liblouis could not be loaded ({}); {INSTALL_HINT}", failures.first().map_or("", String::as_str)))
    }

    fn from_library(library: Library) -> Result<Louis, String> {
        // SAFETY: the types are those of liblouis.h (3.x); the symbols stay valid while
        // `library` is alive, and it is kept in the same struct as the pointers.
        unsafe {
            let translate = *library.get::<TranslateFn>(b"lou_translateString\0").map_err(|e| e.to_string())?;
            let back_translate =
                *library.get::<TranslateFn>(b"lou_backTranslateString\0").map_err(|e| e.to_string())?;
            let get_table = *library.get::<GetTableFn>(b"lou_getTable\0").map_err(|e| e.to_string())?;
            let char_size = (*library.get::<CharSizeFn>(b"lou_charSize\0").map_err(|e| e.to_string())?)();
            let version_fn = *library.get::<VersionFn>(b"lou_version\0").map_err(|e| e.to_string())?;
            let register = *library.get::<RegisterLogFn>(b"lou_registerLogCallback\0").map_err(|e| e.to_string())?;
            register(Some(log_callback));
            let v = version_fn();
            let version = if v.is_null() { String::new() } else { CStr::from_ptr(v).to_string_lossy().into_owned() };
            let char_size = match char_size {
                2 => 2,
                4 => 4,
                n => return Err(format!("liblouis uses {n}-byte characters, which imprint does not know")),
            };
            Ok(Louis {
                inner: Mutex::new(Functions {
                    translate,
                    back_translate,
                    get_table,
                    char_size,
                    version,
                    _library: library,
                }),
            })
        }
    }

    /// The liblouis version (`3.24.0`).
    pub fn library_version(&self) -> String {
        self.lock().version.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Functions> {
        // A panic while holding the lock leaves liblouis as it was: the lock is still usable.
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Runs one translation (forward or back) of `text` with `table_list`.
    fn run(&self, backward: bool, table_list: &str, text: &str) -> Result<String, String> {
        let f = self.lock();
        let tables = CString::new(table_list).map_err(|e| e.to_string())?;
        let input = encode(text, f.char_size);
        let len = input.len() / f.char_size;
        if len == 0 {
            return Ok(String::new());
        }
        let function = if backward { f.back_translate } else { f.translate };
        let mut capacity = len * 4 + 16;
        loop {
            let mut inlen = c_int::try_from(len).map_err(|_| "text too long for liblouis".to_string())?;
            let mut outlen = c_int::try_from(capacity).map_err(|_| "text too long for liblouis".to_string())?;
            let mut output = vec![0u8; capacity * f.char_size];
            LOG.lock().map(|mut l| l.clear()).ok();
            // SAFETY: the buffers hold `inlen` and `outlen` widechars of `char_size` bytes; no
            // typeform (no emphasis) and no spacing buffer are passed; mode 0.
            let ok = unsafe {
                function(
                    tables.as_ptr(),
                    input.as_ptr().cast(),
                    &mut inlen,
                    output.as_mut_ptr().cast(),
                    &mut outlen,
                    std::ptr::null_mut(),
                    std::ptr::null_mut(),
                    0,
                )
            };
            if ok == 0 {
                let log = LOG.lock().map(|l| l.join("; ")).unwrap_or_default();
                return Err(format!("liblouis could not translate with `{table_list}` ({log})"));
            }
            let consumed = usize::try_from(inlen).unwrap_or(0);
            let written = usize::try_from(outlen).unwrap_or(0);
            if consumed >= len || capacity > len * 64 {
                output.truncate(written * f.char_size);
                return Ok(decode(&output, f.char_size));
            }
            // The output filled the buffer before the input was read: try again, larger.
            capacity *= 4;
        }
    }
}

impl Translator for Louis {
    fn translate(&self, table: BrailleTable, text: &str) -> Result<String, String> {
        self.run(false, &table.table_list(), text)
    }

    fn back_translate(&self, table: BrailleTable, braille: &str) -> Result<String, String> {
        self.run(true, &table.table_list(), braille)
    }

    fn has_table(&self, table: BrailleTable) -> bool {
        let f = self.lock();
        let Ok(list) = CString::new(table.table_list()) else { return false };
        // SAFETY: a NUL-terminated table list; the result is only compared with null.
        !unsafe { (f.get_table)(list.as_ptr()) }.is_null()
    }

    fn version(&self) -> String {
        format!("liblouis {}", self.library_version())
    }
}

/// `text` as liblouis `widechar`s of `size` bytes, in native byte order.
fn encode(text: &str, size: usize) -> Vec<u8> {
    if size == 2 {
        text.encode_utf16().flat_map(u16::to_ne_bytes).collect()
    } else {
        text.chars().flat_map(|c| (c as u32).to_ne_bytes()).collect()
    }
}

/// The text of liblouis `widechar`s of `size` bytes; anything undecodable becomes U+FFFD.
fn decode(bytes: &[u8], size: usize) -> String {
    if size == 2 {
        let units: Vec<u16> = bytes.chunks_exact(2).map(|c| u16::from_ne_bytes([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes
            .chunks_exact(4)
            .map(|c| char::from_u32(u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).unwrap_or('\u{FFFD}'))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widechars_round_trip() {
        for size in [2, 4] {
            let s = "Cast · organización · 你好";
            assert_eq!(decode(&encode(s, size), size), s);
        }
    }
}
