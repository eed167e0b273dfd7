//! `imprint serve`: the watch loop of [`super::watch`], and a small web server on
//! 127.0.0.1 that serves the output folder and reloads the open page after each rebuild.
//!
//! The server is `tiny_http` (small, synchronous, no async runtime to compile in). The reload
//! is a script added to the HTML pages *as they are served*, never to the files on disk: it
//! asks `/__imprint/events` for the number of the last build, and reloads the page when it
//! changes. When the last build failed, served pages also show its errors in a banner (and
//! the files behind them are still the last good ones).

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tiny_http::{Header, Request, Response, Server};

use super::output::Printer;
use super::watch::News;
use super::{BuildArgs, EXIT_FAILURE};
use crate::render::html::escape::escape;

/// Where the server's own resources live; no output file can be there (`__imprint` is not
/// a language tag).
const PREFIX: &str = "/__imprint/";

/// The script served pages load: it polls the build number and reloads when it changes.
const RELOAD_JS: &str = r#"(function () {
  var me = document.currentScript, seen = me && me.getAttribute("data-build");
  function poll() {
    fetch("/__imprint/events", { cache: "no-store" })
      .then(function (r) { return r.text(); })
      .then(function (n) { if (n.trim() !== seen) { location.reload(); } else { setTimeout(poll, 300); } })
      .catch(function () { setTimeout(poll, 2000); });
  }
  setTimeout(poll, 300);
})();
"#;

/// What the server knows of the builds.
struct State {
    output: PathBuf,
    /// Goes up by one whenever files are written or a build ends.
    build: AtomicU64,
    /// The problems of the last build, when it failed.
    errors: Mutex<Option<String>>,
}

/// Serves `output` on 127.0.0.1:`port` while watching and rebuilding.
pub(super) fn run(
    project: &Path,
    args: &BuildArgs,
    port: u16,
    printer: Printer,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let server = match Server::http(("127.0.0.1", port)) {
        Ok(s) => Arc::new(s),
        Err(e) => {
            let _ = writeln!(
                err,
                "error: cannot serve on 127.0.0.1:{port} ({e}); choose another port with --port, or --port 0 for any free one"
            );
            return EXIT_FAILURE;
        }
    };
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let state = Arc::new(State { output: args.output(project), build: AtomicU64::new(0), errors: Mutex::new(None) });
    for _ in 0..4 {
        let (server, state) = (Arc::clone(&server), Arc::clone(&state));
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                respond(request, &state);
            }
        });
    }
    let _ = writeln!(out, "serving `{}` at http://127.0.0.1:{port}/", state.output.display());
    let _ = out.flush();
    let news = |news: News| {
        if let News::Finished(errors) = news
            && let Ok(mut e) = state.errors.lock()
        {
            *e = errors;
        }
        state.build.fetch_add(1, Ordering::SeqCst);
    };
    super::watch::run(project, args, printer, Some(&news), out, err)
}

/// Answers one request.
fn respond(request: Request, state: &State) {
    let url = request.url().split(['?', '#']).next().unwrap_or("/").to_string();
    let response = match url.strip_prefix(PREFIX) {
        Some("events") => text(state.build.load(Ordering::SeqCst).to_string(), "text/plain; charset=utf-8"),
        Some("reload.js") => text(RELOAD_JS.to_string(), "text/javascript; charset=utf-8"),
        Some(rest) if rest.starts_with("view/") => match relative(&rest["view".len()..]) {
            Some(path) if state.output.join(&path).is_file() => html(viewer(&path), state),
            _ => not_found(state),
        },
        Some(_) => not_found(state),
        None => match relative(&url) {
            Some(path) => file(&path, state),
            None => not_found(state),
        },
    };
    let _ = request.respond(response);
}

/// A URL path as a path under the output folder: decoded, and only plain names (no `..`).
fn relative(url: &str) -> Option<PathBuf> {
    let decoded = decode(url)?;
    let path = Path::new(decoded.trim_start_matches('/'));
    path.components().all(|c| matches!(c, Component::Normal(_))).then(|| path.to_path_buf())
}

/// Percent-decoding of a URL path; `None` when it is not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, ..) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn text(body: String, content_type: &str) -> Reply {
    Response::from_data(body.into_bytes())
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-store"))
        .with_chunked_threshold(usize::MAX)
}

