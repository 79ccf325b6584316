//! The tf-aws target: takes the compiled app (the manifest and bundles the
//! simulator runs, and where each resource was created), gives Terraform
//! JSON for AWS (`main.tf.json`) and one asset zip per function, written to
//! `target/<name>.tfaws/`. `spec/tf-aws.md` describes the output.
//!
//! Built from the manifest alone, so what is deployed is what was tested:
//! the same resources, the same edges, the same bundles, and the grants of
//! each bundle's handles become its role's policy through one table
//! ([`iam::ACTIONS`]). The build runs in passes: every resource first
//! ([`Builder::resource`]), then every function ([`functions`]), then the
//! edges between them ([`Builder::edge`]), then what gathers several of
//! them (policies, bucket notifications, queue policies).

mod api;
mod assets;
mod data;
mod document;
mod functions;
pub mod iam;
mod messaging;
pub mod names;
mod storage;
mod website;

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Span;
pub use assets::{Packing, Precompile, RUNTIME_EXECUTABLE, RUNTIME_ZIP};
use document::{Address, Document};
use functions::DeployedFunction;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::path::Path;
use wing_abi::{Edge, EdgeKind, Manifest, Resource};

/// What the target is built from.
pub struct Input<'a> {
    pub manifest: &'a Manifest,
    /// Each bundle's Wasm bytes, by bundle id.
    pub bundles: &'a [(String, Vec<u8>)],
    /// Where each resource (by path) was created, for errors.
    pub spans: &'a BTreeMap<String, Span>,
    /// The program's directory (a website's files are relative to it).
    pub root: &'a Path,
    /// What the caller adds to the assets.
    pub packing: Packing<'a>,
}

