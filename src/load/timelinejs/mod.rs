//! Importing `TimelineJS` timelines as `claimline/1` datasets: the `TimelineJS3` JSON, the legacy
//! `TimelineJS` 2 JSON (`{"timeline": {"date": [...]}}`), and — read by [`super::table`] — the Google
//! Sheets CSV export.
//!
//! Each flavour is read into the same [`Timeline`] of [`Slide`]s, which [`build`] turns into a
//! [`Parsed`] dataset for the one validation step every format goes through. Every produced item
//! keeps the place of the text it came from (`events[3].title` resolves to the headline's
//! `line:column`), so findings about imported events point into the imported file. `TimelineJS` text
//! is HTML; it becomes plain text here and is never rendered as HTML.

use std::collections::HashSet;

use serde_json::{Map, Value};

pub mod html;
mod legacy;
mod v3;

pub use html::{plain_line, plain_text};
use legacy::read_legacy;
use v3::read_v3;

use super::finding::{Finding, Findings};
use super::imported::{SourcesByKey, UniqueIds};
use super::json::json_type;
use super::parsed::Parsed;
use super::position::{Positions, element_path, member_path};
use crate::model::{Citation, Dataset, Date, DateError, Event, EventKind, FORMAT, Lane, Source};

/// Which `TimelineJS` JSON a document is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavour {
    /// `TimelineJS3`: `{"title": {...}, "events": [...], "eras": [...]}`.
    V3,
    /// `TimelineJS` 2: `{"timeline": {"headline", "text", "date": [...], "era": [...]}}`.
    Legacy,
}

/// The lane of events without a `TimelineJS` `group`.
pub const EVENTS_LANE: &str = "Events";
/// The lane of `TimelineJS` eras, below every other lane.
pub const ERAS_LANE: &str = "Eras";

/// Tells a `TimelineJS` document from a native one by its shape, so a file is read by what it holds
/// and not by its extension. A top-level `format` always means native.
pub fn detect(root: &Map<String, Value>) -> Option<Flavour> {
    if root.contains_key("format") {
        return None;
    }
    if root.get("timeline").is_some_and(Value::is_object) {
        return Some(Flavour::Legacy);
    }
    let slide_events = root
        .get("events")
        .and_then(Value::as_array)
        .is_some_and(|events| events.iter().any(|e| e.get("start_date").is_some()));
    let title_slide = root.get("title").is_some_and(Value::is_object);
    let eras = root.get("eras").is_some_and(Value::is_array);
    (slide_events || title_slide || eras).then_some(Flavour::V3)
}

/// Imports a `TimelineJS` JSON document whose root object `root` was parsed from the text `positions`
/// indexes; `name` (the file name stem) titles a timeline without a title slide.
pub fn import(
    flavour: Flavour,
    root: &Map<String, Value>,
    positions: Positions,
    name: &str,
    findings: &mut Findings,
) -> Option<Parsed> {
    let timeline = match flavour {
        Flavour::V3 => read_v3(root, &positions, findings),
        Flavour::Legacy => read_legacy(root, &positions, findings)?,
    };
    Some(build(&timeline, positions, name, findings))
}

/// One part of a date as written (`"1843"`, `7`, `""`), with the path of its value.
#[derive(Clone, Debug, Default)]
pub struct Part {
    pub path: String,
    pub text: String,
}

/// A date as a `TimelineJS` file writes it: separate parts, each with its place.
#[derive(Clone, Debug, Default)]
pub struct DateParts {
    /// Where the date as a whole is (`events[3].start_date`, `rows[3].Year`).
    pub path: String,
    /// The date as written, for the event's `date_basis` (`TimelineJS start_date {year: …}`).
    pub written: String,
    pub year: Option<Part>,
    pub month: Option<Part>,
    pub day: Option<Part>,
    pub hour: Option<Part>,
    pub minute: Option<Part>,
    /// A clock time in one value (`10:30`, `10:30 AM`), as the Sheets export writes it.
    pub time: Option<Part>,
    /// Why the date could not be read at all (a `start_date` that is not an object).
    pub problem: Option<String>,
}

