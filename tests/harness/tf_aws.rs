//! The tf-aws target, checked four ways:
//!
//! * every program in `tests/tf-aws/` and every example compiles to exactly
//!   the Terraform in its `.tf.json` snapshot (`BLESS=1` rewrites them;
//!   review the diff), and every program in `tests/tf-aws/errors/` fails
//!   with exactly the diagnostics in its `.stderr`;
//! * each function's policy holds exactly the actions its simulator grants
//!   need (derived here, independently, from `app.json` and the IAM table),
//!   plus logging to its own log group and consuming its queue, and no
//!   policy anywhere has a `"*"` action or resource;
//! * every file the Terraform refers to under `assets/` is written;
//! * `checkov` finds nothing in the examples' Terraform, but for the checks
//!   `spec/tf-aws.md` skips with a reason.

#[allow(dead_code, reason = "each harness uses part of the shared helpers")]
mod common;

use serde_json::Value as Json;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use wingc::driver::{Compiled, Input, compile, compile_tf_aws};
use wingc::targets::tf_aws::{Packing, TfAwsApp, iam, names};

/// Every program the target is checked on: the resource programs and the
/// examples, with where their snapshot is.
fn programs() -> Vec<(PathBuf, PathBuf)> {
    let root = common::root();
    let dir = root.join("tests/tf-aws");
    let mut programs: Vec<(PathBuf, PathBuf)> =
        common::programs(&dir).into_iter().map(|file| (file.clone(), file.with_extension("tf.json"))).collect();
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root.join("examples"))
        .expect("examples/")
        .map(|e| e.expect("entry").path().join("main.w"))
        .filter(|p| p.is_file())
        .collect();
    examples.sort();
    for file in examples {
        let name = file.parent().and_then(Path::file_name).expect("example folder").to_string_lossy().into_owned();
        programs.push((file, dir.join("examples").join(format!("{name}.tf.json"))));
    }
    programs
}

fn input<'t>(file: &'t Path, text: &'t str, name: &'t str) -> Input<'t> {
    Input { name, text, dir: file.parent(), out_dir: None }
}

fn tf_aws(file: &Path) -> Result<TfAwsApp, String> {
    let text = std::fs::read_to_string(file).expect("read program");
    let name = file.file_name().expect("file name").to_string_lossy().into_owned();
    match compile_tf_aws(input(file, &text, &name), Packing::default()) {
        Compiled::Ok { app, .. } => Ok(app),
        Compiled::Failed { sources, diagnostics } => Err(wingc::diagnostics::render(&diagnostics, &sources)),
    }
}

fn manifest(file: &Path) -> wing_abi::Manifest {
    let text = std::fs::read_to_string(file).expect("read program");
    let name = file.file_name().expect("file name").to_string_lossy().into_owned();
    match compile(input(file, &text, &name)) {
        Compiled::Ok { app, .. } => app.manifest,
        Compiled::Failed { sources, diagnostics } => {
            panic!("{} does not compile:\n{}", file.display(), wingc::diagnostics::render(&diagnostics, &sources))
        }
    }
}

fn pretty(json: &Json) -> String {
    serde_json::to_string_pretty(json).expect("Json prints") + "\n"
}

#[test]
fn programs_compile_to_their_terraform() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut mismatches = Vec::new();
    for (file, snapshot) in programs() {
        let rendered = match tf_aws(&file) {
            Ok(app) => pretty(&app.terraform),
            Err(diagnostics) => format!("{} does not compile for tf-aws:\n{diagnostics}", file.display()),
        };
        if bless {
            std::fs::create_dir_all(snapshot.parent().expect("a folder")).expect("create folder");
            std::fs::write(&snapshot, &rendered).expect("write snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&snapshot).unwrap_or_default();
        if expected != rendered {
            mismatches.push(format!("{} differs from {}", file.display(), snapshot.display()));
        }
    }
    assert!(mismatches.is_empty(), "{}; rerun with BLESS=1 to accept, and review the diff", mismatches.join("\n"));
}

#[test]
fn what_aws_cannot_run_is_a_located_error() {
    let bless = std::env::var_os("BLESS").is_some();
    let programs = common::programs(&common::root().join("tests/tf-aws/errors"));
    assert!(programs.len() >= 4, "expected the error programs in tests/tf-aws/errors");
    let mut mismatches = Vec::new();
    for file in programs {
        let rendered = match tf_aws(&file) {
            Ok(_) => format!("{}: compiled for tf-aws, but it is in tests/tf-aws/errors", file.display()),
            Err(diagnostics) => diagnostics,
        };
        let expected_file = file.with_extension("stderr");
        if bless {
            std::fs::write(&expected_file, &rendered).expect("write .stderr");
        } else if std::fs::read_to_string(&expected_file).unwrap_or_default() != rendered {
            mismatches.push(format!("{}\n--- actual\n{rendered}", file.display()));
        }
    }
    assert!(mismatches.is_empty(), "rerun with BLESS=1 to accept:\n{}", mismatches.join("\n"));
}

/// The Terraform type of each resource type a grant can name.
fn terraform_type(type_name: &str) -> &'static str {
    match type_name {
        "cloud.Bucket" => "aws_s3_bucket",
        "cloud.Queue" => "aws_sqs_queue",
        "cloud.Topic" => "aws_sns_topic",
        "cloud.Counter" | "ex.Table" => "aws_dynamodb_table",
        "cloud.Function" => "aws_lambda_function",
        "cloud.Secret" => "aws_secretsmanager_secret",
        other => panic!("no Terraform type for {other}"),
    }
}

