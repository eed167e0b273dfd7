//! How fast a save shows in `imprint watch` (the loop `imprint serve` runs): from writing a
//! one-paragraph edit into an English section until the English web page and the English
//! brochure PDF are renamed into `output/` (targets: 100 ms and 150 ms).
//!
//! It copies the repository's project into a temporary folder, starts the release binary's
//! `imprint watch` on it, and after the first build edits one paragraph of
//! `content/03-who-we-serve.md` again and again. After each write it watches the two output
//! files (every millisecond) for the rename that replaces them, then waits for the rest of
//! the rebuild (the other languages) before the next edit.
//!
//! Run with `cargo bench --bench watch` (`-- <edits>` to change the number of edits, default 7).

use std::io::{BufRead, BufReader};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

fn main() {
    let edits: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(7);
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let project = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-watch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&project);
    copy(&repo.join("sources"), &project.join("sources"));
    copy(&repo.join("layouts"), &project.join("layouts"));
    std::os::unix::fs::symlink(repo.join("fonts"), project.join("fonts")).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_imprint"))
        .arg("--project")
        .arg(&project)
        .arg("watch")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (tx, lines) = channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = wait_line(&lines, "built ", Duration::from_secs(300));
    println!("first build: {first}");
    wait_line(&lines, "watching", Duration::from_secs(10));

    let section = project.join("sources/content/03-who-we-serve.md");
    let original = std::fs::read_to_string(&section).unwrap();
    let paragraph = original.lines().find(|l| l.len() > 80 && !l.starts_with(['#', '+', '-', ':', '|'])).unwrap();
    let html = project.join("output/en/about-cast-standard.html");
    let pdf = project.join("output/en/about-cast-standard.pdf");
    let (mut to_html, mut to_pdf, mut to_all) = (Vec::new(), Vec::new(), Vec::new());
    for n in 0..edits {
        let edited = original.replacen(paragraph, &format!("{paragraph} Edit number {n}."), 1);
        let (html_before, pdf_before) = (inode(&html), inode(&pdf));
        let start = Instant::now();
        std::fs::write(&section, edited).unwrap();
        let (mut t_html, mut t_pdf) = (None, None);
        while t_html.is_none() || t_pdf.is_none() {
            assert!(start.elapsed() < Duration::from_secs(120), "no rebuilt output after 2 minutes");
            if t_html.is_none() && inode(&html) != html_before {
                t_html = Some(start.elapsed());
            }
            if t_pdf.is_none() && inode(&pdf) != pdf_before {
                t_pdf = Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        let built = wait_line(&lines, "built ", Duration::from_secs(300));
        let all = start.elapsed();
        let (h, p) = (t_html.unwrap(), t_pdf.unwrap());
        println!(
            "edit {n}: web page {} ms, brochure PDF {} ms, whole rebuild {} ms ({built})",
            h.as_millis(),
            p.as_millis(),
            all.as_millis()
        );
        to_html.push(h);
        to_pdf.push(p);
        to_all.push(all);
    }
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&project);
    println!(
        "save to English web page: median {} ms (max {} ms; target 100 ms)",
        median(&mut to_html).as_millis(),
        to_html.iter().max().unwrap().as_millis()
    );
    println!(
        "save to English brochure PDF: median {} ms (max {} ms; target 150 ms)",
        median(&mut to_pdf).as_millis(),
        to_pdf.iter().max().unwrap().as_millis()
    );
    println!("save to every language rebuilt: median {} ms", median(&mut to_all).as_millis());
}

fn inode(path: &Path) -> Option<(u64, i64)> {
    std::fs::metadata(path).ok().map(|m| (m.ino(), m.mtime_nsec()))
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn wait_line(lines: &Receiver<String>, text: &str, limit: Duration) -> String {
    let start = Instant::now();
    loop {
        let left = limit.checked_sub(start.elapsed()).unwrap_or_else(|| panic!("no line with {text:?}"));
        match lines.recv_timeout(left) {
            Ok(line) if line.contains(text) => return line,
            Ok(_) => {}
            Err(_) => panic!("no line with {text:?} within {limit:?}"),
        }
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}
