//! A trace as the step view shows it: each step replayed into the full picture (every frame's
//! variables with the changed ones marked, all output so far) from the file's deltas.

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};

/// What happens at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// About to run the marked line.
    Line,
    Call,
    Return,
    Yield,
    /// An exception was raised (or passed up) at the marked line.
    Raise,
    /// The function is left with the exception.
    Unwind,
    /// The program has finished (with `exception` when it stopped with one).
    End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Var {
    pub name: String,
    pub value: String,
    /// New or changed since the previous step.
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub name: String,
    pub vars: Vec<Var>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub kind: Kind,
    /// 1-based line of the code; 0 at a normal end (an uncaught exception keeps its line).
    pub line: usize,
    pub function: Option<String>,
    /// The value returned or yielded.
    pub value: Option<String>,
    pub exception: Option<String>,
    /// For a raise: whether the same frame goes on to run a handler.
    pub caught: bool,
    /// Steps left out just before this one (a long loop), `Some(-1)` when tracing stopped and
    /// the rest of the run was not recorded.
    pub gap: Option<i64>,
    /// The module's globals first, then each active call.
    pub frames: Vec<Frame>,
    /// This step's share of `Trace::output` is `output_start..output_end`; all before is older.
    pub output_start: usize,
    pub output_end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trace {
    pub states: Vec<State>,
    /// Everything printed, in order.
    pub output: String,
}

type Changes = Vec<(String, Option<String>)>;

#[derive(Deserialize)]
struct RawTrace {
    s: Vec<RawStep>,
}

#[derive(Deserialize)]
struct RawStep {
    l: usize,
    #[serde(default)]
    k: Option<String>,
    #[serde(default)]
    d: usize,
    #[serde(default)]
    f: Option<String>,
    #[serde(default)]
    r: Option<String>,
    #[serde(default)]
    x: Option<String>,
    #[serde(default)]
    o: Option<String>,
    #[serde(default, deserialize_with = "ordered")]
    v: Changes,
    #[serde(default, deserialize_with = "ordered")]
    g: Changes,
    #[serde(default)]
    gap: Option<i64>,
    #[serde(default)]
    full: Option<Vec<RawFrame>>,
}

#[derive(Deserialize)]
struct RawFrame(String, #[serde(deserialize_with = "ordered")] Changes);

/// A JSON object as (name, value) pairs in file order (serde_json's map would sort them).
fn ordered<'de, D: Deserializer<'de>>(d: D) -> Result<Changes, D::Error> {
    struct Pairs;
    impl<'de> Visitor<'de> for Pairs {
        type Value = Changes;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object of names to reprs")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Changes, M::Error> {
            let mut out = Vec::new();
            while let Some(pair) = map.next_entry::<String, Option<String>>()? {
                out.push(pair);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Pairs)
}

impl Trace {
    pub fn parse(json: &str) -> Result<Trace, String> {
        let raw: RawTrace = serde_json::from_str(json).map_err(|e| e.to_string())?;
        Ok(replay(raw.s))
    }

    pub fn len(&self) -> usize {
        self.states.len()
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
    }
}

fn kind_of(k: Option<&str>) -> Kind {
    match k {
        Some("call") => Kind::Call,
        Some("ret") => Kind::Return,
        Some("yield") => Kind::Yield,
        Some("exc") => Kind::Raise,
        Some("unwind") => Kind::Unwind,
        Some("end") => Kind::End,
        _ => Kind::Line,
    }
}

fn apply(frame: &mut Frame, changes: &Changes) {
    for (name, value) in changes {
        match value {
            Some(value) => match frame.vars.iter_mut().find(|v| &v.name == name) {
                Some(var) => {
                    var.value = value.clone();
                    var.changed = true;
                }
                None => frame.vars.push(Var {
                    name: name.clone(),
                    value: value.clone(),
                    changed: true,
                }),
            },
            None => frame.vars.retain(|v| &v.name != name),
        }
    }
}

fn replay(steps: Vec<RawStep>) -> Trace {
    let mut frames = vec![Frame {
        name: "<module>".into(),
        vars: Vec::new(),
    }];
    let mut output = String::new();
    let mut states: Vec<State> = Vec::with_capacity(steps.len());
    let depths: Vec<usize> = steps.iter().map(|s| s.d).collect();
    for step in steps {
        let kind = kind_of(step.k.as_deref());
        for frame in &mut frames {
            frame.vars.iter_mut().for_each(|v| v.changed = false);
        }
        if let Some(full) = step.full {
            frames = full
                .into_iter()
                .map(|RawFrame(name, vars)| {
                    let mut frame = Frame {
                        name,
                        vars: Vec::new(),
                    };
                    apply(&mut frame, &vars);
                    frame
                })
                .collect();
        }
        frames.truncate(step.d + 1);
        while frames.len() < step.d + 1 {
            frames.push(Frame {
                name: "…".into(),
                vars: Vec::new(),
            });
        }
        if kind == Kind::Call {
            frames[step.d] = Frame {
                name: step.f.clone().unwrap_or_default(),
                vars: Vec::new(),
            };
        }
        apply(&mut frames[step.d], &step.v);
        apply(&mut frames[0], &step.g);
        let output_start = output.len();
        output.push_str(step.o.as_deref().unwrap_or(""));
        states.push(State {
            kind,
            line: step.l,
            function: step.f,
            value: step.r,
            exception: step.x,
            caught: false,
            gap: step.gap,
            frames: frames.clone(),
            output_start,
            output_end: output.len(),
        });
    }
    // A raise caught here is followed by its handler's line in the same frame.
    for i in 0..states.len() {
        if states[i].kind == Kind::Raise {
            let depth = depths[i];
            states[i].caught = states[i + 1..]
                .iter()
                .zip(&depths[i + 1..])
                .find(|(_, d)| **d <= depth)
                .is_some_and(|(s, d)| *d == depth && s.kind == Kind::Line);
        }
    }
    // An uncaught exception ends the run where the module raised it: keep that line marked.
    let raised_at = (0..states.len())
        .rev()
        .find(|&i| states[i].kind == Kind::Raise && depths[i] == 0)
        .map(|i| states[i].line);
    if let (Some(end), Some(line)) = (states.last_mut(), raised_at)
        && end.kind == Kind::End
        && end.exception.is_some()
    {
        end.line = line;
    }
    Trace { states, output }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CAUGHT: &str = r#"{"h":"x","n":7,"s":[{"l":1},{"l":2},{"k":"exc","x":"ZeroDivisionError: division by zero","l":2},{"l":3},{"l":4,"v":{"e":"ZeroDivisionError('division by zero')"}},{"l":5,"v":{"e":null},"o":"caught division by zero\n"},{"k":"end","l":0,"o":"end\n"}]}"#;
    const UNCAUGHT: &str = r#"{"h":"x","n":9,"s":[{"l":1},{"l":3},{"l":4,"o":"a\n"},{"k":"call","f":"f","l":1,"d":1,"v":{"d":"{}","b":"2"}},{"l":2,"d":1},{"k":"exc","x":"KeyError: 'k'","l":2,"d":1},{"k":"unwind","f":"f","l":2,"d":1},{"k":"exc","x":"KeyError: 'k'","l":4},{"k":"end","l":0,"x":"KeyError: 'k'"}]}"#;

    #[test]
    fn a_caught_raise_is_followed_by_its_handler() {
        let t = Trace::parse(CAUGHT).unwrap();
        assert_eq!(t.len(), 7);
        assert_eq!(t.states[2].kind, Kind::Raise);
        assert!(t.states[2].caught);
        assert_eq!(t.states[4].frames[0].vars[0].name, "e");
        assert!(t.states[5].frames[0].vars.is_empty(), "except deletes its name");
        assert_eq!(
            &t.output[..t.states[6].output_end],
            "caught division by zero\nend\n"
        );
        assert_eq!(
            &t.output[t.states[6].output_start..t.states[6].output_end],
            "end\n"
        );
    }

    #[test]
    fn calls_push_frames_in_argument_order_and_unwinds_pop_them() {
        let t = Trace::parse(UNCAUGHT).unwrap();
        let call = &t.states[3];
        assert_eq!(call.frames.len(), 2);
        assert_eq!(call.frames[1].name, "f");
        let names: Vec<_> = call.frames[1].vars.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(names, ["d", "b"]);
        assert!(call.frames[1].vars[0].changed);
        assert!(
            !t.states[4].frames[1].vars[0].changed,
            "unchanged on the next step"
        );
        assert!(!t.states[5].caught, "f does not handle it");
        assert!(!t.states[7].caught);
        assert_eq!(t.states[7].frames.len(), 1);
        let end = t.states.last().unwrap();
        assert_eq!(end.kind, Kind::End);
        assert_eq!(end.line, 4, "the line that raised stays marked");
        assert_eq!(end.exception.as_deref(), Some("KeyError: 'k'"));
    }

    #[test]
    fn a_gap_replaces_every_frame() {
        let json = r#"{"s":[{"l":1,"v":{"a":"1"}},{"l":2,"gap":5,"full":[["<module>",{"n":"9","a":"1"}]]},{"k":"end","l":0}]}"#;
        let t = Trace::parse(json).unwrap();
        assert_eq!(t.states[1].gap, Some(5));
        let vars = &t.states[1].frames[0].vars;
        assert_eq!(vars.len(), 2);
        assert_eq!(vars[0].name, "n");
    }
}
