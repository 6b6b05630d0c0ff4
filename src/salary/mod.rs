//! Salary evidence for `jdlib salaries`: percentiles, grouping JDs, and pounds for tables. The
//! annual full-time-equivalent figures themselves come with each JD (`library::annual`).

pub mod group;
pub mod pounds;
pub mod stats;

pub use pounds::format_pounds;
