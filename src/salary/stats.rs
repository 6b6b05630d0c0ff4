//! Order statistics as spreadsheets compute them, so anyone can check jdlib's figures.

/// The `p`-th percentile (0 ≤ p ≤ 1) of sorted values by linear interpolation between closest
/// ranks: Excel's `PERCENTILE.INC`, numpy's default. `None` for no values.
pub fn percentile_inc(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = p.clamp(0.0, 1.0) * last as f64;
    // `rank` is within 0..=last, so these conversions are exact and in range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    let weight = rank - rank.floor();
    Some(sorted[lo] + weight * (sorted[hi] - sorted[lo]))
}

/// The five figures `salaries` reports for a group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// Lowest annual FTE minimum.
    pub min: f64,
    /// 25th percentile of the midpoints.
    pub p25: f64,
    /// Median of the midpoints.
    pub median: f64,
    /// 75th percentile of the midpoints.
    pub p75: f64,
    /// Highest annual FTE maximum.
    pub max: f64,
}

/// The spread of annual FTE ranges `(min, max)`; `None` for an empty group.
pub fn spread(ranges: &[(f64, f64)]) -> Option<Spread> {
    let mut mids: Vec<f64> = ranges
        .iter()
        .map(|(lo, hi)| f64::midpoint(*lo, *hi))
        .collect();
    mids.sort_by(f64::total_cmp);
    Some(Spread {
        min: ranges.iter().map(|r| r.0).min_by(f64::total_cmp)?,
        p25: percentile_inc(&mids, 0.25)?,
        median: percentile_inc(&mids, 0.5)?,
        p75: percentile_inc(&mids, 0.75)?,
        max: ranges.iter().map(|r| r.1).max_by(f64::total_cmp)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values computed with Excel/LibreOffice `PERCENTILE.INC` (and numpy's default
    /// linear method), which agree.
    #[test]
    fn matches_percentile_inc() {
        let cases: &[(&[f64], f64, f64)] = &[
            (&[1.0], 0.25, 1.0),
            (&[1.0, 2.0], 0.5, 1.5),
            (&[1.0, 2.0, 3.0, 4.0], 0.25, 1.75),
            (&[1.0, 2.0, 3.0, 4.0], 0.75, 3.25),
            (&[1.0, 2.0, 3.0, 4.0], 0.5, 2.5),
            (&[15.0, 20.0, 35.0, 40.0, 50.0], 0.4, 29.0),
            (&[15.0, 20.0, 35.0, 40.0, 50.0], 0.25, 20.0),
            (&[15.0, 20.0, 35.0, 40.0, 50.0], 0.9, 46.0),
            (&[30_000.0, 32_500.0, 41_000.0], 0.25, 31_250.0),
            (&[30_000.0, 32_500.0, 41_000.0], 0.75, 36_750.0),
            (
                &[3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0],
                0.25,
                7.25,
            ),
            (
                &[3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0],
                0.75,
                14.5,
            ),
            (
                &[3.0, 6.0, 7.0, 8.0, 8.0, 10.0, 13.0, 15.0, 16.0, 20.0],
                0.5,
                9.0,
            ),
            (&[2.0, 4.0], 0.0, 2.0),
            (&[2.0, 4.0], 1.0, 4.0),
        ];
        for (values, p, expected) in cases {
            let got = percentile_inc(values, *p).unwrap();
            assert!(
                (got - expected).abs() < 1e-9,
                "{values:?} p={p}: {got} != {expected}"
            );
        }
        assert_eq!(percentile_inc(&[], 0.5), None);
    }

    #[test]
    fn spread_uses_midpoints_for_percentiles_and_ends_for_min_max() {
        let s = spread(&[
            (30_000.0, 34_000.0),
            (40_000.0, 44_000.0),
            (50_000.0, 60_000.0),
        ])
        .unwrap();
        let got = [s.min, s.p25, s.median, s.p75, s.max];
        let want = [30_000.0, 37_000.0, 42_000.0, 48_500.0, 60_000.0];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-9, "{got:?}");
        }
        assert_eq!(spread(&[]), None);
    }
}
