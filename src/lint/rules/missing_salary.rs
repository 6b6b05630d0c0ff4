//! `missing-salary`: an advertised JD without its salary, which others need to compare pay.

use crate::diagnostic::{Code, Severity};
use crate::lint::facts::Facts;
use crate::lint::rule::{Hit, Rule};
use crate::lint::settings::LintConfig;
use crate::lint::text::Prose;

/// The rule has no settings.
pub struct MissingSalary;

impl Rule for MissingSalary {
    const CODES: &'static [(Code, Severity)] = &[(Code::MissingSalary, Severity::Warning)];
    type Jd<'a> = ();

    fn new(_config: &LintConfig) -> Self {
        MissingSalary
    }

    fn start<'a>(&'a self, _prose: &Prose<'a>, _hits: &mut Vec<Hit>) {}

    fn finish<'a>(
        &'a self,
        _jd: (),
        _prose: &Prose<'a>,
        facts: &Facts,
        hits: &mut Vec<Hit>,
    ) -> Option<(f64, f64)> {
        if facts.advertised && !facts.has_salary {
            hits.push(Hit {
                offset: 0,
                code: Code::MissingSalary,
                message: "an advertised JD without its salary: add the advertised `salary` so others can compare pay".to_owned(),
            });
        }
        None
    }
}
