//! `jdlib site`: every page is built, every link resolves, contributor content is escaped, and
//! the same library always gives the same bytes. Pages are read with an HTML5 parser, as a
//! browser would read them.

// Test code: a failed step should stop the test with its panic message.
#![allow(clippy::unwrap_used, clippy::case_sensitive_file_extension_comparisons)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{TestRepo, text};
use scraper::{Html, Selector};

/// Every file under `dir`, as (path from `dir`, bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

/// Builds the site of `repo` into `out` and returns stderr.
fn build(repo: &TestRepo, out: &Path, extra: &[&str]) -> String {
    let output = repo
        .cmd()
        .arg("site")
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert!(output.status.success(), "site failed: {stderr}");
    assert!(output.stdout.is_empty(), "site writes nothing on stdout");
    stderr
}

/// The seed library with the base fixture's adverts (synthetic, not real councils' JDs).
fn seed_repo() -> TestRepo {
    let repo = TestRepo::without_git("base");
    repo.overlay_seed_library();
    repo.git_init();
    repo.commit_all("seed");
    repo
}

/// Where an internal link from `page` (path from the site root) leads, or `None` for an
/// address on another site or on the same page.
fn target(page: &str, href: &str) -> Option<String> {
    if href.starts_with("https://")
        || href.starts_with("http://")
        || href.starts_with("mailto:")
        || href.starts_with('#')
    {
        return None;
    }
    let href = href.split(['#', '?']).next().unwrap();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for piece in href.split('/') {
        match piece {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{page} links above the site root: {href}"
                );
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if href.ends_with('/') || path.is_empty() {
        path.push_str(if path.is_empty() {
            "index.html"
        } else {
            "/index.html"
        });
    }
    Some(path)
}

#[test]
fn every_jd_and_role_has_a_page_and_every_link_resolves() {
    let repo = seed_repo();
    let out = repo.path().join("site");
    let stderr = build(&repo, &out, &[]);
    let site = files(&out);
    let jds = repo.jd_files();
    assert!(
        stderr.contains(&format!("built {} JD pages", jds.len())),
        "{stderr}"
    );
    for (path, _) in &jds {
        let (role, file) = path
            .strip_prefix("library/")
            .unwrap()
            .split_once('/')
            .unwrap();
        let slug = file.strip_suffix(".md").unwrap();
        let page = format!("roles/{role}/{slug}/index.html");
        assert!(site.contains_key(&page), "no page for {path}");
        assert!(
            site.contains_key(&format!("roles/{role}/{slug}/{slug}.md")),
            "no download for {path}"
        );
        assert!(site.contains_key(&format!("roles/{role}/index.html")));
        assert!(site.contains_key(&format!("roles/{role}/compare/index.html")));
    }
    for required in [
        "index.html",
        "roles/index.html",
        "salaries/index.html",
        "search/index.html",
        "contribute/index.html",
        "404.html",
        "feed.xml",
        "data/jds.csv",
        "data/jds.json",
        "data/salaries.csv",
        "data/datapackage.json",
        "search/meta.json",
        "assets/style.css",
        "assets/search.js",
    ] {
        assert!(site.contains_key(required), "missing {required}");
    }
    let links = select("a[href], link[href], script[src], form[action]");
    let h1 = select("h1");
    let csp = select("meta[http-equiv=Content-Security-Policy]");
    let mut checked = 0;
    for (path, bytes) in &site {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        assert_eq!(doc.select(&h1).count(), 1, "{path} has one h1");
        assert_eq!(
            doc.select(&csp).count(),
            1,
            "{path} has a Content-Security-Policy"
        );
        for el in doc.select(&links) {
            let v = el.value();
            let href = v
                .attr("href")
                .or(v.attr("src"))
                .or(v.attr("action"))
                .unwrap();
            if let Some(to) = target(path, href) {
                assert!(
                    site.contains_key(&to),
                    "{path} links to {href}, which is not in the site"
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} internal links checked");
    // Light: a JD page with its stylesheet under 60 KB, and a script only on the search page.
    let css = site["assets/style.css"].len();
    let scripts = select("script");
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let has_script = doc.select(&scripts).next().is_some();
        assert_eq!(has_script, path == "search/index.html", "{path}");
        if path.matches('/').count() == 3 && !path.contains("/compare/") {
            assert!(
                bytes.len() + css < 60_000,
                "{path} is {} bytes",
                bytes.len()
            );
        }
    }
}

#[test]
fn the_same_library_builds_the_same_bytes() {
    let repo = seed_repo();
    let (a, b) = (repo.path().join("a"), repo.path().join("b"));
    build(&repo, &a, &["--base-url", "https://example.org/jd/"]);
    build(&repo, &b, &["--base-url", "https://example.org/jd/"]);
    let (a, b) = (files(&a), files(&b));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
    assert!(a.contains_key("sitemap.xml"), "a base URL gives a sitemap");
    let sitemap = String::from_utf8(a["sitemap.xml"].clone()).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/jd/roles/data-analyst/</loc>"));
}

const HOSTILE: &str = r#"---
title: "Analyst </title><script>alert(1)</script>"
role: data-analyst
level: mid
source: model
salary:
  min: 30000
  max: 35000
  period: year
  grade: "<img src=x onerror=alert(2)>"
  basis: indicative
licence: OGL-UK-3.0
location: "\"><svg onload=alert(3)>"
---

## Purpose

<script>alert(4)</script> Hello <b onclick="alert(5)">there</b>.

<img src="https://tracker.example/pixel.png" onerror="alert(6)">

[click](javascript:alert(7)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://example.org/)

<iframe src="https://evil.example/"></iframe>

## Responsibilities

- Do things.

## Person specification

- Be someone.
"#;

#[test]
fn hostile_content_is_shown_as_text_never_run() {
    let repo = seed_repo();
    repo.write("library/data-analyst/model-hostile.md", HOSTILE);
    // 5 MB: over the contract's 1 MiB limit, so it is left out and counted, never read whole.
    let big = format!(
        "{}\n{}",
        HOSTILE.replace("model-hostile", "x"),
        "word ".repeat(1_000_000)
    );
    repo.write("library/data-analyst/model-huge.md", big);
    let out = repo.path().join("site");
    let stderr = build(&repo, &out, &[]);
    assert!(
        stderr.contains("left out 1 JD file with errors"),
        "{stderr}"
    );
    let site = files(&out);
    assert!(!site.keys().any(|k| k.contains("model-huge")));
    let page =
        String::from_utf8(site["roles/data-analyst/model-hostile/index.html"].clone()).unwrap();
    let doc = Html::parse_document(&page);
    let title: String = doc
        .select(&select("title"))
        .next()
        .unwrap()
        .text()
        .collect();
    assert!(
        title.starts_with("Analyst </title><script>alert(1)</script>"),
        "{title}"
    );
    let h1: String = doc.select(&select("h1")).next().unwrap().text().collect();
    assert!(h1.contains("<script>"), "the title is shown as text: {h1}");
    for (path, bytes) in &site {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        for el in doc.select(&select("*")) {
            let v = el.value();
            assert!(
                !matches!(v.name(), "iframe" | "img" | "object" | "embed" | "b"),
                "{path} has a <{}> element",
                v.name()
            );
            if v.name() == "script" {
                assert!(v.attr("src").is_some(), "{path} has an inline script");
            }
            for (name, value) in v.attrs() {
                assert!(
                    !name.starts_with("on"),
                    "{path} has an event handler {name}={value}"
                );
                let lower = value.trim().to_ascii_lowercase();
                assert!(
                    !(lower.starts_with("javascript:") || lower.starts_with("data:")),
                    "{path} has {name}={value}"
                );
                assert!(
                    !value.contains("tracker.example") && !value.contains("evil.example"),
                    "{path} loads {value}"
                );
            }
        }
    }
    assert!(page.contains("&lt;script&gt;alert(4)&lt;/script&gt;"));
    assert!(
        page.contains("href=\"https://example.org/\""),
        "safe links stay"
    );
}

#[test]
fn forge_links_come_from_the_origin_remote_and_are_left_out_without_one() {
    let repo = seed_repo();
    let out = repo.path().join("site");
    build(&repo, &out, &[]);
    let page = fs::read_to_string(out.join("roles/data-analyst/model-senior/index.html")).unwrap();
    assert!(!page.contains("Suggest a change"), "no forge, no links");
    let contribute = fs::read_to_string(out.join("contribute/index.html")).unwrap();
    assert!(!contribute.contains("web form"), "no forge, no form");

    let git = git2::Repository::open(repo.path()).unwrap();
    git.remote("origin", "git@github.com:example-councils/jd-library.git")
        .unwrap();
    build(&repo, &out, &["--branch", "trunk"]);
    let page = fs::read_to_string(out.join("roles/data-analyst/model-senior/index.html")).unwrap();
    assert!(page.contains(
        "href=\"https://github.com/example-councils/jd-library/edit/trunk/library/data-analyst/model-senior.md\">Suggest a change"
    ));
    assert!(page.contains(
        "https://github.com/example-councils/jd-library/issues/new?template=improve-a-job-description.yml&amp;title=Comment%20on%20Senior%20Data%20Analyst&amp;jd=library%2Fdata-analyst%2Fmodel-senior.md\">Comment on this JD"
    ));
    let contribute = fs::read_to_string(out.join("contribute/index.html")).unwrap();
    assert!(contribute.contains(
        "href=\"https://github.com/example-councils/jd-library/issues/new?template=add-a-job-description.yml\">Add a JD with the web form"
    ));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example-councils.github.io/jd-library/roles/data-analyst/model-senior/\">"
    ));
}

#[test]
fn a_folder_jdlib_did_not_build_is_never_replaced() {
    let repo = seed_repo();
    let out: PathBuf = repo.path().join("documents");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("budget.xlsx"), b"precious").unwrap();
    let output = repo
        .cmd()
        .args(["site", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("is not a site jdlib built"), "{stderr}");
    assert_eq!(fs::read(out.join("budget.xlsx")).unwrap(), b"precious");
}

#[test]
fn strict_refuses_to_build_a_library_with_errors() {
    let repo = seed_repo();
    repo.write(
        "library/data-analyst/model-broken.md",
        "---\ntitle: x\n---\n",
    );
    let out = repo.path().join("site");
    let output = repo
        .cmd()
        .args(["site", "--strict", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("library/data-analyst/model-broken.md:"),
        "{stderr}"
    );
    assert!(stderr.contains("the site was not built"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn the_search_index_finds_words_by_title_and_body() {
    let repo = seed_repo();
    let out = repo.path().join("site");
    build(&repo, &out, &[]);
    let meta: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("search/meta.json")).unwrap()).unwrap();
    let docs = usize::try_from(meta["docs"].as_u64().unwrap()).unwrap();
    assert_eq!(docs, repo.jd_files().len());
    let shard: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("search/terms/en.json")).unwrap()).unwrap();
    let engineer = match &shard["engineer"] {
        // A common word has a file of its own, named by its bytes in hex.
        serde_json::Value::Number(n) if n.as_u64() == Some(0) => serde_json::from_slice(
            &fs::read(out.join("search/terms/en/656e67696e656572.json")).unwrap(),
        )
        .unwrap(),
        entry => entry.clone(),
    };
    // Gaps between ascending JD numbers, or a base64 bitmap when that is shorter.
    let decode = |v: &serde_json::Value| -> Vec<u64> {
        match v {
            serde_json::Value::String(b64) => {
                let bytes = base64_decode(b64);
                (0..bytes.len() as u64 * 8)
                    .filter(|&i| bytes[usize::try_from(i / 8).unwrap()] & (1 << (i % 8)) != 0)
                    .collect()
            }
            v => {
                let mut last = 0;
                v.as_array()
                    .unwrap()
                    .iter()
                    .map(|g| {
                        last += g.as_u64().unwrap();
                        last
                    })
                    .collect()
            }
        }
    };
    let (title, body) = (decode(&engineer[0]), decode(&engineer[1]));
    assert!(!title.is_empty() && !body.is_empty());
    assert!(
        title.iter().all(|d| !body.contains(d)),
        "title and body lists are disjoint"
    );
    // A title hit is a JD whose row names an engineer role.
    let shard_size = meta["docShard"].as_u64().unwrap();
    let first = title[0];
    let rows: serde_json::Value = serde_json::from_slice(
        &fs::read(out.join(format!("search/docs/{}.json", first / shard_size))).unwrap(),
    )
    .unwrap();
    let row = &rows[usize::try_from(first % shard_size).unwrap()];
    assert!(
        row[0].as_str().unwrap().to_lowercase().contains("engineer"),
        "{row}"
    );
    assert!(out.join(row[1].as_str().unwrap()).is_file());
}

/// A GET request to the preview server; returns the status code and the body.
fn get(port: u16, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").unwrap().1.to_owned();
    (status, body)
}

/// Kills the server when the test ends, however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_previews_on_loopback_and_rebuilds_when_a_jd_changes() {
    use std::io::{BufRead, BufReader};
    let repo = seed_repo();
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().port()
    };
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jdlib"))
        .current_dir(repo.path())
        .args(["site", "--serve", "--port", &port.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let _server = Server(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |needle: &str| loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no `{needle}` from the server"));
        if line.contains(needle) {
            break line;
        }
    };
    wait_for(&format!("on http://127.0.0.1:{port}/"));
    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("<h1>Job descriptions"), "{home}");
    assert_eq!(get(port, "/../../etc/passwd").0, 404);
    let (status, missing) = get(port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains("Page not found"));

    let path = "library/data-analyst/model-senior.md";
    let text = String::from_utf8(repo.read(path)).unwrap();
    repo.write(
        path,
        text.replace(
            "title: Senior Data Analyst",
            "title: Senior Insight Analyst",
        ),
    );
    wait_for("built ");
    let (_, page) = get(port, "/roles/data-analyst/model-senior/");
    assert!(
        page.contains("<h1>Senior Insight Analyst</h1>"),
        "the page was rebuilt"
    );
}

/// Standard base64, as the browser's `atob` reads it.
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let vals: Vec<u32> = chunk
            .iter()
            .filter(|&&c| c != b'=')
            .map(|&c| u32::try_from(ALPHABET.find(char::from(c)).unwrap()).unwrap())
            .collect();
        let n = vals
            .iter()
            .enumerate()
            .fold(0, |n, (i, v)| n | (v << (18 - 6 * i)));
        for i in 0..vals.len() - 1 {
            out.push(u8::try_from((n >> (16 - 8 * i)) & 0xff).unwrap());
        }
    }
    out
}

