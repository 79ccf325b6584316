//! Names for tf-aws: takes a resource's path, gives its Terraform name
//! (readable, from the path) and the names AWS sees (the deployment's
//! `name_prefix`, a slug of the path and a hash of it, so two resources
//! never share a name and a name fits AWS's length limits).

/// A 64-bit FNV-1a hash (stable across runs and machines).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(0x100000001b3))
}

/// Eight hex digits that tell resource paths apart.
pub fn hash8(path: &str) -> String {
    format!("{:08x}", fnv1a(path.as_bytes()) as u32)
}

/// The path without the app's root (`root/Default/Queue/Consumer0` →
/// `Queue/Consumer0`).
fn relative(path: &str) -> &str {
    path.strip_prefix("root/Default/").unwrap_or(path)
}

/// The Terraform name of a resource: `Queue_Consumer0`.
pub fn tf_name(path: &str) -> String {
    relative(path).replace('/', "_")
}

/// Lowercase letters, digits and single dashes, at most `max` long.
fn slug(path: &str, max: usize) -> String {
    let mut out = String::new();
    for c in relative(path).chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.chars().take(max).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "r".to_string() } else { out }
}

/// The AWS name of a resource: `${var.name_prefix}-queue-consumer0-1a2b3c4d`
/// (at most 64 characters with a 16-character prefix).
pub fn physical(path: &str) -> String {
    format!("${{var.name_prefix}}-{}-{}", slug(path, 30), hash8(path))
}

/// A bucket's name prefix (S3 adds a unique suffix; at most 37 characters).
pub fn bucket_prefix(path: &str) -> String {
    format!("${{var.name_prefix}}-{}-", slug(path, 18))
}

/// The default `name_prefix`: the program's name as a valid prefix.
pub fn prefix_default(program: &str) -> String {
    let slug = slug(program, 16);
    if slug.starts_with(|c: char| c.is_ascii_alphabetic()) { slug } else { format!("w{}", &slug[..slug.len().min(15)]) }
}

/// The environment variable that holds `attribute` of the resource at
/// `path` of type `type_name`: `WING_BUCKET_NAME_1a2b3c4d`.
pub fn env_var(type_name: &str, attribute: &str, path: &str) -> String {
    let kind = type_name.rsplit('.').next().unwrap_or(type_name);
    format!("WING_{}_{}_{}", kind.to_ascii_uppercase(), attribute.to_ascii_uppercase(), hash8(path).to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_paths() {
        assert_eq!(tf_name("root/Default/Queue/Consumer0"), "Queue_Consumer0");
        assert_eq!(slug("root/Default/My Store/Big--Bucket", 30), "my-store-big-bucket");
        assert!(physical("root/Default/Queue/Consumer0").starts_with("${var.name_prefix}-queue-consumer0-"));
        assert_ne!(physical("root/Default/a"), physical("root/Default/A"));
        assert_eq!(bucket_prefix("root/Default/uploads"), "${var.name_prefix}-uploads-");
        assert_eq!(prefix_default("main"), "main");
        assert_eq!(prefix_default("2024-report"), "w2024-report");
        assert!(env_var("cloud.Bucket", "name", "root/Default/uploads").starts_with("WING_BUCKET_NAME_"));
    }
}
