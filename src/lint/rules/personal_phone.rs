//! `personal-phone`: UK telephone numbers, which an open library must not publish.

use std::iter::Peekable;

use memchr::Memchr2;

use crate::diagnostic::{Code, Severity};
use crate::lint::rule::{Hit, Rule, holds};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

/// The rule has no settings.
pub struct PersonalPhone;

impl Rule for PersonalPhone {
    const CODES: &'static [(Code, Severity)] = &[(Code::PersonalPhone, Severity::Error)];
    /// The bytes a number can start with in the JD's prose, found in one scan rather than
    /// one per block: most blocks have no number.
    type Jd<'a> = Peekable<Memchr2<'a>>;

    fn new(_config: &LintConfig) -> Self {
        PersonalPhone
    }

    fn start<'a>(&'a self, prose: &Prose<'a>, _hits: &mut Vec<Hit>) -> Peekable<Memchr2<'a>> {
        memchr::memchr2_iter(b'0', b'+', prose.text.as_bytes()).peekable()
    }

    #[inline]
    fn block<'a>(
        &'a self,
        starts: &mut Peekable<Memchr2<'a>>,
        block: &Block<'a>,
        hits: &mut Vec<Hit>,
    ) {
        if holds(starts, block) && !block.allows(Code::PersonalPhone.as_str()) {
            phones(block, hits);
        }
    }
}

/// UK numbers: `0` or `+44` and then 9–10 more digits, spaces, hyphens and brackets allowed.
fn phones(block: &Block<'_>, hits: &mut Vec<Hit>) {
    let text = block.text;
    let bytes = text.as_bytes();
    let mut i = 0;
    // A number starts at a `0` or a `+`; other bytes are skipped a block at a time.
    while let Some(skip) = memchr::memchr2(b'0', b'+', &bytes[i..]) {
        i += skip;
        let starts = (bytes[i] == b'0' || (bytes[i] == b'+' && text[i..].starts_with("+44")))
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let mut digits = 0;
        let mut end = i;
        for (j, &b) in bytes.iter().enumerate().skip(i) {
            if b.is_ascii_digit() {
                digits += 1;
                end = j + 1;
            } else if !(b == b' ' || b == b'-' || b == b'(' || b == b')' || (b == b'+' && j == i)) {
                break;
            }
        }
        let national = if text[i..].starts_with("+44") {
            digits - 2
        } else {
            digits
        };
        if (10..=11).contains(&national) && !bytes.get(end).is_some_and(u8::is_ascii_digit) {
            hits.push(Hit {
                offset: block.source_offset(i),
                code: Code::PersonalPhone,
                message: format!(
                    "telephone number `{}` in an open library: remove it (point readers to the advert instead)",
                    text[i..end].trim()
                ),
            });
            i = end;
        } else {
            i += 1;
        }
    }
}
