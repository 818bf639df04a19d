//! The shape of the server crate, checked from its source:
//!
//! - its top-level modules form layers: each module uses only modules of lower layers (the table
//!   below is the one place the order is written down; the README draws it);
//! - no two source files use each other, directly or around a circle;
//! - every code of the error catalogue is produced somewhere, so the catalogue documents what
//!   clients really meet.
//!
//! References are read from the source text: `use` trees and `crate::`/`super::` paths outside
//! comments, test modules included (a test that reaches upward is a dependency too).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use schwarm_api::error::ErrorCode;
use schwarm_tests::workspace_root;

/// The layers of `api/src`, lowest first. A module may use modules of lower layers only; two
/// modules of one layer never use each other. A new module must be placed here.
const LAYERS: &[&[&str]] = &[
    // foundation: what every layer stands on
    &["digest", "ids", "schema"],
    &["clock", "error"],
    &["config", "http", "pagination", "rate_limit", "validate"],
    &["db", "secrets"],
    &["domain"],
    // the outbox, the job queue, mail, idempotent POSTs: what every feature records into
    &["events", "jobs", "mail"],
    // credentials
    &["auth"],
    // idempotent POSTs: per signed-in user
    &["idempotency"],
    // people and brands
    &["media", "tokens", "users"],
    &["organizations"],
    &["campaigns"],
    &["invitations"],
    // what features record inside their own transactions
    &["counters", "ledger", "scores"],
    &["attribution"],
    // features
    &[
        "accounts",
        "contributions",
        "funding",
        "health",
        "metrics",
        "microtasks",
        "reach",
    ],
    &["comments", "insight", "rewards", "votes"],
    &["moderation", "privacy"],
    // what reaches people and integrations, and the outbox's consumer
    &["notifications", "webhooks"],
    &["dispatch"],
    // the application
    &["openapi"],
    &["app"],
    &["server"],
    &["lib", "main"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// A source file as a module path: `campaigns::view`, `db` (for `db/mod.rs`), `lib`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).expect("under src");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read the source folder") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// The text without comments (line comments and doc comments; block comments are not used).
fn code_of(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            // `"http://..."` is code; a comment's `//` is not preceded by a colon.
            Some(at) if !line[..at].ends_with(':') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Expands a `use` tree (`a::{b, c::{d, self}}`) into full paths.
fn expand_use(tree: &str) -> Vec<String> {
    // `X as Y` names X; the marker survives the removal of white space.
    let tree: String = tree
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" as ", "@")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.split('@').next().unwrap_or(&tree).to_owned()];
    };
    let prefix = &tree[..open];
    let close = tree
        .rfind('}')
        .filter(|close| *close > open)
        .unwrap_or(tree.len());
    let inner = &tree[open + 1..close];
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (index, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&inner[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    items.push(&inner[start..]);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(expand_use)
        .map(|path| match path.as_str() {
            "self" => prefix.trim_end_matches("::").to_owned(),
            _ => format!("{prefix}{path}"),
        })
        .collect()
}

/// Every `crate::`, `super::` and `self::` path the code names.
fn referenced_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let Some(tree) = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|start| trimmed.strip_prefix(start))
        else {
            continue;
        };
        // A use statement may span lines up to its semicolon.
        let mut statement = tree.to_owned();
        let mut next = index + 1;
        while !statement.contains(';') && next < lines.len() {
            statement.push_str(lines[next]);
            next += 1;
        }
        let end = statement.find(';').unwrap_or(statement.len());
        paths.extend(expand_use(&statement[..end]));
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = code[from..].find(start) {
            let at = from + found;
            let mut end = at;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b':')
            {
                end += 1;
            }
            paths.push(code[at..end].to_owned());
            from = end.max(at + 1);
        }
    }
    paths
}

/// Resolves a referenced path to the longest known module it names.
fn resolve(
    path: &str,
    here: &[String],
    is_mod_file: bool,
    modules: &BTreeSet<Vec<String>>,
) -> Option<Vec<String>> {
    let mut segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let mut base: Vec<String> = match segments.first() {
        Some(&"crate") => Vec::new(),
        Some(&"super") | Some(&"self") => {
            // `super` in `a/b.rs` is `a`; in `a/mod.rs` it is the parent of `a`.
            let mut base = here.to_vec();
            if !is_mod_file || segments[0] == "super" {
                base.pop();
            }
            if is_mod_file && segments[0] == "self" {
                base = here.to_vec();
            }
            while segments.get(1) == Some(&"super") {
                base.pop();
                segments.remove(0);
            }
            base
        }
        _ => return None,
    };
    let mut best = None;
    for segment in &segments[1..] {
        base.push((*segment).to_owned());
        if modules.contains(&base) {
            best = Some(base.clone());
        }
    }
    best
}

struct Crate {
    /// File module -> the file modules it uses.
    files: BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
}

