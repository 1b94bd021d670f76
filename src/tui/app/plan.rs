//! The plan to exam day as the app computes it from history, the banks and the exam date
//! (`pyexam plan`, the menu's "exam in N days" and its Plan screen, the study queue's deadline).

use chrono::{DateTime, Duration, Local, NaiveDate, TimeZone, Utc};

use super::{App, Effect, MenuEntry, Msg, Screen};
use crate::insight::{MockEvidence, Readiness};
use crate::session::Freshness;
use crate::study::plan::{self, DEFAULT_SECS_PER_ITEM, Plan, PlanInput};
use crate::study::projection::{self, Projection, Start};
use crate::study::{Queue, Schedule, reviews};
use crate::tui::scroll::Scroll;

impl App {
    /// The exam date set for `exam`, if any.
    pub fn exam_date(&self, exam: &str) -> Option<NaiveDate> {
        self.exam_dates.get(exam).copied()
    }

    /// The last moment a review may be due: the start of the day before the exam (local time).
    pub fn review_deadline(&self, exam: &str) -> Option<DateTime<Utc>> {
        let day = self.exam_date(exam)? - Duration::days(1);
        let start = day.and_hms_opt(0, 0, 0)?;
        Local
            .from_local_datetime(&start)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// The plan from today to the exam date of `exam`; `None` without a date (or an unknown
    /// exam).
    pub fn plan(&self, exam: &str, minutes_per_day: u32) -> Option<Plan> {
        let spec = self.banks.exam(exam)?;
        let exam_day = self.exam_date(exam)?;
        let today = self.now.with_timezone(&Local).date_naive();
        let summaries: Vec<_> = self
            .history
            .iter()
            .map(|s| &s.summary)
            .filter(|s| s.exam == exam)
            .collect();
        let schedule = Schedule::replay(&reviews(summaries.iter().copied(), exam));
        let deadline = self.review_deadline(exam);
        let mut reviews_by_day = std::collections::BTreeMap::new();
        for e in Queue::all_scheduled(&self.banks, &schedule, exam, deadline) {
            let day = e
                .due
                .map_or(today, |d| d.with_timezone(&Local).date_naive())
                .max(today);
            *reviews_by_day.entry(day).or_insert(0) += 1;
        }
        let unseen = self
            .banks
            .questions
            .iter()
            .filter(|q| q.exam == exam && schedule.get(&q.id).is_none())
            .count();
        let mut secs: Vec<u64> = summaries
            .iter()
            .flat_map(|s| s.results.iter().map(|r| r.secs))
            .filter(|s| *s > 0)
            .collect();
        secs.sort_unstable();
        let secs_per_item = secs.get(secs.len() / 2).copied().unwrap_or(DEFAULT_SECS_PER_ITEM);
        let evidence = MockEvidence::of(summaries.iter().copied(), exam, self.now);
        let fresh = Freshness::of(self.history.iter().map(|s| &s.summary));
        Some(plan::plan(&PlanInput {
            today,
            exam_day,
            unseen,
            reviews_by_day,
            secs_per_item,
            minutes_per_day,
            mocks_taken: evidence.mocks,
            fresh_mocks_left: fresh.fresh_mocks_left(&self.banks, spec, &[]),
            mock_minutes: spec.minutes,
        }))
    }
}

/// The menu's Plan screen: what `pyexam plan EXAM` prints, scrolled like every long view.
#[derive(Debug, Clone)]
pub struct PlanScreen {
    pub exam: String,
    pub code: String,
    pub lines: Vec<String>,
    pub scroll: Scroll,
}

impl App {
    /// Each full standard mock of `exam` so far: its local date and score.
    pub fn mock_trajectory(&self, exam: &str) -> Vec<(String, f64)> {
        self.history
            .iter()
            .map(|s| &s.summary)
            .filter(|s| s.exam == exam && MockEvidence::counts(s))
            .map(|s| {
                let day = s.finished_at.with_timezone(&Local).date_naive();
                (day.to_string(), s.report.percent)
            })
            .collect()
    }

    /// FSRS's forecast of recall on exam day if `plan` (`App::plan`) is followed
    /// (`study::projection`); `None` with nothing studied or planned.
    pub fn exam_day_projection(&self, exam: &str, plan: &Plan) -> Option<Projection> {
        let summaries = self.history.iter().map(|s| &s.summary).filter(|s| s.exam == exam);
        let history = reviews(summaries, exam);
        let schedule = Schedule::replay(&history);
        let ids: std::collections::HashSet<&str> = self
            .banks
            .questions
            .iter()
            .filter(|q| q.exam == exam)
            .map(|q| q.id.as_str())
            .collect();
        let cards: Vec<_> = schedule
            .items
            .iter()
            .filter(|(id, _)| ids.contains(id.as_str()))
            .map(|(_, s)| s)
            .collect();
        // First answers right: history's share, else two in three.
        let mut seen = std::collections::HashSet::new();
        let firsts: Vec<bool> = history
            .iter()
            .filter(|r| seen.insert(r.item_id.as_str()))
            .map(|r| r.rating != rs_fsrs::Rating::Again)
            .collect();
        let first_right = match firsts.len() {
            0 => 2.0 / 3.0,
            n => firsts.iter().filter(|r| **r).count() as f64 / n as f64,
        };
        let exam_start = Local
            .from_local_datetime(&plan.exam_date.and_hms_opt(9, 0, 0)?)
            .earliest()?
            .with_timezone(&Utc);
        let start = Start {
            unseen: ids.len().saturating_sub(cards.len()),
            cards,
            now: self.now,
            exam: exam_start,
            deadline: self.review_deadline(exam),
            new_per_day: plan.days.iter().map(|d| d.new).collect(),
            first_right,
            per_day: plan.items_per_day,
        };
        projection::project(&start, 1)
    }

