//! "Did you mean …?" for misspelt keys, enum values, role ids and council names, and the
//! string distances behind every near match jdlib makes (the only user of `strsim`).

/// The candidate closest to `input`, if it is close enough to be a plausible typo.
///
/// Case is ignored. "Close enough" is an edit distance of at most a third of the word (at
/// least 1), so `titel` finds `title` but `x` does not find `max`.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let needle = input.to_lowercase();
    let limit = (needle.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&needle, &c.to_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// `; did you mean `x`?` or nothing, ready to append to a message.
pub fn hint<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    did_you_mean(input, candidates).map_or_else(String::new, |s| format!("; did you mean `{s}`?"))
}

/// Edits from `a` to `b`, counting an adjacent swap as one (optimal string alignment), as
/// tantivy's fuzzy query counts them: search's "did you mean" must agree with the index.
pub fn edits(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// How alike two words look, from 0 to 1 (Jaro-Winkler, which favours a shared start): for
/// picking a name as it is typed.
pub fn similarity(a: &str, b: &str) -> f64 {
    strsim::jaro_winkler(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses_only() {
        let keys = ["title", "role", "level", "salary", "licence"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("license", keys), Some("licence"));
        assert_eq!(did_you_mean("Level", keys), Some("level"));
        assert_eq!(did_you_mean("pay", keys), None);
        assert_eq!(hint("salery", keys), "; did you mean `salary`?");
        assert_eq!(hint("zzz", keys), "");
    }

    #[test]
    fn edits_count_a_swap_once_and_similarity_favours_the_start() {
        assert_eq!(edits("salary", "salray"), 1);
        assert_eq!(edits("salary", "sal"), 3);
        assert!(similarity("hackney", "hack") > similarity("hackney", "ney"));
        assert!((similarity("camden", "camden") - 1.0).abs() < f64::EPSILON);
    }
}
