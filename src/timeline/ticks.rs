//! Calendar ticks: one table of steps and one formatter, shared by the screen axis and exports, so
//! both label time the same way ("2020", "Nov 2020", "9 Nov") and never as odd decimals.

use chrono::{Datelike as _, NaiveDate, Weekday};

use crate::model::date::{date_from_days, days_from_date, month_abbreviation, year_label};

/// The distance between two calendar ticks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickStep {
    /// Every n years, on 1 January of years divisible by n.
    Years(i32),
    /// Every n months (1, 3 or 6), on the 1st, aligned to the year.
    Months(u32),
    /// Every Monday.
    Weeks,
    /// Every n days (1 or 2).
    Days(u32),
}

/// From the finest to the coarsest; years continue by 1-2-5 beyond the table.
const STEPS: [TickStep; 9] = [
    TickStep::Days(1),
    TickStep::Days(2),
    TickStep::Weeks,
    TickStep::Months(1),
    TickStep::Months(3),
    TickStep::Months(6),
    TickStep::Years(1),
    TickStep::Years(2),
    TickStep::Years(5),
];

/// A labelled tick on the time axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Days since 1970-01-01 (always a midnight).
    pub days: f64,
    pub label: String,
}

impl TickStep {
    /// Roughly how many days one step covers; months count as 30.44 days.
    pub fn approx_days(self) -> f64 {
        match self {
            Self::Years(n) => 365.25 * f64::from(n),
            Self::Months(n) => 30.44 * f64::from(n),
            Self::Weeks => 7.0,
            Self::Days(n) => f64::from(n),
        }
    }

    /// The finest step whose ticks are at least `min_days` apart.
    pub fn at_least(min_days: f64) -> Self {
        if let Some(step) = STEPS.iter().find(|s| s.approx_days() >= min_days) {
            return *step;
        }
        let mut years = 10_i64;
        loop {
            for factor in [1, 2, 5] {
                let n = years * factor;
                if 365.25 * n as f64 >= min_days || n >= 100_000 {
                    return Self::Years(n as i32);
                }
            }
            years *= 10;
        }
    }

    /// Recovers the step from [`Self::approx_days`], for axis formatters that only see the spacing.
    pub fn from_approx_days(days: f64) -> Self {
        let finer = STEPS
            .iter()
            .find(|s| (s.approx_days() - days).abs() < 1e-6)
            .copied();
        finer.unwrap_or(Self::Years((days / 365.25).round().max(1.0) as i32))
    }

    /// The label of the tick on `day`: "2020" for years, "Nov 2020" for months, "9 Nov" for weeks
    /// and days.
    pub fn label(self, day: NaiveDate) -> String {
        let month = month_abbreviation(day);
        match self {
            Self::Years(_) => year_label(day.year()),
            Self::Months(_) => format!("{month} {}", year_label(day.year())),
            Self::Weeks | Self::Days(_) => format!("{} {month}", day.day()),
        }
    }

    /// The first tick at or after `day`.
    fn first_at_or_after(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Years(n) => {
                let y = day.year();
                let mut year = y.div_euclid(n) * n;
                if NaiveDate::from_ymd_opt(year, 1, 1)? < day {
                    year += n;
                }
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
            Self::Months(n) => {
                let month0 = day.month0() / n * n;
                let first = NaiveDate::from_ymd_opt(day.year(), month0 + 1, 1)?;
                if first < day {
                    first.checked_add_months(chrono::Months::new(n))
                } else {
                    Some(first)
                }
            }
            Self::Weeks => {
                let back = day.weekday().num_days_from_monday();
                let monday = day.checked_sub_days(chrono::Days::new(u64::from(back)))?;
                if monday < day {
                    monday.checked_add_days(chrono::Days::new(7))
                } else {
                    Some(monday)
                }
            }
            Self::Days(n) => {
                // Align multi-day steps to the epoch so ticks do not shift while panning.
                let days = days_from_date(day) as i64;
                let aligned = days.div_euclid(i64::from(n)) * i64::from(n);
                let aligned = if aligned < days {
                    aligned + i64::from(n)
                } else {
                    aligned
                };
                day.checked_add_signed(chrono::TimeDelta::try_days(aligned - days)?)
            }
        }
    }

    fn next(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Self::Years(n) => NaiveDate::from_ymd_opt(day.year().checked_add(n)?, 1, 1),
            Self::Months(n) => day.checked_add_months(chrono::Months::new(n)),
            Self::Weeks => day.checked_add_days(chrono::Days::new(7)),
            Self::Days(n) => day.checked_add_days(chrono::Days::new(u64::from(n))),
        }
    }
}