/// (resource, action) pairs of a policy document.
fn permissions(policy: &Json) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    for statement in policy["Statement"].as_array().expect("statements") {
        assert_eq!(statement["Effect"], "Allow");
        let resources: Vec<&str> = match &statement["Resource"] {
            Json::String(one) => vec![one],
            Json::Array(many) => many.iter().filter_map(Json::as_str).collect(),
            other => panic!("a statement's resource is {other}"),
        };
        let actions: Vec<&str> = match &statement["Action"] {
            Json::String(one) => vec![one],
            Json::Array(many) => many.iter().filter_map(Json::as_str).collect(),
            other => panic!("a statement's action is {other}"),
        };
        for resource in &resources {
            for action in &actions {
                pairs.insert((resource.to_string(), action.to_string()));
            }
        }
    }
    pairs
}

#[test]
fn policies_grant_exactly_what_the_simulator_grants() {
    let mut checked = 0;
    for (file, _) in programs() {
        let manifest = manifest(&file);
        let terraform = tf_aws(&file).unwrap_or_else(|e| panic!("{e}")).terraform;
        let policies = &terraform["resource"]["aws_iam_role_policy"];
        for function in manifest.resources.iter().filter(|r| r.bundle.is_some()) {
            let name = names::tf_name(&function.path);
            let mut expected: BTreeSet<(String, String)> = BTreeSet::new();
            let log_group = format!("${{aws_cloudwatch_log_group.{name}.arn}}:*");
            expected.insert((log_group.clone(), "logs:CreateLogStream".into()));
            expected.insert((log_group, "logs:PutLogEvents".into()));
            for edge in manifest.edges.iter().filter(|e| e.from == function.path && e.kind == wing_abi::EdgeKind::Uses) {
                let used = manifest.resource(&edge.to).expect("the used resource");
                for op in &edge.ops {
                    let rows: Vec<_> = iam::ACTIONS.iter().filter(|(t, m, _, _)| *t == used.type_name && m == op).collect();
                    assert!(!rows.is_empty(), "{}: no IAM row for {}.{op}", file.display(), used.type_name);
                    let arn = format!("${{{}.{}.arn}}", terraform_type(&used.type_name), names::tf_name(&used.path));
                    for (_, _, actions, scope) in rows {
                        let resource = match scope {
                            iam::Scope::Resource => arn.clone(),
                            iam::Scope::Objects => format!("{arn}/*"),
                        };
                        expected.extend(actions.iter().map(|a| (resource.clone(), a.to_string())));
                    }
                }
            }
            for edge in manifest.edges.iter().filter(|e| e.to == function.path && e.kind == wing_abi::EdgeKind::Consumer) {
                let queue = format!("${{aws_sqs_queue.{}.arn}}", names::tf_name(&edge.from));
                for action in ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]
                {
                    expected.insert((queue.clone(), action.into()));
                }
            }
            let policy_text =
                policies[&name]["policy"].as_str().unwrap_or_else(|| panic!("{}: no policy for {name}", file.display()));
            let policy: Json = serde_json::from_str(policy_text).expect("the policy is Json");
            let actual = permissions(&policy);
            assert_eq!(actual, expected, "{}: the policy of {} differs from its simulator grants", file.display(), function.path);
            for (resource, action) in &actual {
                assert!(!resource.contains('*') || resource.ends_with("/*") || resource.ends_with(":*"), "{resource}");
                assert!(!action.contains('*'), "{}: wildcard action {action}", file.display());
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} functions checked");
}

#[test]
fn every_asset_the_terraform_names_is_written() {
    for (file, _) in programs() {
        let app = tf_aws(&file).unwrap_or_else(|e| panic!("{e}"));
        let text = app.terraform.to_string();
        let written: BTreeSet<&str> = app.assets.iter().map(|(path, _)| path.as_str()).collect();
        let mut named = BTreeSet::new();
        for piece in text.split("${path.module}/").skip(1) {
            let end = piece.find(['"', '\\']).unwrap_or(piece.len());
            named.insert(piece[..end].to_string());
        }
        for asset in &named {
            if asset == "assets/runtime.zip" {
                continue;
            }
            assert!(written.contains(asset.as_str()), "{}: {asset} is named but not written", file.display());
        }
        for function in app.assets.iter().filter(|(path, _)| path.ends_with(".zip")) {
            assert!(named.contains(&function.0), "{}: {} is written but never named", file.display(), function.0);
        }
    }
}

/// The checks `spec/tf-aws.md` skips: the first column of its "Checks"
/// table.
fn skipped_checks() -> Vec<String> {
    let spec = std::fs::read_to_string(common::root().join("spec/tf-aws.md")).expect("spec/tf-aws.md");
    let section = spec.split("## Checks").nth(1).expect("a Checks section").split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| CKV"))
        .map(|rest| format!("CKV{}", rest.split('|').next().unwrap_or_default().trim()))
        .collect()
}

#[test]
fn checkov_passes_the_examples_terraform() {
    let root = common::root();
    let venv = std::env::var_os("WINGC_VENV").map(PathBuf::from).unwrap_or_else(|| root.join("target/venv"));
    let checkov = venv.join("bin/checkov");
    assert!(checkov.is_file(), "checkov is not installed at {}: run tests/tools/venv.sh", checkov.display());
    let skips = skipped_checks();
    assert!(skips.len() >= 10, "the skip table of spec/tf-aws.md was not found: {skips:?}");
    let scan = common::scratch("checkov");
    for (file, snapshot) in programs() {
        let app = tf_aws(&file).unwrap_or_else(|e| panic!("{e}"));
        let dir = scan.join(snapshot.file_stem().expect("name").to_string_lossy().trim_end_matches(".tf"));
        wingc::targets::tf_aws::write(&app, &dir).expect("write the Terraform");
    }
    let output = Command::new(&checkov)
        .args([
            "--directory",
            scan.to_str().expect("a path"),
            "--framework",
            "terraform_json",
            "--skip-download",
            "--output",
            "json",
        ])
        .args(["--skip-check", &skips.join(",")])
        .env("BC_SKIP_MAPPING", "TRUE")
        .output()
        .expect("run checkov");
    let report: Json = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("checkov printed no Json ({e}):\n{}", String::from_utf8_lossy(&output.stderr)));
    let reports: Vec<Json> = match report {
        Json::Array(many) => many,
        one => vec![one],
    };
    let mut failed = Vec::new();
    let mut summary = BTreeMap::new();
    for report in &reports {
        for check in report["results"]["failed_checks"].as_array().into_iter().flatten() {
            failed.push(format!("{} {} ({})", check["check_id"], check["resource"], check["file_path"]));
        }
        for key in ["passed", "failed", "parsing_errors"] {
            *summary.entry(key).or_insert(0) += report["summary"][key].as_u64().unwrap_or(0);
        }
    }
    let _ = std::fs::remove_dir_all(&scan);
    assert!(
        failed.is_empty(),
        "checkov failed checks (fix them, or skip them in spec/tf-aws.md with a reason):\n{}",
        failed.join("\n")
    );
    assert_eq!(summary["parsing_errors"], 0, "checkov could not parse some Terraform");
    assert!(summary["passed"] > 100, "checkov checked too little: {summary:?}");
}

