//! The Terraform JSON document: takes resources, variables
//! and outputs as they are added, gives the `main.tf.json` value.
//!
//! Terraform reads every string of a `.tf.json` file as a template, so a
//! value the user wrote (an object's body, an environment variable) goes
//! through [`literal`], which escapes `${` and `%{`; references to other
//! resources are written with [`Address::attr`]. Resource names are unique
//! within their type and readable: they come from the resource's path.

use indexmap::IndexMap;
use serde_json::{Map, Value as Json, json};
use std::collections::BTreeSet;

/// Blocks of one section by type, then by name, in the order added.
type Section = IndexMap<String, IndexMap<String, Json>>;

/// A resource of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    /// `aws_s3_bucket`.
    pub kind: String,
    pub name: String,
}

impl Address {
    /// The reference expression of an attribute, without `${ }`:
    /// `aws_s3_bucket.uploads.arn`.
    pub fn expr(&self, attribute: &str) -> String {
        format!("{}.{}.{attribute}", self.kind, self.name)
    }

    /// A string whose value is an attribute: `${aws_s3_bucket.uploads.arn}`.
    pub fn attr(&self, attribute: &str) -> String {
        format!("${{{}}}", self.expr(attribute))
    }

    /// The address as `depends_on` names it.
    pub fn dependency(&self) -> String {
        format!("{}.{}", self.kind, self.name)
    }
}

/// A text the user wrote, as a Terraform string that means exactly it.
pub fn literal(text: &str) -> String {
    text.replace("${", "$${").replace("%{", "%%{")
}

/// A number as Terraform shows it: whole numbers without a fraction.
pub fn number(n: f64) -> Json {
    if n.fract() == 0.0 && n.abs() < 9e15 { json!(n as i64) } else { json!(n) }
}

/// The document under construction.
#[derive(Debug, Default)]
pub struct Document {
    variables: Map<String, Json>,
    resources: Section,
    outputs: Map<String, Json>,
    taken: BTreeSet<(String, String)>,
}

impl Document {
    /// Adds a resource named `name` (made unique within its type) and gives
    /// its address.
    pub fn resource(&mut self, kind: &str, name: &str, body: Json) -> Address {
        let name = self.unique(kind, name);
        self.resources.entry(kind.to_string()).or_default().insert(name.clone(), body);
        Address { kind: kind.to_string(), name }
    }

    pub fn variable(&mut self, name: &str, body: Json) {
        self.variables.insert(name.to_string(), body);
    }

    pub fn output(&mut self, name: &str, description: &str, value: String) {
        let name = self.unique("output", name);
        self.outputs.insert(name, json!({ "description": description, "value": value }));
    }

    /// A resource added earlier, to extend it (a bucket's notifications
    /// gather the handlers of every event).
    pub fn body_mut(&mut self, address: &Address) -> Option<&mut Json> {
        self.resources.get_mut(&address.kind)?.get_mut(&address.name)
    }

    /// The whole `main.tf.json`.
    pub fn into_json(self, provider: Json, terraform: Json) -> Json {
        let mut document = Map::new();
        document.insert("terraform".into(), terraform);
        document.insert("provider".into(), provider);
        let sections = [("variable", self.variables), ("resource", section_json(self.resources)), ("output", self.outputs)];
        for (key, section) in sections {
            if !section.is_empty() {
                document.insert(key.into(), Json::Object(section));
            }
        }
        Json::Object(document)
    }

    fn unique(&mut self, kind: &str, name: &str) -> String {
        let base = identifier(name);
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.taken.insert((kind.to_string(), candidate.clone())) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        candidate
    }
}

fn section_json(section: Section) -> Map<String, Json> {
    section.into_iter().map(|(kind, blocks)| (kind, Json::Object(blocks.into_iter().collect()))).collect()
}

/// A Terraform identifier: letters, digits, `_` and `-`, starting with a
/// letter or `_`.
fn identifier(name: &str) -> String {
    let mut out: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_not_a_template() {
        assert_eq!(literal("cost: ${price} %{if x}"), "cost: $${price} %%{if x}");
        assert_eq!(literal("plain $5 {x}"), "plain $5 {x}");
    }

    #[test]
    fn names_are_identifiers_unique_per_type() {
        let mut doc = Document::default();
        let a = doc.resource("aws_s3_bucket", "my bucket", json!({}));
        let b = doc.resource("aws_s3_bucket", "my_bucket", json!({}));
        let c = doc.resource("aws_sqs_queue", "my_bucket", json!({}));
        let d = doc.resource("aws_sqs_queue", "9lives", json!({}));
        assert_eq!(
            (a.name.as_str(), b.name.as_str(), c.name.as_str(), d.name.as_str()),
            ("my_bucket", "my_bucket_2", "my_bucket", "_9lives")
        );
        assert_eq!(a.attr("arn"), "${aws_s3_bucket.my_bucket.arn}");
    }
}
