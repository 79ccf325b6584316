//! The AWS backend of the host: takes the resources of a function's config
//! with their attributes (read from the environment at init), gives the
//! [`Backend`] its invocations run on, whose resource operations call AWS
//! through the SDK (`sdk.rs`): a bucket on S3, a queue on SQS, a topic on
//! SNS, a counter and a table on DynamoDB, a secret on Secrets Manager, a
//! function on Lambda. Grants are checked by the host before an operation
//! gets here, exactly as in the simulator. An operation with no AWS
//! implementation fails its invocation with a message naming it.

mod dynamodb;
mod functions;
mod messaging;
mod s3;
mod sdk;
mod secrets;

use sdk::Sdk;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::time::Instant;
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
    sdk: Sdk,
}

/// One operation's receiver, as the services' modules see it.
pub struct Target<'a> {
    pub sdk: &'a Sdk,
    pub resource: &'a Deployed,
    /// When the calling invocation times out.
    pub deadline: Option<Instant>,
}

impl Target<'_> {
    /// The attribute `name` of the resource (set at init, so always there
    /// for the resources of a valid config).
    pub fn attribute(&self, name: &str) -> Result<&str, OpError> {
        self.resource
            .attributes
            .get(name)
            .map(String::as_str)
            .ok_or_else(|| OpError::Fatal(format!("{} has no attribute {name} in the function's config", self.resource.path)))
    }

    /// Runs an AWS call within the invocation's deadline.
    pub fn run<T>(&self, future: impl std::future::Future<Output = Result<T, OpError>>) -> Result<T, OpError> {
        self.sdk.run(self.deadline, future)
    }
}

impl Aws {
    pub fn new(resources: Vec<Deployed>) -> Aws {
        let by_path = resources.iter().enumerate().map(|(i, r)| (r.path.clone(), i)).collect();
        Aws { resources, by_path, sdk: Sdk::default() }
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

    fn operation(self: Arc<Self>, call: &OpCall<'_>, args: &[Value]) -> OpResult {
        let operation = call.operation;
        let target = Target { sdk: &self.sdk, resource: &self.resources[call.resource], deadline: call.deadline };
        let method = &*operation.method;
        let result = match &*operation.type_name {
            "cloud.Bucket" => s3::bucket(&target, method, args),
            "cloud.Queue" => messaging::queue(&target, method, args),
            "cloud.Topic" => messaging::topic(&target, method, args),
            "cloud.Counter" => dynamodb::counter(&target, method, args),
            "ex.Table" => dynamodb::table(&target, method, args),
            "cloud.Secret" => secrets::secret(&target, method),
            "cloud.Function" => functions::function(&target, method, args),
            _ => None,
        };
        result.unwrap_or_else(|| {
            let class = operation.type_name.rsplit('.').next().unwrap_or(&operation.type_name);
            Err(OpError::Fatal(format!("{class}.{method} on AWS is not built yet")))
        })
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
