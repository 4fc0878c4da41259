//! Every message the code asks for exists in every language: the keys are read from the
//! sources of the crates that render text, the messages from the Fluent files with
//! `fluent-syntax`, so a key used but defined nowhere, a file that does not parse, or a
//! language that lacks a message fails here rather than as a raw key on a page.

#![allow(clippy::unwrap_used)]

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

use fluent_syntax::ast::Entry;
use regex::Regex;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The messages of each language folder under `locales/`, parsed.
fn messages() -> BTreeMap<String, BTreeSet<String>> {
    let mut by_language = BTreeMap::new();
    for folder in fs::read_dir(workspace().join("locales")).expect("locales/") {
        let folder = folder.expect("a locale folder").path();
        let language = folder.file_name().unwrap().to_string_lossy().into_owned();
        let mut ids = BTreeSet::new();
        for file in fs::read_dir(&folder).expect("a locale folder") {
            let file = file.expect("a Fluent file").path();
            let source = fs::read_to_string(&file).expect("readable");
            let resource = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", file.display()));
            for entry in resource.body {
                match entry {
                    Entry::Message(message) => {
                        assert!(
                            ids.insert(message.id.name.to_owned()),
                            "{}: {} defined twice",
                            file.display(),
                            message.id.name
                        );
                    }
                    Entry::Junk { content } => panic!("{}: cannot parse {content}", file.display()),
                    _ => {}
                }
            }
        }
        by_language.insert(language, ids);
    }
    by_language
}

fn sources(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = fs::read_to_string(&path).expect("readable");
            // Unit tests may name keys that must not exist.
            let code = text
                .split("#[cfg(test)]")
                .next()
                .unwrap_or_default()
                .to_owned();
            out.push((path, code));
        }
    }
}

/// The string literals the code passes as message keys: arguments of `t`, `t_with`, `t_count`
/// and `t_counts`, of a form's `errors.add`, and the literal keys that functions hand to them
/// (`=> "error-…"`).
fn keys_used() -> BTreeMap<String, PathBuf> {
    let mut files = Vec::new();
    for krate in ["web", "mailer", "app", "domain"] {
        sources(
            &workspace().join("crates").join(krate).join("src"),
            &mut files,
        );
    }
    let patterns = [
        r#"\bt(?:_with|_count|_counts)?\(\s*[^,()]+,\s*"([a-z][a-z0-9-]*)""#,
        r#"\.add\(\s*"[a-z_]+",\s*"([a-z][a-z0-9-]*)""#,
        r#"=>\s*"((?:error|admin|field|mail|event|join|account|newsletter|import|staff|step-up|two-factor|sign-in)-[a-z0-9-]+)""#,
        r#"(?:key|message|error):\s*"([a-z][a-z0-9]*-[a-z0-9-]+)""#,
    ]
    .map(|p| Regex::new(p).unwrap());
    let mut used = BTreeMap::new();
    for (path, code) in files {
        for pattern in &patterns {
            for found in pattern.captures_iter(&code) {
                used.entry(found[1].to_owned())
                    .or_insert_with(|| path.clone());
            }
        }
    }
    used
}

/// `format!("event-status-{}", …)`: the families of keys built at run time.
fn families_used() -> BTreeSet<String> {
    let mut files = Vec::new();
    for krate in ["web", "mailer", "app"] {
        sources(
            &workspace().join("crates").join(krate).join("src"),
            &mut files,
        );
    }
    let pattern =
        Regex::new(r#"t(?:_with|_count|_counts)?\(\s*[^,()]+,\s*&format!\("([a-z][a-z0-9-]*-)\{"#)
            .unwrap();
    files
        .iter()
        .flat_map(|(_, code)| {
            pattern
                .captures_iter(code)
                .map(|c| c[1].to_owned())
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_language_has_the_same_messages() {
    let by_language = messages();
    let english = &by_language["en"];
    assert!(english.len() > 300, "the English files look empty");
    for (language, ids) in &by_language {
        let missing: Vec<_> = english.difference(ids).collect();
        let extra: Vec<_> = ids.difference(english).collect();
        assert!(missing.is_empty(), "{language} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{language} has messages English lacks: {extra:?}"
        );
    }
}

#[test]
fn every_key_the_code_uses_is_defined() {
    let english = &messages()["en"];
    let used = keys_used();
    assert!(used.len() > 300, "the scan found only {} keys", used.len());
    let missing: Vec<_> = used
        .iter()
        .filter(|(key, _)| !english.contains(*key))
        .map(|(key, path)| format!("{key} (in {})", path.display()))
        .collect();
    assert!(missing.is_empty(), "used but not defined: {missing:#?}");
}

#[test]
fn every_family_of_keys_built_at_run_time_exists() {
    let english = &messages()["en"];
    let families = families_used();
    assert!(!families.is_empty());
    for family in families {
        assert!(
            english.iter().any(|id| id.starts_with(&family)),
            "no message starts with {family}"
        );
    }
}
