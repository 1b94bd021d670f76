//! The ecosystem conventions: a man page covering every subcommand, and completion scripts that
//! offer exam ids and topics (from the banks loaded, `--banks` included) instead of file names.

use assert_cmd::Command;
use clap::CommandFactory;
use pyexam::cli::Cli;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("pyexam")
        .unwrap()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// "pyexam exam", "pyexam import gift"...: every command a user can type.
fn leaf_commands(cmd: &clap::Command, path: &str, out: &mut Vec<String>) {
    let subs: Vec<_> = cmd.get_subcommands().filter(|s| s.get_name() != "help").collect();
    if subs.is_empty() {
        out.push(path.to_string());
    }
    for sub in subs {
        leaf_commands(sub, &format!("{path} {}", sub.get_name()), out);
    }
}

#[test]
fn the_man_page_documents_every_subcommand_and_its_options() {
    let page = run(&["man"]);
    assert!(page.contains(".TH pyexam 1"), "{page}");
    let mut commands = Vec::new();
    leaf_commands(&Cli::command(), "pyexam", &mut commands);
    assert!(commands.len() >= 11, "{commands:?}");
    for name in &commands {
        assert!(page.contains(&format!(".SS \"{name}\"")), "no section for {name}");
    }
    for option in [
        "\\-\\-seed",
        "\\-\\-minutes",
        "\\-\\-topic",
        "\\-\\-output",
        "\\-\\-no\\-builtin",
    ] {
        assert!(page.contains(option), "{option} is documented");
    }
}

/// Issue 26, item 22: the synopsis names the values, every argument of every command says what
/// it is, an optional argument looks optional, and KEYS lists every screen's `?` help.
#[test]
fn the_man_page_names_values_describes_every_argument_and_lists_the_keys() {
    let page = run(&["man"]);
    assert!(
        page.contains("[\\-\\-banks \\fIDIR\\fR] [\\-\\-no\\-builtin] [\\-\\-home \\fIDIR\\fR]"),
        "{page}"
    );
    assert!(page.contains("\\fBpyexam review\\fR [\\fIATTEMPT\\fR]"), "{page}");
    fn every_argument_has_help(cmd: &clap::Command, path: &str) {
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let name = format!("{path} {}", sub.get_name());
            for arg in sub.get_arguments().filter(|a| !a.is_global_set()) {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                assert!(!help.trim().is_empty(), "`{name}` {id} has no description");
            }
            every_argument_has_help(sub, &name);
        }
    }
    every_argument_has_help(&Cli::command(), "pyexam");
    let keys = page.split(".SH KEYS").nth(1).expect("a KEYS section");
    for (screen, table) in pyexam::tui::screens::KEY_TABLES {
        assert!(
            keys.contains(&format!(".SS {screen}\n")) || keys.contains(&format!(".SS \"{screen}\"")),
            "no keys for {screen}"
        );
        for (_, what) in *table {
            // roff escapes '-' and '\''; compare on the words.
            let words = what.replace('-', "\\-").replace('\'', "\\*(Aq");
            assert!(keys.contains(&words), "{screen}: '{what}' not in KEYS");
        }
    }
    assert!(keys.contains("open the entry with that number"), "{keys}");
}

