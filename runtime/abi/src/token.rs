//! Attribute tokens: takes a resource path and an attribute name, gives the
//! placeholder text that stands for a value only the running simulator
//! knows (an Api's `url`, chosen when its server starts), and replaces such
//! placeholders in text once the values are known.
//!
//! Preflight code sees `${wsim#root/Default/Api#url}`; it can build other
//! strings from it (`"{api.url}/users"`). Wherever that text reaches the
//! simulator (a lifted value, a function's `env`), every token in it is
//! replaced by the attribute's value.

const OPEN: &str = "${wsim#";

/// The token for `attribute` of the resource at `path`.
pub fn token(path: &str, attribute: &str) -> String {
    format!("{OPEN}{path}#{attribute}}}")
}

/// Whether `text` holds a token.
pub fn has_token(text: &str) -> bool {
    text.contains(OPEN)
}

/// The (resource path, attribute) of every token in `text`, in order.
pub fn tokens(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find('}') else { break };
        if let Some((path, attribute)) = after[..end].rsplit_once('#') {
            found.push((path.to_string(), attribute.to_string()));
        }
        rest = &after[end + 1..];
    }
    found
}

/// `text` with every token replaced by `value(path, attribute)`; a token
/// without a value stays as it is.
pub fn resolve(text: &str, value: &dyn Fn(&str, &str) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len()..];
        let parsed = after.find('}').and_then(|end| {
            let (path, attribute) = after[..end].rsplit_once('#')?;
            Some((value(path, attribute)?, end))
        });
        match parsed {
            Some((resolved, end)) => {
                out.push_str(&resolved);
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_inside_text_are_replaced() {
        let url = token("root/Default/Api", "url");
        let text = format!("GET {url}/users and {}", token("root/Default/Other", "url"));
        let resolved = resolve(&text, &|path, attribute| {
            (path == "root/Default/Api" && attribute == "url").then(|| "http://127.0.0.1:4000".to_string())
        });
        assert_eq!(resolved, "GET http://127.0.0.1:4000/users and ${wsim#root/Default/Other#url}");
        assert!(has_token(&text));
        assert_eq!(
            tokens(&text),
            [("root/Default/Api".to_string(), "url".to_string()), ("root/Default/Other".to_string(), "url".to_string())]
        );
        assert!(!has_token(&resolved.replace("${wsim#root/Default/Other#url}", "")));
    }
}
