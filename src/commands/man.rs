//! `pyexam man`: the manual page, one page with a section per subcommand (clap_mangen renders
//! the top, `roff` the subcommands, so `man pyexam` documents every option of every command).

use std::io::Write;

use clap::{Arg, Command, CommandFactory};
use roff::{Roff, bold, italic, roman};

use pyexam::cli::Cli;

pub fn render(w: &mut dyn Write) -> std::io::Result<()> {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(w)?;
    man.render_name_section(w)?;
    synopsis(w)?;
    man.render_description_section(w)?;
    man.render_options_section(w)?;
    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        section(&mut roff, sub, "pyexam");
    }
    keys(&mut roff);
    roff.control("SH", ["FILES"]);
    roff.text([roman(
        "History and the exam in progress live in $PYEXAM_HOME, else the platform data folder \
         (~/.local/share/pyexam). The question banks are built into the binary; --banks DIR adds \
         a folder of your own (DIR/exams.yaml and DIR/<exam>/<topic>.yaml).",
    )]);
    roff.to_writer(w)?;
    man.render_version_section(w)
}

fn section(roff: &mut Roff, cmd: &Command, parent: &str) {
    let name = format!("{parent} {}", cmd.get_name());
    let leaves: Vec<&Command> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    if !leaves.is_empty() {
        for sub in leaves {
            section(roff, sub, &name);
        }
        return;
    }
    let mut usage = vec![bold(name.clone())];
    for arg in cmd.get_positionals() {
        // An optional one in brackets: `review [ATTEMPT]` reviews the last attempt without it.
        let (open, close) = if arg.is_required_set() {
            ("", "")
        } else {
            ("[", "]")
        };
        usage.push(roman(format!(" {open}")));
        usage.push(italic(value_name(arg)));
        usage.push(roman(close));
    }
    if cmd.get_arguments().any(|a| !a.is_positional() && !is_builtin(a)) {
        usage.push(roman(" [OPTIONS]"));
    }
    roff.control("SS", [name.as_str()]);
    roff.text(usage);
    if let Some(about) = cmd.get_about() {
        roff.control("PP", []).text([roman(about.to_string())]);
    }
    for arg in cmd.get_arguments().filter(|a| !is_builtin(a)) {
        roff.control("TP", []);
        let mut head = Vec::new();
        if let Some(short) = arg.get_short() {
            head.push(bold(format!("-{short}")));
            head.push(roman(", "));
        }
        match arg.get_long() {
            Some(long) => {
                head.push(bold(format!("--{long}")));
                if arg.get_action().takes_values() {
                    head.push(roman(" "));
                    head.push(italic(value_name(arg)));
                }
            }
            None => head.push(italic(value_name(arg))),
        }
        roff.text(head);
        let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
        let values: Vec<String> = arg
            .get_possible_values()
            .iter()
            .map(|v| v.get_name().to_string())
            .collect();
        let help = if values.is_empty() {
            help
        } else {
            format!("{help} [one of: {}]", values.join(", "))
        };
        if !help.is_empty() {
            roff.text([roman(help)]);
        }
    }
}

/// `pyexam [--banks DIR] [--no-builtin] [--home DIR] [COMMAND]`: clap_mangen's leaves out the
/// value names.
fn synopsis(w: &mut dyn Write) -> std::io::Result<()> {
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    roff.text([
        bold("pyexam"),
        roman(" [--banks "),
        italic("DIR"),
        roman("] [--no-builtin] [--home "),
        italic("DIR"),
        roman("] ["),
        italic("COMMAND"),
        roman("]"),
    ]);
    roff.control("PP", []);
    roff.text([roman(
        "Without a command, the menu opens. The global options go before or after the command.",
    )]);
    roff.to_writer(w)
}

/// Every screen's keys, from the tables the screens' `?` help shows.
fn keys(roff: &mut Roff) {
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "In the terminal UI, ? on a screen lists its keys; these are the same lists.",
    )]);
    for (screen, table) in pyexam::tui::screens::KEY_TABLES {
        roff.control("SS", [*screen]);
        for (key, what) in *table {
            roff.control("TP", []);
            roff.text([bold(*key)]);
            roff.text([roman(*what)]);
        }
    }
}

fn value_name(arg: &Arg) -> String {
    arg.get_value_names()
        .and_then(|v| v.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), |v| v.to_string())
}

fn is_builtin(arg: &Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version") || arg.is_global_set()
}
