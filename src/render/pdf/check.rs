//! Checks a Typst layout against the [`contract`](super::contract) before any content is set
//! in it: the layout is compiled on its own in the sandbox (its syntax errors and refused
//! reads are reported at its lines), then its top-level `#let` bindings, with those of the
//! layouts it imports, are read with `typst::syntax` and compared with the functions imprint
//! calls. A missing function is reported at a binding whose name is a likely misspelling of
//! it, else at the top of the layout; a missing parameter at the function's `#let`.

use std::ops::Range;

use typst::diag::Warned;
use typst::syntax::ast::{self, AstNode};
use typst::syntax::{LinkedNode, Source};
use typst_layout::PagedDocument;

use super::Mapper;
use super::contract::{FUNCTIONS, Function};
use super::markup::string;
use super::world::{SandboxWorld, file_id};
use crate::diag::Severity;
use crate::fonts::FontSet;
use crate::layouts::Layouts;
use crate::render::{Problem, Site};

/// A top-level binding of a layout or of a layout it imports.
#[derive(Debug, Clone)]
struct Binding {
    /// The name it is bound to.
    name: String,
    /// The layout it is defined in (`common.typ`).
    file: String,
    /// The byte range of its name there.
    range: Range<usize>,
    /// Its parameters, when it is a function written `#let f(..) = ..`.
    params: Option<Params>,
}

/// The parameters of a function.
#[derive(Debug, Clone, Default)]
struct Params {
    /// Positional parameters, in order.
    positional: Vec<String>,
    /// Named parameters (those with a default).
    named: Vec<String>,
    /// Whether it has a sink (`..rest`), which takes any argument.
    sink: bool,
}

/// How deep imports between layouts are followed (a cycle stops here).
const MAX_DEPTH: usize = 8;

/// The problems of the layout `name` (`brochure.typ`) against the contract: errors when the
/// layout does not compile on its own, lacks a function imprint calls or a parameter imprint
/// passes. The large-print layout is checked for its two extra parameters.
pub fn check_layout(layouts: &Layouts, fonts: &FontSet, name: &str) -> Vec<Problem> {
    let Some(layout) = layouts.get(name) else {
        return vec![Problem {
            severity: Severity::Error,
            message: format!("there is no layout `layouts/{name}`"),
            site: None,
            hints: vec!["imprint's Typst layouts are brochure.typ and large-print.typ.".into()],
            focus: None,
        }];
    };
    let mut problems = bad_names(layouts);
    problems.extend(compile_alone(layouts, fonts, name));
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return problems;
    }
    problems.extend(contract_problems(layouts, name, &layout.shown_as));
    problems
}

/// The contract problems of a layout, without compiling it (cheap enough for every build).
fn contract_problems(layouts: &Layouts, name: &str, shown_as: &str) -> Vec<Problem> {
    let mut bindings = Vec::new();
    collect(layouts, name, 0, &mut bindings);
    let large_print = name == "large-print.typ";
    let mut problems = Vec::new();
    for f in FUNCTIONS {
        // The last binding of a name is the one Typst sees.
        match bindings.iter().rev().find(|b| b.name == f.name) {
            None => problems.push(missing_function(layouts, f, &bindings, shown_as)),
            Some(b) => problems.extend(missing_params(layouts, f, b, large_print)),
        }
    }
    problems
}

/// Layouts whose name Typst refuses: they are left out of every build.
fn bad_names(layouts: &Layouts) -> Vec<Problem> {
    layouts
        .iter()
        .filter(|(name, _)| name.ends_with(".typ"))
        .filter_map(|(name, file)| {
            let e = file_id(&format!("/layouts/{name}")).err()?;
            Some(Problem {
                severity: Severity::Warning,
                message: format!("the layout `{}` cannot be used: Typst refuses its name ({e})", file.shown_as),
                site: None,
                hints: vec!["Rename the file with letters, digits, `-` and `_` only.".into()],
                focus: None,
            })
        })
        .collect()
}

