//! moto's server standing in for AWS on 127.0.0.1: takes the tool from the
//! tests' virtual environment (`tests/tools/venv.sh`), gives a running
//! server on a free port, the environment that points `bootstrap` at it,
//! and SDK clients to create the resources an app needs and read back what
//! its handlers did. The server is killed when dropped.

use aws_config::{BehaviorVersion, Region, SdkConfig};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long moto may take to start listening.
const START_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Moto {
    pub endpoint: String,
    process: Child,
    runtime: tokio::runtime::Runtime,
    config: SdkConfig,
}

/// The tests' virtual environment: `WINGC_VENV`, else `target/venv`.
fn venv() -> PathBuf {
    match std::env::var_os("WINGC_VENV") {
        Some(venv) => PathBuf::from(venv),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/venv"),
    }
}

impl Moto {
    /// Starts a server; fails the test when the tool is not installed.
    pub fn start() -> Moto {
        let tool = venv().join("bin/moto_server");
        assert!(
            tool.exists(),
            "{} is missing: run tests/tools/venv.sh to install the tests' Python tools (moto among them)",
            tool.display()
        );
        let port = TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
        let mut process = Command::new(&tool)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = process.try_wait() {
                panic!("moto_server exited at start ({status})");
            }
            if started.elapsed() > START_TIMEOUT {
                let _ = process.kill();
                panic!("moto_server did not listen on 127.0.0.1:{port} within {START_TIMEOUT:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let endpoint = format!("http://127.0.0.1:{port}");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
        let http = aws_smithy_http_client::Builder::new()
            .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
                aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
            ))
            .build_https();
        let config = runtime.block_on(
            aws_config::defaults(BehaviorVersion::latest())
                .endpoint_url(&endpoint)
                .region(Region::new("us-east-1"))
                .credentials_provider(aws_sdk_s3::config::Credentials::new("test", "test", None, None, "test"))
                .http_client(http)
                .load(),
        );
        Moto { endpoint, process, runtime, config }
    }

    /// The environment that sends `bootstrap`'s AWS calls here.
    pub fn env(&self) -> Vec<(String, String)> {
        crate::aws_env("AWS_ENDPOINT_URL", &self.endpoint)
    }

    /// Runs an SDK call against the server.
    pub fn run<T, E: std::fmt::Debug>(&self, call: impl std::future::Future<Output = Result<T, E>>) -> T {
        self.runtime.block_on(call).expect("a call to moto")
    }

    pub fn s3(&self) -> aws_sdk_s3::Client {
        aws_sdk_s3::Client::from_conf(aws_sdk_s3::config::Builder::from(&self.config).force_path_style(true).build())
    }

    pub fn sqs(&self) -> aws_sdk_sqs::Client {
        aws_sdk_sqs::Client::new(&self.config)
    }

    pub fn sns(&self) -> aws_sdk_sns::Client {
        aws_sdk_sns::Client::new(&self.config)
    }

    pub fn dynamodb(&self) -> aws_sdk_dynamodb::Client {
        aws_sdk_dynamodb::Client::new(&self.config)
    }

    pub fn secrets(&self) -> aws_sdk_secretsmanager::Client {
        aws_sdk_secretsmanager::Client::new(&self.config)
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
