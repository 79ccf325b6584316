//! Positions: takes a file's text, gives conversions between byte offsets
//! (the compiler's spans) and LSP positions (line, UTF-16 column).
//! Offsets past the end or inside a character are clamped, never a panic.

use tower_lsp_server::ls_types::{Position, Range};

/// Where each line of one text starts.
#[derive(Debug, Clone)]
pub struct LineIndex {
    text: String,
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        LineIndex { text: text.to_string(), starts }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_boundary(&self.text, offset);
        let line = self.starts.partition_point(|s| *s <= offset).saturating_sub(1);
        let start = self.starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position { line: line as u32, character: character as u32 }
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range { start: self.position(start), end: self.position(end.max(start)) }
    }

    /// The byte offset of an LSP position (clamped to its line and the text).
    pub fn offset(&self, position: Position) -> usize {
        let Some(start) = self.starts.get(position.line as usize).copied() else { return self.text.len() };
        let end = self.starts.get(position.line as usize + 1).map_or(self.text.len(), |next| next - 1);
        let mut units = 0u32;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= position.character {
                return start + i;
            }
            units += c.len_utf16() as u32;
        }
        end
    }
}

/// The largest char boundary at or before `offset`.
pub fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Where two versions of a text differ: one region, from the end of
/// their common prefix to the start of their common suffix (in each),
/// on character boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

/// The region where `new` differs from `old` (empty when they are equal).
pub fn edited_region(old: &str, new: &str) -> Edit {
    let (old_bytes, new_bytes) = (old.as_bytes(), new.as_bytes());
    let start = floor_boundary(old, old_bytes.iter().zip(new_bytes).take_while(|(a, b)| a == b).count());
    let room = old.len().min(new.len()) - start;
    let mut suffix = old_bytes.iter().rev().zip(new_bytes.iter().rev()).take(room).take_while(|(a, b)| a == b).count();
    while !old.is_char_boundary(old.len() - suffix) {
        suffix -= 1;
    }
    Edit { start, old_end: old.len() - suffix, new_end: new.len() - suffix }
}

/// Applies an LSP content change (a range replaced, or the whole text).
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str) {
    match range {
        None => *text = new_text.to_string(),
        Some(range) => {
            let index = LineIndex::new(text);
            let start = index.offset(range.start);
            let end = index.offset(range.end).max(start);
            text.replace_range(start..end, new_text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_round_trip_with_utf16_columns() {
        let index = LineIndex::new("let a = \"é😀\";\nlog(a);\n");
        let p = index.position(16);
        assert_eq!(p, Position { line: 0, character: 13 });
        assert_eq!(index.offset(p), 16);
        assert_eq!(index.offset(Position { line: 1, character: 99 }), 25);
        assert_eq!(index.offset(Position { line: 9, character: 0 }), 26);
    }

    #[test]
    fn changes_apply_by_range() {
        let mut text = "let x = 1;\nlog(x);\n".to_string();
        let range = Range { start: Position { line: 1, character: 4 }, end: Position { line: 1, character: 5 } };
        apply_change(&mut text, Some(range), "x + 1");
        assert_eq!(text, "let x = 1;\nlog(x + 1);\n");
    }

    #[test]
    fn the_edited_region_lies_between_the_common_prefix_and_suffix() {
        assert_eq!(edited_region("let a = b;", "let a = b.c;"), Edit { start: 9, old_end: 9, new_end: 11 });
        assert_eq!(edited_region("aaaa", "aa"), Edit { start: 2, old_end: 4, new_end: 2 });
        assert_eq!(edited_region("x", "x"), Edit { start: 1, old_end: 1, new_end: 1 });
        // "é" and "è" share their first byte, "à" and "è" their last.
        assert_eq!(edited_region("aéa", "aèa"), Edit { start: 1, old_end: 3, new_end: 3 });
        assert_eq!(edited_region("àb", "èb"), Edit { start: 0, old_end: 2, new_end: 2 });
    }
}
