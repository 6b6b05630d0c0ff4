//! The module layering, checked from the source text: within every folder of `src/`, the files
//! and subfolders that sit side by side must not use each other in a circle, so each one can
//! be read (and changed) after the ones it uses. A file's own folder (`mod.rs`, `lib.rs`) is
//! the container, not a sibling, so children may use what it declares.
//!
//! Dependencies are read from `crate::`, `super::` and `self::` paths, in `use` lines (braces
//! expanded) and written inline; comments and `#[cfg(test)]` modules at the end of a file are
//! left out, since tests may reach anywhere.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type ModPath = Vec<String>;

/// Every module file under `src/` (the binary's `main.rs` aside), by module path.
fn modules(src: &Path) -> BTreeMap<ModPath, String> {
    fn walk(dir: &Path, prefix: &[String], out: &mut BTreeMap<ModPath, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let mut module = prefix.to_vec();
            if path.is_dir() {
                module.push(name);
                walk(&path, &module, out);
                continue;
            }
            let Some(stem) = name.strip_suffix(".rs") else {
                continue;
            };
            if prefix.is_empty() && stem == "main" {
                continue;
            }
            if !matches!(stem, "mod" | "lib") {
                module.push(stem.to_owned());
            }
            out.insert(module, fs::read_to_string(&path).unwrap());
        }
    }
    let mut out = BTreeMap::new();
    walk(src, &[], &mut out);
    out
}

/// The text without comments and without a trailing `#[cfg(test)]` module.
fn code(text: &str) -> String {
    let end = text.find("#[cfg(test)]\nmod ").unwrap_or(text.len());
    text[..end]
        .lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a `use` tree names, braces expanded: `a::{b, c::{d, e}}` is `a::b`, `a::c::d`,
/// `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap().trim();
        return vec![path.trim_end_matches("::*").to_owned()];
    };
    let prefix = tree[..open].trim_end_matches("::");
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| match p.as_str() {
            "self" => prefix.to_owned(),
            _ => format!("{prefix}::{p}"),
        })
        .collect()
}

/// Every `crate::`/`super::`/`self::` path in the code, as written.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    // `use` statements first (they may span lines and hold braces)...
    let mut others = String::new();
    while let Some(at) = rest.find("use ") {
        let boundary = at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric();
        others.push_str(&rest[..at]);
        let Some(end) = rest[at..].find(';') else {
            break;
        };
        if boundary {
            out.extend(expand(&rest[at + 4..at + end]));
        } else {
            others.push_str(&rest[at..at + end]);
        }
        rest = &rest[at + end..];
    }
    others.push_str(rest);
    // ...then paths written inline.
    let bytes = others.as_bytes();
    for root in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(found) = others[from..].find(root) {
            let at = from + found;
            from = at + root.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
                continue;
            }
            let end = others[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(others.len(), |e| at + e);
            out.push(others[at..end].trim_end_matches(':').to_owned());
        }
    }
    out
}

/// The module a path from `module` resolves to: the longest prefix that is a module file.
fn resolve(module: &ModPath, path: &str, known: &BTreeSet<ModPath>) -> Option<ModPath> {
    let mut parts = path.split("::").filter(|p| !p.is_empty());
    let mut base: ModPath = match parts.next()? {
        "crate" => Vec::new(),
        "self" => module.clone(),
        // Module `a::b` (`a/b.rs` or `a/b/mod.rs`) has `a` as `super`.
        "super" => module[..module.len().saturating_sub(1)].to_vec(),
        _ => return None,
    };
    for part in parts {
        if part == "super" {
            base.pop();
            continue;
        }
        base.push(part.to_owned());
        if !known.contains(&base) {
            base.pop();
            break;
        }
    }
    Some(base)
}

/// Edges between siblings: (folder, from, to).
fn sibling_edges(src: &Path) -> BTreeSet<(ModPath, String, String)> {
    let modules = modules(src);
    let known: BTreeSet<ModPath> = modules.keys().cloned().collect();
    let mut edges = BTreeSet::new();
    for (module, text) in &modules {
        for path in paths(&code(text)) {
            let Some(target) = resolve(module, &path, &known) else {
                continue;
            };
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            if common < module.len() && common < target.len() {
                edges.insert((
                    module[..common].to_vec(),
                    module[common].clone(),
                    target[common].clone(),
                ));
            }
        }
    }
    edges
}

