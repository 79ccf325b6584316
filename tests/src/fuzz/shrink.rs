//! Shrinking: takes a program that shows a finding and a test that says
//! whether a smaller one still shows it, gives a minimal program (delta
//! debugging: drop chunks of lines, then of words, halving the chunk size
//! down to one, as long as the test keeps failing).

use super::mutate::words;

/// The smallest program found that `still_fails`, trying at most `budget`
/// candidates.
pub fn shrink(program: &str, budget: usize, mut still_fails: impl FnMut(&str) -> bool) -> String {
    let mut left = budget;
    let lines: Vec<String> = program.split_inclusive('\n').map(str::to_string).collect();
    let lines = minimize(lines, &mut left, &mut still_fails);
    let text = lines.concat();
    let pieces: Vec<String> = words(&text).into_iter().map(str::to_string).collect();
    minimize(pieces, &mut left, &mut still_fails).concat()
}

/// Removes chunks of `pieces` while the rest still fails, trying at most
/// `left` candidates (and counting them down): once they are spent it
/// returns what it has, without building another candidate.
fn minimize(mut pieces: Vec<String>, left: &mut usize, still_fails: &mut impl FnMut(&str) -> bool) -> Vec<String> {
    let mut chunk = pieces.len().div_ceil(2).max(1);
    loop {
        let mut start = 0;
        let mut removed_any = false;
        while start < pieces.len() {
            if *left == 0 {
                return pieces;
            }
            *left -= 1;
            let end = (start + chunk).min(pieces.len());
            let candidate: String = pieces[..start].concat() + &pieces[end..].concat();
            if still_fails(&candidate) {
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

    #[test]
    fn builds_no_candidate_once_the_budget_is_spent() {
        let pieces: Vec<String> = (0..10_000).map(|i| format!("w{i} ")).collect();
        let mut left = 3;
        let mut calls = 0;
        let kept = minimize(pieces, &mut left, &mut |_| {
            calls += 1;
            false
        });
        assert_eq!((calls, left, kept.len()), (3, 0, 10_000));
    }
}