#[test]
fn rev_builds_the_library_as_committed_not_the_work_tree() {
    let repo = seed_repo();
    let path = "library/data-analyst/model-senior.md";
    let text = String::from_utf8(repo.read(path)).unwrap();
    repo.write(
        path,
        text.replace("title: Senior Data Analyst", "title: Uncommitted Title"),
    );
    let out = repo.path().join("site");
    build(&repo, &out, &["--rev", "HEAD"]);
    let page = fs::read_to_string(out.join("roles/data-analyst/model-senior/index.html")).unwrap();
    assert!(page.contains("<h1>Senior Data Analyst</h1>"), "{page}");
    let download =
        fs::read_to_string(out.join("roles/data-analyst/model-senior/model-senior.md")).unwrap();
    assert!(!download.contains("Uncommitted"));
    build(&repo, &out, &[]);
    let page = fs::read_to_string(out.join("roles/data-analyst/model-senior/index.html")).unwrap();
    assert!(page.contains("<h1>Uncommitted Title</h1>"));
}

#[test]
fn a_library_outside_git_builds_without_dates_or_forge_links() {
    let repo = TestRepo::without_git("base");
    let out = repo.path().join("site");
    let stderr = build(&repo, &out, &[]);
    assert!(stderr.contains("built "), "{stderr}");
    let page =
        fs::read_to_string(out.join("roles/data-engineer/leeds-2023-06-mid/index.html")).unwrap();
    assert!(!page.contains("Last changed"), "no history, no date");
    assert!(!page.contains("Suggest a change"));
    assert!(
        page.contains("An hourly rate times 37 hours (the national full-time week)"),
        "{page}"
    );
    assert!(!out.join("sitemap.xml").exists(), "no address, no sitemap");
}

#[test]
fn a_base_url_that_is_not_a_web_address_is_refused() {
    let repo = seed_repo();
    for bad in [
        "javascript:alert(1)",
        "example.org/jd",
        "https://x.example/\"><b>",
    ] {
        let out = repo.path().join("site");
        let output = repo
            .cmd()
            .args(["site", "--base-url", bad, "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let stderr = text(&output.stderr);
        assert!(
            stderr.contains("--base-url must be the site's web address"),
            "{stderr}"
        );
        assert!(!out.exists(), "nothing is built for {bad}");
    }
}
