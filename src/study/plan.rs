//! A plan to exam day: with an exam date, every review falls before it, new items are paced
//! to cover the bank a few days ahead within a daily time budget, and full mocks are placed on
//! the calendar (never more than the fresh mocks left). Pure: dates and counts come in.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

/// New items are paced to be seen this many days before the exam (the last days review).
pub const NEW_DONE_BEFORE_DAYS: i64 = 3;
/// The default daily time budget (`plan --minutes-per-day`).
pub const DEFAULT_MINUTES_PER_DAY: u32 = 30;
/// Seconds an item takes when history cannot tell.
pub const DEFAULT_SECS_PER_ITEM: u64 = 60;

/// What the plan is made from.
#[derive(Debug, Clone)]
pub struct PlanInput {
    pub today: NaiveDate,
    pub exam_day: NaiveDate,
    /// Items never answered (in any mode).
    pub unseen: usize,
    /// Reviews falling due on each day (the schedule already capped before the exam).
    pub reviews_by_day: BTreeMap<NaiveDate, usize>,
    pub secs_per_item: u64,
    pub minutes_per_day: u32,
    /// Full standard-time mocks taken so far.
    pub mocks_taken: usize,
    pub fresh_mocks_left: usize,
    pub mock_minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Day {
    pub date: NaiveDate,
    pub new: usize,
    pub reviews: usize,
    pub mock: bool,
    pub minutes: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    pub exam_date: NaiveDate,
    pub days_left: i64,
    pub new_per_day: usize,
    /// Items (reviews and new) the daily budget holds at the time an item takes.
    pub items_per_day: usize,
    pub days: Vec<Day>,
    /// Items still never seen on exam day at this pace.
    pub unseen_on_exam_day: usize,
    pub warning: Option<String>,
}

/// The days from `today` to the day before the exam, each with its new items, reviews and
/// whether a full mock is due.
pub fn plan(input: &PlanInput) -> Plan {
    let days_left = (input.exam_day - input.today).num_days();
    let dates: Vec<NaiveDate> = (0..days_left.max(0))
        .map(|d| input.today + Duration::days(d))
        .collect();
    let mocks = mock_days(input, &dates);
    let pacing_days = (days_left - NEW_DONE_BEFORE_DAYS).max(1) as usize;
    let budget = u64::from(input.minutes_per_day) * 60;
    let per_item = input.secs_per_item.max(1);
    // What covers the bank in time, but never more than a day's budget holds.
    let new_per_day = input
        .unseen
        .div_ceil(pacing_days)
        .min((budget / per_item) as usize);
    let mut unseen = input.unseen;
    let mut days = Vec::with_capacity(dates.len());
    for date in &dates {
        let reviews = input.reviews_by_day.get(date).copied().unwrap_or(0);
        let mock = mocks.contains(date);
        let review_secs = reviews as u64 * per_item;
        let room = budget.saturating_sub(review_secs) / per_item;
        let new = unseen.min(new_per_day).min(room as usize);
        unseen -= new;
        let secs = (reviews + new) as u64 * per_item;
        let minutes = secs.div_ceil(60) as u32 + if mock { input.mock_minutes } else { 0 };
        days.push(Day {
            date: *date,
            new,
            reviews,
            mock,
            minutes,
        });
    }
    let warning = if days_left <= 0 {
        Some("the exam date is today or past: nothing left to plan".to_string())
    } else if unseen > 0 {
        Some(format!(
            "at this pace {unseen} item{} are still unseen on exam day: raise --minutes-per-day or study more each day",
            if unseen == 1 { "" } else { "s" }
        ))
    } else {
        None
    };
    Plan {
        exam_date: input.exam_day,
        days_left,
        new_per_day,
        items_per_day: (budget / per_item) as usize,
        days,
        unseen_on_exam_day: unseen,
        warning,
    }
}

/// Full mocks: today when none was taken, the last two days before the exam (one day to
/// review it), and every fourth day between; never more than the fresh mocks left.
fn mock_days(input: &PlanInput, dates: &[NaiveDate]) -> Vec<NaiveDate> {
    let Some(&last_day) = dates.last() else {
        return Vec::new();
    };
    let mut wanted: Vec<NaiveDate> = Vec::new();
    if input.mocks_taken == 0 {
        wanted.push(dates[0]);
    }
    let final_mock = (last_day - Duration::days(1)).max(dates[0]);
    let mut d = dates[0] + Duration::days(4);
    while d + Duration::days(2) <= final_mock {
        wanted.push(d);
        d += Duration::days(4);
    }
    wanted.push(final_mock);
    wanted.sort();
    wanted.dedup();
    // Too few fresh mocks: keep the final one and the first, then the latest in between.
    while wanted.len() > input.fresh_mocks_left {
        if wanted.len() <= 2 {
            wanted.remove(0);
        } else {
            wanted.remove(1);
        }
    }
    wanted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(days: i64, unseen: usize) -> PlanInput {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        PlanInput {
            today,
            exam_day: today + Duration::days(days),
            unseen,
            reviews_by_day: BTreeMap::new(),
            secs_per_item: 60,
            minutes_per_day: 30,
            mocks_taken: 1,
            fresh_mocks_left: 5,
            mock_minutes: 40,
        }
    }

    #[test]
    fn new_items_are_covered_a_few_days_before_the_exam() {
        let p = plan(&input(13, 100));
        assert_eq!(p.days.len(), 13);
        assert_eq!(p.new_per_day, 10);
        let seen_by: usize = p.days.iter().take(10).map(|d| d.new).sum();
        assert_eq!(seen_by, 100);
        assert!(p.days[10..].iter().all(|d| d.new == 0));
        assert_eq!(p.unseen_on_exam_day, 0);
        assert!(p.warning.is_none());
    }

    #[test]
    fn a_date_too_close_says_what_stays_unseen() {
        let p = plan(&input(3, 200));
        // 30 minutes a day at a minute an item: 30 a day over 3 days.
        assert_eq!(p.unseen_on_exam_day, 110);
        assert!(
            p.warning
                .as_deref()
                .unwrap()
                .contains("110 items are still unseen")
        );
    }

    #[test]
    fn mocks_go_first_when_none_was_taken_last_two_days_before_and_never_beyond_the_fresh_ones() {
        let mut i = input(3, 0);
        i.mocks_taken = 0;
        let p = plan(&i);
        let mocks: Vec<_> = p.days.iter().filter(|d| d.mock).map(|d| d.date).collect();
        assert_eq!(mocks, [i.today, i.today + Duration::days(1)]);
        let mut long = input(20, 0);
        long.fresh_mocks_left = 2;
        let p = plan(&long);
        let mocks: Vec<_> = p.days.iter().filter(|d| d.mock).map(|d| d.date).collect();
        assert_eq!(mocks.len(), 2);
        assert_eq!(*mocks.last().unwrap(), long.exam_day - Duration::days(2));
        assert!(p.days.iter().filter(|d| d.mock).all(|d| d.minutes >= 40));
    }

    #[test]
    fn reviews_take_the_budget_first() {
        let mut i = input(5, 100);
        i.reviews_by_day.insert(i.today, 30);
        let p = plan(&i);
        assert_eq!((p.days[0].reviews, p.days[0].new), (30, 0));
    }
}
