//! Turning a JD file into what the index holds, with the same per-file checks `list` relies
//! on (so pay is the same annual FTE figure `list` and `salaries` show).

use crate::diagnostic::Severity;
use crate::library::check::{self, JobDescription};
use crate::search::index::IndexDoc;

/// The index entry for a JD file, or `None` when the file is not a usable JD (unreadable front
/// matter, or any error `validate` would report about the file on its own).
pub fn index_doc(path: &str, bytes: &[u8], ctx: &check::Context<'_>) -> Option<IndexDoc> {
    let jd = check::usable(path, bytes, ctx)?;
    let mut meta = jd.doc.yaml.to_owned();
    if let Some(a) = jd.authority {
        for name in std::iter::once(&a.official_name)
            .chain(std::iter::once(&a.short_name))
            .chain(&a.alt_names)
        {
            meta.push('\n');
            meta.push_str(name);
        }
    }
    Some(IndexDoc {
        path: path.to_owned(),
        body: jd.doc.body.to_owned(),
        meta,
        region: jd.authority.map(|a| a.region.clone()),
        advertised: jd.advertised.map(|d| date_number(d.year, d.month, d.day)),
        pay: jd.annual.map(|(lo, hi)| (pence(lo), pence(hi))),
        level: jd.front.level.as_str().to_owned(),
        source: jd.front.source.as_str().to_owned(),
        title: jd.front.title,
        role: jd.front.role,
        organisation: jd.front.organisation,
    })
}

/// The checked JD, when the file has no error of its own.
pub fn usable_jd(path: &str, bytes: &[u8], ctx: &check::Context<'_>) -> Option<JobDescription> {
    let checked = check::check_file(path, bytes, ctx);
    if checked
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
    {
        return None;
    }
    checked.jd
}

/// A date as one number that sorts like the date (`20240301`).
pub fn date_number(year: i32, month: u8, day: u8) -> u64 {
    u64::try_from(year).unwrap_or(0) * 10_000 + u64::from(month) * 100 + u64::from(day)
}

/// Pounds as whole pence, the unit of the index's pay fields.
pub fn pence(pounds: f64) -> u64 {
    let pence = (pounds * 100.0).round();
    if pence <= 0.0 {
        0
    } else {
        // Pay is far below 2^53 pence, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let whole = pence as u64;
        whole
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_pay_become_sortable_numbers() {
        assert_eq!(date_number(2024, 3, 1), 20_240_301);
        assert!(date_number(2023, 12, 31) < date_number(2024, 1, 1));
        assert_eq!(pence(45_000.004), 4_500_000);
        assert_eq!(pence(-3.0), 0);
    }
}