/// Compiles a main file that only imports the layout: its own errors, at its lines.
fn compile_alone(layouts: &Layouts, fonts: &FontSet, name: &str) -> Vec<Problem> {
    if file_id(&format!("/layouts/{name}")).is_err() {
        return Vec::new();
    }
    let main = format!("#import {}: *\n", string(&format!("/layouts/{name}")));
    let files =
        layouts.iter().filter(|(n, _)| n.ends_with(".typ")).map(|(n, f)| (format!("/layouts/{n}"), f.text.clone()));
    let world = SandboxWorld::new(fonts, main, files, std::iter::empty(), None);
    let mapper = Mapper { world: &world, generated: None, layouts, layout: name };
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let mut problems: Vec<Problem> = warnings.iter().map(|d| mapper.problem(d)).collect();
    if let Err(errors) = output {
        problems.extend(errors.iter().map(|d| mapper.problem(d)));
    }
    problems
}

/// The top-level bindings of the layout `name`, with those its imports bring in, in the
/// order Typst binds them.
fn collect(layouts: &Layouts, name: &str, depth: usize, out: &mut Vec<Binding>) {
    let Some(file) = layouts.get(name) else { return };
    if depth > MAX_DEPTH {
        return;
    }
    // Numbered spans (a detached source's), so that each name's range can be found.
    let source = Source::detached(file.text.clone());
    let linked = LinkedNode::new(source.root());
    for child in linked.children() {
        if let Some(import) = child.cast::<ast::ModuleImport>() {
            imported(layouts, name, import, depth, out);
        } else if let Some(binding) = child.cast::<ast::LetBinding>() {
            out.extend(let_bindings(name, &child, binding));
        }
    }
}

/// The bindings an `#import "other.typ": ..` of the layout `name` brings in: all of them, or
/// the items named (under the name they are bound to).
fn imported(layouts: &Layouts, name: &str, import: ast::ModuleImport, depth: usize, out: &mut Vec<Binding>) {
    let ast::Expr::Str(path) = import.source() else { return };
    let Some(target) = resolve(name, path.get().as_str()) else { return };
    let mut all = Vec::new();
    match import.imports() {
        Some(ast::Imports::Wildcard) => collect(layouts, &target, depth + 1, out),
        Some(ast::Imports::Items(items)) => {
            collect(layouts, &target, depth + 1, &mut all);
            for item in items.iter() {
                let original = item.original_name();
                if let Some(b) = all.iter().rev().find(|b| b.name == original.get().as_str()) {
                    out.push(Binding { name: item.bound_name().get().to_string(), ..b.clone() });
                }
            }
        }
        None => {}
    }
}