/// A file of the output folder: an HTML page with the reload script (and the last build's
/// errors), any other file as it is; a folder as its `index.html` or a list of its files.
fn file(path: &Path, state: &State) -> Reply {
    let full = state.output.join(path);
    if full.is_dir() {
        let index = full.join("index.html");
        if index.is_file() {
            return file(&path.join("index.html"), state);
        }
        return html(listing(path, &full), state);
    }
    let Ok(bytes) = std::fs::read(&full) else { return not_found(state) };
    let ext = full.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "html" || ext == "htm" {
        return html(String::from_utf8_lossy(&bytes).into_owned(), state);
    }
    // Whole files with their length, never chunked: a viewer knows the size from the start.
    Response::from_data(bytes)
        .with_header(header("Content-Type", content_type(&ext)))
        .with_header(header("Cache-Control", "no-store"))
        .with_chunked_threshold(usize::MAX)
}

/// An HTML page as served: the reload script and, after a failed build, a banner with its
/// problems, put before `</body>` (or at the end).
fn html(page: String, state: &State) -> Reply {
    let build = state.build.load(Ordering::SeqCst);
    let mut extra = String::new();
    if let Some(errors) = state.errors.lock().ok().and_then(|e| e.clone()) {
        extra.push_str(&format!(
            "<div id=\"imprint-errors\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;\
             overflow:auto;margin:0;padding:1em;background:#fff4f4;color:#1b1b1f;border-top:4px solid #b00020;\
             font:14px/1.4 monospace;z-index:2147483647\"><p style=\"margin:0 0 .5em;font-weight:bold\">\
             The last build failed; this page is the last good one.</p><pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
            escape(&errors)
        ));
    }
    extra.push_str(&format!("<script src=\"{PREFIX}reload.js\" data-build=\"{build}\"></script>"));
    let at = page.rfind("</body>").unwrap_or(page.len());
    let mut served = String::with_capacity(page.len() + extra.len());
    served.push_str(&page[..at]);
    served.push_str(&extra);
    served.push_str(&page[at..]);
    text(served, "text/html; charset=utf-8")
}

fn not_found(state: &State) -> Reply {
    let page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\
                <body><h1>Not found</h1><p><a href=\"/\">All files</a></p></body></html>";
    html(page.to_string(), state).with_status_code(404)
}

/// A page that shows a PDF in the browser's viewer, and reloads it after a rebuild.
fn viewer(path: &Path) -> String {
    let href = href(path);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>html,body,iframe{{margin:0;border:0;width:100%;height:100%}}</style></head>\
         <body><iframe src=\"/{href}\" title=\"{title}\"></iframe></body></html>",
        title = escape(&path.to_string_lossy())
    )
}

/// A page listing a folder of the output (served when it has no `index.html`).
fn listing(path: &Path, full: &Path) -> String {
    let mut names: Vec<(String, bool)> = std::fs::read_dir(full)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path().is_dir()))
        .filter(|(n, _)| !n.starts_with('.'))
        .collect();
    names.sort();
    let title = format!("/{}", href(path));
    let mut items = String::new();
    for (name, dir) in names {
        let p = path.join(&name);
        let link = if dir {
            format!("/{}/", href(&p))
        } else if name.ends_with(".pdf") {
            format!("{PREFIX}view/{}", href(&p))
        } else {
            format!("/{}", href(&p))
        };
        let shown = if dir { format!("{name}/") } else { name };
        items.push_str(&format!("<li><a href=\"{}\">{}</a></li>", escape(&link), escape(&shown)));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><main><h1>{t}</h1><ul>{items}</ul></main></body></html>",
        t = escape(&title)
    )
}

/// A relative path as a URL path, each name percent-encoded where needed.
fn href(path: &Path) -> String {
    let mut out = String::new();
    for (i, c) in path.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in c.as_os_str().to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "txt" | "brf" => "text/plain; charset=utf-8",
        "xml" | "pef" | "opf" => "application/xml",
        "pdf" => "application/pdf",
        "epub" => "application/epub+zip",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_in_the_output_folder() {
        assert_eq!(relative("/en/about%20cast.html"), Some(PathBuf::from("en/about cast.html")));
        assert_eq!(relative("/"), Some(PathBuf::new()));
        assert_eq!(relative("/en/../../etc/passwd"), None);
        assert_eq!(relative("/%2e%2e/secret"), None);
        assert_eq!(href(Path::new("en/a b#.pdf")), "en/a%20b%23.pdf");
    }

    #[test]
    fn served_pages_get_the_script_and_escaped_errors() {
        let state = State {
            output: PathBuf::from("."),
            build: AtomicU64::new(7),
            errors: Mutex::new(Some("error: <script>alert(1)</script>".into())),
        };
        let mut body = String::new();
        let reply = html("<html><body><p>x</p></body></html>".into(), &state);
        std::io::Read::read_to_string(&mut reply.into_reader(), &mut body).unwrap();
        assert!(
            body.ends_with("<script src=\"/__imprint/reload.js\" data-build=\"7\"></script></body></html>"),
            "{body}"
        );
        assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{body}");
        assert_eq!(body.matches("<script").count(), 1, "{body}");
    }
}
