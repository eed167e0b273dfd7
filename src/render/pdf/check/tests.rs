//! Tests of the layout check: the built-in layouts keep the contract, and a broken copy is
//! reported at the line to fix.

use std::sync::OnceLock;

use super::*;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts")).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// The built-in layouts with `files` (name, text) written over them in a project folder.
fn layouts_with(test: &str, files: &[(&str, String)]) -> Layouts {
    let dir = std::env::temp_dir().join(format!("check-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    Layouts::load(&dir).unwrap()
}

fn brochure() -> String {
    include_str!("../../../../layouts/brochure.typ").to_string()
}

/// The 1-based line of a byte offset.
fn line(text: &str, offset: usize) -> usize {
    text[..offset].matches('\n').count() + 1
}

fn layout_site(p: &Problem) -> (String, Range<usize>) {
    match &p.site {
        Some(Site::Layout { shown_as, range }) => (shown_as.clone(), range.clone()),
        other => panic!("not at a layout: {other:?}"),
    }
}

#[test]
fn the_built_in_layouts_keep_the_contract() {
    let layouts = Layouts::builtin();
    for name in ["brochure.typ", "large-print.typ"] {
        let problems = check_layout(&layouts, fonts(), name);
        assert!(problems.is_empty(), "{name}: {problems:#?}");
    }
}

#[test]
fn a_misspelt_function_is_reported_at_its_line() {
    let text = brochure().replace("#let chart(", "#let chrat(");
    let layouts = layouts_with("misspelt", &[("brochure.typ", text.clone())]);
    let problems = check_layout(&layouts, fonts(), "brochure.typ");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("no function `chart`") && problems[0].message.contains("`chrat`"));
    let (shown_as, range) = layout_site(&problems[0]);
    assert_eq!(shown_as, "layouts/brochure.typ");
    assert_eq!(&text[range.clone()], "chrat");
    assert_eq!(line(&text, range.start), line(&text, text.find("#let chrat(").unwrap()));
}

#[test]
fn a_missing_function_without_a_near_name_is_reported_at_the_top() {
    let text = brochure().replace("#let timeline(", "#let events-in-order(");
    let layouts = layouts_with("missing", &[("brochure.typ", text)]);
    let problems = contract_problems(&layouts, "brochure.typ", "layouts/brochure.typ");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(layout_site(&problems[0]).1, 0..0);
}

#[test]
fn a_missing_parameter_is_reported_at_the_functions_let() {
    let text = brochure().replace("  alt: \"\",\n  note: none,", "  note: none,");
    let layouts = layouts_with("param", &[("brochure.typ", text.clone())]);
    let problems = contract_problems(&layouts, "brochure.typ", "layouts/brochure.typ");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].message.contains("`chart` has no parameter `alt`"), "{}", problems[0].message);
    assert_eq!(&text[layout_site(&problems[0]).1], "chart");
    // The large-print layout is checked for its own parameters too.
    let lp = include_str!("../../../../layouts/large-print.typ").replace("  body-size: 18pt,\n", "");
    let layouts = layouts_with("lp", &[("large-print.typ", lp)]);
    let problems = contract_problems(&layouts, "large-print.typ", "layouts/large-print.typ");
    assert!(problems.iter().any(|p| p.message.contains("no parameter `body-size`")), "{problems:#?}");
}

#[test]
fn functions_imported_from_common_are_found_and_blamed_there() {
    let common = include_str!("../../../../layouts/common.typ").replace("#let photo(", "#let phot(");
    let layouts = layouts_with("common", &[("common.typ", common.clone())]);
    let problems = contract_problems(&layouts, "brochure.typ", "layouts/brochure.typ");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let (shown_as, range) = layout_site(&problems[0]);
    assert_eq!((shown_as.as_str(), &common[range]), ("layouts/common.typ", "phot"));
    // A sink takes any argument; item imports bind under their new name.
    let text = brochure().replace("#let chart(", "#let chart(..rest, ").replace(
        "#import \"common.typ\": *",
        "#import \"common.typ\": palette, side, direction-state, divider, phot as photo",
    );
    let layouts = layouts_with("items", &[("brochure.typ", text), ("common.typ", common)]);
    assert_eq!(contract_problems(&layouts, "brochure.typ", "layouts/brochure.typ"), Vec::new());
}

#[test]
fn a_layout_that_does_not_compile_is_reported_at_its_line() {
    let text = brochure().replace("#let sizes = (", "#let sizes = (oops: #, ");
    let layouts = layouts_with("syntax", &[("brochure.typ", text)]);
    let problems = check_layout(&layouts, fonts(), "brochure.typ");
    assert!(!problems.is_empty());
    assert!(problems.iter().all(|p| layout_site(p).0 == "layouts/brochure.typ"), "{problems:#?}");
}

#[test]
fn a_layout_name_typst_refuses_is_a_warning() {
    if cfg!(windows) {
        return;
    }
    let layouts = layouts_with("name", &[("odd\\name.typ", "#let x = 1".into())]);
    let problems = check_layout(&layouts, fonts(), "brochure.typ");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert!(problems[0].message.contains("odd\\name.typ"), "{}", problems[0].message);
}

#[test]
fn edit_distances() {
    assert_eq!(edit_distance("chart", "chrat"), 2);
    assert_eq!(edit_distance("chart", "charts"), 1);
    assert_eq!(edit_distance("", "abc"), 3);
    assert_eq!(edit_distance("section", "section"), 0);
}
