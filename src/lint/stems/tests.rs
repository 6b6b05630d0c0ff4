//! The trie held to a plain search of every stem.

use super::*;
use proptest::prelude::*;

#[test]
fn stems_too_long_to_group_are_walked() {
    let masculine = [
        "independently-minded".to_owned(),
        "competitiveness-driven-x".to_owned(),
        "lead".to_owned(),
    ];
    let feminine = [
        "understandingly-kind".to_owned(),
        "supportiveness-of-all".to_owned(),
    ];
    let trie = StemTrie::new(masculine.iter(), feminine.iter());
    let long = ["competitivenessdrivenx".to_owned()];
    let walked = StemTrie::new(long.iter(), feminine.iter());
    assert!(
        !trie.groups.is_empty(),
        "stems with hyphens are left out of the groups"
    );
    assert!(walked.groups.is_empty(), "a 22-byte stem cannot be grouped");
    assert_eq!(
        walked.tally_unhyphenated(b"competitivenessdrivenxyz"),
        (1, 0)
    );
    assert_eq!(walked.tally_unhyphenated(b"competitive"), (0, 0));
    assert_eq!(trie.tally_unhyphenated(b"leadership"), (1, 0));
    assert_eq!(trie.tally_unhyphenated(b"lea"), (0, 0));
}

proptest! {
    #[test]
    fn the_trie_counts_every_stem_a_word_starts_with(
        stems in proptest::collection::vec("[a-dé-]{0,4}", 0..12),
        word in "[a-dé-]{0,6}",
    ) {
        let (masculine, feminine) = stems.split_at(stems.len() / 2);
        let trie = StemTrie::new(masculine.iter(), feminine.iter());
        let count = |list: &[String]| {
            list.iter()
                .filter(|s| !s.is_empty() && word.starts_with(s.as_str()))
                .count()
        };
        prop_assert_eq!(trie.matches(&word), (count(masculine), count(feminine)));
    }

    #[test]
    fn a_tally_counts_each_hyphenated_part_as_its_own_word(
        stems in proptest::collection::vec("[a-c]{1,3}", 0..10),
        word in "[a-c-]{0,8}",
    ) {
        let (masculine, feminine) = stems.split_at(stems.len() / 2);
        let trie = StemTrie::new(masculine.iter(), feminine.iter());
        let mut want = (0, 0);
        for part in word.split('-').filter(|p| !p.is_empty()) {
            let (m, f) = trie.matches(part);
            want.0 += usize::from(m > 0);
            want.1 += f;
        }
        prop_assert_eq!(trie.tally(word.as_bytes()), want);
        if !word.contains('-') {
            prop_assert_eq!(trie.tally_unhyphenated(word.as_bytes()), want);
        }
    }

    /// Longer stems and words, with bytes no stem has, so the three-byte pre-check and
    /// the grouped comparison are held to the plain walk.
    #[test]
    fn the_pre_checks_never_skip_a_match(
        stems in proptest::collection::vec("[a-dé]{1,5}", 1..12),
        word in "[a-e'é]{0,9}",
    ) {
        let (masculine, feminine) = stems.split_at(stems.len() / 2);
        let trie = StemTrie::new(masculine.iter(), feminine.iter());
        let (m, f) = trie.matches(&word);
        prop_assert_eq!(trie.tally_unhyphenated(word.as_bytes()), (usize::from(m > 0), f));
    }
}
