//! `--topic` and `--objective` complete to those of the exam on the line (`drill pcep --topic`
//! offers PCEP's sections, not every exam's): clap's scripts cannot tie one argument's values to
//! another's, so each shell gets a small function that finds the exam among the words typed so
//! far (an exam id or code, any case, or `--exam E`) and offers its values.

use pyexam::bank::BankSet;

/// One exam's names as typed (lower case) and its topic and objective ids with their titles.
struct Scope {
    names: Vec<String>,
    topics: Vec<(String, String)>,
    objectives: Vec<(String, String)>,
}

fn scopes(banks: &BankSet) -> Vec<Scope> {
    banks
        .exams
        .iter()
        .map(|e| {
            let topics = e
                .topic_ids()
                .map(|t| (t.to_string(), e.topic_title(t).unwrap_or_default().to_string()))
                .collect();
            let objectives = e
                .topic_ids()
                .flat_map(|t| e.topic_objectives(t))
                .map(|o| (o.id.clone(), o.title.clone()))
                .collect();
            Scope {
                names: vec![e.id.to_lowercase(), e.code.to_lowercase()],
                topics,
                objectives,
            }
        })
        .collect()
}

/// A word safe inside the scripts' quotes: ids are plain, titles lose what a shell would read.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\'' | '"' | '`' | '$' | '\\' | '\n' | '\r'))
        .collect()
}

fn ids(values: &[(String, String)]) -> String {
    values
        .iter()
        .map(|(id, _)| plain(id))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Bash: `_pyexam_scoped` answers `--topic`/`--objective` when an exam is on the line, else
/// hands over to clap's `_pyexam` (which offers every exam's values).
pub fn bash(banks: &BankSet) -> String {
    let mut cases = String::new();
    for s in scopes(banks) {
        let names = s.names.iter().map(|n| plain(n)).collect::<Vec<_>>().join("|");
        cases.push_str(&format!(
            "            {names}) [[ $prev == --topic ]] && values=\"{}\" || values=\"{}\" ;;\n",
            ids(&s.topics),
            ids(&s.objectives)
        ));
    }
    format!(
        r#"
_pyexam_scoped() {{
    local cur="${{COMP_WORDS[COMP_CWORD]}}" prev="${{COMP_WORDS[COMP_CWORD-1]}}" values="" i w
    if [[ $prev == --topic || $prev == --objective ]]; then
        for ((i = 1; i < COMP_CWORD - 1; i++)); do
            w="${{COMP_WORDS[i],,}}"
            [[ ${{COMP_WORDS[i-1]}} == --exam || $w != -* ]] || continue
            case "$w" in
{cases}            esac
        done
        if [[ -n $values ]]; then
            COMPREPLY=($(compgen -W "$values" -- "$cur"))
            return 0
        fi
    fi
    _pyexam "$@"
}}
if [[ "${{BASH_VERSINFO[0]}}" -eq 4 && "${{BASH_VERSINFO[1]}}" -ge 4 || "${{BASH_VERSINFO[0]}}" -gt 4 ]]; then
    complete -F _pyexam_scoped -o nosort -o bashdefault -o default pyexam
else
    complete -F _pyexam_scoped -o bashdefault -o default pyexam
fi
"#
    )
}

/// Zsh: the function `--topic`/`--objective` call for their values (the script is generated
/// without static ones for them); it goes before the script's last lines, which may call
/// `_pyexam` at once.
pub fn zsh(banks: &BankSet, script: &str) -> String {
    let mut cases = String::new();
    for s in scopes(banks) {
        let names = s.names.iter().map(|n| plain(n)).collect::<Vec<_>>().join("|");
        let described = |values: &[(String, String)]| {
            values
                .iter()
                .map(|(id, title)| format!("'{}:{}'", plain(id), plain(title).replace(':', "\\:")))
                .collect::<Vec<_>>()
                .join(" ")
        };
        cases.push_str(&format!(
            "            {names}) [[ $1 == topic ]] && values=({}) || values=({}) ;;\n",
            described(&s.topics),
            described(&s.objectives)
        ));
    }
    let function = format!(
        r#"
_pyexam_scoped() {{
    local -a values
    local i w
    for ((i = 1; i < CURRENT; i++)); do
        w="${{(L)words[i]}}"
        case "$w" in
{cases}        esac
    done
    if (( ${{#values}} )); then
        _describe -t values "$1" values
    else
        _message "an exam first, then its $1"
    fi
}}
"#
    );
    let script = script
        .replace(":TOPIC:_default", ":TOPIC:_pyexam_scoped topic")
        .replace(":ID:_default", ":ID:_pyexam_scoped objective");
    match script.rfind("if [ \"$funcstack[1]\" = \"_pyexam\" ]") {
        Some(at) => format!("{}{function}\n{}", &script[..at], &script[at..]),
        None => format!("{script}{function}"),
    }
}

/// Fish: one line per exam and argument, offered once that exam is on the line.
pub fn fish(banks: &BankSet) -> String {
    let mut out = String::new();
    for s in scopes(banks) {
        let seen = s.names.iter().map(|n| plain(n)).collect::<Vec<_>>().join(" ");
        for (sub, long, values) in [
            ("drill", "topic", &s.topics),
            ("drill", "objective", &s.objectives),
            ("export", "topic", &s.topics),
            ("import", "topic", &s.topics),
        ] {
            if values.is_empty() {
                continue;
            }
            let list = values
                .iter()
                .map(|(id, title)| format!("{}\\t'{}'", plain(id), plain(title)))
                .collect::<Vec<_>>()
                .join(" ");
            out.push_str(&format!(
                "complete -c pyexam -n \"__fish_pyexam_using_subcommand {sub}; and __fish_seen_subcommand_from {seen}\" -l {long} -r -f -a \"{list}\"\n"
            ));
        }
    }
    out
}