impl DateParts {
    fn is_absent(&self) -> bool {
        self.problem.is_none()
            && [
                &self.year,
                &self.month,
                &self.day,
                &self.hour,
                &self.minute,
                &self.time,
            ]
            .iter()
            .all(|p| p.as_ref().is_none_or(|p| p.text.trim().is_empty()))
    }
}

/// One `TimelineJS` slide (an event, an era or the title), whichever flavour it came from, with the
/// path of each value it was read from.
#[derive(Clone, Debug, Default)]
pub struct Slide {
    /// `events[3]`, `timeline.date[3]`, `rows[3]`.
    pub path: String,
    pub unique_id: String,
    pub unique_id_path: String,
    pub start: DateParts,
    pub end: DateParts,
    /// HTML.
    pub headline: String,
    pub headline_path: String,
    /// HTML.
    pub text: String,
    pub media_url: String,
    pub media_credit: String,
    pub media_caption: String,
    pub media_path: String,
    pub group: String,
    pub group_path: String,
    pub tags: Vec<String>,
}

/// A whole `TimelineJS` timeline, in any flavour.
#[derive(Debug, Default)]
pub struct Timeline {
    pub title: Option<Slide>,
    pub events: Vec<Slide>,
    pub eras: Vec<Slide>,
}

/// A date that cannot be imported: where, and why.
struct BadDate {
    path: String,
    message: String,
    /// The year is beyond the years the timeline can draw (deep time).
    out_of_range: bool,
}

/// Turns a timeline into a dataset: ids, lanes (one per group, "Events" for the rest, "Eras"
/// last), a source per distinct media URL, plain-text titles and summaries, and the place of every
/// produced value. A slide whose date cannot be imported is reported and left out.
pub fn build(
    timeline: &Timeline,
    mut positions: Positions,
    name: &str,
    findings: &mut Findings,
) -> Parsed {
    let (title, description) = timeline.title.as_ref().map_or_else(
        || (String::new(), String::new()),
        |slide| (plain_line(&slide.headline), plain_text(&slide.text)),
    );
    let title = if !title.is_empty() {
        title
    } else if !name.is_empty() {
        name.to_owned()
    } else {
        "Imported timeline".to_owned()
    };
    let given = UniqueIds::new(
        timeline
            .events
            .iter()
            .chain(&timeline.eras)
            .map(|s| s.unique_id.trim().to_owned()),
    );
    let mut out = Builder {
        positions: &mut positions,
        findings,
        taken: given,
        lane_ids: HashSet::new(),
        events: Vec::new(),
        event_paths: Vec::new(),
        lanes: Vec::new(),
        lane_paths: Vec::new(),
        sources: SourcesByKey::default(),
        deep_time: 0,
    };
    for (i, slide) in timeline.events.iter().enumerate() {
        let group = slide.group.trim();
        let lane = if group.is_empty() { EVENTS_LANE } else { group };
        let lane_path = if group.is_empty() {
            slide.path.clone()
        } else {
            slide.group_path.clone()
        };
        out.slide(slide, "event", i + 1, lane, &lane_path);
    }
    if !timeline.eras.is_empty() {
        // A group may be called "Eras" too; the eras keep a lane of their own, below the others.
        let mut eras_lane = ERAS_LANE.to_owned();
        let mut n = 2;
        while out.lane_ids.contains(&eras_lane) {
            eras_lane = format!("{ERAS_LANE} ({n})");
            n += 1;
        }
        out.lane_ids.insert(eras_lane.clone());
        out.lanes.push(Lane {
            id: eras_lane.clone(),
            label: ERAS_LANE.to_owned(),
            color: None,
        });
        out.lane_paths.push("eras".to_owned());
        for (i, slide) in timeline.eras.iter().enumerate() {
            out.slide(slide, "era", i + 1, &eras_lane, &slide.path);
        }
    }
    if out.deep_time > 0 {
        // One line that says what the file lost, above the finding for each event.
        let slides = timeline.events.len() + timeline.eras.len();
        out.findings.push(Finding::error(
            super::finding::Place::START,
            "",
            format!(
                "{} of {slides} events are not imported: their years are beyond the years \
                 Claimline can draw ({} to {}); each is listed below",
                out.deep_time,
                chrono::Datelike::year(&chrono::NaiveDate::MIN),
                chrono::Datelike::year(&chrono::NaiveDate::MAX)
            ),
        ));
    }
    let Builder {
        events,
        event_paths,
        lanes,
        lane_paths,
        sources:
            SourcesByKey {
                sources,
                paths: source_paths,
                ..
            },
        ..
    } = out;
    Parsed {
        dataset: Dataset {
            format: FORMAT.to_owned(),
            title,
            description,
            lanes,
            actors: Vec::new(),
            sources,
            events: events.into_iter().map(std::sync::Arc::new).collect(),
            kept: crate::model::Kept::default(),
        },
        positions,
        event_paths,
        source_paths,
        lane_paths,
        actor_paths: Vec::new(),
        broken_event_ids: Vec::new(),
    }
}

