//! Money as tables show it.

/// `£42,000` for a table: whole pounds, thousands separated.
pub fn format_pounds(amount: f64) -> String {
    // Amounts are validated positive and far below i64::MAX.
    #[allow(clippy::cast_possible_truncation)]
    let whole = amount.round() as i64;
    let digits = whole.abs().to_string();
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}£{out}", if whole < 0 { "-" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pounds_are_rounded_and_grouped() {
        assert_eq!(format_pounds(42_000.0), "£42,000");
        assert_eq!(format_pounds(999.5), "£1,000");
        assert_eq!(format_pounds(1_234_567.4), "£1,234,567");
        assert_eq!(format_pounds(0.0), "£0");
    }
}
