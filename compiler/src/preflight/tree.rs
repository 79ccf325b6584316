//! The resource tree: takes resource creations and relations from the
//! evaluator, gives stable paths (`root/Default/Queue/Consumer0`), props
//! and a petgraph graph of edges (containment and handler → resource).

use super::value::ClosureValue;
use crate::syntax::ast::Span;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;
use wing_abi::EdgeKind;

/// A resource, by index into the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceId(pub u32);

#[derive(Debug)]
pub struct Resource<'a> {
    pub path: String,
    /// `cloud.Bucket`
    pub type_name: String,
    pub props: BTreeMap<String, serde_json::Value>,
    /// The inflight closure a function-like resource runs.
    pub handler: Option<Rc<ClosureValue<'a>>>,
    pub span: Span,
    /// What preflight code set on its node for a console (`title`,
    /// `description`, `hidden`, `color`, `icon`).
    pub display: BTreeMap<String, wing_std::Value>,
    node: NodeIndex,
    child_ids: HashSet<String>,
    /// Per-kind counters for generated child ids (`Consumer0`, …).
    generated: BTreeMap<String, u32>,
}

#[derive(Debug)]
pub struct ResourceTree<'a> {
    resources: Vec<Resource<'a>>,
    root_ids: HashSet<String>,
    /// Nodes are resources; edges are relations with their labels (the
    /// granted operations of `uses`, the events of `handler`).
    pub graph: DiGraph<ResourceId, (EdgeKind, Vec<String>)>,
}

/// Why a resource could not be added.
#[derive(Debug)]
pub struct DuplicateId {
    pub id: String,
    pub scope: String,
}

impl Default for ResourceTree<'_> {
    fn default() -> Self {
        ResourceTree { resources: Vec::new(), root_ids: HashSet::new(), graph: DiGraph::new() }
    }
}

impl<'a> ResourceTree<'a> {
    /// Adds a resource with `id` under `scope` (`None`: the app's default
    /// scope `root/Default`).
    pub fn add(&mut self, scope: Option<ResourceId>, id: &str, type_name: &str, span: Span) -> Result<ResourceId, DuplicateId> {
        let (siblings, parent_path) = match scope {
            Some(parent) => {
                let parent = &mut self.resources[parent.0 as usize];
                (&mut parent.child_ids, parent.path.clone())
            }
            None => (&mut self.root_ids, "root/Default".to_string()),
        };
        if !siblings.insert(id.to_string()) {
            return Err(DuplicateId { id: id.to_string(), scope: parent_path });
        }
        let rid = ResourceId(self.resources.len() as u32);
        let node = self.graph.add_node(rid);
        self.resources.push(Resource {
            path: format!("{parent_path}/{id}"),
            type_name: type_name.to_string(),
            props: BTreeMap::new(),
            handler: None,
            span,
            display: default_display(type_name),
            node,
            child_ids: HashSet::new(),
            generated: BTreeMap::new(),
        });
        Ok(rid)
    }

    /// The next generated child id with this prefix: `Consumer0`, `Consumer1`.
    pub fn next_child_id(&mut self, parent: ResourceId, prefix: &str) -> String {
        let counter = self.resources[parent.0 as usize].generated.entry(prefix.to_string()).or_insert(0);
        let id = format!("{prefix}{counter}");
        *counter += 1;
        id
    }

    pub fn get(&self, id: ResourceId) -> &Resource<'a> {
        &self.resources[id.0 as usize]
    }

    pub fn get_mut(&mut self, id: ResourceId) -> &mut Resource<'a> {
        &mut self.resources[id.0 as usize]
    }

    pub fn iter(&self) -> impl Iterator<Item = (ResourceId, &Resource<'a>)> {
        self.resources.iter().enumerate().map(|(i, r)| (ResourceId(i as u32), r))
    }

    /// Records a relation; a second edge of the same kind between the same
    /// resources merges its labels into the first.
    /// One more edge, even beside an equal one: a queue subscribed to a
    /// topic twice gets each message twice, as in Wing.
    pub fn connect_again(&mut self, from: ResourceId, to: ResourceId, kind: EdgeKind) {
        let (a, b) = (self.get(from).node, self.get(to).node);
        self.graph.add_edge(a, b, (kind, Vec::new()));
    }

    pub fn connect(&mut self, from: ResourceId, to: ResourceId, kind: EdgeKind, ops: Vec<String>) {
        let (a, b) = (self.get(from).node, self.get(to).node);
        if let Some(edge) = self.graph.find_edge(a, b)
            && let Some(weight) = self.graph.edge_weight_mut(edge)
            && weight.0 == kind
        {
            for op in ops {
                if !weight.1.contains(&op) {
                    weight.1.push(op);
                }
            }
            weight.1.sort();
            return;
        }
        self.graph.add_edge(a, b, (kind, ops));
    }

    /// Every edge as (from, to, kind, ops), in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = (ResourceId, ResourceId, EdgeKind, &[String])> {
        self.graph.edge_indices().filter_map(|e| {
            let (a, b) = self.graph.edge_endpoints(e)?;
            let (kind, ops) = self.graph.edge_weight(e)?;
            Some((self.graph[a], self.graph[b], *kind, ops.as_slice()))
        })
    }
}

/// The `title` and `description` Wing's SDK gives a node of each
/// resource type (none for user classes).
fn default_display(type_name: &str) -> BTreeMap<String, wing_std::Value> {
    let description = match type_name {
        "cloud.Function" => "A cloud function (FaaS)",
        "cloud.Bucket" => "A cloud object store",
        "cloud.Queue" => "A distributed message queue",
        "cloud.Topic" => "A pub/sub notification topic",
        "cloud.Counter" => "A distributed atomic counter",
        "cloud.Api" => "A REST API endpoint",
        "cloud.Website" => "A static website",
        "cloud.Schedule" => "A cloud schedule to trigger events at regular intervals",
        "cloud.Secret" => "A cloud secret",
        "cloud.Service" => "A cloud service",
        "cloud.OnDeploy" => "Run code during the app's deployment.",
        _ => return BTreeMap::new(),
    };
    let title = type_name.trim_start_matches("cloud.");
    BTreeMap::from([
        ("title".to_string(), wing_std::Value::str(title)),
        ("description".to_string(), wing_std::Value::str(description)),
    ])
}
