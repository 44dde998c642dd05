//! Civil dates that remember how precisely they are known.
//!
//! A date written `2020` is a year, not 1 January 2020: the timeline draws it as a band over the year.
//! The written form (a reduced ISO 8601 date) is the precision, so a dataset author says "we only know
//! the month" by writing `2020-11`.

use std::borrow::Cow;
use std::fmt;

use chrono::{Datelike as _, NaiveDate, NaiveTime, Timelike as _};

/// How precisely a [`Date`] is known, from the coarsest to the finest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    Year,
    Month,
    Day,
    Minute,
}

impl Precision {
    /// A word for people: "year", "month", "day", "minute".
    pub fn label(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Minute => "minute",
        }
    }
}

/// A calendar date (proleptic Gregorian) at a known [`Precision`].
///
/// Ordering compares the first instant of each period, then the coarser precision first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    /// The first day of the period (1 January for a year, the 1st for a month).
    first_day: NaiveDate,
    /// Minutes after midnight, for minute precision.
    minute_of_day: Option<u16>,
    precision: Precision,
}

/// Why a written date was rejected. The messages quote the input so a user can find it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("invalid date `{0}`: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM")]
    Syntax(String),
    #[error("invalid date `{input}`: month {month} does not exist")]
    Month { input: String, month: u32 },
    #[error("invalid date `{input}`: {month_name} {year} has no day {day}")]
    Day {
        input: String,
        year: i32,
        month_name: &'static str,
        day: u32,
    },
    #[error("invalid date `{0}`: the time of day must be 00:00 to 23:59")]
    Time(String),
    #[error(
        "date `{0}` is outside the range Claimline can draw (years {min} to {max})",
        min = NaiveDate::MIN.year(),
        max = NaiveDate::MAX.year()
    )]
    OutOfRange(String),
}

const MONTH_NAMES: [&str; 12] = [
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

/// Short month names, shared by date display and the calendar ticks.
pub const MONTH_ABBREVIATIONS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The short name of `day`'s month ("Nov"), for date display and the calendar ticks.
pub fn month_abbreviation(day: NaiveDate) -> &'static str {
    MONTH_ABBREVIATIONS
        .get(day.month0() as usize)
        .copied()
        .unwrap_or("?")
}

/// The Unix epoch, the origin of the timeline's day axis.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// Days from 1970-01-01 to `date`, the x coordinate of its midnight on the timeline.
pub fn days_from_date(date: NaiveDate) -> f64 {
    date.signed_duration_since(epoch()).num_days() as f64
}

/// The calendar day that contains timeline coordinate `days`, or `None` beyond chrono's range.
pub fn date_from_days(days: f64) -> Option<NaiveDate> {
    if !days.is_finite() || days.abs() > 1e8 {
        return None;
    }
    epoch().checked_add_signed(chrono::TimeDelta::try_days(days.floor() as i64)?)
}

impl Date {
    /// Parses a reduced ISO 8601 date: `2020`, `2020-11`, `2020-11-09` or `2020-11-09T14:30`.
    /// Years may carry a sign and more than four digits (`-0044`, `+12000`).
    pub fn parse(input: &str) -> Result<Self, DateError> {
        let syntax = || DateError::Syntax(input.to_owned());
        let (date_part, time_part) = match input.split_once('T') {
            Some((d, t)) => (d, Some(t)),
            None => (input, None),
        };
        let (sign, unsigned) = match date_part.as_bytes().first() {
            Some(b'-') => (-1, &date_part[1..]),
            Some(b'+') => (1, &date_part[1..]),
            _ => (1, date_part),
        };
        let mut fields = unsigned.split('-');
        let year_text = fields.next().ok_or_else(syntax)?;
        let month_text = fields.next();
        let day_text = fields.next();
        if fields.next().is_some() || (time_part.is_some() && day_text.is_none()) {
            return Err(syntax());
        }
        let digits = |s: &str, min_len: usize, max_len: usize| {
            (s.len() >= min_len && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<i64>().ok())
                .flatten()
        };
        // Four digits or more, as ISO 8601 asks; long years fail the range check in `build`.
        let year = digits(year_text, 4, 12).ok_or_else(syntax)? * sign;
        let month = month_text
            .map(|m| digits(m, 2, 2).ok_or_else(syntax))
            .transpose()?;
        let day = day_text
            .map(|d| digits(d, 2, 2).ok_or_else(syntax))
            .transpose()?;
        let time = time_part
            .map(|t| {
                let (h, m) = t.split_once(':').ok_or_else(syntax)?;
                Ok((
                    digits(h, 2, 2).ok_or_else(syntax)?,
                    digits(m, 2, 2).ok_or_else(syntax)?,
                ))
            })
            .transpose()?;
        let narrow = |v: i64| u32::try_from(v).unwrap_or(u32::MAX);
        Self::build(
            year,
            month.map(narrow),
            day.map(narrow),
            time.map(|(h, m)| (narrow(h), narrow(m))),
            input.to_owned(),
        )
    }

