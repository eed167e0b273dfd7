//! Builds the list of imprint's built-in fonts: every font file and `OFL-*.txt` licence of the
//! repository's `fonts/` folder, embedded with `include_bytes!` (src/fonts.rs), so that a
//! project without a `fonts/` folder of its own (as `imprint init` makes) builds the same.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the repository has a fonts/ folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            let lower = n.to_lowercase();
            [".ttf", ".otf", ".ttc", ".otc"].iter().any(|e| lower.ends_with(e))
                || (n.starts_with("OFL-") && n.ends_with(".txt"))
        })
        .collect();
    names.sort();
    let mut out = String::from("&[\n");
    for name in names {
        let path = dir.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let _ = writeln!(out, "    ({name:?}, include_bytes!({:?})),", path.display().to_string());
    }
    out.push_str("]\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_fonts.rs");
    std::fs::write(target, out).expect("the list of built-in fonts is written");
}
