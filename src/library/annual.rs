//! Annual full-time-equivalent pay (contract §2), the figure `list` shows and `salaries`
//! summarises, worked out when a JD is loaded. Never rounded here: rounding is for tables
//! only.

use crate::library::front_matter::{Period, Salary};

/// Days in a year over days in a week: the contract's week-to-year factor.
const WEEKS_PER_YEAR: f64 = 365.0 / 7.0;

/// The full-time week when a file does not give `hours_per_week`: 36 hours in London and for
/// model JDs (written to London-borough ranges), 37 elsewhere (the national Green Book week).
pub fn default_hours(is_london_or_model: bool) -> f64 {
    if is_london_or_model { 36.0 } else { 37.0 }
}

/// The annual FTE (min, max) of a salary, given the default week for its council.
pub fn annualise(salary: &Salary, default_hours_per_week: f64) -> (f64, f64) {
    let hours = salary.hours_per_week.unwrap_or(default_hours_per_week);
    let factor = match salary.period {
        Period::Year => 1.0,
        Period::Day => 5.0 * WEEKS_PER_YEAR,
        Period::Hour => hours * WEEKS_PER_YEAR,
    };
    (salary.min * factor, salary.max * factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::front_matter::Basis;

    fn salary(min: f64, max: f64, period: Period, hours: Option<f64>) -> Salary {
        Salary {
            min,
            max,
            period,
            hours_per_week: hours,
            fte: None,
            grade: None,
            includes_london_weighting: None,
            basis: Basis::Advertised,
        }
    }

    #[test]
    fn each_period_annualises_as_the_contract_says() {
        let (lo, hi) = annualise(&salary(30_000.0, 35_000.0, Period::Year, None), 37.0);
        assert_eq!((lo, hi), (30_000.0, 35_000.0));
        let (lo, _) = annualise(&salary(20.0, 20.0, Period::Hour, None), 37.0);
        assert!((lo - 20.0 * 37.0 * 365.0 / 7.0).abs() < 1e-9);
        let (lo, _) = annualise(&salary(20.0, 20.0, Period::Hour, None), 36.0);
        assert!((lo - 20.0 * 36.0 * 365.0 / 7.0).abs() < 1e-9);
        let (lo, _) = annualise(&salary(20.0, 20.0, Period::Hour, Some(35.0)), 37.0);
        assert!((lo - 20.0 * 35.0 * 365.0 / 7.0).abs() < 1e-9);
        let (_, hi) = annualise(&salary(300.0, 400.0, Period::Day, Some(20.0)), 37.0);
        assert!((hi - 400.0 * 5.0 * 365.0 / 7.0).abs() < 1e-9);
    }
}
