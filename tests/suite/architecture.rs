//! The shape of the house, read from the source: data flows one way between the crate's
//! top-level modules (no module imports a module that imports it back, directly or through
//! others), `model` imports nothing, `render` never imports `source`, and only the driver and
//! the command line reach the writer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::repo;

/// The top-level module of a file under `src/` (`source/markdown/mod.rs` -> `source`).
fn module_of(rel: &Path) -> String {
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned()).unwrap_or_default();
    first.trim_end_matches(".rs").to_string()
}

/// The top-level modules each file names as `crate::x` outside comments, by module.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let src = repo().join("src");
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let module = module_of(path.strip_prefix(&src).unwrap());
            let text = std::fs::read_to_string(&path).unwrap();
            let deps = out.entry(module.clone()).or_default();
            for line in text.lines().map(|l| l.split("//").next().unwrap_or("")) {
                for (i, _) in line.match_indices("crate::") {
                    let name: String = line[i + 7..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if !name.is_empty() && name != module {
                        deps.insert(name);
                    }
                }
            }
        }
    }
    out
}

/// A cycle in the graph, if there is one (depth-first search).
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut found = path[i..].to_vec();
            found.push(node.to_string());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|n| visit(n, graph, &mut Vec::new(), &mut done))
}

#[test]
fn modules_import_one_way() {
    let graph = imports();
    // The graph is read from the real tree: the pipeline's stages are all there.
    for stage in ["model", "source", "i18n", "check", "build", "render", "write", "cli"] {
        assert!(graph.contains_key(stage), "no module `{stage}` found in src/: {:?}", graph.keys());
    }
    if let Some(c) = cycle(&graph) {
        panic!("import cycle: {}", c.join(" -> "));
    }
    assert_eq!(graph["model"], BTreeSet::new(), "model must import nothing");
    assert!(!graph["render"].contains("source"), "render must not import source");
    for (module, deps) in &graph {
        if deps.contains("write") {
            assert!(["build", "cli"].contains(&module.as_str()), "`{module}` writes files; only build and cli may");
        }
    }
}

#[test]
fn a_cycle_is_found() {
    // The check above can fail: a two-module and a three-module cycle are reported.
    let graph = |edges: &[(&str, &str)]| {
        let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (a, b) in edges {
            g.entry(a.to_string()).or_default().insert(b.to_string());
        }
        g
    };
    assert!(cycle(&graph(&[("a", "b"), ("b", "a")])).is_some());
    assert_eq!(cycle(&graph(&[("a", "b"), ("b", "c"), ("c", "a")])).unwrap().len(), 4);
    assert!(cycle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_none());
}
