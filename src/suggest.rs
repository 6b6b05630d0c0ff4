//! "Did you mean …?" for misspelt keys, enum values, role ids and council names.

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
}
