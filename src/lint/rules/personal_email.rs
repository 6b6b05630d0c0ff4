//! `personal-email`: email addresses, written or linked with `mailto:`, that are not role
//! mailboxes `jdlib.toml` allows: an open library must not publish them.

use std::iter::Peekable;

use memchr::Memchr;

use crate::diagnostic::{Code, Severity};
use crate::lint::rule::{Hit, Rule, holds};
use crate::lint::settings::LintConfig;
use crate::lint::text::{Block, Prose};

/// The role mailboxes that may appear.
pub struct PersonalEmail {
    mailboxes: Vec<String>,
}

impl Rule for PersonalEmail {
    const CODES: &'static [(Code, Severity)] = &[(Code::PersonalEmail, Severity::Error)];
    /// The `@` signs of the JD's prose, found in one scan rather than one per block: most
    /// blocks have none.
    type Jd<'a> = Peekable<Memchr<'a>>;

    fn new(config: &LintConfig) -> Self {
        PersonalEmail {
            mailboxes: config.mailboxes.clone(),
        }
    }

    fn start<'a>(&'a self, prose: &Prose<'a>, hits: &mut Vec<Hit>) -> Peekable<Memchr<'a>> {
        linked_emails(prose, &self.mailboxes, hits);
        memchr::memchr_iter(b'@', prose.text.as_bytes()).peekable()
    }

    #[inline]
    fn block<'a>(
        &'a self,
        at_signs: &mut Peekable<Memchr<'a>>,
        block: &Block<'a>,
        hits: &mut Vec<Hit>,
    ) {
        if holds(at_signs, block) && !block.allows(Code::PersonalEmail.as_str()) {
            emails(block, &self.mailboxes, hits);
        }
    }
}

/// Whether an address is one of the role mailboxes `jdlib.toml` allows.
fn mailbox_allowed(address: &str, mailboxes: &[String]) -> bool {
    let address = address.to_lowercase();
    mailboxes.iter().any(|pattern| {
        let pattern = pattern.to_lowercase();
        match (pattern.strip_suffix("@*"), pattern.strip_prefix("*@")) {
            (Some(local), _) => address.split('@').next() == Some(local),
            (_, Some(domain)) => address.rsplit('@').next() == Some(domain),
            _ => pattern == address,
        }
    })
}

/// Addresses linked with `mailto:`.
fn linked_emails(ex: &Prose<'_>, mailboxes: &[String], hits: &mut Vec<Hit>) {
    for (offset, address) in ex.mailto {
        if !mailbox_allowed(address, mailboxes) {
            hits.push(email_hit(*offset, address));
        }
    }
}

/// Email addresses written in a block's text.
fn emails(block: &Block<'_>, mailboxes: &[String], hits: &mut Vec<Hit>) {
    let text = block.text;
    for at in memchr::memchr_iter(b'@', text.as_bytes()) {
        let local_start = text[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || "._%+-".contains(c)))
            .map_or(0, |i| i + 1);
        let domain_end = text[at + 1..]
            .find(|c: char| !(c.is_alphanumeric() || ".-".contains(c)))
            .map_or(text.len(), |i| at + 1 + i);
        let domain = text[at + 1..domain_end].trim_end_matches('.');
        if local_start < at && domain.contains('.') {
            let address = &text[local_start..at + 1 + domain.len()];
            if !mailbox_allowed(address, mailboxes) {
                hits.push(email_hit(block.source_offset(local_start), address));
            }
        }
    }
}

fn email_hit(offset: usize, address: &str) -> Hit {
    Hit {
        offset,
        code: Code::PersonalEmail,
        message: format!(
            "email address `{address}` in an open library: remove it, or allow a role mailbox in jdlib.toml ([lint] mailboxes)"
        ),
    }
}
