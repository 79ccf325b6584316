//! Queues, topics and schedules: takes `cloud.Queue` (props `timeout`,
//! `retentionPeriod`, `dlq`), `cloud.Topic`, `cloud.Schedule` (`rate` or
//! `cron`) and the edges that feed functions and queues from them, gives
//! SQS queues (encrypted, with redrive to their dead-letter queue), SNS
//! topics (encrypted) with their subscriptions, EventBridge rules, and
//! the permissions each delivery needs: an event source mapping reporting
//! partial batch failures and the consumer's SQS actions, an invoke
//! permission scoped to the topic or rule, a queue policy letting exactly
//! its topics send.

use super::document::{Address, number};
use super::functions::DeployedFunction;
use super::{Builder, Deployed, names};
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use wing_abi::Resource;

/// Wing's defaults for a queue.
pub const DEFAULT_VISIBILITY_SECONDS: f64 = 30.0;
const DEFAULT_RETENTION_SECONDS: f64 = 3600.0;

pub fn queue(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let seconds = |name: &str, default: f64| resource.props.get(name).and_then(Json::as_f64).unwrap_or(default).ceil();
    let queue = builder.doc.resource(
        "aws_sqs_queue",
        &names::tf_name(&resource.path),
        json!({
            "name": names::physical(&resource.path),
            "visibility_timeout_seconds": number(seconds("timeout", DEFAULT_VISIBILITY_SECONDS)),
            "message_retention_seconds": number(seconds("retentionPeriod", DEFAULT_RETENTION_SECONDS)),
            "sqs_managed_sse_enabled": true
        }),
    );
    Deployed {
        type_name: resource.type_name.clone(),
        arn: queue.attr("arn"),
        attrs: BTreeMap::from([("url", queue.attr("url"))]),
        address: queue,
    }
}

pub fn topic(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let topic = builder.doc.resource(
        "aws_sns_topic",
        &names::tf_name(&resource.path),
        json!({ "name": names::physical(&resource.path), "kms_master_key_id": "alias/aws/sns" }),
    );
    Deployed {
        type_name: resource.type_name.clone(),
        arn: topic.attr("arn"),
        attrs: BTreeMap::from([("arn", topic.attr("arn"))]),
        address: topic,
    }
}

/// A schedule is an EventBridge rule; each `onTick` handler is a target.
pub fn schedule(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let expression = match (resource.props.get("rate").and_then(Json::as_f64), resource.props.get("cron").and_then(Json::as_str))
    {
        (Some(seconds), _) => rate(seconds),
        (None, Some(cron)) => wing_abi::cron::Cron::parse(cron).and_then(|parsed| parsed.to_aws(cron)),
        (None, None) => Err("a schedule needs a `rate` or a `cron`".to_string()),
    };
    let expression = expression.unwrap_or_else(|error| {
        builder.error(&resource.path, "E0704", format!("this schedule cannot run on AWS: {error}"), None);
        String::new()
    });
    let name = names::tf_name(&resource.path);
    let rule = builder.doc.resource(
        "aws_cloudwatch_event_rule",
        &name,
        json!({
            "name_prefix": format!("${{var.name_prefix}}-{}-", name.chars().take(20).collect::<String>().replace('_', "-")),
            "description": format!("Ticks of {}", resource.path),
            "schedule_expression": expression
        }),
    );
    Deployed { type_name: resource.type_name.clone(), arn: rule.attr("arn"), attrs: BTreeMap::new(), address: rule }
}

/// EventBridge's `rate(…)`: whole minutes, in the largest unit that fits.
fn rate(seconds: f64) -> Result<String, String> {
    if seconds < 60.0 || seconds.fract() != 0.0 || seconds % 60.0 != 0.0 {
        return Err(format!("EventBridge schedules run every whole number of minutes, not every {seconds} s"));
    }
    let minutes = seconds as u64 / 60;
    let (count, unit) = match minutes {
        m if m % 1440 == 0 => (m / 1440, "day"),
        m if m % 60 == 0 => (m / 60, "hour"),
        m => (m, "minute"),
    };
    Ok(format!("rate({count} {unit}{})", if count == 1 { "" } else { "s" }))
}

/// A schedule's `onTick` handler.
pub fn tick(builder: &mut Builder<'_>, schedule: &Deployed, function_path: &str) {
    let Some(function) = builder.functions.get(function_path).cloned() else { return };
    rule_target(builder, &schedule.address, &function, &names::tf_name(function_path));
}

/// An EventBridge rule invoking a function: the target and the permission.
pub fn rule_target(builder: &mut Builder<'_>, rule: &Address, function: &DeployedFunction, name: &str) {
    builder.doc.resource(
        "aws_cloudwatch_event_target",
        name,
        json!({ "rule": rule.attr("name"), "arn": function.lambda.attr("arn") }),
    );
    permission(builder, name, function, "events.amazonaws.com", rule.attr("arn"));
}

/// Lets `principal` invoke the function, from `source_arn` only.
pub fn permission(builder: &mut Builder<'_>, name: &str, function: &DeployedFunction, principal: &str, source_arn: String) {
    builder.doc.resource(
        "aws_lambda_permission",
        name,
        json!({
            "action": "lambda:InvokeFunction",
            "function_name": function.lambda.attr("function_name"),
            "principal": principal,
            "source_arn": source_arn
        }),
    );
}

