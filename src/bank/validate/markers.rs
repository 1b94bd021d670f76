//! The rule gap and slots items share: every `___N___` marker in the code has its gap or slot,
//! and every gap or slot has its marker, once.

use crate::bank::marker;

/// `what` is "gap" or "slot"; `count` how many the item defines.
pub fn check(code: Option<&str>, count: usize, what: &str, id: &str, problem: &mut impl FnMut(String)) {
    let Some(code) = code else {
        problem(format!(
            "question '{id}' (kind: {what}{}) has no code to hold its ___1___ markers",
            if what == "slot" { "s" } else { "" }
        ));
        return;
    };
    let found = marker::find(code);
    let mut seen = Vec::new();
    for m in &found {
        if seen.contains(&m.number) {
            problem(format!(
                "question '{id}' has the marker ___{}___ twice in its code",
                m.number
            ));
            continue;
        }
        seen.push(m.number);
        if m.number == 0 || m.number > count {
            problem(format!(
                "question '{id}' has the marker ___{}___ in its code but {count} {what}(s) (numbered from 1)",
                m.number
            ));
        }
    }
    for n in 1..=count {
        if !seen.contains(&n) {
            problem(format!(
                "question '{id}' has {what} {n} but no marker ___{n}___ in its code"
            ));
        }
    }
}