struct Builder<'a> {
    positions: &'a mut Positions,
    findings: &'a mut Findings,
    /// Ids given in the file or generated so far, so a generated id never repeats one.
    taken: UniqueIds,
    lane_ids: HashSet<String>,
    events: Vec<Event>,
    event_paths: Vec<String>,
    lanes: Vec<Lane>,
    lane_paths: Vec<String>,
    sources: SourcesByKey,
    /// Slides left out because a year is beyond the drawable range.
    deep_time: usize,
}

impl Builder<'_> {
    /// An id for the `n`th slide of its list: its `unique_id`, or `event-n` (`era-n`) when it has
    /// none, made unique against every id in the file.
    fn id(&mut self, slide: &Slide, prefix: &str, n: usize) -> String {
        let given = slide.unique_id.trim();
        if !given.is_empty() {
            return given.to_owned();
        }
        self.taken.make(prefix, n)
    }

    fn slide(&mut self, slide: &Slide, prefix: &str, n: usize, lane: &str, lane_path: &str) {
        let id = self.id(slide, prefix, n);
        let (title, untitled) = slide_title(slide);
        let start = match build_date(&slide.start) {
            Ok(Some(date)) => date,
            Ok(None) => {
                self.drop(
                    &slide.start.path,
                    &id,
                    &title,
                    "no start date (a year at least)",
                );
                return;
            }
            Err(bad) => {
                self.deep_time += usize::from(bad.out_of_range);
                self.drop(&bad.path, &id, &title, &bad.message);
                return;
            }
        };
        let end = match build_date(&slide.end) {
            Ok(end) => end,
            Err(bad) => {
                self.deep_time += usize::from(bad.out_of_range);
                self.drop(&bad.path, &id, &title, &bad.message);
                return;
            }
        };
        let path = slide.path.clone();
        if untitled {
            self.findings.push(
                Finding::warning(
                    self.positions.value(&slide.headline_path),
                    slide.headline_path.as_str(),
                    format!("no headline: the title “{title}” is taken from the slide"),
                )
                .in_event(Some(&id)),
            );
        }
        // A set, not a scan of the lanes per slide: 100,000 groups must not be quadratic.
        if self.lane_ids.insert(lane.to_owned()) {
            self.lanes.push(Lane {
                id: lane.to_owned(),
                label: lane.to_owned(),
                color: None,
            });
            self.lane_paths.push(lane_path.to_owned());
        }

        let mut summary = plain_text(&slide.text);
        let url = slide.media_url.trim();
        let mut citations = Vec::new();
        if is_link(url) {
            let url = if url.starts_with("//") {
                format!("https:{url}")
            } else {
                url.to_owned()
            };
            let source = self.source(&url, &slide.media_credit, &slide.media_path);
            let caption = plain_text(&slide.media_caption);
            citations.push(Citation {
                source: source.into(),
                quote: crate::model::Quote::default(),
                note: (!caption.is_empty()).then_some(caption),
            });
        } else {
            // Embedded media (a blockquote, an iframe) is content, not a link: keep its words.
            let embedded = plain_text(url);
            if !embedded.is_empty() {
                if !summary.is_empty() {
                    summary.push_str("\n\n");
                }
                summary.push_str(&embedded);
            }
        }
        let mut date_basis = slide.start.written.clone();
        if end.is_some() {
            date_basis.push_str("; ");
            date_basis.push_str(&slide.end.written);
        }

        let p = &mut *self.positions;
        p.alias(&member_path(&path, "id"), &slide.unique_id_path);
        p.alias(&member_path(&path, "title"), &slide.headline_path);
        p.alias(&member_path(&path, "date"), &slide.start.path);
        p.alias(&member_path(&path, "end"), &slide.end.path);
        p.alias(&member_path(&path, "lane"), lane_path);
        self.events.push(Event {
            id,
            kind: EventKind::Context,
            lane: lane.into(),
            date: start,
            end,
            ongoing_as_of: None,
            earliest: None,
            latest: None,
            date_basis: Some(date_basis),
            title,
            summary: (!summary.is_empty()).then_some(summary),
            actors: Vec::new(),
            tags: slide.tags.iter().map(|t| t.as_str().into()).collect(),
            citations,
            relations: Vec::new(),
        });
        self.event_paths.push(path);
    }

    /// Reports a slide that is not imported, at the value that stops it. What happened comes
    /// first, so a window too narrow for the whole line still shows that an event was left out
    /// (a deep-time year's reason is long).
    fn drop(&mut self, path: &str, id: &str, title: &str, why: &str) {
        self.findings.push(
            Finding::error(
                self.positions.value(path),
                path,
                format!("the event “{title}” is not imported: {why}"),
            )
            .in_event(Some(id)),
        );
    }

    /// The id of the source for a media URL, made on first use: identical URLs share a source.
    fn source(&mut self, url: &str, credit: &str, path: &str) -> String {
        self.sources.id_for(
            url,
            || path.to_owned(),
            |n| {
                let credit = plain_line(credit);
                Source {
                    id: format!("media-{n}"),
                    title: if credit.is_empty() {
                        url.to_owned()
                    } else {
                        credit
                    },
                    outlet: None,
                    published: None,
                    url: Some(url.to_owned()),
                    note: Some("TimelineJS media".to_owned()),
                    text: None,
                    text_file: None,
                    sha256: None,
                }
            },
        )
    }
}

