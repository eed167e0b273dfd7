//! `imprint init`: a new project checks clean and builds out of the box, with imprint's
//! built-in fonts and layouts, and init never writes over an existing file.

use crate::common::*;

#[test]
fn a_new_project_checks_clean_and_builds() {
    let dir = temp_dir("init");
    let project = dir.join("my-org");
    let run = imprint(&["init", project.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!project.join("fonts").exists() && !project.join("layouts").exists(), "nothing but sources/ is written");
    let check = imprint_in(&project, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "", "a new project has no warnings");
    let build = imprint_in(&project, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    for file in
        ["about-us-standard.pdf", "about-us-plain-large-print.pdf", "about-us-standard.epub", "about-us-plain.html"]
    {
        assert!(project.join("output/en").join(file).is_file(), "{file} was not built: {}", build.stdout);
    }
    // Its permanent identifier is its own, not a shared placeholder.
    let config = std::fs::read_to_string(project.join("sources/imprint.toml")).unwrap();
    let again = dir.join("other-org");
    assert_eq!(imprint(&["init", again.to_str().unwrap()]).code, 0);
    let other = std::fs::read_to_string(again.join("sources/imprint.toml")).unwrap();
    let id = |t: &str| t.lines().find(|l| l.starts_with("identifier")).unwrap().to_string();
    assert_ne!(id(&config), id(&other));
    assert!(!config.contains("{uuid}"));
}

#[test]
fn init_never_overwrites() {
    let project = temp_dir("init-twice");
    assert_eq!(imprint(&["init", project.to_str().unwrap()]).code, 0);
    let config = project.join("sources/imprint.toml");
    std::fs::write(&config, "# mine\n").unwrap();
    let run = imprint(&["init", project.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already has sources/imprint.toml"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "# mine\n", "the existing file is untouched");
}