    /// Today's readiness for `exam` (a verdict only with enough evidence, as everywhere).
    pub fn readiness_today(&self, exam: &str) -> Option<Readiness> {
        self.progress(exam, None).map(|(_, r)| r)
    }

    /// The plan as text, one line each: what `pyexam plan EXAM` prints and the Plan screen
    /// shows. Without a date, how to set one. `commands`: a mock day names the command that
    /// takes it (the screen leaves it out: the menu's Mock entry is one key away).
    pub fn plan_lines(&self, exam: &str, minutes_per_day: u32, commands: bool) -> Vec<String> {
        let run = |args: String| self.invocation.about(exam, &args);
        let code = self.banks.exam(exam).map_or(exam, |e| e.code.as_str());
        let Some(plan) = self.plan(exam, minutes_per_day) else {
            return vec![format!(
                "No {code} exam date yet: set it with `{}`.",
                run(format!("plan {exam} --date YYYY-MM-DD"))
            )];
        };
        let plural = |n: i64| if n == 1 { "" } else { "s" };
        let mut out = vec![format!(
            "{code} exam on {} ({} day{} left): {} new item{} a day, reviews all before the exam.",
            plan.exam_date,
            plan.days_left,
            plural(plan.days_left),
            plan.new_per_day,
            plural(plan.new_per_day as i64)
        )];
        if let Some(w) = &plan.warning {
            out.push(format!("Note: {w}."));
        }
        let mocks = self.mock_trajectory(exam);
        if !mocks.is_empty() {
            let list: Vec<String> = mocks.iter().map(|(d, p)| format!("{d} {p:.0}%")).collect();
            out.push(format!("Full mocks so far: {}", list.join(", ")));
        }
        if let Some(r) = self.readiness_today(exam) {
            out.push(r.line(&run(format!("exam {exam}"))));
        }
        if let Some(p) = self.exam_day_projection(exam, &plan) {
            out.push(projection_line(&p, plan.unseen_on_exam_day));
        }
        out.push(String::new());
        out.push(format!(
            "{:<12} {:>4} {:>8} {:>5}  mock",
            "day", "new", "reviews", "min"
        ));
        for d in &plan.days {
            out.push(
                format!(
                    "{:<12} {:>4} {:>8} {:>5}  {}",
                    d.date.format("%a %d %b"),
                    d.new,
                    d.reviews,
                    d.minutes,
                    if d.mock && commands {
                        format!("full mock: {}", run(format!("exam {exam}")))
                    } else if d.mock {
                        "full mock".to_string()
                    } else {
                        String::new()
                    }
                )
                .trim_end()
                .to_string(),
            );
        }
        out.push(String::new());
        out.push(format!(
            "Today: `{}` (reviews, then the day's new items).",
            run(format!("study {exam}"))
        ));
        out
    }

    /// The menu's Plan: the days to the exam date (or how to set one).
    pub fn open_plan(&mut self, exam: &str) {
        let code = self.banks.exam(exam).map_or(exam.to_string(), |e| e.code.clone());
        let lines = self.plan_lines(exam, plan::DEFAULT_MINUTES_PER_DAY, false);
        self.screen = Screen::Plan(Box::new(PlanScreen {
            exam: exam.to_string(),
            code,
            lines,
            scroll: Scroll::default(),
        }));
    }

    pub(super) fn update_plan(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::Plan(p) = &mut self.screen else {
            return Vec::new();
        };
        let page = i32::from(self.page);
        match msg {
            Msg::Down | Msg::Next => p.scroll.by(1),
            Msg::Up | Msg::Previous => p.scroll.by(-1),
            Msg::ScrollDown => p.scroll.by(page),
            Msg::ScrollUp => p.scroll.by(-page),
            Msg::First => p.scroll.home(),
            Msg::Last => p.scroll.end(),
            Msg::Quit | Msg::Cancel if self.has_menu => {
                let exam = p.exam.clone();
                self.open_menu_at(Some(exam), Some(MenuEntry::Plan));
            }
            Msg::Quit | Msg::Cancel | Msg::Interrupt => return vec![Effect::Exit],
            _ => {}
        }
        Vec::new()
    }
}

/// The forecast in words: memory, not a pass chance, and what it leaves out. `plan_unseen`:
/// the items the plan itself leaves unseen (the forecast may leave more: the reviews that new
/// items bring take room in later days).
pub fn projection_line(p: &Projection, plan_unseen: usize) -> String {
    let mut line = format!(
        "Exam day, following this plan: you recall about {:.0}% of the {} items studied by then (80% range {:.0}-{:.0}%). FSRS's forecast of memory, not a chance of passing.",
        p.recall * 100.0,
        p.studied,
        (p.low * 100.0).floor(),
        (p.high * 100.0).ceil()
    );
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if p.unseen > plan_unseen {
        line.push_str(&format!(
            " The reviews the new items bring fill later days: {} item{} stay unseen unless you raise --minutes-per-day.",
            p.unseen,
            plural(p.unseen)
        ));
    } else if p.unseen > 0 {
        line.push_str(&format!(" {} item{} stay unseen.", p.unseen, plural(p.unseen)));
    }
    line
}
