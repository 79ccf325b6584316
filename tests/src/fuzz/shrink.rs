//! Shrinking: takes a program that shows a finding and a test that says
//! whether a smaller one still shows it, gives a minimal program (delta
//! debugging: drop chunks of lines, then of words, halving the chunk size
//! down to one, as long as the test keeps failing).

use super::mutate::words;

/// The smallest program found that `still_fails`, trying at most `budget`
/// candidates.
pub fn shrink(program: &str, budget: usize, mut still_fails: impl FnMut(&str) -> bool) -> String {
    let mut tries = 0;
    let mut test = |candidate: &str| {
        tries += 1;
        tries <= budget && still_fails(candidate)
    };
    let lines: Vec<String> = program.split_inclusive('\n').map(str::to_string).collect();
    let lines = minimize(lines, &mut test);
    let text = lines.concat();
    let pieces: Vec<String> = words(&text).into_iter().map(str::to_string).collect();
    minimize(pieces, &mut test).concat()
}

/// Removes chunks of `pieces` while the rest still fails.
fn minimize(mut pieces: Vec<String>, test: &mut impl FnMut(&str) -> bool) -> Vec<String> {
    let mut chunk = pieces.len().div_ceil(2).max(1);
    loop {
        let mut start = 0;
        let mut removed_any = false;
        while start < pieces.len() {
            let end = (start + chunk).min(pieces.len());
            let candidate: String = pieces[..start].concat() + &pieces[end..].concat();
            if test(&candidate) {
                pieces.drain(start..end);
                removed_any = true;
            } else {
                start = end;
            }
        }
        if chunk == 1 && !removed_any {
            return pieces;
        }
        chunk = if removed_any { chunk } else { (chunk / 2).max(1) };
        if pieces.is_empty() {
            return pieces;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shrinks_to_the_lines_and_words_that_matter() {
        let program = "let a = 1;\nlet b = 2;\nstruct X extends X { }\nlet c = 3;\n";
        let small = shrink(program, 1_000, |p| p.contains("X extends X"));
        assert_eq!(small, "X extends X ");
    }

    #[test]
    fn stops_at_the_budget() {
        let program = "a\nb\nc\nd\n";
        let mut calls = 0;
        let small = shrink(program, 2, |_| {
            calls += 1;
            true
        });
        assert!(calls <= 2);
        assert!(program.contains(&small));
    }
}
