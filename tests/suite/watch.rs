//! `imprint watch` and `imprint serve`, run as a person runs them (the binary, on a copy of a
//! project): a save rebuilds the output, a broken save keeps the last good output, and the
//! server adds its reload script to the pages it serves but never to the files. Also the
//! partial builds of `imprint build --lang/--edition/--format`. Every wait is bounded.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::*;

/// A running `imprint`, stopped when dropped; its standard output line by line, its
/// standard error as it comes.
struct Running {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(project: &Path, args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_imprint"))
        .arg("--project")
        .arg(project)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, lines) = channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let stderr = Arc::new(Mutex::new(String::new()));
    let (mut from, to) = (child.stderr.take().unwrap(), Arc::clone(&stderr));
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 {
                break;
            }
            to.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Running { child, lines, stderr }
}

/// Waits (at most `limit`) until `ready` gives a value.
fn wait_for<T>(limit: Duration, what: &str, mut ready: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = ready() {
            return v;
        }
        assert!(start.elapsed() < limit, "gave up after {limit:?} waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The next line of standard output containing `text` (waiting at most `limit`).
fn line_with(run: &Running, text: &str, limit: Duration) -> String {
    let start = Instant::now();
    loop {
        let left = limit.checked_sub(start.elapsed()).unwrap_or_else(|| {
            panic!("no line with {text:?} within {limit:?}; stderr: {}", run.stderr.lock().unwrap())
        });
        match run.lines.recv_timeout(left) {
            Ok(line) if line.contains(text) => return line,
            Ok(_) => {}
            Err(_) => panic!("no line with {text:?} within {limit:?}; stderr: {}", run.stderr.lock().unwrap()),
        }
    }
}

const LIMIT: Duration = Duration::from_secs(60);

fn append(file: &Path, text: &str) {
    let mut f = std::fs::OpenOptions::new().append(true).open(file).unwrap();
    f.write_all(text.as_bytes()).unwrap();
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_output() {
    let project = project(None);
    let page = project.join("output/en/leaflet-standard.html");
    let run = start(&project, &["watch", "--lang", "en", "--format", "html"]);
    line_with(&run, "watching sources/", LIMIT);
    let first = std::fs::read_to_string(&page).unwrap();
    assert!(!first.contains("quokka"));
    // Only what was asked for was built.
    assert!(!project.join("output/en/leaflet-standard.pdf").exists());
    assert!(!project.join("output/es").exists());

    let intro = project.join("sources/content/intro.md");
    append(&intro, "\nA paragraph written while watching: the quokka smiles.\n");
    let rebuilt = wait_for(LIMIT, "the rebuilt page", || {
        std::fs::read_to_string(&page).ok().filter(|p| p.contains("the quokka smiles"))
    });
    let doc = scraper::Html::parse_document(&rebuilt);
    let p = scraper::Selector::parse("main p").unwrap();
    assert!(
        doc.select(&p)
            .any(|e| e.text().collect::<String>() == "A paragraph written while watching: the quokka smiles.")
    );

    // A broken save: the error is printed, and the last good page stays.
    let config = project.join("sources/imprint.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, good.replace("[organization]", "[organisation]")).unwrap();
    wait_for(LIMIT, "the error", || run.stderr.lock().unwrap().contains("build failed").then_some(()));
    let stderr = run.stderr.lock().unwrap().clone();
    assert!(stderr.contains("sources/imprint.toml"), "the error names the file: {stderr}");
    assert!(stderr.contains("the last good output stays"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&page).unwrap(), rebuilt, "the last good page stays");

    // Fixed again: rebuilt.
    std::fs::write(&config, good).unwrap();
    append(&intro, "\nAnd the wombat waves.\n");
    wait_for(LIMIT, "the page after the fix", || {
        std::fs::read_to_string(&page).ok().filter(|p| p.contains("the wombat waves"))
    });
}

/// One HTTP GET over 127.0.0.1 with a plain socket: (status line, body).
fn get(port: u16, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    s.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    (head.lines().next().unwrap().to_string(), body.to_string())
}

#[test]
fn serve_injects_the_reload_script_only_into_served_pages() {
    let project = project(None);
    let run = start(&project, &["serve", "--port", "0", "--lang", "en", "--format", "html,pdf"]);
    let url = line_with(&run, "serving", LIMIT);
    let port: u16 = url.rsplit(':').next().unwrap().trim_end_matches('/').parse().unwrap();
    line_with(&run, "watching", LIMIT);
    let file = std::fs::read_to_string(project.join("output/en/leaflet-standard.html")).unwrap();
    let (status, served) = get(port, "/en/leaflet-standard.html");
    assert!(status.contains("200"), "{status}");
    // The served page is the file with the script before </body>, and nothing else changed.
    let script = served.find("<script src=\"/__imprint/reload.js\"").expect("the reload script is served");
    assert!(served.ends_with("</script></body>\n</html>\n") || served.contains("</script></body>"), "{served}");
    assert_eq!(served.replace(&served[script..served.find("</body>").unwrap()], ""), file);
    assert!(!file.contains("__imprint"), "the file on disk has no script");
    let doc = scraper::Html::parse_document(&served);
    assert_eq!(doc.select(&scraper::Selector::parse("script").unwrap()).count(), 1);
    let (_, build) = get(port, "/__imprint/events");
    let build: u64 = build.trim().parse().unwrap();
    let (_, js) = get(port, "/__imprint/reload.js");
    assert!(js.contains("location.reload()"));
    // Other files as they are; nothing outside the output folder.
    let (status, pdf) = get(port, "/en/leaflet-standard.pdf");
    assert!(status.contains("200") && pdf.starts_with("%PDF-"), "{status}");
    assert!(get(port, "/../sources/imprint.toml").0.contains("404"));
    assert!(get(port, "/%2e%2e/sources/imprint.toml").0.contains("404"));
    let (_, listing) = get(port, "/en/");
    assert!(listing.contains("href=\"/__imprint/view/en/leaflet-standard.pdf\""), "{listing}");

    // A save bumps the build number (the page reloads), and a broken one shows in the page.
    let config = project.join("sources/imprint.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, good.replace("[organization]", "[organisation]")).unwrap();
    let page = wait_for(LIMIT, "the error banner", || {
        let (_, page) = get(port, "/en/leaflet-standard.html");
        page.contains("imprint-errors").then_some(page)
    });
    let after: u64 = get(port, "/__imprint/events").1.trim().parse().unwrap();
    assert!(after > build);
    let doc = scraper::Html::parse_document(&page);
    let banner = doc.select(&scraper::Selector::parse("#imprint-errors pre").unwrap()).next().unwrap();
    assert!(banner.text().collect::<String>().contains("sources/imprint.toml"), "{page}");
    assert_eq!(std::fs::read_to_string(project.join("output/en/leaflet-standard.html")).unwrap(), file);
}

#[test]
fn build_makes_only_what_is_asked_and_leaves_the_rest() {
    let project = project(None);
    let config = project.join("sources/imprint.toml");
    let text =
        std::fs::read_to_string(&config).unwrap().replace("source = \"en\"", "source = \"en\"\nbuild = [\"es\"]");
    std::fs::write(&config, text).unwrap();
    let out = project.join("output");
    assert_eq!(imprint_in(&project, &["build"]).code, 0);
    let es_pdf = out.join("es/leaflet-standard.pdf");
    let before = std::fs::read(&es_pdf).unwrap();
    let stamp = |p: &Path| std::fs::metadata(p).unwrap().modified().unwrap();
    let en_html = out.join("en/leaflet-standard.html");
    let (t_html, t_es) = (stamp(&en_html), stamp(&es_pdf));
    std::thread::sleep(Duration::from_millis(20));
    let run = imprint_in(&project, &["build", "--lang", "en", "--format", "pdf", "--verbose"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let wrote: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("wrote ")).collect();
    // The brochure and its cover thumbnail (the downloads site shows it).
    assert_eq!(wrote.len(), 2, "{}", run.stdout);
    assert!(wrote[0].contains("en/leaflet-standard.pdf"), "{}", run.stdout);
    // (it says so above; the rebuilt PDF is byte for byte the same, so the commit keeps the file)
    assert_eq!((stamp(&en_html), stamp(&es_pdf)), (t_html, t_es), "the other files are untouched");
    assert_eq!(std::fs::read(&es_pdf).unwrap(), before);

    // Values the project does not build are refused, with the ones it does.
    let run = imprint_in(&project, &["build", "--lang", "ko"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`--lang ko`") && run.stderr.contains("`en`, `es`"), "{}", run.stderr);
    let run = imprint_in(&project, &["build", "--format", "large-print"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("`html`, `pdf`, `epub`"), "{}", run.stderr);
    // Values that are no language or format at all are refused by the parser.
    let run = imprint_in(&project, &["build", "--format", "docx"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("possible values:") && run.stderr.contains("large-print"), "{}", run.stderr);
    let run = imprint_in(&project, &["build", "--lang", "xx-nope"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("unknown language code"), "{}", run.stderr);
}

#[test]
fn a_partial_build_answers_for_its_own_files_only() {
    use imprint::select::{Filter, Selection};
    let project = project(None);
    let config = project.join("sources/imprint.toml");
    let text =
        std::fs::read_to_string(&config).unwrap().replace("source = \"en\"", "source = \"en\"\nbuild = [\"es\"]");
    std::fs::write(&config, text).unwrap();
    let checked = imprint::check::check(&project).unwrap();
    let es = imprint::lang::parse_lang("es").unwrap();
    let filter = Filter { langs: vec![es], editions: Vec::new(), formats: vec![imprint::source::Format::Html] };
    let selection = Selection::new(filter.clone(), &checked.sources, &checked.jobs).unwrap();
    let out = temp_dir("partial-owns");
    let options = imprint::build::Options { filter: Some(&filter), progress: None };
    let built = imprint::build::build_with(&project, &out, imprint::render::BuildInfo::default(), &options).unwrap();
    assert!(!built.written.is_empty());
    for (path, _) in &built.written {
        assert!(selection.owns(path), "{} was written but is not owned", path.display());
        assert!(path.starts_with("es") || path.starts_with("fonts/es"), "{}", path.display());
    }
    for other in
        ["es/leaflet-standard.pdf", "en/leaflet-standard.html", "fonts/en/leaflet-standard/x.ttf", "index.html"]
    {
        assert!(!selection.owns(Path::new(other)), "{other} is not the partial build's");
    }
    assert!(Selection::all().owns(Path::new("index.html")), "a full build answers for every file");
}