/// The circles among siblings: each as a list of names, in one folder.
fn circles(edges: &BTreeSet<(ModPath, String, String)>) -> BTreeSet<String> {
    let mut by_folder: BTreeMap<&ModPath, BTreeMap<&str, BTreeSet<&str>>> = BTreeMap::new();
    for (folder, from, to) in edges {
        by_folder
            .entry(folder)
            .or_default()
            .entry(from)
            .or_default()
            .insert(to);
    }
    let mut found = BTreeSet::new();
    for (folder, graph) in &by_folder {
        for start in graph.keys() {
            // A path from `start` back to itself, by breadth-first search.
            let mut came_from: BTreeMap<&str, &str> = BTreeMap::new();
            let mut queue = vec![*start];
            while let Some(node) = queue.pop() {
                for next in graph.get(node).into_iter().flatten() {
                    if next == start {
                        let mut cycle = vec![*start, node];
                        let mut at = node;
                        while let Some(prev) = came_from.get(at) {
                            at = prev;
                            cycle.push(at);
                        }
                        cycle.pop();
                        cycle.reverse();
                        // The same circle from whichever member: start at the least name.
                        let least = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                        cycle.rotate_left(least);
                        cycle.push(cycle[0]);
                        let folder = if folder.is_empty() {
                            "src".to_owned()
                        } else {
                            format!("src/{}", folder.join("/"))
                        };
                        found.insert(format!("{folder}: {}", cycle.join(" -> ")));
                        queue.clear();
                        break;
                    }
                    if !came_from.contains_key(next) {
                        came_from.insert(next, node);
                        queue.push(next);
                    }
                }
            }
        }
    }
    found
}

#[test]
fn no_module_uses_its_siblings_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = sibling_edges(&src);
    assert!(
        edges.iter().any(|(folder, _, _)| folder.is_empty()),
        "no links between top-level modules were read"
    );
    let found: Vec<String> = circles(&edges).into_iter().collect();
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

#[test]
fn the_checker_sees_a_circle() {
    assert_eq!(
        expand("crate::a::{b, c::{d, self}}"),
        ["crate::a::b", "crate::a::c::d", "crate::a::c"]
    );
    let edges = BTreeSet::from([
        (vec![], "library".to_owned(), "salary".to_owned()),
        (vec![], "salary".to_owned(), "library".to_owned()),
        (vec![], "commands".to_owned(), "library".to_owned()),
    ]);
    let found = circles(&edges);
    assert!(
        found.iter().any(|c| c.contains("library -> salary")),
        "{found:?}"
    );
    assert!(!found.iter().any(|c| c.contains("commands")), "{found:?}");
}

#[test]
fn only_env_rs_reads_the_environment_or_asks_about_terminals() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let main = fs::read_to_string(src.join("main.rs")).unwrap();
    assert!(main.lines().count() < 40, "main.rs has grown past 40 lines");
    let mut found = Vec::new();
    for (module, text) in modules(&src).iter().chain([(&vec![], &main)]) {
        if *module == ["env"] {
            continue;
        }
        let code = code(text);
        for needle in ["env::var", "var_os(", "is_terminal", "terminal_size"] {
            if code.contains(needle) {
                found.push(format!("{}: {needle}", module.join("::")));
            }
        }
    }
    assert!(
        found.is_empty(),
        "read outside env.rs:\n{}",
        found.join("\n")
    );
}

/// Each third-party crate that reads or writes a format (or wraps a service) and the one
/// folder or file that may name it, so a change of crate touches one place. `lint` keeps its
/// own Markdown pass over pulldown-cmark's events.
const OWNERS: &[(&str, &[&str])] = &[
    ("tantivy::", &["search/index/"]),
    ("strsim::", &["suggest.rs"]),
    // The Word writer walks the full event stream (tables, nesting, links) that jdlib's own
    // Markdown events in `markdown/` do not carry yet.
    (
        "pulldown_cmark::",
        &["markdown/", "lint/", "export/docx/body.rs"],
    ),
    ("serde_saphyr::", &["library/yaml/"]),
    ("git2::", &["git/"]),
    ("csv::Writer", &["output/mod.rs"]),
    ("comfy_table::", &["output/table.rs"]),
    ("ureq::", &["forge/github.rs"]),
];

#[test]
fn each_format_crate_is_named_only_by_its_owner() {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, code(&fs::read_to_string(&path).unwrap())));
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &src, &mut files);
    let mut found = Vec::new();
    for (krate, owners) in OWNERS {
        let users: Vec<&str> = files
            .iter()
            .filter(|(_, code)| code.contains(krate))
            .map(|(path, _)| path.as_str())
            .collect();
        assert!(
            !users.is_empty(),
            "nothing names {krate}: is the list stale?"
        );
        for path in users {
            if !owners
                .iter()
                .any(|o| path == *o || (o.ends_with('/') && path.starts_with(o)))
            {
                found.push(format!("{path} names {krate}"));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
