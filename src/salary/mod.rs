//! Salary evidence: annual full-time-equivalent pay (contract §2), percentiles, and grouping
//! JDs for `jdlib salaries`.

pub mod group;
pub mod normalise;
pub mod stats;

pub use normalise::{annualise, default_hours, format_pounds};
