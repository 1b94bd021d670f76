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
    /// Use the question banks in this folder instead of the built-in ones
    #[arg(long, global = true, env = "PYEXAM_BANKS", value_name = "DIR")]
    pub banks: Option<PathBuf>,
    /// Where history and the exam in progress are kept (default: the platform data dir)
    #[arg(long, global = true, env = "PYEXAM_HOME", value_name = "DIR")]
    pub home: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Take a timed mock exam
    Exam {
        /// pcep, pcap, pcpp1 or pcpp2
        exam: String,
        /// Draw the same items and option order again
        #[arg(long)]
        seed: Option<u64>,
        /// Practice with a different time limit (the attempt is marked non-standard)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=600))]
        minutes: Option<u32>,
        /// Start over even though an unfinished exam is saved (it is kept aside, not deleted)
        #[arg(long)]
        discard: bool,
    },
    /// Drill one topic, untimed, with immediate feedback
    Drill {
        exam: String,
        /// A section or drill topic of the exam (default: every section)
        #[arg(long, conflicts_with = "missed")]
        topic: Option<String>,
        /// How many items to drill
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        count: Option<u32>,
        /// Drill every item your most recent answer to was wrong
        #[arg(long)]
        missed: bool,
        /// Drill one syllabus objective, e.g. 3.2 (see `pyexam progress`)
        #[arg(long, value_name = "ID", conflicts_with_all = ["missed", "topic"])]
        objective: Option<String>,
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Study today's queue: items due for review (spaced repetition), then new ones
    Study {
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
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Review an attempt (default: the last one)
    Review {
        /// The attempt's number in `pyexam history`, or its file name
        attempt: Option<String>,
    },
    /// List past attempts with a score trend per exam
    History {
        #[arg(long)]
        exam: Option<String>,
        /// Print machine-readable history and exit
        #[arg(long)]
        json: bool,
    },
    /// Readiness and mastery per section and objective, weakest first
    Progress {
        exam: String,
        /// Print machine-readable progress and exit
        #[arg(long)]
        json: bool,
    },
    /// Resume the exam that was interrupted
    Resume,
    /// Exams, sections, minutes and bank sizes
    List,
    /// Validate question banks (default: the built-in ones, or --banks)
    Check {
        dir: Option<PathBuf>,
        /// Also run every `verify` item under python3
        #[arg(long)]
        verify: bool,
        /// Per exam and section: items, verified, with why, multiple select
        #[arg(long)]
        stats: bool,
    },
    /// Print a shell completion script
    Completions { shell: clap_complete::Shell },
}