/// The layout an import path names, seen from the layout `from`: `common.typ` next to it, or
/// `/layouts/common.typ` from the root.
fn resolve(from: &str, path: &str) -> Option<String> {
    if let Some(abs) = path.strip_prefix('/') {
        return abs.strip_prefix("layouts/").map(str::to_string);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The names a top-level `#let` binds, with the parameters of a function.
fn let_bindings(file: &str, node: &LinkedNode, binding: ast::LetBinding) -> Vec<Binding> {
    let range_of = |ident: ast::Ident| node.find(ident.span()).map(|n| n.range()).unwrap_or(node.range());
    match binding.kind() {
        ast::LetBindingKind::Closure(ident) => {
            let params = match binding.init() {
                Some(ast::Expr::Closure(closure)) => Some(params(closure)),
                _ => None,
            };
            vec![Binding { name: ident.get().to_string(), file: file.to_string(), range: range_of(ident), params }]
        }
        ast::LetBindingKind::Normal(pattern) => {
            // `#let f = (x) => ..` is a function too.
            let closure = match binding.init() {
                Some(ast::Expr::Closure(c)) => Some(params(c)),
                _ => None,
            };
            let idents = pattern.bindings();
            let single = idents.len() == 1;
            idents
                .into_iter()
                .map(|ident| Binding {
                    name: ident.get().to_string(),
                    file: file.to_string(),
                    range: range_of(ident),
                    params: if single { closure.clone() } else { None },
                })
                .collect()
        }
    }
}

/// The parameters of a closure.
fn params(closure: ast::Closure) -> Params {
    let mut p = Params::default();
    for param in closure.params().children() {
        match param {
            ast::Param::Pos(pattern) => {
                let name = pattern.bindings().first().map(|i| i.get().to_string()).unwrap_or_else(|| "_".into());
                p.positional.push(name);
            }
            ast::Param::Named(named) => p.named.push(named.name().get().to_string()),
            ast::Param::Spread(_) => p.sink = true,
        }
    }
    p
}

/// A function the layout does not define.
fn missing_function(layouts: &Layouts, f: &Function, bindings: &[Binding], shown_as: &str) -> Problem {
    let close = bindings
        .iter()
        .filter(|b| b.params.is_some())
        .map(|b| (edit_distance(&b.name, f.name), b))
        .filter(|(d, b)| *d > 0 && *d <= 2 && *d < f.name.len().min(b.name.len()) / 2 + 1)
        .min_by_key(|(d, _)| *d);
    let mut problem = Problem {
        severity: Severity::Error,
        message: format!("the layout defines no function `{}`, which imprint calls {}", f.name, f.purpose),
        site: Some(Site::Layout { shown_as: shown_as.to_string(), range: 0..0 }),
        hints: vec![format!(
            "Add `#let {}(..)` to the layout, or import it; layouts/README.md lists its parameters.",
            f.name
        )],
        focus: None,
    };
    if let Some((_, b)) = close {
        problem.message = format!(
            "the layout defines no function `{}`, which imprint calls {}; `{}` may be it, misspelt",
            f.name, f.purpose, b.name
        );
        problem.site = Some(site(layouts, b));
        problem.hints = vec![format!("Rename `{}` to `{}`.", b.name, f.name)];
    }
    problem
}

/// The parameters imprint passes that a layout's function does not take.
fn missing_params(layouts: &Layouts, f: &Function, b: &Binding, large_print: bool) -> Vec<Problem> {
    let Some(params) = &b.params else { return Vec::new() };
    if params.sink {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut error = |message: String, hint: String| {
        problems.push(Problem {
            severity: Severity::Error,
            message,
            site: Some(site(layouts, b)),
            hints: vec![hint],
            focus: None,
        })
    };
    for named in f.named_in(large_print).filter(|n| !params.named.iter().any(|p| p == n)) {
        error(
            format!("the layout's function `{}` has no parameter `{named}`, which imprint passes", f.name),
            format!(
                "Add `{named}: none` to its parameters (or `..rest` to take any); layouts/README.md says what it holds."
            ),
        );
    }
    if params.positional.len() < f.positional.len() {
        let what = f.positional[params.positional.len()..].join("`, `");
        error(
            format!("the layout's function `{}` takes no positional argument `{what}`, which imprint passes", f.name),
            format!("Add `{what}` as the last parameter of `{}`.", f.name),
        );
    } else if params.positional.len() > f.positional.len() {
        let what = params.positional[f.positional.len()..].join("`, `");
        error(
            format!("the layout's function `{}` needs `{what}`, which imprint does not pass", f.name),
            "Give it a default (`name: value`) or remove it.".into(),
        );
    }
    problems
}

/// Where a binding is, as a problem's site.
fn site(layouts: &Layouts, b: &Binding) -> Site {
    let shown_as = layouts.get(&b.file).map(|l| l.shown_as.clone()).unwrap_or_else(|| format!("layouts/{}", b.file));
    Site::Layout { shown_as, range: b.range.clone() }
}

/// The Levenshtein distance between two names, in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(row[j]).min(cur) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
