//! The command line (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "pyexam",
    version,
    about = "Practice exams for PCEP, PCAP, PCPP1 and PCPP2 in the terminal"
)]
pub struct Cli {
    // The environment variables are read in `commands::run`, not by clap: clap counts a value
    // from the environment as given, and then shows `--home <DIR>` as required in usage lines.
    /// Add the exams of this folder (DIR/exams.yaml, DIR/<exam>/<topic>.yaml) to the built-in
    /// ones [env: PYEXAM_BANKS]
    #[arg(long, global = true, value_name = "DIR")]
    pub banks: Option<PathBuf>,
    /// With --banks: only the folder's exams, not the built-in ones
    #[arg(long, global = true)]
    pub no_builtin: bool,
    /// Leave the mouse to the terminal (to select text); also PYEXAM_NO_MOUSE=1. By default a
    /// click chooses an option, a footer key or a navigator cell, and the wheel scrolls
    #[arg(long, global = true)]
    pub no_mouse: bool,
    /// Where history and the exam in progress are kept (default: the platform data dir)
    /// [env: PYEXAM_HOME]
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    /// `--home` as the command line gave it (not PYEXAM_HOME): what printed commands repeat.
    #[arg(skip)]
    pub home_flag: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take a timed mock exam
    Exam {
        /// pcep, pcap, pcpp1 or pcpp2 (any case, or the code, e.g. PCEP-30-02)
        exam: String,
        /// The seed of an earlier mock takes it again (same items, order and options); a new
        /// seed draws fresh items first (results and history show each mock's seed)
        #[arg(long, value_parser = seed_number)]
        seed: Option<u64>,
        /// Practice with a different time limit (the attempt is marked non-standard)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=600))]
        minutes: Option<u32>,
        /// Start over even though an unfinished exam is saved (it is kept aside, not deleted)
        #[arg(long)]
        discard: bool,
        /// Draw beyond the official shape too: typed gaps and any number of stretch items
        #[arg(long)]
        stretch: bool,
    },
    /// Drill one topic, untimed, with immediate feedback
    Drill {
        /// pcep, pcap, pcpp1 or pcpp2 (any case, or the code, e.g. PCEP-30-02)
        exam: String,
        /// A section or drill topic of the exam (default: every section)
        #[arg(long, conflicts_with = "missed")]
        topic: Option<String>,
        /// How many items to drill (at least 1)
        #[arg(long, value_parser = at_least_one)]
        count: Option<u32>,
        /// Drill the items you got wrong the last time you answered them (in a mock or drill)
        #[arg(long)]
        missed: bool,
        /// Drill one syllabus objective, e.g. 3.2 (see `pyexam progress`)
        #[arg(long, value_name = "ID", conflicts_with_all = ["missed", "topic"])]
        objective: Option<String>,
        /// Draw the same items in the same order again
        #[arg(long, value_parser = seed_number)]
        seed: Option<u64>,
    },
    /// Study today's queue: items due for review (spaced repetition), then new ones
    Study {
        /// pcep, pcap, pcpp1 or pcpp2 (any case, or the code, e.g. PCEP-30-02)
        exam: String,
        /// How many items at most
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=500))]
        limit: u32,
        /// Print the queue with due dates and exit
        #[arg(long)]
        list: bool,
        /// With --list: print it as JSON
        #[arg(long, requires = "list")]
        json: bool,
        /// With --list --json: every scheduled item with its due date, not only today's
        #[arg(long, requires = "json")]
        all: bool,
        /// The seed of an earlier study session draws the same new items in the same order
        /// again (the due items are whatever is due now)
        #[arg(long, value_parser = seed_number)]
        seed: Option<u64>,
    },
    /// Review an attempt (default: the last one)
    Review {
        /// The attempt's number in `pyexam history`, or its file name
        attempt: Option<String>,
    },
    /// List past attempts with a score trend per exam
    History {
        /// Only this exam's attempts (pcep, pcap, pcpp1 or pcpp2)
        #[arg(long)]
        exam: Option<String>,
        /// Print machine-readable history and exit
        #[arg(long)]
        json: bool,
    },
    /// Readiness and mastery per section and objective, weakest first
    Progress {
        /// pcep, pcap, pcpp1 or pcpp2 (any case, or the code, e.g. PCEP-30-02)
        exam: String,
        /// Print machine-readable progress and exit
        #[arg(long)]
        json: bool,
    },
    /// A plan to exam day: set the date, then new items, reviews and mocks per day
    Plan {
        /// pcep, pcap, pcpp1 or pcpp2 (any case, or the code, e.g. PCEP-30-02)
        exam: String,
        /// The exam date, YYYY-MM-DD (kept in the home)
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = exam_date, conflicts_with = "clear")]
        date: Option<chrono::NaiveDate>,
        /// Remove the exam date
        #[arg(long)]
        clear: bool,
        /// Minutes a day for new items and reviews
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(5..=600))]
        minutes_per_day: u32,
        /// Print the plan as JSON
        #[arg(long)]
        json: bool,
    },
    /// Resume an interrupted exam (or drill); with several saved, name the exam or choose on the menu
    Resume {
        /// The exam whose saved attempt to resume (e.g. pcap); needed only when several are saved
        exam: Option<String>,
    },
    /// Exams, sections, minutes and bank sizes
    List,
    /// Validate question banks (default: the built-in ones, or --banks)
    Check {
        /// A bank folder holding exams.yaml and <exam>/<topic>.yaml (default: the built-in banks,
        /// or --banks)
        dir: Option<PathBuf>,
        /// Also run every `verify` item's code under python3, each in a scratch folder and HOME
        #[arg(long)]
        verify: bool,
        /// Per exam and section: items, verified, with why, multiple select
        #[arg(long)]
        stats: bool,
    },
    /// Print a shell completion script
    Completions {
        /// The shell the script is for
        shell: clap_complete::Shell,
    },
    /// Convert a quiz from another format into a bank file
    Import {
        #[command(subcommand)]
        format: ImportFormat,
    },
    /// Write an exam's questions in another quiz format
    Export {
        #[command(subcommand)]
        format: ExportFormat,
    },
    /// Print the manual page (roff) on standard output
    Man,
}

