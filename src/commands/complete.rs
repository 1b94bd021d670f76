//! `pyexam completions <SHELL>`: the script offers exam ids, topics and objectives as values,
//! taken from the banks loaded now: built-in plus `--banks`.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Command, CommandFactory};

use pyexam::bank::BankSet;
use pyexam::cli::Cli;

/// The values each argument id completes to.
pub struct Values {
    pub exams: Vec<PossibleValue>,
    pub topics: Vec<PossibleValue>,
    pub objectives: Vec<PossibleValue>,
}

impl Values {
    pub fn of(banks: &BankSet) -> Values {
        let exams = banks
            .exams
            .iter()
            .map(|e| PossibleValue::new(e.id.clone()).help(format!("{} {}", e.code, e.title)))
            .collect();
        let mut topics: Vec<PossibleValue> = Vec::new();
        for exam in &banks.exams {
            for id in exam.topic_ids() {
                if !topics.iter().any(|t| t.get_name() == id) {
                    let title = exam.topic_title(id).unwrap_or_default();
                    topics.push(PossibleValue::new(id.to_string()).help(title.to_string()));
                }
            }
        }
        let mut objectives: Vec<PossibleValue> = Vec::new();
        for exam in &banks.exams {
            for topic in exam.topic_ids() {
                for o in exam.topic_objectives(topic) {
                    if !objectives.iter().any(|v| v.get_name() == o.id) {
                        objectives.push(PossibleValue::new(o.id.clone()).help(o.title.clone()));
                    }
                }
            }
        }
        Values {
            exams,
            topics,
            objectives,
        }
    }

    fn for_arg(&self, id: &str) -> Option<&[PossibleValue]> {
        let values = match id {
            "exam" => &self.exams,
            "topic" => &self.topics,
            "objective" => &self.objectives,
            _ => return None,
        };
        (!values.is_empty()).then_some(values.as_slice())
    }
}

/// The command line as clap knows it, with those values on every `exam`, `topic` and
/// `objective` argument of every subcommand. Only for generating scripts: parsing keeps the
/// plain arguments, so an unknown exam still gets pyexam's own message.
pub fn command(banks: &BankSet) -> Command {
    with_values(Cli::command(), &Values::of(banks))
}

/// The same with exam values only: for the shells whose `--topic`/`--objective` values come
/// from `complete_scoped` (those of the exam on the line).
pub fn command_with_exams(banks: &BankSet) -> Command {
    let mut values = Values::of(banks);
    values.topics.clear();
    values.objectives.clear();
    with_values(Cli::command(), &values)
}

/// The completion script for `shell`.
pub fn script(shell: clap_complete::Shell, banks: &BankSet) -> String {
    use clap_complete::Shell;
    let generate = |mut cmd: Command| {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut cmd, "pyexam", &mut out);
        (String::from_utf8_lossy(&out).into_owned(), cmd)
    };
    match shell {
        Shell::Bash => generate(command(banks)).0 + &super::complete_scoped::bash(banks),
        Shell::Zsh => super::complete_scoped::zsh(banks, &generate(command_with_exams(banks)).0),
        Shell::Fish => {
            let (script, cmd) = generate(command_with_exams(banks));
            script + &fish_positionals(&cmd) + &super::complete_scoped::fish(banks)
        }
        _ => generate(command(banks)).0,
    }
}

fn with_values(mut cmd: Command, values: &Values) -> Command {
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if let Some(v) = values.for_arg(&id) {
            let v = v.to_vec();
            cmd = cmd.mut_arg(id, |a| a.value_parser(PossibleValuesParser::new(v)));
        }
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name, |sub| with_values(sub, values));
    }
    cmd
}

/// clap_complete's fish script completes options only; these lines offer the values of
/// positional arguments (`pyexam exam <TAB>`) as well.
pub fn fish_positionals(cmd: &Command) -> String {
    let mut out = String::new();
    fish_walk(cmd, &[], &mut out);
    out
}

fn fish_walk(cmd: &Command, path: &[&str], out: &mut String) {
    if let Some((first, rest)) = path.split_first() {
        let mut condition = format!("__fish_pyexam_using_subcommand {first}");
        for name in rest {
            condition.push_str(&format!("; and __fish_seen_subcommand_from {name}"));
        }
        for arg in cmd.get_positionals() {
            for value in arg.get_possible_values() {
                let help = value.get_help().map(|h| h.to_string()).unwrap_or_default();
                out.push_str(&format!(
                    "complete -c pyexam -n \"{condition}\" -f -a '{}' -d '{}'\n",
                    value.get_name().replace('\'', "\\'"),
                    help.replace('\'', "\\'")
                ));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        let mut next = path.to_vec();
        next.push(sub.get_name());
        fish_walk(sub, &next, out);
    }
}