/// The slide's title in plain text, and whether it had to be made up (no headline).
fn slide_title(slide: &Slide) -> (String, bool) {
    let headline = plain_line(&slide.headline);
    if !headline.is_empty() {
        return (headline, false);
    }
    let from = [&slide.text, &slide.media_caption, &slide.media_credit]
        .into_iter()
        .map(|html| plain_text(html))
        .find(|text| !text.is_empty());
    let title = from.map_or_else(
        || "Untitled".to_owned(),
        |text| {
            crate::model::visible_text::cut(text.lines().next().unwrap_or_default(), 80)
                .into_owned()
        },
    );
    (title, true)
}

/// True for a media value that is a link (not embedded HTML or free text).
fn is_link(url: &str) -> bool {
    !url.is_empty() && !url.starts_with('<') && !url.contains(char::is_whitespace)
}

/// Reads the date `parts`: `Ok(None)` when none is given, the date at the precision of the parts
/// present, or the path of the part that is wrong and why.
fn build_date(parts: &DateParts) -> Result<Option<Date>, BadDate> {
    let bad = |path: &str, message: String| BadDate {
        path: path.to_owned(),
        message,
        out_of_range: false,
    };
    if let Some(problem) = &parts.problem {
        return Err(bad(&parts.path, problem.clone()));
    }
    if parts.is_absent() {
        return Ok(None);
    }
    let year = number(parts.year.as_ref(), "year")?;
    let month = small(parts.month.as_ref(), "month")?;
    let day = small(parts.day.as_ref(), "day")?;
    let hour = small(parts.hour.as_ref(), "hour")?;
    let minute = small(parts.minute.as_ref(), "minute")?;
    let clock = match &parts.time {
        Some(part) if !part.text.trim().is_empty() => Some((
            clock_time(&part.text).ok_or_else(|| {
                bad(
                    &part.path,
                    format!(
                        "time `{}` is not a time of day like 10:30 or 10:30 PM",
                        part.text.trim()
                    ),
                )
            })?,
            part.path.as_str(),
        )),
        _ => None,
    };
    let Some((year, year_path)) = year else {
        return Err(bad(
            &parts.path,
            "the date has no year (a month, day or time needs one)".to_owned(),
        ));
    };
    if let (Some((_, day_path)), None) = (day, month) {
        return Err(bad(day_path, "a day needs a month".to_owned()));
    }
    if let (Some((_, minute_path)), None) = (minute, hour) {
        return Err(bad(minute_path, "a minute needs an hour".to_owned()));
    }
    let (time, time_path) = match (clock, hour) {
        (Some((hm, path)), _) => (Some(hm), path),
        (None, Some((h, path))) => (Some((h, minute.map_or(0, |(m, _)| m))), path),
        (None, None) => (None, parts.path.as_str()),
    };
    if time.is_some() && day.is_none() {
        return Err(bad(time_path, "a time of day needs a day".to_owned()));
    }
    Date::from_parts(year, month.map(|m| m.0), day.map(|d| d.0), time)
        .map(Some)
        .map_err(|error| {
            let path = match &error {
                DateError::OutOfRange(_) => year_path,
                DateError::Month { .. } => month.map_or(year_path, |m| m.1),
                DateError::Day { .. } => day.map_or(year_path, |d| d.1),
                DateError::Time(_) => time_path,
                DateError::Syntax(_) => parts.path.as_str(),
            };
            BadDate {
                out_of_range: matches!(error, DateError::OutOfRange(_)),
                ..bad(path, error.to_string())
            }
        })
}

