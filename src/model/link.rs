//! Which URLs from a file may become links.
//!
//! A source's `url` comes from a stranger's file. Handing `javascript:`, `file:`, `smb:` or a
//! custom protocol to the system is how protocol-handler exploits are triggered, so only `http`
//! and `https` are links; anything else is shown as text and `check` warns about it.

/// Whether `url` is an `http:` or `https:` URL with a host, and so may be opened in a browser.
pub fn is_web_link(url: &str) -> bool {
    let url = url.trim();
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
        && rest
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|host| !host.is_empty())
        && !url.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_are_links() {
        for url in [
            "https://www.reuters.com/a",
            "HTTP://example.org",
            "http://x?y",
        ] {
            assert!(is_web_link(url), "{url}");
        }
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "smb://host/share",
            "ms-msdt:/id",
            "https:///no-host",
            "https://a\u{0}b",
            "",
        ] {
            assert!(!is_web_link(url), "{url}");
        }
    }
}