    /// A date from separate numeric parts, as importers read them (`TimelineJS` `year`, `month`, …).
    ///
    /// The precision follows what is given: a year alone is a year, with a month it is a month, with
    /// a day a day, and with a time of day (hour, minute) a minute. A day needs a month and a time
    /// needs a day. Errors quote the parts in the ISO form (`-13800000000`, `2020-13`) and, like
    /// [`Date::parse`], refuse years the timeline cannot draw instead of clamping them.
    pub fn from_parts(
        year: i64,
        month: Option<u32>,
        day: Option<u32>,
        time: Option<(u32, u32)>,
    ) -> Result<Self, DateError> {
        let input = parts_text(year, month, day, time);
        if (day.is_some() && month.is_none()) || (time.is_some() && day.is_none()) {
            return Err(DateError::Syntax(input));
        }
        Self::build(year, month, day, time, input)
    }

    /// Checks numeric parts against the calendar and the drawable range; `input` is quoted in errors.
    fn build(
        year: i64,
        month: Option<u32>,
        day: Option<u32>,
        time: Option<(u32, u32)>,
        input: String,
    ) -> Result<Self, DateError> {
        let year = i32::try_from(year).map_err(|_| DateError::OutOfRange(input.clone()))?;
        if NaiveDate::from_ymd_opt(year, 1, 1).is_none() {
            return Err(DateError::OutOfRange(input));
        }
        if let Some(month) = month
            && !(1..=12).contains(&month)
        {
            return Err(DateError::Month { input, month });
        }
        let first_day = NaiveDate::from_ymd_opt(year, month.unwrap_or(1), day.unwrap_or(1))
            .ok_or_else(|| match (month, day) {
                (Some(month), Some(day)) => DateError::Day {
                    input: input.clone(),
                    year,
                    month_name: MONTH_NAMES
                        .get(month.saturating_sub(1) as usize)
                        .copied()
                        .unwrap_or(""),
                    day,
                },
                _ => DateError::OutOfRange(input.clone()),
            })?;
        let minute_of_day = match time {
            Some((hour, minute)) => {
                let time = NaiveTime::from_hms_opt(hour, minute, 0)
                    .ok_or_else(|| DateError::Time(input.clone()))?;
                Some((time.hour() * 60 + time.minute()) as u16)
            }
            None => None,
        };
        let precision = match (month, day, minute_of_day) {
            (None, _, _) => Precision::Year,
            (Some(_), None, _) => Precision::Month,
            (Some(_), Some(_), None) => Precision::Day,
            (Some(_), Some(_), Some(_)) => Precision::Minute,
        };
        Ok(Self {
            first_day,
            minute_of_day,
            precision,
        })
    }

    /// Today, on this computer's clock, to the day.
    pub fn today() -> Self {
        Self::from_day(chrono::Local::now().date_naive())
    }

    /// A day-precision date, for importers and tests.
    pub fn from_day(day: NaiveDate) -> Self {
        Self {
            first_day: day,
            minute_of_day: None,
            precision: Precision::Day,
        }
    }

