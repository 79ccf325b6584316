//! The AWS backend of the host: takes the resources of a function's config
//! with their attributes (read from the environment at init), gives the
//! [`Backend`] its invocations run on. Grants are checked by the host before
//! an operation gets here, exactly as in the simulator. Resource operations
//! on AWS are not built yet: each fails its invocation with a message
//! naming it.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use wing_runtime::backend::{Backend, OpCall, OpError, OpResult, ResourceIndex, ResourceName};
use wing_std::Value;

/// A resource the function uses, as deployed.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployed {
    pub path: String,
    pub type_name: String,
    /// The props the runtime needs (`initial`, `primaryKey`).
    pub props: BTreeMap<String, serde_json::Value>,
    /// Attribute values (`name`, `url`, `arn`, `table`).
    pub attributes: BTreeMap<String, String>,
}

/// The resources of one function on AWS.
#[derive(Debug, Default)]
pub struct Aws {
    resources: Vec<Deployed>,
    by_path: HashMap<String, ResourceIndex>,
}

impl Aws {
    pub fn new(resources: Vec<Deployed>) -> Aws {
        let by_path = resources.iter().enumerate().map(|(i, r)| (r.path.clone(), i)).collect();
        Aws { resources, by_path }
    }

    /// The value of `attribute` of the resource at `path`.
    pub fn attribute_of(&self, path: &str, attribute: &str) -> Option<String> {
        let index = *self.by_path.get(path)?;
        self.resources[index].attributes.get(attribute).cloned()
    }
}

impl Backend for Aws {
    fn resource(&self, index: ResourceIndex) -> ResourceName<'_> {
        let resource = &self.resources[index];
        ResourceName { path: &resource.path, type_name: &resource.type_name }
    }

    fn index_of(&self, path: &str) -> Option<ResourceIndex> {
        self.by_path.get(path).copied()
    }

    fn operation(self: Arc<Self>, call: &OpCall<'_>, _args: &[Value]) -> OpResult {
        let operation = call.operation;
        let class = operation.type_name.rsplit('.').next().unwrap_or(&operation.type_name);
        Err(OpError::Fatal(format!("{class}.{} on AWS is not built yet", operation.method)))
    }

    fn attribute(&self, index: ResourceIndex, name: &str) -> Option<String> {
        self.resources.get(index)?.attributes.get(name).cloned()
    }

    fn property(&self, index: ResourceIndex, name: &str) -> Option<serde_json::Value> {
        self.resources.get(index)?.props.get(name).cloned()
    }

    /// Standard output: Lambda sends it to the function's log group.
    fn log(&self, _source: &str, line: String) {
        println!("{line}");
    }
}
