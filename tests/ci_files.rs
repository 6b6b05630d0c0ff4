//! The CI files shipped for library repositories call jdlib with arguments it accepts: a typo in
//! a flag would otherwise only show on someone's first pull request.

#![allow(clippy::unwrap_used)]

use clap::Parser;
use jdlib::cli::{Cli, Command};
use serde_json::Value;

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap();
    jdlib::library::yaml::parse_json(&text).unwrap()
}

/// The words of a shell line, with double quotes removed (enough for these files).
fn words(line: &str) -> Vec<String> {
    line.split_whitespace()
        .map(|w| w.replace('"', ""))
        .collect()
}

#[test]
fn the_workflow_validates_changed_files_on_prs_and_everything_on_main() {
    let workflow = yaml(".github/workflows/validate.yml");
    assert!(workflow["on"].get("pull_request").is_some());
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    let steps = workflow["jobs"]["validate"]["steps"].as_array().unwrap();
    let runs: Vec<(&str, &str)> = steps
        .iter()
        .filter_map(|s| Some((s["if"].as_str().unwrap_or(""), s["run"].as_str()?)))
        .filter(|(_, run)| run.contains("jdlib validate"))
        .collect();
    assert_eq!(runs.len(), 2, "{runs:?}");
    for (condition, run) in runs {
        let mut line = words(run);
        line[0] = "jdlib".to_owned();
        let cli = Cli::try_parse_from(&line).unwrap_or_else(|e| panic!("{run}: {e}"));
        let Command::Validate(args) = cli.command else {
            panic!("{run} is not validate");
        };
        assert!(args.lint, "{run}");
        assert_eq!(
            args.check.format,
            jdlib::cli::DiagnosticFormat::Github,
            "{run}"
        );
        if condition.contains("pull_request") {
            assert_eq!(
                args.check.changed_since.as_deref(),
                Some("origin/$BASE_REF")
            );
        } else {
            assert!(condition.contains("push"), "{condition}");
            assert_eq!(args.check.changed_since, None);
        }
    }
}

#[test]
fn pre_commit_hooks_run_jdlib_on_staged_files() {
    let hooks = yaml(".pre-commit-hooks.yaml");
    let hooks = hooks.as_array().unwrap();
    assert!(!hooks.is_empty());
    for hook in hooks {
        assert_eq!(hook["language"], "rust");
        let mut argv = words(hook["entry"].as_str().unwrap());
        // pre-commit appends the staged file names.
        argv.push("library/data-analyst/model-mid.md".to_owned());
        let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{hook}: {e}"));
        assert!(
            matches!(cli.command, Command::Validate(_) | Command::Lint(_)),
            "{hook}"
        );
    }
}

#[test]
fn the_site_workflow_builds_with_flags_jdlib_accepts_and_least_permissions() {
    let workflow = yaml(".github/workflows/site.yml");
    assert_eq!(workflow["on"]["push"]["branches"][0], "main");
    assert_eq!(workflow["permissions"]["contents"], "read");
    let build = &workflow["jobs"]["build"];
    assert!(
        build.get("permissions").is_none(),
        "the build job keeps read-only permissions"
    );
    let run = build["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["run"].as_str())
        .find(|r| r.contains("jdlib site"))
        .expect("a step builds the site");
    let mut line = words(run);
    line[0] = "jdlib".to_owned();
    let cli = Cli::try_parse_from(&line).unwrap_or_else(|e| panic!("{run}: {e}"));
    let Command::Site(args) = cli.command else {
        panic!("{run} is not site");
    };
    assert_eq!(
        args.out.as_deref(),
        Some(std::path::Path::new("site")),
        "{run}"
    );
    let uploads = build["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .expect("the site is uploaded as a Pages artifact");
    assert_eq!(uploads["with"]["path"], "site");
    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert_eq!(deploy["permissions"]["id-token"], "write");
    assert_eq!(deploy["permissions"].as_object().unwrap().len(), 2);
}
