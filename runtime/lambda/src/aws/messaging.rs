//! `cloud.Queue` on SQS and `cloud.Topic` on SNS: takes a queue or topic
//! operation with its arguments and the resource's `url` or `arn`
//! attribute, gives what the simulator's operation gives (`sim/queue.rs`),
//! with its Wing errors. SQS and SNS deliver to consumers and subscribers
//! themselves, so an operation runs none.

use super::Target;
use super::sdk::failed;
use aws_sdk_sqs::types::{QueueAttributeName, SendMessageBatchRequestEntry};
use wing_runtime::backend::shared::{EMPTY_MESSAGE, messages, wing};
use wing_runtime::backend::{OpError, OpResult};
use wing_std::Value;

/// The most messages one `SendMessageBatch` takes.
const SQS_BATCH: usize = 10;

type Operation = fn(&Target<'_>, &[Value]) -> OpResult;

/// Runs the queue operation `method`; `None` when there is no such
/// operation on AWS.
pub fn queue(target: &Target<'_>, method: &str, args: &[Value]) -> Option<OpResult> {
    let operation: Operation = match method {
        "push" => |target, args| push(target, &non_empty(args)?).map(|()| Value::Nil),
        "pop" => |target, _| pop(target),
        "purge" => |target, _| {
            let (sqs, url) = (target.sdk.sqs()?, target.attribute("url")?);
            let request = sqs.purge_queue().queue_url(url);
            target.run(async { request.send().await.map_err(|e| failed("SQS PurgeQueue", e)) })?;
            Ok(Value::Nil)
        },
        "approxSize" => |target, _| approximate_size(target),
        _ => return None,
    };
    Some(operation(target, args))
}

/// Runs the topic operation `method`; `None` when there is no such
/// operation on AWS.
pub fn topic(target: &Target<'_>, method: &str, args: &[Value]) -> Option<OpResult> {
    let operation: Operation = match method {
        "publish" => |target, args| {
            let bodies = non_empty(args)?;
            let (sns, arn) = (target.sdk.sns()?, target.attribute("arn")?);
            target.run(async {
                for body in bodies {
                    sns.publish().topic_arn(arn).message(body).send().await.map_err(|e| failed("SNS Publish", e))?;
                }
                Ok(())
            })?;
            Ok(Value::Nil)
        },
        _ => return None,
    };
    Some(operation(target, args))
}

/// The messages of a `push`/`publish`, refused when one is empty.
fn non_empty(args: &[Value]) -> Result<Vec<String>, OpError> {
    let bodies = messages(args)?;
    if bodies.iter().any(String::is_empty) {
        return wing(EMPTY_MESSAGE);
    }
    Ok(bodies)
}

/// Sends the messages in batches; fails when SQS refuses any.
fn push(target: &Target<'_>, bodies: &[String]) -> Result<(), OpError> {
    let (sqs, url) = (target.sdk.sqs()?, target.attribute("url")?);
    target.run(async {
        for batch in bodies.chunks(SQS_BATCH) {
            let entries = batch
                .iter()
                .enumerate()
                .map(|(i, body)| SendMessageBatchRequestEntry::builder().id(i.to_string()).message_body(body).build())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| failed("SQS SendMessageBatch", e))?;
            let sent = sqs
                .send_message_batch()
                .queue_url(url)
                .set_entries(Some(entries))
                .send()
                .await
                .map_err(|e| failed("SQS SendMessageBatch", e))?;
            if let Some(refused) = sent.failed().first() {
                return wing(format!("SQS refused a message: {}", refused.message().unwrap_or(refused.code())));
            }
        }
        Ok(())
    })
}

/// Receives one message and deletes it; nil when none is visible.
fn pop(target: &Target<'_>) -> OpResult {
    let (sqs, url) = (target.sdk.sqs()?, target.attribute("url")?);
    target.run(async {
        let received = sqs
            .receive_message()
            .queue_url(url)
            .max_number_of_messages(1)
            .wait_time_seconds(0)
            .send()
            .await
            .map_err(|e| failed("SQS ReceiveMessage", e))?;
        let Some(message) = received.messages().first() else { return Ok(Value::Nil) };
        if let Some(receipt) = message.receipt_handle() {
            let deleted = sqs.delete_message().queue_url(url).receipt_handle(receipt).send().await;
            deleted.map_err(|e| failed("SQS DeleteMessage", e))?;
        }
        Ok(message.body().map_or(Value::Nil, Value::str))
    })
}

/// SQS's approximate number of visible messages.
fn approximate_size(target: &Target<'_>) -> OpResult {
    let (sqs, url) = (target.sdk.sqs()?, target.attribute("url")?);
    let request = sqs.get_queue_attributes().queue_url(url).attribute_names(QueueAttributeName::ApproximateNumberOfMessages);
    let attributes = target.run(async { request.send().await.map_err(|e| failed("SQS GetQueueAttributes", e)) })?;
    let size = attributes
        .attributes()
        .and_then(|a| a.get(&QueueAttributeName::ApproximateNumberOfMessages))
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    Ok(Value::Num(size))
}
