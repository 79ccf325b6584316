//! Mutations of real programs: takes the text of a `.w` file (and others
//! to splice from), gives an edited copy. Edits work on words and lines:
//! delete, insert, swap, duplicate, stray punctuation, a name replaced by
//! another name of the file (which makes self-references), chunks of
//! another file spliced in, and the size edits (a line repeated thousands
//! of times, a piece wrapped in hundreds of brackets, every line joined
//! into one).

use super::rng::Rng;

/// The words of a text: each piece up to and including a separator, so
/// that concatenating them gives the text back.
pub fn words(text: &str) -> Vec<&str> {
    text.split_inclusive(|c: char| c.is_whitespace() || "(){}[];,.:<>\"".contains(c)).collect()
}

/// An edited copy of `text`; `other` is another program to splice from.
pub fn mutate(rng: &mut Rng, text: &str, other: &str) -> String {
    let mut out = text.to_string();
    for _ in 0..1 + rng.below(3) {
        out = match rng.below(12) {
            0..=3 => edit_words(rng, &out),
            4 | 5 => edit_lines(rng, &out),
            6 => rename(rng, &out),
            7 => splice(rng, &out, other),
            8 => repeat_line(rng, &out),
            9 => wrap(rng, &out),
            10 => out.lines().collect::<Vec<_>>().join(" "),
            _ => truncate(rng, &out),
        };
    }
    out
}

fn edit_words(rng: &mut Rng, text: &str) -> String {
    let original = words(text);
    if original.is_empty() {
        return text.to_string();
    }
    let mut edited = original.clone();
    for _ in 0..1 + rng.below(3) {
        let i = rng.below(edited.len() + 1).min(edited.len().saturating_sub(1));
        match rng.below(4) {
            0 if !edited.is_empty() => {
                edited.remove(i);
            }
            1 => edited.insert(i, original[rng.below(original.len())]),
            2 if edited.len() > 1 => {
                let j = rng.below(edited.len());
                edited.swap(i, j);
            }
            _ => edited.insert(
                i.min(edited.len()),
                rng.pick(&["{", "}", "(", ")", ";", "nil", "inflight ", "!", "?.", "\"", "{x}", "as ", "in ", "extends "]),
            ),
        }
    }
    edited.concat()
}

fn edit_lines(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let i = rng.below(lines.len());
    let j = rng.below(lines.len());
    match rng.below(4) {
        0 => {
            lines.remove(i);
        }
        1 => lines.insert(j, lines[i]),
        2 => lines.swap(i, j),
        _ => {
            let line = lines.remove(i);
            lines.insert(j.min(lines.len()), line);
        }
    }
    lines.join("\n") + "\n"
}

/// One name of the file replaced by another everywhere: `struct A { b: B }`
/// can become `struct A { b: A }`, a class can extend itself.
fn rename(rng: &mut Rng, text: &str) -> String {
    let names: Vec<&str> = words(text)
        .into_iter()
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_'))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if names.len() < 2 {
        return text.to_string();
    }
    let (from, to) = (names[rng.below(names.len())], names[rng.below(names.len())]);
    let mut out = String::with_capacity(text.len());
    for word in words(text) {
        let name = word.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '_');
        if name == from {
            out.push_str(to);
            out.push_str(&word[name.len()..]);
        } else {
            out.push_str(word);
        }
    }
    out
}

fn splice(rng: &mut Rng, text: &str, other: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let donor: Vec<&str> = other.lines().collect();
    if donor.is_empty() {
        return text.to_string();
    }
    let start = rng.below(donor.len());
    let end = (start + 1 + rng.below(20)).min(donor.len());
    let at = rng.below(lines.len() + 1);
    lines.splice(at..at, donor[start..end].iter().copied());
    lines.join("\n") + "\n"
}

/// One line repeated up to thousands of times (many declarations, many
/// statements, many errors).
fn repeat_line(rng: &mut Rng, text: &str) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let i = rng.below(lines.len());
    let times = rng.size(5_000, 3);
    let line = lines[i];
    lines.splice(i..i, std::iter::repeat_n(line, times));
    lines.join("\n") + "\n"
}

/// A piece of the text wrapped in up to hundreds of brackets or blocks.
fn wrap(rng: &mut Rng, text: &str) -> String {
    let original = words(text);
    if original.is_empty() {
        return text.to_string();
    }
    let start = rng.below(original.len());
    let end = (start + 1 + rng.below(10)).min(original.len());
    let depth = rng.size(600, 3);
    let (open, close) = match rng.below(4) {
        0 => ("(", ")"),
        1 => ("[", "]"),
        2 => ("{ ", " }"),
        _ => ("if true { ", " }"),
    };
    let mut out = original[..start].concat();
    out += &open.repeat(depth);
    out += &original[start..end].concat();
    out += &close.repeat(depth);
    out += &original[end..].concat();
    out
}

/// The text cut at a random point, as an editor sees it while typing.
fn truncate(rng: &mut Rng, text: &str) -> String {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_give_the_text_back() {
        let text = "struct A { b: Array<B>; }\nlet x = \"s{y}\";\n";
        assert_eq!(words(text).concat(), text);
    }

    #[test]
    fn renaming_makes_self_references() {
        let mut rng = Rng::new(3);
        let text = "struct A { b: B; }\nstruct B { }\n";
        let renamed: Vec<String> = (0..40).map(|_| rename(&mut rng, text)).collect();
        assert!(renamed.iter().any(|r| r.contains("struct A { b: A; }")), "{renamed:?}");
    }
}