/// The Terraform document and the files it refers to.
pub struct TfAwsApp {
    pub terraform: Json,
    /// Files under `assets/`, by path relative to the output directory.
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Builds the Terraform and the asset zips, or says why the app cannot be
/// deployed (every reason, each at the resource it is about).
pub fn build(input: &Input<'_>) -> Result<TfAwsApp, Vec<Diagnostic>> {
    let mut builder = Builder::new(input);
    builder.variables();
    for resource in &input.manifest.resources {
        builder.resource(resource);
    }
    functions::deploy_all(&mut builder);
    for edge in &input.manifest.edges {
        builder.edge(edge);
    }
    builder.finish()
}

/// Writes `main.tf.json` and `assets/` under `dir` (created if needed).
pub fn write(app: &TfAwsApp, dir: &Path) -> std::io::Result<()> {
    let assets = dir.join("assets");
    if assets.exists() {
        std::fs::remove_dir_all(&assets)?;
    }
    for (file, bytes) in &app.assets {
        let path = dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
    }
    std::fs::create_dir_all(dir)?;
    let json = serde_json::to_string_pretty(&app.terraform).map_err(std::io::Error::other)?;
    std::fs::write(dir.join("main.tf.json"), json + "\n")
}

/// A resource as Terraform creates it: its main block and the value of
/// each attribute a function may need (`name`, `url`, `arn`, `table`).
#[derive(Debug, Clone)]
struct Deployed {
    type_name: String,
    address: Address,
    arn: String,
    attrs: BTreeMap<&'static str, String>,
}

struct Builder<'a> {
    input: &'a Input<'a>,
    doc: Document,
    deployed: BTreeMap<String, Deployed>,
    functions: BTreeMap<String, DeployedFunction>,
    /// Per bucket with event handlers: its `aws_s3_bucket_notification`.
    notified_buckets: Vec<String>,
    /// Per queue that topics deliver to: the topics' ARNs.
    queue_senders: BTreeMap<String, Vec<String>>,
    assets: Vec<(String, Vec<u8>)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Builder<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        Builder {
            input,
            doc: Document::default(),
            deployed: BTreeMap::new(),
            functions: BTreeMap::new(),
            notified_buckets: Vec::new(),
            queue_senders: BTreeMap::new(),
            assets: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    /// A located error about the resource at `path`.
    fn error(&mut self, path: &str, code: &'static str, message: impl Into<String>, help: Option<&str>) {
        let span = self.input.spans.get(path).copied().unwrap_or_default();
        let mut diagnostic = Diagnostic::error(code, message, span).with_label(format!("`{path}` is created here"));
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.diagnostics.push(diagnostic);
    }

    fn variables(&mut self) {
        let default_prefix = names::prefix_default(&self.input.manifest.name);
        self.doc.variable(
            "region",
            json!({ "type": "string", "default": "us-east-1", "description": "The AWS region to deploy to." }),
        );
        self.doc.variable(
            "name_prefix",
            json!({
                "type": "string",
                "default": default_prefix,
                "description": "Starts the name of every resource; give each deployment of the app in one account its own.",
                "validation": [{
                    "condition": "${can(regex(\"^[a-z][a-z0-9-]{0,15}$\", var.name_prefix))}",
                    "error_message": "name_prefix must be 1 to 16 lowercase letters, digits or dashes, starting with a letter."
                }]
            }),
        );
        self.doc
            .variable("tags", json!({ "type": "map(string)", "default": {}, "description": "Tags added to every resource." }));
    }

    /// Adds the Terraform of one resource of the tree.
    fn resource(&mut self, resource: &Resource) {
        let deployed = match resource.type_name.as_str() {
            "cloud.Bucket" => Some(storage::bucket(self, resource)),
            "cloud.Queue" => Some(messaging::queue(self, resource)),
            "cloud.Topic" => Some(messaging::topic(self, resource)),
            "cloud.Counter" => Some(data::counter(self, resource)),
            "ex.Table" => Some(data::table(self, resource)),
            "cloud.Secret" => Some(data::secret(self, resource)),
            "cloud.Api" => Some(api::api(self, resource)),
            "cloud.Schedule" => Some(messaging::schedule(self, resource)),
            "cloud.Website" => website::website(self, resource),
            "cloud.Function" | "cloud.OnDeploy" => Some(functions::declare(self, resource)),
            "cloud.Service" => {
                self.error(
                    &resource.path,
                    "E0700",
                    "`cloud.Service` is not supported on tf-aws yet",
                    Some("a service runs for as long as the app; deploy it with `-t sim`, or move its work to a `cloud.Schedule` or a queue consumer"),
                );
                None
            }
            other if other.starts_with("cloud.") || other.starts_with("ex.") => {
                self.error(&resource.path, "E0700", format!("`{other}` is not supported on tf-aws yet"), None);
                None
            }
            // A user class's instance: a scope in the tree, nothing to deploy.
            _ => None,
        };
        if let Some(deployed) = deployed {
            self.deployed.insert(resource.path.clone(), deployed);
        }
    }

    /// Wires one relation of the tree.
    fn edge(&mut self, edge: &Edge) {
        let (Some(from), Some(to)) = (self.deployed.get(&edge.from).cloned(), self.deployed.get(&edge.to).cloned()) else {
            return;
        };
        match (edge.kind, from.type_name.as_str(), to.type_name.as_str()) {
            (EdgeKind::Consumer, _, _) => messaging::consumer(self, &edge.from, &from, &edge.to),
            (EdgeKind::Subscriber, _, "cloud.Queue") => messaging::topic_to_queue(self, &from, &edge.to, &to),
            (EdgeKind::Subscriber, _, _) => messaging::topic_to_function(self, &from, &edge.to),
            (EdgeKind::DeadLetter, _, _) => messaging::dead_letter(self, &from, &to, &edge.from),
            (EdgeKind::Handler, "cloud.Api", _) => api::routes(self, &from, &edge.to, &edge.events),
            (EdgeKind::Handler, "cloud.Bucket", _) => storage::bucket_events(self, &edge.from, &from, &edge.to, &edge.events),
            (EdgeKind::Handler, "cloud.Schedule", _) => messaging::tick(self, &from, &edge.to),
            (EdgeKind::Handler, other, _) => {
                self.error(&edge.from, "E0700", format!("events of `{other}` are not supported on tf-aws yet"), None)
            }
            (EdgeKind::Uses, _, _) => {}
        }
    }

    fn finish(mut self) -> Result<TfAwsApp, Vec<Diagnostic>> {
        storage::notifications(&mut self);
        messaging::queue_policies(&mut self);
        functions::policies(&mut self);
        if !self.diagnostics.is_empty() {
            return Err(self.diagnostics);
        }
        let terraform = self.doc.into_json(provider(), terraform_settings());
        Ok(TfAwsApp { terraform, assets: self.assets })
    }
}

fn provider() -> Json {
    json!({
        "aws": [{
            "region": "${var.region}",
            "default_tags": [{ "tags": "${merge({\"wing:app\" = var.name_prefix}, var.tags)}" }]
        }]
    })
}

fn terraform_settings() -> Json {
    json!({ "required_providers": { "aws": { "source": "hashicorp/aws", "version": ">= 5.40.0, < 7.0.0" } } })
}
