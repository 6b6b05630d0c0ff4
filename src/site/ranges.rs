//! The site search's number filters: `salary>=N`, `salary<=N`, `salary:N` (annual
//! full-time-equivalent pay, as `jdlib search` reads them) and `since:`/`until:` (advert dates).
//! A browser cannot load every JD's figures for one query, so each figure is cut into steps
//! (£2,500 of pay, one month of dates) and written as:
//!
//! - `search/range/<name>/ge-<k>.json`: the JDs whose step is `k` or above, and
//!   `le-<k>.json`, those whose step is `k` or below (lists encoded as `postings.rs` says);
//! - `search/range/<name>/band-<k>.json`: the JDs in step `k` with their exact figures
//!   (`[gaps, figures]`), so the step a query's figure falls in is decided exactly.
//!
//! `paymax` holds each JD's highest annual figure (`salary>=`: the range reaches N), `paymin`
//! its lowest (`salary<=`: the range starts at or below N), and `date` its advert date as
//! `YYYYMMDD`, in steps of months. `meta.json` gives each one's step and first and last step.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::postings;

/// Pay steps, in pounds.
pub const PAY_STEP: i64 = 2500;

/// One number per JD that has it, by JD number.
#[derive(Default)]
pub struct Column {
    values: Vec<(u32, i64)>,
}

impl Column {
    /// Records JD `doc`'s figure.
    pub fn push(&mut self, doc: u32, value: i64) {
        self.values.push((doc, value));
    }

    /// The column's files under `search/range/<name>/`, and its entry for `meta.json`.
    /// `step_of` gives a figure's step.
    pub fn files(
        &self,
        name: &str,
        docs: usize,
        step_of: impl Fn(i64) -> i64,
    ) -> (Vec<(String, Vec<u8>)>, Value) {
        let mut bands: BTreeMap<i64, Vec<(u32, i64)>> = BTreeMap::new();
        for &(doc, value) in &self.values {
            bands.entry(step_of(value)).or_default().push((doc, value));
        }
        let (Some(&first), Some(&last)) = (bands.keys().next(), bands.keys().next_back()) else {
            return (Vec::new(), Value::Null);
        };
        let mut out = Vec::new();
        let ids_in = |keep: &dyn Fn(i64) -> bool| {
            let mut ids: Vec<u32> = bands
                .iter()
                .filter(|(k, _)| keep(**k))
                .flat_map(|(_, v)| v.iter().map(|(d, _)| *d))
                .collect();
            ids.sort_unstable();
            ids
        };
        for k in first..=last {
            let ge = ids_in(&|step| step >= k);
            let le = ids_in(&|step| step <= k);
            out.push((
                format!("search/range/{name}/ge-{k}.json"),
                to_bytes(&postings::encode(&ge, docs)),
            ));
            out.push((
                format!("search/range/{name}/le-{k}.json"),
                to_bytes(&postings::encode(&le, docs)),
            ));
            if let Some(band) = bands.get(&k) {
                let mut band = band.clone();
                band.sort_unstable();
                let ids: Vec<u32> = band.iter().map(|(d, _)| *d).collect();
                let values: Vec<i64> = band.iter().map(|(_, v)| *v).collect();
                out.push((
                    format!("search/range/{name}/band-{k}.json"),
                    to_bytes(&json!([postings::encode(&ids, docs), values])),
                ));
            }
        }
        (out, json!({"first": first, "last": last}))
    }
}

/// The pay step of a figure in pounds.
pub fn pay_step(pounds: i64) -> i64 {
    pounds.div_euclid(PAY_STEP)
}

/// The month step of a `YYYYMMDD` date: months since year 0.
pub fn month_step(date: i64) -> i64 {
    (date / 10_000) * 12 + (date / 100 % 100) - 1
}

fn to_bytes(value: &Value) -> Vec<u8> {
    serde_json::to_vec(value).expect("index values serialise to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_cut_pay_and_dates() {
        assert_eq!(pay_step(44_999), 17);
        assert_eq!(pay_step(45_000), 18);
        assert_eq!(month_step(20_240_301), 2024 * 12 + 2);
        assert_eq!(month_step(20_240_331), month_step(20_240_301));
    }

    #[test]
    fn each_step_lists_the_jds_at_or_above_and_at_or_below_it() {
        let mut column = Column::default();
        for (doc, pounds) in [(0, 30_000), (1, 45_000), (2, 46_000), (3, 60_000)] {
            column.push(doc, pounds);
        }
        let (files, meta) = column.files("paymax", 1000, pay_step);
        let get = |name: &str| -> Value {
            let (_, bytes) = files
                .iter()
                .find(|(n, _)| n == &format!("search/range/paymax/{name}.json"))
                .unwrap_or_else(|| panic!("no {name}"));
            serde_json::from_slice(bytes).unwrap()
        };
        assert_eq!(meta, json!({"first": 12, "last": 24}));
        assert_eq!(get("ge-18"), json!([1, 1, 1]));
        assert_eq!(get("le-18"), json!([0, 1, 1]));
        assert_eq!(get("band-18"), json!([[1, 1], [45_000, 46_000]]));
        assert_eq!(get("ge-24"), json!([3]));
        assert!(files.iter().all(|(n, _)| !n.ends_with("band-19.json")));
    }
}
