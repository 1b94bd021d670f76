//! Printing lines that may carry bank or file text: titles, ids, paths, messages quoting them.
//! Their control characters are printed escaped (`text::printable`), never sent to the terminal.

/// `println!`, the line made printable.
macro_rules! outln {
    () => { println!() };
    ($($arg:tt)*) => { println!("{}", pyexam::text::printable(&format!($($arg)*))) };
}

/// `eprintln!` with the same care as `outln!`.
macro_rules! errln {
    ($($arg:tt)*) => { eprintln!("{}", pyexam::text::printable(&format!($($arg)*))) };
}
