//! The programs mutations start from: every `.w` file of the repository
//! (tests, examples, the stdlib declarations) and every `w` code block of
//! the Markdown documents (`spec/`, `README.md`).

use std::path::{Path, PathBuf};

/// A program to mutate: its text and the folder its `bring`s are
/// relative to.
pub struct Seed {
    pub text: String,
    pub dir: Option<PathBuf>,
    pub origin: String,
}

/// Every seed program under `root`.
pub fn load(root: &Path) -> Vec<Seed> {
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let mut seeds = Vec::new();
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let origin = file.strip_prefix(root).unwrap_or(&file).display().to_string();
        if file.extension().is_some_and(|e| e == "w") {
            seeds.push(Seed { text, dir: file.parent().map(Path::to_path_buf), origin });
        } else {
            for (i, block) in code_blocks(&text).into_iter().enumerate() {
                seeds.push(Seed { text: block, dir: None, origin: format!("{origin} block {i}") });
            }
        }
    }
    seeds
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "w" || e == "md") {
            out.push(path);
        }
    }
}

/// The ```` ```w ```` and ```` ```w-error ```` blocks of a Markdown text.
fn code_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```w") => current = Some(String::new()),
            None => {}
            Some(_) if line.trim_start().starts_with("```") => blocks.extend(current.take()),
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_blocks_are_found() {
        let md = "text\n```w\nlet a = 1;\n```\n```text\nno\n```\n```w-error\nlet b = ;\n```\n";
        assert_eq!(super::code_blocks(md), vec!["let a = 1;\n".to_string(), "let b = ;\n".to_string()]);
    }
}