fn read_crate() -> Crate {
    let src = workspace_root().join("api/src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let texts: Vec<(Vec<String>, bool, String)> = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("read a source file");
            let is_mod_file = path
                .file_name()
                .is_some_and(|name| name == "mod.rs" || name == "lib.rs");
            (module_path(&src, path), is_mod_file, code_of(&text))
        })
        .collect();
    let modules: BTreeSet<Vec<String>> = texts.iter().map(|(module, _, _)| module.clone()).collect();
    let mut files = BTreeMap::new();
    for (module, is_mod_file, code) in &texts {
        let used: BTreeSet<Vec<String>> = referenced_paths(code)
            .iter()
            .filter_map(|path| resolve(path, module, *is_mod_file, &modules))
            .filter(|target| target != module)
            .collect();
        files.insert(module.clone(), used);
    }
    Crate { files }
}

fn top(module: &[String]) -> String {
    module.first().cloned().unwrap_or_else(|| "lib".to_owned())
}

/// The strongly connected components with more than one member (Tarjan).
fn cycles<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    struct State<N> {
        index: BTreeMap<N, usize>,
        low: BTreeMap<N, usize>,
        stack: Vec<N>,
        on_stack: BTreeSet<N>,
        found: Vec<Vec<N>>,
    }
    fn visit<N: Ord + Clone>(node: &N, graph: &BTreeMap<N, BTreeSet<N>>, state: &mut State<N>) {
        let index = state.index.len();
        state.index.insert(node.clone(), index);
        state.low.insert(node.clone(), index);
        state.stack.push(node.clone());
        state.on_stack.insert(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if !state.index.contains_key(next) {
                visit(next, graph, state);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node.clone(), low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node.clone(), low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(&member);
                let done = &member == node;
                component.push(member);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                state.found.push(component);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(node, graph, &mut state);
        }
    }
    state.found
}

#[test]
fn every_module_uses_only_lower_layers() {
    let krate = read_crate();
    let mut violations = Vec::new();
    for (file, used) in &krate.files {
        let from = top(file);
        let Some(from_layer) = layer_of(&from) else {
            violations.push(format!("{from} is in no layer: add it to LAYERS"));
            continue;
        };
        for target in used {
            let to = top(target);
            if to == from {
                continue;
            }
            match layer_of(&to) {
                Some(to_layer) if to_layer < from_layer => {}
                _ => violations.push(format!(
                    "{} uses {} ({from} may not use {to})",
                    file.join("::"),
                    target.join("::")
                )),
            }
        }
    }
    violations.sort();
    violations.dedup();
    assert!(
        violations.is_empty(),
        "layering violations:\n{}",
        violations.join("\n")
    );
}

#[test]
fn no_source_files_use_each_other_in_a_circle() {
    let krate = read_crate();
    let found = cycles(&krate.files);
    let described: Vec<String> = found
        .iter()
        .map(|component| {
            component
                .iter()
                .map(|m| m.join("::"))
                .collect::<Vec<_>>()
                .join(" <-> ")
        })
        .collect();
    assert!(described.is_empty(), "module cycles:\n{}", described.join("\n"));
}

#[test]
fn the_checks_see_cycles_and_resolve_paths() {
    let graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::from([
        ("a", BTreeSet::from(["b"])),
        ("b", BTreeSet::from(["c"])),
        ("c", BTreeSet::from(["a"])),
        ("d", BTreeSet::from(["a"])),
    ]);
    assert_eq!(cycles(&graph), vec![vec!["a", "b", "c"]]);
    assert_eq!(
        expand_use("super::repo::{self, Row as R, inner::{X, Y}}"),
        [
            "super::repo",
            "super::repo::Row",
            "super::repo::inner::X",
            "super::repo::inner::Y"
        ]
    );
    let modules: BTreeSet<Vec<String>> = [
        vec!["votes".to_owned()],
        vec!["votes".to_owned(), "repo".to_owned()],
    ]
    .into_iter()
    .collect();
    let here = vec!["votes".to_owned(), "service".to_owned()];
    assert_eq!(
        resolve("super::repo::VoteRow", &here, false, &modules),
        Some(vec!["votes".to_owned(), "repo".to_owned()])
    );
    assert_eq!(
        resolve("crate::votes::Thing", &here, false, &modules),
        Some(vec!["votes".to_owned()])
    );
    // The real crate is read, and its known edges are seen.
    let krate = read_crate();
    let view = vec!["contributions".to_owned(), "view".to_owned()];
    assert!(krate.files[&vec!["contributions".to_owned(), "gallery".to_owned()]].contains(&view));
}

#[test]
fn every_error_code_is_produced_somewhere() {
    let src = workspace_root().join("api/src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    let code: String = paths
        .iter()
        .filter(|path| !path.ends_with("error/codes.rs"))
        .map(|path| code_of(&std::fs::read_to_string(path).expect("read a source file")))
        .collect();
    let unused: Vec<&str> = ErrorCode::ALL
        .iter()
        .filter(|error| !code.contains(&format!("ErrorCode::{}", error.variant_name())))
        .map(|error| error.as_str())
        .collect();
    assert!(
        unused.is_empty(),
        "codes in the catalogue that nothing produces: {unused:?}"
    );
}
