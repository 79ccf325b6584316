//! `cloud.Bucket`: text objects by key, listed in key order, with their
//! metadata. A change runs the bucket's `onCreate`/`onUpdate`/`onDelete`
//! handlers asynchronously. Objects are served over HTTP (started on the
//! first `publicUrl`/`signedUrl`): every object of a public bucket, and
//! any object through an unexpired signed URL.
//!
//! With a state directory, every object is a file written atomically
//! before the call returns.

use super::http::{HttpRequest, HttpResponse, HttpServer, content_type, mime_type};
use super::ops::{Op, OpContext, OpError, OpResult, arg, field, optional_text, text, wing};
use super::props::{Props, bool_prop, map_prop};
use super::store::KeyFiles;
use super::{AsyncJob, ResourceIndex, ResourceState, Shared, lock};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};
use wing_std::Value;

/// A signed URL lasts this long unless the call says (Wing's default).
pub const SIGNED_URL_SECONDS: f64 = 900.0;

/// The error of `publicUrl` on a bucket that is not public.
pub const NOT_PUBLIC: &str = "Cannot provide public url for a non-public bucket";

#[derive(Debug, Clone, PartialEq)]
struct Object {
    body: String,
    content_type: Option<String>,
    /// Milliseconds since the Unix epoch.
    last_modified: f64,
}

#[derive(Debug)]
pub struct Bucket {
    public: bool,
    objects: Mutex<BTreeMap<String, Object>>,
    files: Option<KeyFiles>,
    /// The URL of the bucket's HTTP server, once started.
    url: OnceLock<Result<String, String>>,
    /// Makes signed URLs unguessable.
    secret: u64,
}

impl Bucket {
    /// A bucket with its saved objects (from `files`) and its `initialObjects`.
    pub fn new(props: &Props, files: Option<KeyFiles>) -> Result<Bucket, String> {
        let mut objects = BTreeMap::new();
        if let Some(files) = &files {
            for (key, bytes) in files.load().map_err(|e| format!("cannot read the saved objects: {e}"))? {
                objects.insert(key, decode(&bytes).ok_or("a saved object is damaged")?);
            }
        }
        for (key, body) in map_prop(props, "initialObjects") {
            let content_type = Some(mime_type(&key).to_string());
            objects.entry(key).or_insert(Object { body, content_type, last_modified: now_ms() });
        }
        Ok(Bucket {
            public: bool_prop(props, "public").unwrap_or(false),
            objects: Mutex::new(objects),
            files,
            url: OnceLock::new(),
            secret: fastrand::u64(..),
        })
    }

    fn get(&self, key: &str) -> Option<Object> {
        lock(&self.objects).get(key).cloned()
    }

    /// Stores an object; gives whether it replaced one.
    fn put(&self, key: &str, object: Object) -> Result<bool, OpError> {
        let mut objects = lock(&self.objects);
        if let Some(files) = &self.files {
            files
                .put(key, &encode(&object))
                .map_err(|e| OpError::Wing(format!("cannot save the object (key={key}): {e}"), vec![]))?;
        }
        Ok(objects.insert(key.to_string(), object).is_some())
    }

    /// Removes an object; gives whether there was one.
    fn remove(&self, key: &str) -> Result<bool, OpError> {
        let mut objects = lock(&self.objects);
        if let Some(files) = &self.files {
            files.remove(key).map_err(|e| OpError::Wing(format!("cannot delete the object (key={key}): {e}"), vec![]))?;
        }
        Ok(objects.remove(key).is_some())
    }
}

