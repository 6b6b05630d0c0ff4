//! Calendar dates as the contract writes them (`YYYY-MM-DD`), without a date-time crate: the
//! library only ever compares whole days and needs today's date in UTC. Also the owner of
//! reading the other forms people write in the UK (`03/06/2024`, `3 June 2024`), day first,
//! and of a date in words.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A proleptic Gregorian calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day of month, 1–31.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2023-02-29.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year: i32 = text.get(0..4)?.parse().ok()?;
        let month: u8 = text.get(5..7)?.parse().ok()?;
        let day: u8 = text.get(8..10)?.parse().ok()?;
        if !text[0..4].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        (1..=12).contains(&month).then_some(())?;
        (1..=days_in_month(year, month))
            .contains(&day)
            .then_some(())?;
        Some(Date { year, month, day })
    }

    /// Reads a date in a form people write in the UK, day before month as UK convention has
    /// it: `03/06/2024`, `3/6/24`, `3.6.2024`, `3-6-2024`, `2024/06/03`, `3 June 2024`,
    /// `3rd of Jun 2024`, `Monday 3 June 2024`, `June 3, 2024`. Also `YYYY-MM-DD` itself.
    /// Two-digit years are this century's. `None` for anything else or an impossible date.
    pub fn parse_uk(text: &str) -> Option<Date> {
        let text = text.trim();
        Date::parse(text)
            .or_else(|| numeric(text))
            .or_else(|| in_words(text))
    }

    /// The date as people say it in the UK: `3 June 2024`.
    pub fn in_words(self) -> String {
        let month = MONTHS
            .get(usize::from(self.month).wrapping_sub(1))
            .copied()
            .unwrap_or("?");
        format!("{} {month} {}", self.day, self.year)
    }

    /// The date when the three parts make a real one.
    fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
            .then_some(Date { year, month, day })
    }

    /// Today's date in UTC.
    pub fn today() -> Date {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `d/m/y` with one separator (`/`, `.` or `-`) throughout, or `y/m/d` when the year comes
/// first in four digits.
fn numeric(text: &str) -> Option<Date> {
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits =
        |s: &str, lens: &[usize]| lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if all_digits(a, &[4]) && all_digits(b, &[1, 2]) && all_digits(c, &[1, 2]) {
        return Date::new(a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    }
    if !(all_digits(a, &[1, 2]) && all_digits(b, &[1, 2]) && all_digits(c, &[2, 4])) {
        return None;
    }
    let year: i32 = c.parse().ok()?;
    let year = if c.len() == 2 { 2000 + year } else { year };
    Date::new(year, b.parse().ok()?, a.parse().ok()?)
}

/// `3 June 2024`, `3rd of Jun 2024`, `June 3, 2024`, each with an optional weekday first.
fn in_words(text: &str) -> Option<Date> {
    let words: Vec<String> = text
        .replace(',', " ")
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| w != "of")
        .collect();
    let words = match words.first() {
        Some(w) if is_weekday(w) => &words[1..],
        _ => &words[..],
    };
    let [a, b, year] = words else {
        return None;
    };
    let (day, month) = match (day_number(a), month_number(b)) {
        (Some(d), Some(m)) => (d, m),
        _ => (day_number(b)?, month_number(a)?),
    };
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Date::new(year.parse().ok()?, month, day)
}

/// `3`, `03`, `3rd`, `21st`: a day of the month as written.
fn day_number(word: &str) -> Option<u8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || !matches!(suffix, "" | "st" | "nd" | "rd" | "th")
    {
        return None;
    }
    digits.parse().ok()
}

/// A month's name or its usual short form (`jun`, `sept`), in lower case.
fn month_number(word: &str) -> Option<u8> {
    if word.len() < 3 {
        return None;
    }
    let index = MONTHS.iter().position(|m| {
        let m = m.to_lowercase();
        m == word || (m.starts_with(word) && (word.len() == 3 || word == "sept"))
    })?;
    u8::try_from(index + 1).ok()
}

fn is_weekday(word: &str) -> bool {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .any(|d| *d == word || (word.len() == 3 && d.starts_with(word)))
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2024-02-29").map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01x",
            "+024-01-01",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_uk_forms_day_first() {
        let june_3 = Some(Date {
            year: 2024,
            month: 6,
            day: 3,
        });
        for text in [
            "03/06/2024",
            "3/6/24",
            "3.6.2024",
            "03-06-2024",
            "2024/06/03",
            "2024-06-03",
            "3 June 2024",
            " 3rd of Jun 2024 ",
            "Monday 3 June 2024",
            "Mon, 3 June 2024",
            "June 3, 2024",
            "JUNE 3RD 2024",
        ] {
            assert_eq!(Date::parse_uk(text), june_3, "{text}");
        }
        assert_eq!(
            Date::parse_uk("1 Sept 2024").map(Date::in_words),
            Some("1 September 2024".into())
        );
        for bad in [
            "06/31/2024",
            "31/02/2024",
            "3/6",
            "3/6-2024",
            "June 2024",
            "3 Juni 2024",
            "3 June 24",
            "32nd June 2024",
            "3ty June 2024",
            "next week",
            "",
        ] {
            assert_eq!(Date::parse_uk(bad), None, "{bad}");
        }
    }

    #[test]
    fn says_a_date_in_words() {
        assert_eq!(Date::parse("2024-06-03").unwrap().in_words(), "3 June 2024");
        assert_eq!(
            Date::parse("1999-12-31").unwrap().in_words(),
            "31 December 1999"
        );
    }

    #[test]
    fn converts_days_since_epoch() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(19_782).to_string(), "2024-02-29");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
    }
}