/// The operations `app.json` grants the function `root/Default/<id>`, by
/// the id of each resource.
fn granted(manifest: &wing_abi::Manifest, function: &str) -> BTreeMap<String, Vec<String>> {
    let from = format!("root/Default/{function}");
    manifest
        .edges
        .iter()
        .filter(|e| e.from == from && e.kind == wing_abi::EdgeKind::Uses)
        .map(|e| (e.to.trim_start_matches("root/Default/").to_string(), e.ops.clone()))
        .collect()
}

#[test]
fn grants_follow_aliases_parameters_and_lift_blocks() {
    let file = common::root().join("tests/tf-aws/grants.w");
    let manifest = manifest(&file);
    let expect = |pairs: &[(&str, &[&str])]| -> BTreeMap<String, Vec<String>> {
        pairs.iter().map(|(r, ops)| (r.to_string(), ops.iter().map(|o| o.to_string()).collect())).collect()
    };
    assert_eq!(granted(&manifest, "alias"), expect(&[("uploads", &["exists"])]));
    assert_eq!(granted(&manifest, "closure-parameter"), expect(&[("archive", &["put"])]));
    assert_eq!(granted(&manifest, "method-parameters"), expect(&[("archive", &["put"]), ("uploads", &["delete", "get"])]));
    assert_eq!(granted(&manifest, "collection"), expect(&[("archive", &["list"]), ("uploads", &["list"])]));
    assert_eq!(granted(&manifest, "inflight-closure"), expect(&[("jobs", &["push"])]));
    assert_eq!(granted(&manifest, "chain"), expect(&[("visits", &["inc"])]));
    assert_eq!(granted(&manifest, "subclass"), expect(&[("hits", &["inc", "peek"]), ("notes", &["putJson"])]));

    let text = std::fs::read_to_string(&file).expect("read grants.w");
    let Compiled::Ok { app, .. } = compile(input(&file, &text, "grants.w")) else { panic!("grants.w compiles") };
    let simulator = wing_runtime::App::new(app.manifest, &app.bundles).expect("the simulator loads the app");
    let results = simulator.run_tests(&wing_runtime::TestOptions::default());
    assert!(results.iter().all(|r| r.passed), "the simulator refused a granted operation: {results:?}");
}
