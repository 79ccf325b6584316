//! Persistence for `--state-dir`: takes a resource's directory, gives
//! atomic writes (a temporary file renamed over the target, so a reader or
//! a restart after `kill -9` sees the old or the new content, never half of
//! it) and a directory of one file per key.
//!
//! A write returns only once the file is in place: a Wing call that
//! returned has its change on disk.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The state directory of the resource at `path` under `root`: one folder
/// per path segment, each made safe for a file name.
pub fn resource_dir(root: &Path, path: &str) -> PathBuf {
    path.split('/').fold(root.to_path_buf(), |dir, segment| dir.join(encode(segment)))
}

/// Writes `bytes` to `file` atomically.
pub fn write_atomic(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", unique()));
    let mut out = std::fs::File::create(&temp)?;
    out.write_all(bytes)?;
    drop(out);
    std::fs::rename(&temp, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}

fn unique() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    u64::from(std::process::id()) << 32 | NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One file per key in a directory.
#[derive(Debug, Clone)]
pub struct KeyFiles {
    dir: PathBuf,
}

impl KeyFiles {
    pub fn new(dir: PathBuf) -> KeyFiles {
        KeyFiles { dir }
    }

    pub fn put(&self, key: &str, bytes: &[u8]) -> std::io::Result<()> {
        write_atomic(&self.dir.join(encode(key)), bytes)
    }

    /// Removes the key's file; a missing file is not an error.
    pub fn remove(&self, key: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.dir.join(encode(key))) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Every key with its bytes (an empty list when the folder is new).
    pub fn load(&self) -> std::io::Result<Vec<(String, Vec<u8>)>> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if let Some(key) = decode(&name) {
                out.push((key, std::fs::read(entry.path())?));
            }
        }
        Ok(out)
    }
}

/// A key as a file name: ASCII letters, digits, `-` and `_` as they are,
/// every other byte as `%XX` (so `.` and `/` never reach the file system).
fn encode(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for byte in key.bytes() {
        if byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    if out.is_empty() { "%".to_string() } else { out }
}

fn decode(name: &str) -> Option<String> {
    if name == "%" {
        return Some(String::new());
    }
    let mut bytes = Vec::with_capacity(name.len());
    let mut rest = name.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_file_names() {
        for key in ["a/b.txt", "", "..", "ünï", "100%"] {
            let name = encode(key);
            assert!(!name.contains('/') && !name.contains('.'));
            assert_eq!(decode(&name).as_deref(), Some(key));
        }
    }

    #[test]
    fn files_are_written_loaded_and_removed() {
        let dir = std::env::temp_dir().join(format!("wing-store-test-{}", unique()));
        let files = KeyFiles::new(dir.clone());
        files.put("a/1", b"one").unwrap();
        files.put("a/1", b"uno").unwrap();
        files.put("b", b"two").unwrap();
        let mut loaded = files.load().unwrap();
        loaded.sort();
        assert_eq!(loaded, [("a/1".to_string(), b"uno".to_vec()), ("b".to_string(), b"two".to_vec())]);
        files.remove("b").unwrap();
        files.remove("missing").unwrap();
        assert_eq!(files.load().unwrap().len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