/// The bucket operation `method`.
pub fn op(method: &str) -> Option<Op> {
    Some(match method {
        "put" => |ctx, args| {
            // Without one, the type follows the key's extension, as in Wing.
            let key = text(args, 0)?;
            let content_type =
                optional_text(&[field(arg(args, 2), "contentType")], 0)?.unwrap_or_else(|| mime_type(&key).to_string());
            store(ctx, &key, text(args, 1)?, Some(content_type))
        },
        "putJson" => |ctx, args| {
            let body = arg(args, 1).to_json_text_pretty().or_else(|problem| wing(problem.to_string()))?;
            store(ctx, &text(args, 0)?, body, Some("application/json".into()))
        },
        "get" => |ctx, args| Ok(Value::string(byte_range(existing(ctx, &text(args, 0)?)?.body, arg(args, 1)))),
        "tryGet" => |ctx, args| {
            let found = bucket(ctx)?.get(&text(args, 0)?);
            Ok(found.map_or(Value::Nil, |o| Value::string(byte_range(o.body, arg(args, 1)))))
        },
        "getJson" => |ctx, args| {
            let key = text(args, 0)?;
            parse_json(&key, &existing(ctx, &key)?.body)
        },
        "tryGetJson" => |ctx, args| {
            let key = text(args, 0)?;
            bucket(ctx)?.get(&key).map_or(Ok(Value::Nil), |o| parse_json(&key, &o.body))
        },
        "exists" => |ctx, args| Ok(Value::Bool(bucket(ctx)?.get(&text(args, 0)?).is_some())),
        "delete" => |ctx, args| {
            let key = text(args, 0)?;
            let must_exist = matches!(field(arg(args, 1), "mustExist"), Value::Bool(true));
            if !delete(ctx, &key)? && must_exist {
                return Err(object_missing(&key));
            }
            Ok(Value::Nil)
        },
        "tryDelete" => |ctx, args| Ok(Value::Bool(delete(ctx, &text(args, 0)?)?)),
        "list" => |ctx, args| {
            let prefix = optional_text(args, 0)?.unwrap_or_default();
            let objects = lock(&bucket(ctx)?.objects);
            let keys = objects.range(prefix.clone()..).take_while(|(k, _)| k.starts_with(&prefix));
            Ok(Value::array(keys.map(|(k, _)| Value::str(k)).collect()))
        },
        "copy" => |ctx, args| copy(ctx, &text(args, 0)?, &text(args, 1)?).map(|_| Value::Nil),
        "rename" => |ctx, args| {
            let (source, target) = (text(args, 0)?, text(args, 1)?);
            if source == target {
                return Err(rename_to_itself(&source, &target));
            }
            copy(ctx, &source, &target)?;
            delete(ctx, &source).map(|_| Value::Nil)
        },
        "metadata" => |ctx, args| {
            let object = existing(ctx, &text(args, 0)?)?;
            let mut fields = wing_std::Entries::default();
            fields.insert("size".to_string(), Value::Num(object.body.len() as f64));
            fields.insert("lastModified".to_string(), Value::Datetime { ms: object.last_modified, offset_minutes: 0 });
            fields.insert("contentType".to_string(), object.content_type.map_or(Value::Nil, Value::string));
            Ok(Value::map(fields))
        },
        "publicUrl" => |ctx, args| {
            let key = text(args, 0)?;
            if !bucket(ctx)?.public {
                return wing(NOT_PUBLIC);
            }
            Ok(Value::string(format!("{}/{}", server_url(ctx)?, encode_path(&key))))
        },
        "signedUrl" => |ctx, args| {
            let key = text(args, 0)?;
            let options = arg(args, 1);
            let seconds = match field(options, "duration") {
                Value::Num(s) | Value::Duration(s) if s > 0.0 => s,
                _ => SIGNED_URL_SECONDS,
            };
            let action = optional_text(&[field(options, "action")], 0)?.unwrap_or_else(|| "DOWNLOAD".to_string());
            if action != "DOWNLOAD" && action != "UPLOAD" {
                return wing(format!("unknown signed URL action \"{action}\" (DOWNLOAD or UPLOAD)"));
            }
            let valid_until = (now_ms() + seconds * 1000.0) as u64;
            let signature = sign(bucket(ctx)?.secret, &key, &action, valid_until);
            let url = server_url(ctx)?;
            Ok(Value::string(format!(
                "{url}/{}?action={action}&validUntil={valid_until}&signature={signature:016x}",
                encode_path(&key)
            )))
        },
        _ => return None,
    })
}