    /// How precisely this date is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first calendar day of the period.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The start of the period on the timeline's axis (days since 1970-01-01, fractional for minutes).
    pub fn start_days(&self) -> f64 {
        days_from_date(self.first_day) + f64::from(self.minute_of_day.unwrap_or(0)) / 1440.0
    }

    /// The end of the period: the first instant after it. A day ends at the next midnight, a year on
    /// the next 1 January; a minute-precision date is an instant and ends where it starts.
    pub fn end_days(&self) -> f64 {
        let d = self.first_day;
        let next = match self.precision {
            Precision::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
            Precision::Month => d.checked_add_months(chrono::Months::new(1)),
            Precision::Day => d.succ_opt(),
            Precision::Minute => return self.start_days(),
        };
        // The last representable period has no successor; its end is its start plus one day.
        next.map_or(self.start_days() + 1.0, days_from_date)
    }

    /// Where a point mark for this date goes: the instant for day and minute precision, the middle
    /// of the period for a band.
    pub fn anchor_days(&self) -> f64 {
        match self.precision {
            Precision::Year | Precision::Month => 0.5 * (self.start_days() + self.end_days()),
            Precision::Day => self.start_days() + 0.5,
            Precision::Minute => self.start_days(),
        }
    }

    /// The ISO form it was written in (`2020-11`), for schemas, exports and round trips.
    pub fn iso(&self) -> String {
        let d = self.first_day;
        let year = if (0..=9999).contains(&d.year()) {
            format!("{:04}", d.year())
        } else if d.year() < 0 {
            format!("-{:04}", -d.year())
        } else {
            format!("+{}", d.year())
        };
        match self.precision {
            Precision::Year => year,
            Precision::Month => format!("{year}-{:02}", d.month()),
            Precision::Day => format!("{year}-{:02}-{:02}", d.month(), d.day()),
            Precision::Minute => {
                let m = self.minute_of_day.unwrap_or(0);
                format!(
                    "{year}-{:02}-{:02}T{:02}:{:02}",
                    d.month(),
                    d.day(),
                    m / 60,
                    m % 60
                )
            }
        }
    }
}

impl Date {
    /// Appends [`Self::iso`] to `out` without making a string: a save writes a million dates.
    pub fn write_iso(&self, out: &mut Vec<u8>) {
        let d = self.first_day;
        let Ok(year) = u32::try_from(d.year()) else {
            out.extend_from_slice(self.iso().as_bytes());
            return;
        };
        if year > 9999 {
            out.extend_from_slice(self.iso().as_bytes());
            return;
        }
        let digits = |out: &mut Vec<u8>, value: u32, width: u32| {
            for place in (0..width).rev() {
                out.push(b'0' + (value / 10u32.pow(place) % 10) as u8);
            }
        };
        digits(out, year, 4);
        if self.precision == Precision::Year {
            return;
        }
        out.push(b'-');
        digits(out, d.month(), 2);
        if self.precision == Precision::Month {
            return;
        }
        out.push(b'-');
        digits(out, d.day(), 2);
        if self.precision == Precision::Minute {
            let m = u32::from(self.minute_of_day.unwrap_or(0));
            out.push(b'T');
            digits(out, m / 60, 2);
            out.push(b':');
            digits(out, m % 60, 2);
        }
    }
}

/// Parts written the ISO way (`-13800000000`, `2020-13-01T25:00`), for messages about bad parts.
fn parts_text(year: i64, month: Option<u32>, day: Option<u32>, time: Option<(u32, u32)>) -> String {
    let year = if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("+{year}")
    };
    let month = month.map(|m| format!("-{m:02}")).unwrap_or_default();
    let day = day.map(|d| format!("-{d:02}")).unwrap_or_default();
    let time = time
        .map(|(h, m)| format!("T{h:02}:{m:02}"))
        .unwrap_or_default();
    format!("{year}{month}{day}{time}")
}

/// A year as people write it: `2020`, or `44 BCE` for ISO year -43.
pub fn year_label(year: i32) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - i64::from(year))
    } else {
        year.to_string()
    }
}

