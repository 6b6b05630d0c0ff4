//! `no-essential-desirable`: a person specification that does not say which criteria are
//! essential and which desirable.

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule};
use crate::lint::settings::LintConfig;
use crate::lint::text::Prose;

/// The rule has no settings.
pub struct NoEssentialDesirable;

impl Rule for NoEssentialDesirable {
    const CODES: &'static [(Code, Severity)] = &[(Code::NoEssentialDesirable, Severity::Warning)];
    type Jd<'a> = ();

    fn new(_config: &LintConfig) -> Self {
        NoEssentialDesirable
    }

    fn start<'a>(&'a self, _prose: &Prose<'a>, _hits: &mut Vec<Hit>) {}

    fn finish<'a>(
        &'a self,
        _jd: (),
        prose: &Prose<'a>,
        _facts: &Facts,
        hits: &mut Vec<Hit>,
    ) -> Option<(f64, f64)> {
        let in_spec = prose.blocks.iter().filter(|b| {
            b.section
                .is_some_and(|s| s.eq_ignore_ascii_case("person specification"))
        });
        let heading = in_spec.clone().next()?;
        // Each block's ASCII-lowered text, searched block by block, finds what the full
        // lower-cased text would: full lower-casing turns nothing else into these ASCII
        // letters, and no word spans two blocks.
        let has = |word: &str| in_spec.clone().any(|b| b.lower.contains(word));
        let split = has("essential") && has("desirable");
        if !split && !heading.allows(Code::NoEssentialDesirable.as_str()) {
            hits.push(Hit {
                offset: heading.source_offset(0),
                code: Code::NoEssentialDesirable,
                message: "the person specification does not say which criteria are essential and which desirable: \
                          add `### Essential` and `### Desirable` lists"
                    .to_owned(),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_two_characters_lower_case_to_ascii() {
        // The rule looks for "essential" and "desirable" in ASCII-lowered text. That is the
        // search fully lower-cased text would give because only these two characters
        // lower-case to anything ASCII ("i" plus a combining dot, and "k"), and neither can
        // complete those words.
        let odd: Vec<char> = (0x80..=0x0010_FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(odd, ['\u{130}', '\u{212a}']);
    }
}