/// The ticks in `[start_days, end_days]` at `step`. At most `MAX_TICKS`, so a bad range never
/// floods the axis.
pub fn ticks_in(start_days: f64, end_days: f64, step: TickStep) -> Vec<Tick> {
    const MAX_TICKS: usize = 500;
    let mut ticks = Vec::new();
    let Some(mut day) = date_from_days(start_days).and_then(|d| step.first_at_or_after(d)) else {
        return ticks;
    };
    while days_from_date(day) <= end_days && ticks.len() < MAX_TICKS {
        ticks.push(Tick {
            days: days_from_date(day),
            label: step.label(day),
        });
        match step.next(day) {
            Some(next) => day = next,
            None => break,
        }
    }
    ticks
}

/// Calendar ticks for a view `span` days wide drawn `width_px` wide, at least `min_spacing_px`
/// apart (wide enough for their labels).
pub fn calendar_ticks(
    start_days: f64,
    end_days: f64,
    width_px: f64,
    min_spacing_px: f64,
) -> (TickStep, Vec<Tick>) {
    let days_per_px = (end_days - start_days).abs() / width_px.max(1.0);
    let step = TickStep::at_least(days_per_px * min_spacing_px);
    (step, ticks_in(start_days, end_days, step))
}

/// True when `day` is a Monday; used by tests and the week step.
pub fn is_monday(day: NaiveDate) -> bool {
    day.weekday() == Weekday::Mon
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn d(s: &str) -> f64 {
        Date::parse(s).unwrap().start_days()
    }

    fn labels(from: &str, to: &str, width_px: f64) -> (TickStep, Vec<String>) {
        let (step, ticks) = calendar_ticks(d(from), d(to), width_px, 80.0);
        (step, ticks.into_iter().map(|t| t.label).collect())
    }

    #[test]
    fn the_whole_seed_range_is_labelled_in_years() {
        let (step, l) = labels("2014-01-01", "2025-01-01", 1200.0);
        assert_eq!(step, TickStep::Years(1));
        assert_eq!(l.first().unwrap(), "2014");
        assert_eq!(l.last().unwrap(), "2025");
        assert_eq!(l.len(), 12);
    }

    #[test]
    fn a_narrow_window_skips_years_by_two_or_five() {
        assert_eq!(
            labels("2014-01-01", "2025-01-01", 500.0).0,
            TickStep::Years(2)
        );
        let (step, l) = labels("1900", "2000", 800.0);
        assert_eq!(step, TickStep::Years(10));
        assert_eq!(l[..3], ["1900", "1910", "1920"]);
    }

    #[test]
    fn two_years_are_labelled_by_quarter() {
        let (step, l) = labels("2020-01-01", "2022-01-01", 900.0);
        assert_eq!(step, TickStep::Months(3));
        assert_eq!(l[..3], ["Jan 2020", "Apr 2020", "Jul 2020"]);
    }

    #[test]
    fn a_year_is_labelled_by_month() {
        let (step, l) = labels("2020-01-01", "2020-12-31", 1200.0);
        assert_eq!(step, TickStep::Months(1));
        assert_eq!(l[..2], ["Jan 2020", "Feb 2020"]);
        assert!(l.contains(&"Nov 2020".to_owned()));
    }

    #[test]
    fn two_months_are_labelled_by_week_on_mondays() {
        let (step, ticks) = calendar_ticks(d("2020-10-15"), d("2020-12-15"), 1000.0, 80.0);
        assert_eq!(step, TickStep::Weeks);
        for tick in &ticks {
            assert!(is_monday(date_from_days(tick.days).unwrap()), "{tick:?}");
        }
        assert_eq!(ticks[0].label, "19 Oct");
        assert!(ticks.iter().any(|t| t.label == "9 Nov"));
    }

    #[test]
    fn a_fortnight_is_labelled_by_day() {
        let (step, l) = labels("2020-11-01", "2020-11-15", 1200.0);
        assert_eq!(step, TickStep::Days(1));
        assert_eq!(l[..3], ["1 Nov", "2 Nov", "3 Nov"]);
        assert!(l.contains(&"9 Nov".to_owned()));
    }

    #[test]
    fn labels_are_never_times_of_day_or_decimals() {
        for (from, to, width) in [
            ("2020-11-09", "2020-11-12", 1600.0),
            ("2016", "2024", 300.0),
            ("2020-06", "2020-08", 700.0),
        ] {
            for label in labels(from, to, width).1 {
                assert!(!label.contains(':') && !label.contains('.'), "{label}");
            }
        }
    }

    #[test]
    fn every_step_is_recovered_from_its_spacing() {
        for step in STEPS
            .into_iter()
            .chain([TickStep::Years(10), TickStep::Years(1000)])
        {
            assert_eq!(TickStep::from_approx_days(step.approx_days()), step);
        }
    }

    #[test]
    fn ticks_before_the_common_era_are_labelled_bce() {
        let (_, l) = labels("-0100", "0101", 800.0);
        assert!(l.iter().any(|s| s.ends_with("BCE")), "{l:?}");
    }
}