fn bucket<'a>(ctx: &'a OpContext<'_>) -> Result<&'a Bucket, OpError> {
    match ctx.state() {
        ResourceState::Bucket(bucket) => Ok(bucket),
        _ => Err(OpError::Fatal(format!("{} is not a bucket", ctx.node().path))),
    }
}

fn existing(ctx: &OpContext<'_>, key: &str) -> Result<Object, OpError> {
    bucket(ctx)?.get(key).ok_or_else(|| object_missing(key))
}

/// The error of an operation on a missing object (every backend's).
pub fn object_missing(key: &str) -> OpError {
    OpError::Wing(format!("Object does not exist (key={key})."), vec![])
}

/// The error of a copy or rename of a missing object (every backend's).
pub fn source_missing(source: &str) -> OpError {
    OpError::Wing(format!("Source object does not exist (srcKey={source})."), vec![])
}

/// The error of a rename of an object to its own key (every backend's).
pub fn rename_to_itself(source: &str, target: &str) -> OpError {
    OpError::Wing(
        format!("Renaming an object to its current name is not a valid operation (srcKey={source}, dstKey={target})."),
        vec![],
    )
}

/// The text of an object read as Json (`getJson`).
pub fn parse_json(key: &str, body: &str) -> OpResult {
    serde_json::from_str::<serde_json::Value>(body)
        .map(|json| Value::from_json(&json))
        .map_err(|e| OpError::Wing(format!("the object is not valid Json (key={key}): {e}"), vec![]))
}

/// The bytes `startByte..=endByte` of a body (`BucketGetOptions`), as
/// text; the whole body without a range.
pub fn byte_range(body: String, options: &Value) -> String {
    let bound = |name: &str| match field(options, name) {
        Value::Num(n) if n >= 0.0 => Some(n as usize),
        _ => None,
    };
    let (start, end) = (bound("startByte"), bound("endByte"));
    if start.is_none() && end.is_none() {
        return body;
    }
    let bytes = body.as_bytes();
    let end = end.map_or(bytes.len(), |e| (e + 1).min(bytes.len()));
    let start = start.unwrap_or(0).min(end);
    String::from_utf8_lossy(&bytes[start..end]).into_owned()
}

fn store(ctx: &OpContext<'_>, key: &str, body: String, content_type: Option<String>) -> OpResult {
    let replaced = bucket(ctx)?.put(key, Object { body, content_type, last_modified: now_ms() })?;
    emit(ctx.sim, ctx.index, if replaced { "update" } else { "create" }, key);
    Ok(Value::Nil)
}

fn delete(ctx: &OpContext<'_>, key: &str) -> Result<bool, OpError> {
    let existed = bucket(ctx)?.remove(key)?;
    if existed {
        emit(ctx.sim, ctx.index, "delete", key);
    }
    Ok(existed)
}

fn copy(ctx: &OpContext<'_>, source: &str, target: &str) -> OpResult {
    let Some(object) = bucket(ctx)?.get(source) else {
        return Err(source_missing(source));
    };
    store(ctx, target, object.body, object.content_type)
}

/// Runs the handlers of `event` (`create`, `update`, `delete`) on `key`.
fn emit(sim: &Arc<Shared>, bucket: ResourceIndex, event: &str, key: &str) {
    let node = sim.resource(bucket);
    let kind = event.to_ascii_uppercase();
    let mut any = false;
    for function in node.targets(event) {
        any = true;
        sim.enqueue(AsyncJob {
            function,
            args: vec![serde_json::json!(key), serde_json::json!(kind)],
            origin: format!("{event} event of {}", node.path),
        });
    }
    if !any {
        sim.notify();
    }
}