#[derive(Debug, Subcommand)]
pub enum ImportFormat {
    /// A GIFT file (Moodle's quiz format) to <exam>/<topic>.yaml; the report goes to stderr
    Gift {
        /// The GIFT file
        file: PathBuf,
        /// Exam id the bank file belongs to (an exam of the --banks folder's exams.yaml)
        #[arg(long)]
        exam: String,
        /// Topic id within that exam; the file becomes <exam>/<topic>.yaml
        #[arg(long)]
        topic: String,
        /// Write the bank file here (never over an existing file) instead of standard output
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
    },
    /// A Moodle XML quiz export to <exam>/<topic>.yaml; the report goes to stderr
    Moodle {
        /// The Moodle XML file
        file: PathBuf,
        /// Exam id the bank file belongs to (an exam of the --banks folder's exams.yaml)
        #[arg(long)]
        exam: String,
        /// Topic id within that exam; the file becomes <exam>/<topic>.yaml
        #[arg(long)]
        topic: String,
        /// Write the bank file here (never over an existing file) instead of standard output
        #[arg(short, long, value_name = "OUT.yaml")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportFormat {
    /// GIFT (Moodle's quiz format) on standard output
    Gift {
        /// The exam to export
        exam: String,
        /// Only this topic (default: every topic of the exam)
        #[arg(long)]
        topic: Option<String>,
    },
    /// Moodle XML (every item kind) on standard output
    Moodle {
        /// The exam to export
        exam: String,
        /// Only this topic (default: every topic of the exam)
        #[arg(long)]
        topic: Option<String>,
    },
}

/// `--count`: a whole number of at least 1, said as a sentence when it is not.
fn exam_date(value: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        format!("'{value}' is not a date: give the exam day as YYYY-MM-DD, e.g. --date 2027-01-15")
    })
}

fn seed_number(value: &str) -> Result<u64, String> {
    value.trim().parse::<u64>().map_err(|_| {
        format!(
            "'{value}' is not a seed: give a whole number from 0 to {}, e.g. --seed 42 (results and history show each mock's seed)",
            u64::MAX
        )
    })
}

fn at_least_one(value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!(
            "'{value}' is not a number of items: give a whole number of at least 1, e.g. --count 10"
        )),
    }
}
