//! The bundled seed library (issue #3): 45 original model JDs that validate cleanly, cover
//! every family and most levels, and say what a model JD must say. Also checks mechanically
//! that no two JDs share a long sentence, so no JD is a copy-paste of another.

// Helpers outside #[test] functions unwrap too: in a test, a panic is the failure report.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeSet, HashMap};

use jdlib::library::Library;
use jdlib::library::front_matter::{Basis, Family, Period, Source};

mod common;

fn library() -> Library {
    common::seed_library()
}

fn body(lib: &Library, path: &str) -> String {
    let text = lib.read_text(path).unwrap();
    jdlib::library::document::split(&text)
        .unwrap()
        .body
        .to_owned()
}

#[test]
fn the_seed_library_validates_without_errors_or_warnings() {
    let lib = library();
    let found: Vec<String> = lib.diagnostics.iter().map(ToString::to_string).collect();
    assert!(found.is_empty(), "{}", found.join("\n"));
    assert_eq!(lib.valid_jds().count(), 45);
}

#[test]
fn it_covers_every_family_and_at_least_six_levels() {
    let lib = library();
    let families: BTreeSet<Family> = lib
        .valid_jds()
        .map(|jd| lib.registry.get(&jd.front.role).unwrap().family)
        .collect();
    assert_eq!(families.len(), Family::ALL.len(), "{families:?}");
    let levels: BTreeSet<_> = lib.valid_jds().map(|jd| jd.front.level).collect();
    assert!(levels.len() >= 6, "{levels:?}");
    let mut per_role: HashMap<&str, usize> = HashMap::new();
    for jd in lib.valid_jds() {
        *per_role.entry(jd.front.role.as_str()).or_default() += 1;
    }
    assert!(
        per_role.values().filter(|&&n| n >= 2).count() >= 5,
        "too few roles at several levels"
    );
    let roles = lib.registry.roles().len();
    assert!((30..=40).contains(&roles), "{roles} roles");
}

#[test]
fn every_jd_is_a_model_with_indicative_pay_under_the_ogl() {
    let lib = library();
    for jd in lib.valid_jds() {
        let f = &jd.front;
        assert_eq!(f.source, Source::Model, "{}", jd.path);
        assert_eq!(f.licence, "OGL-UK-3.0", "{}", jd.path);
        assert_eq!(f.organisation, None, "{}", jd.path);
        let salary = f
            .salary
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no salary", jd.path));
        assert_eq!(
            (salary.basis, salary.period),
            (Basis::Indicative, Period::Year),
            "{}",
            jd.path
        );
        let grade = salary.grade.as_deref().unwrap_or_default();
        assert!(
            grade.contains("Indicative"),
            "{}: grade `{grade}` must say it is indicative",
            jd.path
        );
        assert!(
            jd.path.ends_with(&format!("/model-{}.md", f.level)),
            "{}",
            jd.path
        );
    }
}

#[test]
fn every_body_is_500_to_1000_words_with_the_expected_sections() {
    let lib = library();
    for jd in lib.valid_jds() {
        let body = body(&lib, &jd.path);
        let words = body
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count();
        assert!((500..=1000).contains(&words), "{}: {words} words", jd.path);
        for heading in [
            "## Purpose",
            "## Responsibilities",
            "## Person specification",
            "### Essential",
            "### Desirable",
        ] {
            assert!(
                body.lines().any(|l| l.trim() == heading),
                "{}: no `{heading}`",
                jd.path
            );
        }
    }
}

#[test]
fn wording_is_inclusive_and_safe_to_publish() {
    let lib = library();
    let banned = [
        "rockstar",
        "rock star",
        "ninja",
        "guru",
        "native speaker",
        "native english",
        "young ",
        "energetic",
        "digital native",
        "recent graduate",
        "work hard",
        "post-holder",
        "postholder",
        "the successful candidate shall",
        "hit the ground running",
    ];
    for jd in lib.valid_jds() {
        let text = body(&lib, &jd.path).to_lowercase();
        for phrase in banned {
            assert!(!text.contains(phrase), "{}: contains `{phrase}`", jd.path);
        }
        assert!(
            !text.contains('@'),
            "{}: looks like an email address",
            jd.path
        );
        for (i, _) in text.match_indices("degree") {
            let window = &text[i..(i + 200).min(text.len())];
            assert!(
                window.contains("or equivalent experience"),
                "{}: a degree without 'or equivalent experience'",
                jd.path
            );
        }
    }
}

/// Sentences of eight words or more, normalised, for comparing JDs.
fn long_sentences(body: &str) -> BTreeSet<String> {
    // A sentence ends at `.`, `!` or `?` followed by a space or line end (so "WCAG 2.2" and
    // "GOV.UK" stay whole), or at a line break (list items).
    let mut sentences = Vec::new();
    for line in body.lines() {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let at_end = chars
                .get(k + 1)
                .is_none_or(|&(_, next)| next.is_whitespace());
            if matches!(c, '.' | '!' | '?') && at_end {
                sentences.push(&line[start..i]);
                start = i + c.len_utf8();
            }
        }
        sentences.push(&line[start..]);
    }
    sentences
        .into_iter()
        .map(|s| {
            s.split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|words| words.len() >= 8)
        .map(|words| words.join(" "))
        .collect()
}

#[test]
fn no_two_jds_share_a_long_sentence() {
    let lib = library();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut shared = Vec::new();
    for jd in lib.valid_jds() {
        for sentence in long_sentences(&body(&lib, &jd.path)) {
            if let Some(other) = seen.insert(sentence.clone(), jd.path.clone()) {
                shared.push(format!("{other} and {}: \"{sentence}\"", jd.path));
            }
        }
    }
    assert!(shared.is_empty(), "{}", shared.join("\n"));
}

#[test]
fn the_sentence_check_would_catch_a_copy() {
    let a = "You will help residents get online and stay safe while they do it. Short one.";
    let b = "Intro text here. You will help residents get online and stay safe while they do it!";
    assert_eq!(
        long_sentences(a).intersection(&long_sentences(b)).count(),
        1
    );
}