/// A queue's consumer: an event source mapping reporting partial batch
/// failures, and the SQS actions the mapping uses on the consumer's role.
pub fn consumer(builder: &mut Builder<'_>, queue_path: &str, queue: &Deployed, function_path: &str) {
    let Some(function) = builder.functions.get(function_path).cloned() else { return };
    let visibility = builder
        .input
        .manifest
        .resource(queue_path)
        .and_then(|r| r.props.get("timeout"))
        .and_then(Json::as_f64)
        .unwrap_or(DEFAULT_VISIBILITY_SECONDS);
    if function.timeout > visibility.ceil() {
        builder.error(
            function_path,
            "E0705",
            format!(
                "the consumer's `timeout` ({} s) is longer than its queue's `timeout` ({} s): SQS would hand its message to another consumer while it runs",
                function.timeout,
                visibility.ceil()
            ),
            Some("give the consumer a `timeout` no longer than the queue's, or raise the queue's `timeout`"),
        );
    }
    let batch_size = builder
        .input
        .manifest
        .resource(function_path)
        .and_then(|r| r.props.get("batchSize"))
        .and_then(Json::as_f64)
        .unwrap_or(1.0);
    let mapping = builder.doc.resource(
        "aws_lambda_event_source_mapping",
        &names::tf_name(function_path),
        json!({
            "event_source_arn": queue.arn,
            "function_name": function.lambda.attr("function_name"),
            "batch_size": number(batch_size),
            "function_response_types": ["ReportBatchItemFailures"]
        }),
    );
    if let Some(function) = builder.functions.get_mut(function_path) {
        function.statements.push(json!({
            "Effect": "Allow",
            "Action": ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"],
            "Resource": queue.arn
        }));
        function.policy_dependents.push(mapping);
    }
}

/// A topic's `onMessage` handler: an SNS subscription and the permission
/// for SNS to invoke it.
pub fn topic_to_function(builder: &mut Builder<'_>, topic: &Deployed, function_path: &str) {
    let Some(function) = builder.functions.get(function_path).cloned() else { return };
    let name = names::tf_name(function_path);
    builder.doc.resource(
        "aws_sns_topic_subscription",
        &name,
        json!({ "topic_arn": topic.arn, "protocol": "lambda", "endpoint": function.lambda.attr("arn") }),
    );
    permission(builder, &name, &function, "sns.amazonaws.com", topic.arn.clone());
}

/// `topic.subscribeQueue(queue)`: a raw-delivery SQS subscription; the
/// queue's policy (written once all topics are known) lets it send.
pub fn topic_to_queue(builder: &mut Builder<'_>, topic: &Deployed, queue_path: &str, queue: &Deployed) {
    builder.doc.resource(
        "aws_sns_topic_subscription",
        &format!("{}_{}", topic.address.name, queue.address.name),
        json!({ "topic_arn": topic.arn, "protocol": "sqs", "endpoint": queue.arn, "raw_message_delivery": true }),
    );
    builder.queue_senders.entry(queue_path.to_string()).or_default().push(topic.arn.clone());
}

/// A queue's dead-letter queue: the redrive policy on the queue.
pub fn dead_letter(builder: &mut Builder<'_>, queue: &Deployed, dead_letters: &Deployed, queue_path: &str) {
    let attempts = builder
        .input
        .manifest
        .resource(queue_path)
        .and_then(|r| r.props.get("dlq"))
        .and_then(|dlq| dlq.get("maxDeliveryAttempts"))
        .and_then(Json::as_f64)
        .unwrap_or(1.0);
    let policy = json!({ "deadLetterTargetArn": dead_letters.arn, "maxReceiveCount": number(attempts) }).to_string();
    if let Some(body) = builder.doc.body_mut(&queue.address) {
        body["redrive_policy"] = json!(policy);
    }
}

/// One policy per queue that topics deliver to, allowing exactly those
/// topics to send.
pub fn queue_policies(builder: &mut Builder<'_>) {
    for (path, topics) in std::mem::take(&mut builder.queue_senders) {
        let Some(queue) = builder.deployed.get(&path).cloned() else { continue };
        let statements: Vec<Json> = topics
            .iter()
            .map(|topic| {
                json!({
                    "Effect": "Allow",
                    "Principal": { "Service": "sns.amazonaws.com" },
                    "Action": "sqs:SendMessage",
                    "Resource": queue.arn,
                    "Condition": { "ArnEquals": { "aws:SourceArn": topic } }
                })
            })
            .collect();
        let policy = json!({ "Version": "2012-10-17", "Statement": statements }).to_string();
        builder.doc.resource(
            "aws_sqs_queue_policy",
            &names::tf_name(&path),
            json!({ "queue_url": queue.address.attr("url"), "policy": policy }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::rate;

    #[test]
    fn rates_are_whole_minutes_in_the_largest_unit() {
        assert_eq!(rate(60.0).unwrap(), "rate(1 minute)");
        assert_eq!(rate(300.0).unwrap(), "rate(5 minutes)");
        assert_eq!(rate(7200.0).unwrap(), "rate(2 hours)");
        assert_eq!(rate(86400.0).unwrap(), "rate(1 day)");
        assert!(rate(2.0).is_err() && rate(90.0).is_err());
    }
}
