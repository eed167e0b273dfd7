//! Reading the sources (issue 19, items 4-5): every file imprint reads from `sources/` is a
//! regular file inside the sources folder after links are resolved; anything else is refused
//! at its place before a byte of it is read. Images are judged by their header (size in
//! pixels, file size, format) before they are read whole.

use std::path::Path;
use std::time::Duration;

use crate::common::*;
use crate::hardening::run_bounded;

const SECRET: &str = "a secret line that must never be printed";

/// A file outside the project with a line no message may show.
fn outside_file(name: &str) -> std::path::PathBuf {
    let path = temp_dir("outside").join(name);
    std::fs::write(&path, format!("+++\nid = \"outside\"\ntitle = \"Outside\"\n+++\n\n{SECRET}\n")).unwrap();
    path
}

fn link(target: &Path, at: &Path) {
    let _ = std::fs::remove_file(at);
    std::os::unix::fs::symlink(target, at).unwrap();
}

fn mkfifo(at: &Path) {
    let _ = std::fs::remove_file(at);
    let status = std::process::Command::new("mkfifo").arg(at).status().unwrap();
    assert!(status.success());
}

fn check(project: &Path) -> (i32, String) {
    run_bounded(project, &["check", "--format", "short"], Duration::from_secs(60))
}

#[test]
fn links_leading_outside_the_sources_are_refused_without_showing_the_file() {
    // The tester's case: a catalog linked to /etc/passwd.
    let project = crate::common::project(Some("valid/translated"));
    std::fs::create_dir_all(project.join("sources/translations")).unwrap();
    link(Path::new("/etc/passwd"), &project.join("sources/translations/es.po"));
    let (code, err) = check(&project);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("sources/translations/es.po:1:1: error: `sources/translations/es.po` is a link to a file outside the sources folder"),
        "{err}"
    );
    assert!(!err.contains("root:"), "no byte of the refused file: {err}");
    // A section linked from outside is refused, and not published.
    let project = crate::common::project(None);
    link(&outside_file("outside.md"), &project.join("sources/content/outside.md"));
    link(&outside_file("facts.toml"), &project.join("sources/data/more.toml"));
    let (code, err) = check(&project);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("sources/content/outside.md:1:1: error: `sources/content/outside.md` is a link"), "{err}");
    assert!(err.contains("sources/data/more.toml:1:1: error: `sources/data/more.toml` is a link"), "{err}");
    assert!(!err.contains(SECRET), "{err}");
    let (code, _) = run_bounded(&project, &["build"], Duration::from_secs(120));
    assert_eq!(code, 1);
    assert!(!project.join("output").exists());
    // A link that stays inside the sources folder is read as the file it leads to.
    let project = crate::common::project(None);
    std::fs::rename(project.join("sources/content/intro.md"), project.join("sources/intro.text")).unwrap();
    link(Path::new("../intro.text"), &project.join("sources/content/intro.md"));
    let (code, err) = check(&project);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn special_files_are_refused_before_reading() {
    // A named pipe would make a reader wait for ever: check and build finish, refusing it.
    let project = crate::common::project(Some("valid/with-image"));
    mkfifo(&project.join("sources/images/square.png"));
    mkfifo(&project.join("sources/content/pipe.md"));
    let (code, err) = check(&project);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`images/square.png` is a named pipe (FIFO), not a regular file"), "{err}");
    assert!(err.contains("sources/content/pipe.md:1:1: error: `sources/content/pipe.md` is a named pipe"), "{err}");
    let (code, _) = run_bounded(&project, &["build"], Duration::from_secs(60));
    assert_eq!(code, 1);
    // A link to /dev/zero would be read until memory runs out.
    let project = crate::common::project(Some("valid/with-image"));
    link(Path::new("/dev/zero"), &project.join("sources/images/square.png"));
    link(Path::new("/dev/zero"), &project.join("sources/data/zero.toml"));
    let (code, err) = check(&project);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`images/square.png` is a link to a file outside the sources folder"), "{err}");
    assert!(err.contains("sources/data/zero.toml:1:1: error: `sources/data/zero.toml` is a link"), "{err}");
    // A folder with a source's name.
    let project = crate::common::project(None);
    std::fs::create_dir_all(project.join("sources/content/folder.md")).unwrap();
    link(Path::new("folder.md"), &project.join("sources/content/link.md"));
    let (code, err) = check(&project);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`sources/content/link.md` is a folder, not a regular file"), "{err}");
}

/// CRC-32 (ISO 3309), for the PNG chunks the tests make.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
    out
}

/// A PNG that declares `width` x `height` pixels (8-bit grey), with `idat` bytes of data.
fn png(width: u32, height: u32, idat: usize, good_crc: bool) -> Vec<u8> {
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = chunk(b"IHDR", &ihdr);
    if !good_crc {
        let n = header.len();
        header[n - 1] ^= 0xff;
    }
    out.extend(header);
    out.extend(chunk(b"IDAT", &vec![0u8; idat]));
    out.extend(chunk(b"IEND", &[]));
    out
}

#[test]
fn image_bombs_and_damaged_images_are_refused_by_their_header() {
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "square.png",
            png(100_000, 100_000, 1_200_000, true),
            "the image `images/square.png` is 100000 x 100000 pixels; imprint takes images of up to 12000 pixels a side and 25 million pixels",
        ),
        ("square.png", png(6000, 6000, 100, true), "is 6000 x 6000 pixels"),
        ("square.png", png(10, 10, 100, false), "the image `images/square.png` is damaged: it is not a valid PNG file"),
        (
            "square.png",
            vec![0u8; 17 * 1024 * 1024],
            "`images/square.png` is 17.0 MB; imprint reads source files of up to 16 MB",
        ),
    ];
    for (name, bytes, message) in cases {
        let project = crate::common::project(Some("valid/with-image"));
        std::fs::write(project.join("sources/images").join(name), bytes).unwrap();
        let (code, err) = check(&project);
        assert_eq!(code, 1, "{message}: {err}");
        assert!(err.contains(message), "{message}: {err}");
        assert!(err.contains("sources/data/images.toml:"), "at the image's declaration: {err}");
    }
    // A PNG named .jpg: the format its name says is not the one it is.
    let project = crate::common::project(Some("valid/with-image"));
    let images = project.join("sources/images");
    std::fs::rename(images.join("square.png"), images.join("square.jpg")).unwrap();
    let declared = project.join("sources/data/images.toml");
    let text = std::fs::read_to_string(&declared).unwrap().replace("images/square.png", "images/square.jpg");
    std::fs::write(&declared, text).unwrap();
    let (code, err) = check(&project);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`images/square.jpg` is a PNG image, but its file name says JPEG"), "{err}");
}