/// A whole number written as a string or a JSON number (`"1843"`, `1843`, `"08"`, `1843.0`);
/// `None` for an empty part.
fn number<'p>(part: Option<&'p Part>, unit: &str) -> Result<Option<(i64, &'p str)>, BadDate> {
    let Some(part) = part else { return Ok(None) };
    let text = part.text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Ok(n) = unsigned.parse::<i64>() {
        return Ok(Some((n, part.path.as_str())));
    }
    let bad = |message: String| BadDate {
        path: part.path.clone(),
        message,
        out_of_range: false,
    };
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x.fract() == 0.0 && x.abs() < 9.0e18 => {
            Ok(Some((x as i64, part.path.as_str())))
        }
        Ok(x) if x.is_finite() && x.fract() == 0.0 && unit == "year" => Err(BadDate {
            out_of_range: true,
            ..bad(DateError::OutOfRange(text.to_owned()).to_string())
        }),
        _ => Err(bad(format!(
            "`{unit}` must be a whole number, found `{text}`"
        ))),
    }
}

/// A month, day, hour or minute: a whole number that fits the calendar's integer type.
fn small<'p>(part: Option<&'p Part>, unit: &str) -> Result<Option<(u32, &'p str)>, BadDate> {
    match number(part, unit)? {
        None => Ok(None),
        Some((n, path)) => u32::try_from(n)
            .map(|n| Some((n, path)))
            .map_err(|_| BadDate {
                path: path.to_owned(),
                message: format!("{unit} {n} does not exist"),
                out_of_range: false,
            }),
    }
}

