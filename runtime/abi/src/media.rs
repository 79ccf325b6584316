//! Media types: takes a file's path, gives the content type it is served
//! with. Shared by the simulator (bucket objects, website files) and the
//! tf-aws target (the objects it uploads), so both label a file alike.

/// The content type of a file served over HTTP, by its extension: its
/// [`mime_type`], with the charset for text.
pub fn content_type(path: &str) -> String {
    with_charset(mime_type(path))
}

/// A content type with `; charset=utf-8` added to a text type without one.
pub fn with_charset(kind: &str) -> String {
    let text = kind.starts_with("text/") || kind == "application/json" || kind == "application/javascript";
    if text && !kind.contains("charset") { format!("{kind}; charset=utf-8") } else { kind.to_string() }
}

/// The media type of a file by its extension (what a bucket records for
/// an object put without a content type, as Wing's simulator does).
pub fn mime_type(path: &str) -> &'static str {
    match path.rsplit_once('.').map(|(_, ext)| ext.to_ascii_lowercase()).as_deref() {
        Some("html" | "htm") => "text/html",
        Some("css") => "text/css",
        Some("js" | "mjs") => "text/javascript",
        Some("json") => "application/json",
        Some("txt") => "text/plain",
        Some("csv") => "text/csv",
        Some("xml") => "application/xml",
        Some("pdf") => "application/pdf",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("ico") => "image/x-icon",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}
