//! `cloud.Website`: serves a folder (its `path`, relative to the program's
//! folder) and the files added preflight (`addFile`, `addJson`) over HTTP.
//! `/` is `index.html`; a missing file is the `errorDocument` (404).

use super::{HttpRequest, HttpResponse, content_type};
use crate::sim::props::{Props, str_prop};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Website {
    pub url: String,
    dir: PathBuf,
    /// Added files by URL path: body and content type.
    files: BTreeMap<String, (String, String)>,
    error_document: Option<String>,
}

impl Website {
    pub fn new(url: String, props: &Props, root: &Path) -> Result<Website, String> {
        let path = str_prop(props, "path").unwrap_or(".");
        let dir = root.join(path);
        if !dir.is_dir() {
            return Err(format!("the folder {} does not exist", dir.display()));
        }
        let mut files = BTreeMap::new();
        if let Some(serde_json::Value::Object(added)) = props.get("files") {
            for (file, entry) in added {
                let text = |name: &str| entry.get(name).and_then(|v| v.as_str()).unwrap_or_default().to_string();
                files.insert(file.clone(), (text("body"), text("contentType")));
            }
        }
        let error_document = str_prop(props, "errorDocument").map(|d| format!("/{}", d.trim_start_matches('/')));
        Ok(Website { url, dir, files, error_document })
    }

    /// The response to one request.
    pub fn respond(&self, request: &HttpRequest) -> HttpResponse {
        if request.method != "GET" && request.method != "HEAD" {
            return HttpResponse::new(405, "a website only answers GET and HEAD");
        }
        let path = if request.path.ends_with('/') { format!("{}index.html", request.path) } else { request.path.clone() };
        if let Some(found) = self.file(&path) {
            return found;
        }
        let missing = self.error_document.as_deref().and_then(|d| self.file(d));
        let mut response = missing.unwrap_or_else(|| HttpResponse::new(404, format!("{path} not found")));
        response.status = 404;
        response
    }

    fn file(&self, path: &str) -> Option<HttpResponse> {
        if let Some((body, kind)) = self.files.get(path) {
            return Some(HttpResponse::new(200, body.clone()).with_header("Content-Type", kind));
        }
        if path.split('/').any(|segment| segment == "..") {
            return None;
        }
        let file = self.dir.join(path.trim_start_matches('/'));
        let bytes = std::fs::read(&file).ok()?;
        Some(HttpResponse::new(200, bytes).with_header("Content-Type", &content_type(path)))
    }
}