#[test]
fn bash_completes_exam_ids_and_topics() {
    let script = run(&["completions", "bash"]);
    assert!(
        script.contains("compgen -W \"pcep pcap pcpp1 pcpp2\""),
        "{script}"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pyexam.bash");
    std::fs::write(&path, script).unwrap();
    let complete = |words: &str| {
        let probe = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); _pyexam_scoped pyexam \"${{COMP_WORDS[-1]}}\" \"${{COMP_WORDS[-2]}}\"; echo \"${{COMPREPLY[@]}}\"",
            path.display()
        );
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(probe)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    assert_eq!(complete("pyexam exam pcp"), "pcpp1 pcpp2");
    assert_eq!(complete("pyexam drill pcap --topic ex"), "exceptions");
    // Objective ids of every exam, e.g. PCAP's 2.1 and 2.2 and PCPP1's drill topic ST.*.
    let objectives = complete("pyexam drill pcap --objective 2.");
    assert!(objectives.split(' ').any(|o| o == "2.2"), "{objectives}");
    assert!(complete("pyexam drill pcpp1 --objective ST").contains("ST.2"));
    // Only the exam on the line's (issue 26, item 21): its sections and drill topics, its
    // objectives; by id or code in any case, or `--exam E`.
    assert_eq!(
        complete("pyexam drill pcep --topic ''"),
        "fundamentals control-flow collections functions-exceptions"
    );
    assert_eq!(
        complete("pyexam drill PCEP-30-02 --topic ''"),
        "fundamentals control-flow collections functions-exceptions"
    );
    assert_eq!(
        complete("pyexam export gift pcpp1 --topic sc"),
        "scientific-tools"
    );
    assert_eq!(
        complete("pyexam import gift q.gift --exam pcap --topic s"),
        "strings"
    );
    assert_eq!(
        complete("pyexam export moodle pcpp1 --topic sc"),
        "scientific-tools"
    );
    assert_eq!(
        complete("pyexam import moodle q.xml --exam pcap --topic s"),
        "strings"
    );
    let pcep = complete("pyexam drill pcep --objective ''");
    assert!(pcep.split(' ').any(|o| o == "1.1"), "{pcep}");
    assert!(!pcep.contains("ST."), "PCPP1's objectives are not PCEP's: {pcep}");
    // No exam on the line yet: every exam's, as before.
    assert!(complete("pyexam import gift q.gift --topic s").contains("strings"));
}

#[test]
fn zsh_and_fish_offer_the_topics_of_the_exam_on_the_line() {
    let zsh = run(&["completions", "zsh"]);
    assert!(zsh.contains(":TOPIC:_pyexam_scoped topic'"), "{zsh}");
    assert!(zsh.contains(":ID:_pyexam_scoped objective'"), "{zsh}");
    let function = zsh.find("_pyexam_scoped() {").expect("the function is defined");
    let last = zsh.rfind("if [ \"$funcstack[1]\" = \"_pyexam\" ]").unwrap();
    assert!(function < last, "defined before the script may call _pyexam");
    assert!(
        zsh.contains("pcep|pcep-30-02) [[ $1 == topic ]] && values=('fundamentals:"),
        "{zsh}"
    );
    let fish = run(&["completions", "fish"]);
    let line = fish
        .lines()
        .find(|l| l.contains("drill; and __fish_seen_subcommand_from pcep pcep-30-02\" -l topic"))
        .unwrap_or_else(|| panic!("a --topic line for pcep: {fish}"));
    assert!(
        line.contains("control-flow") && !line.contains(" oop\\t"),
        "{line}"
    );
    // No line offers every exam's topics at once any more.
    assert!(
        !fish
            .lines()
            .any(|l| l.contains("-l topic") && l.contains("control-flow") && l.contains(" oop\\t")),
        "{fish}"
    );
}

#[test]
fn zsh_and_fish_offer_the_exams_with_their_titles() {
    let zsh = run(&["completions", "zsh"]);
    assert!(zsh.contains("pcep\\:\"PCEP-30-02 "), "{zsh}");
    let fish = run(&["completions", "fish"]);
    assert!(
        fish.contains(
            "complete -c pyexam -n \"__fish_pyexam_using_subcommand exam\" -f -a 'pcpp2' -d 'PCPP-32-201 "
        ),
        "{fish}"
    );
    assert!(
        fish.contains("-l topic") && fish.contains("-a \"fundamentals\\t"),
        "{fish}"
    );
}

#[test]
fn completions_include_the_exams_of_banks_of_your_own() {
    let script = run(&["--banks", "docs/examples/git-basics", "completions", "bash"]);
    assert!(
        script.contains("compgen -W \"git pcep pcap pcpp1 pcpp2\""),
        "{script}"
    );
    assert!(script.contains("basics branching fundamentals"), "{script}");
}