/// The bucket's HTTP server URL, starting the server the first time.
fn server_url(ctx: &OpContext<'_>) -> Result<String, OpError> {
    let bucket = bucket(ctx)?;
    let url = bucket.url.get_or_init(|| {
        let (sim, index) = (ctx.sim.clone(), ctx.index);
        let handler: super::http::Handler = Arc::new(move |request: HttpRequest| {
            let sim = sim.clone();
            super::http::blocking(move || serve(&sim, index, request))
        });
        let server = HttpServer::bind(0).and_then(|bound| bound.serve(handler)).map_err(|e| e.to_string())?;
        let url = server.url().to_string();
        ctx.sim.adopt_server(server);
        Ok(url)
    });
    url.clone().map_err(|e| OpError::Wing(format!("cannot serve the bucket over HTTP: {e}"), vec![]))
}

/// One HTTP request for an object.
fn serve(sim: &Arc<Shared>, index: ResourceIndex, request: HttpRequest) -> HttpResponse {
    let ResourceState::Bucket(bucket) = &sim.resource(index).state else {
        return HttpResponse::new(500, "not a bucket");
    };
    let key = request.path.trim_start_matches('/').to_string();
    let query = |name: &str| request.query.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
    let signed = |action: &str| {
        let valid_until: u64 = query("validUntil").and_then(|v| v.parse().ok()).unwrap_or(0);
        let signature = format!("{:016x}", sign(bucket.secret, &key, action, valid_until));
        query("action") == Some(action) && query("signature") == Some(signature.as_str()) && now_ms() as u64 <= valid_until
    };
    match request.method.as_str() {
        "GET" | "HEAD" if bucket.public || signed("DOWNLOAD") => match bucket.get(&key) {
            Some(object) => {
                let kind = object.content_type.unwrap_or_else(|| content_type(&key));
                HttpResponse::new(200, object.body).with_header("Content-Type", &kind)
            }
            None => HttpResponse::new(404, format!("Object does not exist (key={key}).")),
        },
        "PUT" if signed("UPLOAD") => {
            let content_type = request.header("content-type").map(str::to_string);
            let ctx = OpContext { sim, index, caller: &sim.resource(index).path, deadline: None };
            match store(&ctx, &key, request.body, content_type) {
                Ok(_) => HttpResponse::new(200, ""),
                Err(_) => HttpResponse::new(500, "cannot store the object"),
            }
        }
        _ => HttpResponse::new(403, "Operation not allowed (the URL is not signed for it, or it has expired)"),
    }
}

/// A keyed fingerprint of a signed URL's parts (FNV-1a over the bucket's
/// random secret and the parts): unguessable without the secret.
fn sign(secret: u64, key: &str, action: &str, valid_until: u64) -> u64 {
    let text = format!("{secret}\u{0}{key}\u{0}{action}\u{0}{valid_until}");
    text.bytes().fold(0xcbf29ce484222325, |hash, b| (hash ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

/// A key in a URL path: `/` kept, everything else outside the unreserved
/// characters percent-encoded.
pub fn encode_path(key: &str) -> String {
    key.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64)
}

/// A saved object: a Json line of metadata, then the body.
fn encode(object: &Object) -> Vec<u8> {
    let meta = serde_json::json!({"contentType": object.content_type, "lastModified": object.last_modified});
    format!("{meta}\n{}", object.body).into_bytes()
}

fn decode(bytes: &[u8]) -> Option<Object> {
    let text = std::str::from_utf8(bytes).ok()?;
    let (meta, body) = text.split_once('\n')?;
    let meta: serde_json::Value = serde_json::from_str(meta).ok()?;
    Some(Object {
        body: body.to_string(),
        content_type: meta.get("contentType").and_then(|c| c.as_str()).map(str::to_string),
        last_modified: meta.get("lastModified").and_then(serde_json::Value::as_f64).unwrap_or(0.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_objects_round_trip() {
        let object = Object { body: "line 1\nline 2".into(), content_type: Some("text/plain".into()), last_modified: 5.0 };
        assert_eq!(decode(&encode(&object)), Some(object));
        assert_eq!(encode_path("a b/ü.txt"), "a%20b/%C3%BC.txt");
    }
}