/// `10:30`, `10:30:15`, `10:30 AM`, `10 pm` → hour and minute on a 24-hour clock.
pub fn clock_time(text: &str) -> Option<(u32, u32)> {
    let lower = text.trim().to_ascii_lowercase();
    let (clock, meridiem) = if let Some(rest) = lower.strip_suffix("am") {
        (rest.trim_end().trim_end_matches('.'), Some(false))
    } else if let Some(rest) = lower.strip_suffix("pm") {
        (rest.trim_end().trim_end_matches('.'), Some(true))
    } else {
        (lower.as_str(), None)
    };
    let mut fields = clock.trim().split(':');
    let digits = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let hour = digits(fields.next()?)?;
    let minute = match fields.next() {
        Some(m) => digits(m)?,
        None => 0,
    };
    if let Some(second) = fields.next() {
        digits(second)?;
    }
    if fields.next().is_some() || minute > 59 {
        return None;
    }
    let hour = match meridiem {
        None if hour <= 23 => hour,
        Some(pm) if (1..=12).contains(&hour) => (hour % 12) + if pm { 12 } else { 0 },
        _ => return None,
    };
    Some((hour, minute))
}

#[cfg(test)]
mod tests {
    use super::legacy::date_legacy;
    use super::*;

    #[test]
    fn clock_times_read_both_clocks() {
        assert_eq!(clock_time("10:30"), Some((10, 30)));
        assert_eq!(clock_time("10:30 AM"), Some((10, 30)));
        assert_eq!(clock_time("12:05 am"), Some((0, 5)));
        assert_eq!(clock_time("12:05 PM"), Some((12, 5)));
        assert_eq!(clock_time("1 pm"), Some((13, 0)));
        assert_eq!(clock_time("23:59:59"), Some((23, 59)));
        assert_eq!(clock_time("24:00"), None);
        assert_eq!(clock_time("13:00 PM"), None);
        assert_eq!(clock_time("noon"), None);
    }

    fn parts(year: &str, month: &str, day: &str) -> DateParts {
        let part = |t: &str| {
            Some(Part {
                path: "p".to_owned(),
                text: t.to_owned(),
            })
        };
        DateParts {
            path: "d".to_owned(),
            year: part(year),
            month: part(month),
            day: part(day),
            ..DateParts::default()
        }
    }

    #[test]
    fn precision_follows_the_parts_present() {
        let date = |y, m, d| build_date(&parts(y, m, d)).ok().flatten();
        assert_eq!(date("1843", "", ""), Date::parse("1843").ok());
        assert_eq!(date("1943", "7", ""), Date::parse("1943-07").ok());
        assert_eq!(date("622", "08", "09"), Date::parse("0622-08-09").ok());
        assert!(build_date(&parts("", "", "")).is_ok_and(|d| d.is_none()));
        let err = build_date(&parts("-13800000000", "", ""))
            .err()
            .map(|b| b.message)
            .unwrap_or_default();
        assert!(err.contains("-13800000000"), "{err}");
        assert!(build_date(&parts("2020", "May", "")).is_err());
        assert!(build_date(&parts("", "5", "")).is_err());
    }

    #[test]
    fn legacy_dates_split_on_commas() {
        let date = |s: &str| {
            build_date(&date_legacy(Some(&Value::from(s)), "d", "startDate"))
                .ok()
                .flatten()
        };
        assert_eq!(date("2011"), Date::parse("2011").ok());
        assert_eq!(date("2011,3"), Date::parse("2011-03").ok());
        assert_eq!(date("2011,3,23"), Date::parse("2011-03-23").ok());
        assert_eq!(
            date("2011,3,23,10,30"),
            Date::parse("2011-03-23T10:30").ok()
        );
        assert_eq!(
            date("2011,3,23 10:30"),
            Date::parse("2011-03-23T10:30").ok()
        );
        assert_eq!(date("196002152034"), Date::parse("1960-02-15T20:34").ok());
    }
}