impl fmt::Display for Date {
    /// As precisely as it is known and no more: "2020", "Nov 2020", "9 Nov 2020", "9 Nov 2020 14:30".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.first_day;
        let year = year_label(d.year());
        let month = month_abbreviation(d);
        match self.precision {
            Precision::Year => write!(f, "{year}"),
            Precision::Month => write!(f, "{month} {year}"),
            Precision::Day => write!(f, "{} {month} {year}", d.day()),
            Precision::Minute => {
                let m = self.minute_of_day.unwrap_or(0);
                write!(f, "{} {month} {year} {:02}:{:02}", d.day(), m / 60, m % 60)
            }
        }
    }
}

impl PartialOrd for Date {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Date {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first_day, self.minute_of_day, self.precision).cmp(&(
            other.first_day,
            other.minute_of_day,
            other.precision,
        ))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <Cow<'de, str>>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl schemars::JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A reduced ISO 8601 date; the written form is the precision: \
                `2020` (year), `2020-11` (month), `2020-11-09` (day), `2020-11-09T14:30` (minute).",
            "pattern": r"^[+-]?\d{4,}(-\d{2}(-\d{2}(T\d{2}:\d{2})?)?)?$",
            "examples": ["2020", "2020-11", "2020-11-09", "2020-11-09T14:30"]
        })
    }
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "the expected values are exact in f64")]
mod tests {
    use super::*;

