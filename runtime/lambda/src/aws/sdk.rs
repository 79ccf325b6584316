//! The AWS SDK as the backend uses it: takes the process environment
//! (credentials, `AWS_REGION`, `AWS_ENDPOINT_URL`) at the first operation,
//! gives each service's client, made once, and runs their calls to
//! completion on a current-thread tokio runtime within the calling
//! invocation's deadline. HTTPS is hyper with rustls on ring.

use aws_config::{BehaviorVersion, SdkConfig};
use std::future::Future;
use std::sync::OnceLock;
use std::time::Instant;
use wing_runtime::backend::OpError;

/// The SDK's clients, made on first use (a function that calls no AWS
/// service loads no SDK configuration).
#[derive(Default)]
pub struct Sdk {
    runtime: OnceLock<tokio::runtime::Runtime>,
    config: OnceLock<SdkConfig>,
    s3: OnceLock<aws_sdk_s3::Client>,
    sqs: OnceLock<aws_sdk_sqs::Client>,
    sns: OnceLock<aws_sdk_sns::Client>,
    dynamodb: OnceLock<aws_sdk_dynamodb::Client>,
    secrets: OnceLock<aws_sdk_secretsmanager::Client>,
    lambda: OnceLock<aws_sdk_lambda::Client>,
}

impl std::fmt::Debug for Sdk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sdk").field("loaded", &self.config.get().is_some()).finish()
    }
}

impl Sdk {
    /// Runs `future` to completion; fails when `deadline` passes first.
    pub fn run<T>(&self, deadline: Option<Instant>, future: impl Future<Output = Result<T, OpError>>) -> Result<T, OpError> {
        let runtime = self.runtime()?;
        runtime.block_on(async {
            match deadline {
                Some(deadline) => tokio::time::timeout_at(deadline.into(), future).await.unwrap_or_else(|_| {
                    Err(OpError::Fatal("the AWS call did not finish before the invocation's deadline".into()))
                }),
                None => future.await,
            }
        })
    }

    fn runtime(&self) -> Result<&tokio::runtime::Runtime, OpError> {
        if let Some(runtime) = self.runtime.get() {
            return Ok(runtime);
        }
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| OpError::Fatal(format!("cannot start the runtime of the AWS calls: {e}")))?;
        Ok(self.runtime.get_or_init(|| runtime))
    }

    /// The configuration every client shares, loaded from the environment.
    fn config(&self) -> Result<&SdkConfig, OpError> {
        if let Some(config) = self.config.get() {
            return Ok(config);
        }
        let https = aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let config = self.runtime()?.block_on(aws_config::defaults(BehaviorVersion::latest()).http_client(https).load());
        Ok(self.config.get_or_init(|| config))
    }

    pub fn s3(&self) -> Result<&aws_sdk_s3::Client, OpError> {
        client(&self.s3, || {
            let config = self.config()?;
            // An endpoint of one's own (moto, MinIO) serves buckets by path.
            let s3 = aws_sdk_s3::config::Builder::from(config).force_path_style(config.endpoint_url().is_some());
            Ok(aws_sdk_s3::Client::from_conf(s3.build()))
        })
    }

    pub fn sqs(&self) -> Result<&aws_sdk_sqs::Client, OpError> {
        client(&self.sqs, || Ok(aws_sdk_sqs::Client::new(self.config()?)))
    }

    pub fn sns(&self) -> Result<&aws_sdk_sns::Client, OpError> {
        client(&self.sns, || Ok(aws_sdk_sns::Client::new(self.config()?)))
    }

    pub fn dynamodb(&self) -> Result<&aws_sdk_dynamodb::Client, OpError> {
        client(&self.dynamodb, || Ok(aws_sdk_dynamodb::Client::new(self.config()?)))
    }

    pub fn secrets(&self) -> Result<&aws_sdk_secretsmanager::Client, OpError> {
        client(&self.secrets, || Ok(aws_sdk_secretsmanager::Client::new(self.config()?)))
    }

    pub fn lambda(&self) -> Result<&aws_sdk_lambda::Client, OpError> {
        client(&self.lambda, || Ok(aws_sdk_lambda::Client::new(self.config()?)))
    }

    /// The region calls go to (`AWS_REGION`).
    pub fn region(&self) -> Result<String, OpError> {
        Ok(self.config()?.region().map_or_else(|| "us-east-1".to_string(), |r| r.to_string()))
    }
}

fn client<C>(cell: &OnceLock<C>, make: impl FnOnce() -> Result<C, OpError>) -> Result<&C, OpError> {
    if let Some(client) = cell.get() {
        return Ok(client);
    }
    let client = make()?;
    Ok(cell.get_or_init(|| client))
}

/// A failed AWS call as a Wing error a `catch` can see: the operation and
/// the SDK's causes of the failure, outermost first, each said once
/// (`Lambda Invoke failed: service error: ResourceNotFoundException:
/// Function not found: …`). Not the SDK's `DisplayErrorContext`, which
/// ends with a debug dump of the raw response (headers, request id).
pub fn failed(what: &str, error: impl std::error::Error) -> OpError {
    let mut message = format!("{what} failed");
    let mut cause: Option<&dyn std::error::Error> = Some(&error);
    while let Some(error) = cause {
        let text = error.to_string();
        // A cause often repeats the one it explains (the operation's error
        // and the modeled error it wraps say the same).
        if !text.is_empty() && !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        cause = error.source();
    }
    OpError::Wing(message, Vec::new())
}
