//! What a bundle says about itself besides its code: takes the Wasm bytes,
//! gives the source map (`wing.srcmap`: code offsets → `.w` lines, for
//! stack traces) and the value representation of each import's parameters
//! and result (`wing.imports`), both custom sections written by the
//! compiler (see `spec/abi.md`).

use serde::Deserialize;
use std::collections::HashMap;
use wasmparser::{Parser, Payload};

/// How one value crosses the Wasm boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repr {
    /// `num`, `duration`: an `f64`.
    Num,
    /// `bool`: an `i32` that is 0 or 1.
    Bool,
    /// Everything else: an `i32` handle into the instance's value table.
    Handle,
    /// No value (results only).
    Void,
}

impl Repr {
    fn from_letter(letter: char) -> Option<Repr> {
        Some(match letter {
            'f' => Repr::Num,
            'b' => Repr::Bool,
            'h' => Repr::Handle,
            'v' => Repr::Void,
            _ => return None,
        })
    }

    /// The representation of a Wing type name as the manifest writes it.
    pub fn of_type(name: &str) -> Repr {
        match name {
            "num" | "duration" => Repr::Num,
            "bool" => Repr::Bool,
            "void" => Repr::Void,
            _ => Repr::Handle,
        }
    }
}

/// Parameter and result representations of one import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSignature {
    pub params: Vec<Repr>,
    pub result: Repr,
}

impl ImportSignature {
    /// Parses `"hf>b"`: parameters, `>`, result.
    fn parse(text: &str) -> Option<ImportSignature> {
        let (params, result) = text.split_once('>')?;
        Some(ImportSignature {
            params: params.chars().map(Repr::from_letter).collect::<Option<_>>()?,
            result: Repr::from_letter(result.chars().next()?)?,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
struct SourceMapData {
    file: String,
    funcs: HashMap<String, FunctionLines>,
}

#[derive(Debug, Default, Deserialize)]
struct FunctionLines {
    name: String,
    /// `[offset, line, column]`, ascending offsets.
    lines: Vec<[u32; 3]>,
}

/// A bundle's custom sections, parsed.
#[derive(Debug, Default)]
pub struct BundleInfo {
    source: SourceMapData,
    /// By `module/name` of the import.
    imports: HashMap<String, ImportSignature>,
}

/// One frame of an inflight stack trace, in source terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFrame {
    pub function: String,
    pub file: String,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for SourceFrame {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at {}:{}:{} ({})", self.file, self.line, self.column, self.function)
    }
}

impl BundleInfo {
    /// Reads the custom sections of `wasm`; a section that is missing or
    /// malformed leaves its part empty (hand-made modules have none).
    pub fn read(wasm: &[u8]) -> BundleInfo {
        let mut info = BundleInfo::default();
        for payload in Parser::new(0).parse_all(wasm).flatten() {
            let Payload::CustomSection(section) = payload else { continue };
            match section.name() {
                "wing.srcmap" => {
                    if let Ok(source) = serde_json::from_slice(section.data()) {
                        info.source = source;
                    }
                }
                "wing.imports" => {
                    let table: HashMap<String, String> = serde_json::from_slice(section.data()).unwrap_or_default();
                    info.imports =
                        table.into_iter().filter_map(|(name, sig)| Some((name, ImportSignature::parse(&sig)?))).collect();
                }
                _ => {}
            }
        }
        info
    }

    /// The declared representations of an import, if the compiler wrote them.
    pub fn import(&self, module: &str, name: &str) -> Option<&ImportSignature> {
        self.imports.get(&format!("{module}/{name}"))
    }

    /// The source position of a code offset inside function `func_index`.
    pub fn frame(&self, func_index: u32, offset: usize) -> Option<SourceFrame> {
        let function = self.source.funcs.get(&func_index.to_string())?;
        let mark = function.lines.iter().take_while(|m| m[0] as usize <= offset).last()?;
        Some(SourceFrame { function: function.name.clone(), file: self.source.file.clone(), line: mark[1], column: mark[2] })
    }

    /// The source frames of a wasmtime backtrace, innermost first; frames
    /// without source (imports, hand-made code) are left out.
    pub fn trace(&self, backtrace: &wasmtime::WasmBacktrace) -> Vec<SourceFrame> {
        backtrace.frames().iter().filter_map(|frame| self.frame(frame.func_index(), frame.func_offset()?)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_signatures_parse() {
        let sig = ImportSignature::parse("hf>b").unwrap();
        assert_eq!(sig.params, [Repr::Handle, Repr::Num]);
        assert_eq!(sig.result, Repr::Bool);
        assert_eq!(ImportSignature::parse(">v").unwrap().params, []);
        assert!(ImportSignature::parse("x>v").is_none());
    }

    #[test]
    fn frames_map_to_the_greatest_mark_not_above_the_offset() {
        let info = BundleInfo {
            source: serde_json::from_str(
                r#"{"file":"main.w","funcs":{"3":{"name":"handler","lines":[[0,1,1],[10,2,3],[20,4,5]]}}}"#,
            )
            .unwrap(),
            imports: HashMap::new(),
        };
        let frame = info.frame(3, 15).unwrap();
        assert_eq!((frame.line, frame.column), (2, 3));
        assert_eq!(frame.to_string(), "at main.w:2:3 (handler)");
        assert!(info.frame(4, 0).is_none());
    }
}