    fn ok(s: &str) -> Date {
        Date::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn each_written_form_gives_its_precision() {
        assert_eq!(ok("2020").precision(), Precision::Year);
        assert_eq!(ok("2020-11").precision(), Precision::Month);
        assert_eq!(ok("2020-11-09").precision(), Precision::Day);
        assert_eq!(ok("2020-11-09T14:30").precision(), Precision::Minute);
    }

    #[test]
    fn iso_round_trips() {
        for s in [
            "2020",
            "2020-11",
            "2020-11-09",
            "2020-11-09T14:30",
            "2020-11-09T00:00",
            "0001-01-01T23:59",
            "-0044-03-15",
            "0000",
            "+12000",
            "9999-12-31",
        ] {
            let mut written = Vec::new();
            ok(s).write_iso(&mut written);
            assert_eq!(String::from_utf8(written).unwrap(), s, "write_iso");
        }
        for s in [
            "2020",
            "2020-11",
            "2020-11-09",
            "2020-11-09T14:30",
            "-0044-03-15",
            "0000",
            "+12000",
        ] {
            assert_eq!(ok(s).iso(), s);
        }
    }

    #[test]
    fn negative_and_long_years_are_accepted() {
        let ides = ok("-0044-03-15");
        assert_eq!(ides.first_day().year(), -44);
        assert_eq!(ides.to_string(), "15 Mar 45 BCE");
        assert_eq!(ok("+12000").first_day().year(), 12000);
    }

    #[test]
    fn impossible_dates_are_rejected_with_the_reason() {
        let err = Date::parse("2020-02-30").unwrap_err().to_string();
        assert!(
            err.contains("2020-02-30") && err.contains("February 2020 has no day 30"),
            "{err}"
        );
        assert!(matches!(
            Date::parse("2021-02-29"),
            Err(DateError::Day { .. })
        ));
        assert!(Date::parse("2020-02-29").is_ok(), "2020 is a leap year");
        assert!(matches!(
            Date::parse("2020-13"),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            Date::parse("2020-00"),
            Err(DateError::Month { month: 0, .. })
        ));
        assert!(matches!(
            Date::parse("2020-11-09T25:00"),
            Err(DateError::Time(_))
        ));
        assert!(matches!(
            Date::parse("2020-11-09T23:60"),
            Err(DateError::Time(_))
        ));
    }

    #[test]
    fn malformed_text_is_a_syntax_error() {
        for s in [
            "",
            "20",
            "2020-1",
            "2020-11-9",
            "20-11-09x",
            "2020/11/09",
            "2020-11-09T",
            "2020-11T10:00",
            "2020-11-09T1430",
            "Nov 2020",
            "2020-11-09-01",
            " 2020",
            "-",
        ] {
            assert!(matches!(Date::parse(s), Err(DateError::Syntax(_))), "{s:?}");
        }
    }

    #[test]
    fn dates_beyond_the_drawable_range_are_refused_not_clamped() {
        let err = Date::parse("-13800000000").unwrap_err();
        assert!(matches!(err, DateError::OutOfRange(_)), "{err}");
        assert!(err.to_string().contains("-13800000000"));
        assert!(matches!(
            Date::parse("300000"),
            Err(DateError::OutOfRange(_))
        ));
    }

    #[test]
    fn parts_give_the_precision_of_what_is_present() {
        let at = |y, m, d, t| Date::from_parts(y, m, d, t);
        assert_eq!(at(1843, None, None, None), Ok(ok("1843")));
        assert_eq!(at(1943, Some(7), None, None), Ok(ok("1943-07")));
        assert_eq!(at(2011, Some(3), Some(23), None), Ok(ok("2011-03-23")));
        assert_eq!(
            at(2000, Some(1), Some(5), Some((6, 45))),
            Ok(ok("2000-01-05T06:45"))
        );
        assert_eq!(at(-44, Some(3), Some(15), None), Ok(ok("-0044-03-15")));
        let far = at(-13_800_000_000, None, None, None).unwrap_err();
        assert!(matches!(far, DateError::OutOfRange(_)), "{far}");
        assert!(far.to_string().contains("-13800000000"), "{far}");
        assert!(matches!(
            at(2020, Some(13), None, None),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            at(2021, Some(2), Some(29), None),
            Err(DateError::Day { day: 29, .. })
        ));
        assert!(matches!(
            at(2020, Some(1), Some(1), Some((24, 0))),
            Err(DateError::Time(_))
        ));
        assert!(matches!(
            at(2020, None, Some(1), None),
            Err(DateError::Syntax(_))
        ));
        assert!(matches!(
            at(2020, Some(1), None, Some((1, 0))),
            Err(DateError::Syntax(_))
        ));
    }

    #[test]
    fn periods_span_their_whole_year_month_or_day() {
        let year = ok("2020");
        assert_eq!(
            year.end_days() - year.start_days(),
            366.0,
            "2020 is a leap year"
        );
        let month = ok("2020-11");
        assert_eq!(month.end_days() - month.start_days(), 30.0);
        let feb = ok("2021-02");
        assert_eq!(feb.end_days() - feb.start_days(), 28.0);
        let day = ok("2020-11-09");
        assert_eq!(day.end_days() - day.start_days(), 1.0);
        let minute = ok("2020-11-09T12:00");
        assert_eq!(minute.start_days(), day.start_days() + 0.5);
        assert_eq!(minute.end_days(), minute.start_days());
        assert_eq!(ok("1970-01-01").start_days(), 0.0);
    }

    #[test]
    fn display_says_no_more_than_is_known() {
        assert_eq!(ok("2020").to_string(), "2020");
        assert_eq!(ok("2020-11").to_string(), "Nov 2020");
        assert_eq!(ok("2020-11-09").to_string(), "9 Nov 2020");
        assert_eq!(ok("2020-11-09T14:05").to_string(), "9 Nov 2020 14:05");
    }

    #[test]
    fn days_map_back_to_their_calendar_day() {
        let d = ok("2024-03-06");
        assert_eq!(date_from_days(d.start_days() + 0.7), Some(d.first_day()));
        assert_eq!(date_from_days(f64::NAN), None);
    }

    #[test]
    fn serde_uses_the_written_form() {
        let d: Date = serde_json::from_str("\"2020-11\"").unwrap();
        assert_eq!(d.precision(), Precision::Month);
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2020-11\"");
        let err = serde_json::from_str::<Date>("\"2020-02-30\"").unwrap_err();
        assert!(err.to_string().contains("2020-02-30"));
    }
}
