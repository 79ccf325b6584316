//! [`Text`], the payload of a `str` value: takes a `String`, gives its
//! text plus what makes character positions cheap (whether it is all
//! ASCII, so that character `i` is byte `i`) and room to grow in place.
//!
//! A `str` is immutable in Wing. The host's in-place append
//! (`spec/abi.md`, "In-place string building") grows a `Text` it holds the
//! only reference to; everyone else only reads.

use compact_str::CompactString;
use std::fmt;
use std::ops::Deref;

/// The text of a `str`. Up to 24 bytes are kept inline (a `CompactString`),
/// so a short string (a key, a word `split` gives) is one allocation, the
/// reference-counted block, instead of two.
#[derive(Clone, Default)]
pub struct Text {
    text: CompactString,
    /// Every byte is ASCII: character positions are byte positions.
    ascii: bool,
}

impl Text {
    pub fn new(text: String) -> Text {
        let ascii = text.is_ascii();
        Text { text: CompactString::from(text), ascii }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether character positions are byte positions.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The number of characters (Unicode scalar values).
    pub fn char_count(&self) -> usize {
        if self.ascii { self.text.len() } else { self.text.chars().count() }
    }

    /// Bytes reserved, for the memory budget.
    pub fn capacity(&self) -> usize {
        self.text.capacity()
    }

    /// Appends `piece`, growing the buffer by half again (amortised O(1) per
    /// byte appended).
    pub fn push_str(&mut self, piece: &str) {
        self.ascii = self.ascii && piece.is_ascii();
        self.text.push_str(piece);
    }

    /// `a` followed by `b`, in one buffer of the exact size (inline when
    /// short).
    pub fn concat(a: &Text, b: &str) -> Text {
        let mut text = CompactString::with_capacity(a.len() + b.len());
        text.push_str(a);
        text.push_str(b);
        Text { text, ascii: a.ascii && b.is_ascii() }
    }

    /// Reserves room for `extra` more bytes.
    pub fn reserve(&mut self, extra: usize) {
        self.text.reserve(extra);
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl AsRef<std::path::Path> for Text {
    fn as_ref(&self) -> &std::path::Path {
        self.text.as_ref()
    }
}

impl AsRef<std::ffi::OsStr> for Text {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.text.as_ref()
    }
}

impl std::hash::Hash for Text {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text::new(text)
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text { text: CompactString::new(text), ascii: text.is_ascii() }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.text == other.text
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.text.cmp(&other.text)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.text, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_tracked_across_appends() {
        let mut t = Text::from("abc");
        assert!(t.is_ascii());
        assert_eq!(t.char_count(), 3);
        t.push_str("é");
        assert!(!t.is_ascii());
        assert_eq!(t.char_count(), 4);
        assert_eq!(&*t, "abcé");
    }
}
