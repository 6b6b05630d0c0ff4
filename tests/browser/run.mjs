// The site as a person sees it, in Debian's headless Chromium: every page type through axe-core
// at 1280 and 320 px, no sideways scrolling at 320 px, no request to any other host, no
// Content-Security-Policy violation, a search run from `search/?q=`, and the print stylesheet.
//
// Usage: node run.mjs SITE_DIR [SCREENSHOT_DIR]
//        node run.mjs --search-only SITE_DIR   (the search check alone, for bench/site.sh)
//        node run.mjs --filters-only SITE_DIR  (only the comparison with `jdlib search`)
// Environment: CHROMIUM (default /usr/bin/chromium); PORT to serve on (default: any free one);
// JDLIB and LIBRARY to compare the page's filters with `jdlib search` on the same library.
// Build the site with `--base-url http://127.0.0.1:PORT/jdlib/` so the 404 page, which may be
// served at any depth, finds its stylesheet.
import { createServer } from "node:http";
import { readFile, stat, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
const filtersOnly = process.argv[2] === "--filters-only";
const searchOnly = process.argv[2] === "--search-only" || filtersOnly;
const argv = searchOnly ? process.argv.slice(1) : process.argv;
const siteDir = path.resolve(argv[2] ?? "");
const shotDir = argv[3] ? path.resolve(argv[3]) : null;
if (!argv[2]) {
  console.error("usage: node run.mjs SITE_DIR [SCREENSHOT_DIR]");
  process.exit(2);
}

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".json": "application/json",
  ".xml": "application/xml",
  ".csv": "text/csv",
  ".md": "text/markdown",
};

// A plain static server, as GitHub Pages would be, under a sub-path to prove links are relative.
const PREFIX = "/jdlib/";
const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (!url.pathname.startsWith(PREFIX)) {
    res.writeHead(404).end();
    return;
  }
  let file = path.join(siteDir, decodeURIComponent(url.pathname.slice(PREFIX.length)));
  if (!file.startsWith(siteDir)) {
    res.writeHead(403).end();
    return;
  }
  try {
    if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
    const body = await readFile(file);
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    res.end(body);
  } catch {
    res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
    res.end(await readFile(path.join(siteDir, "404.html")).catch(() => "not found"));
  }
});
await new Promise((resolve) => server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const base = origin + PREFIX;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}\n     ${String(err.message ?? err).split("\n").join("\n     ")}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// One JD page, one role, and so on: the first of each kind the site has.
const meta = JSON.parse(await readFile(path.join(siteDir, "search/meta.json"), "utf8"));
const firstDocs = JSON.parse(await readFile(path.join(siteDir, "search/docs/0.json"), "utf8"));
// The role with the most versions among the first JDs, and its first JD: the richest pages.
const perRole = new Map();
for (const doc of firstDocs) {
  const id = doc[1].split("/")[1];
  perRole.set(id, [...(perRole.get(id) ?? []), doc[1]]);
}
const [role, rolePages] = [...perRole.entries()].sort((a, b) => b[1].length - a[1].length)[0];
const jdPage = rolePages[rolePages.length - 1];
const pages = {
  home: "index.html",
  roles: "roles/index.html",
  role: `roles/${role}/index.html`,
  compare: `roles/${role}/compare/index.html`,
  jd: jdPage,
  salaries: "salaries/index.html",
  search: "search/index.html?q=data",
  contribute: "contribute/index.html",
  notFound: "no-such-page/",
};

async function newPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on("request", (req) => {
    if (!req.url().startsWith(origin) && !req.url().startsWith("data:")) {
      problems.push(`request to another host: ${req.url()}`);
    }
  });
  page.on("console", (msg) => {
    if (msg.type() === "error" && !/404 \(Not Found\)/.test(msg.text())) {
      problems.push(`console error: ${msg.text()}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`script error: ${err.message}`));
  return { page, problems };
}

for (const width of searchOnly ? [] : [1280, 320]) {
  // axe is injected past the Content-Security-Policy (which rightly forbids inline scripts);
  // a second context without that bypass checks the policy itself is never violated.
  const axeContext = await browser.newContext({ viewport: { width, height: 900 }, bypassCSP: true });
  const plainContext = await browser.newContext({ viewport: { width, height: 900 } });
  for (const [kind, rel] of Object.entries(pages)) {
    await check(`${kind} at ${width}px: no axe violations (WCAG 2.2 AA)`, async () => {
      const { page, problems } = await newPage(axeContext);
      await page.goto(base + rel, { waitUntil: "load" });
      if (kind === "search") await page.waitForSelector("body[data-search-done]");
      await page.evaluate(axeSource);
      const result = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] }),
      );
      const found = result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`,
      );
      await page.close();
      assert(found.length === 0, found.join("\n"));
      assert(problems.length === 0, problems.join("\n"));
    });
    await check(`${kind} at ${width}px: no CSP violation, no other host, no sideways scroll`, async () => {
      const { page, problems } = await newPage(plainContext);
      const violations = [];
      await page.exposeFunction("__reportViolation", (v) => violations.push(v));
      await page.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) =>
          window.__reportViolation(`${e.violatedDirective}: ${e.blockedURI}`),
        );
      });
      await page.goto(base + rel, { waitUntil: "load" });
      if (kind === "search") await page.waitForSelector("body[data-search-done]");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const h1s = await page.locator("h1").count();
      if (shotDir && width === 1280 && (kind === "jd" || kind === "role" || kind === "search")) {
        await mkdir(shotDir, { recursive: true });
        await page.screenshot({ path: path.join(shotDir, `${kind}.png`), fullPage: false });
      }
      if (shotDir && width === 320 && kind === "jd") {
        await page.screenshot({ path: path.join(shotDir, `${kind}-320.png`), fullPage: false });
      }
      await page.close();
      assert(violations.length === 0, violations.join("\n"));
      assert(problems.length === 0, problems.join("\n"));
      assert(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      assert(h1s === 1, `${h1s} h1 elements`);
    });
  }
  await axeContext.close();
  await plainContext.close();
}

// The time is reported, not asserted: speed is for bench/site.sh, on a quiet machine.
if (!filtersOnly) await check("search: ?q=data engineer puts a data engineer JD first", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await newPage(context);
  let bytes = 0;
  let indexBytes = 0;
  const sizes = [];
  page.on("response", (res) => {
    sizes.push(
      res.body().then(
        (body) => {
          bytes += body.length;
          if (res.url().includes("/search/") && !res.url().includes("index.html")) indexBytes += body.length;
        },
        () => {},
      ),
    );
  });
  const started = Date.now();
  await page.goto(base + "search/index.html?q=data%20engineer", { waitUntil: "load" });
  await page.waitForSelector("body[data-search-done]");
  const total = Date.now() - started;
  await Promise.all(sizes);
  const ms = Number(await page.getAttribute("body", "data-search-ms"));
  const first = await page.locator("#search-results li h2 a").first().innerText();
  const status = await page.locator("#search-status").innerText();
  const value = await page.inputValue("#q");
  await context.close();
  console.log(
    `     first result: ${first}; ${status} search ${ms} ms (page open to results ${total} ms); ` +
      `${bytes} bytes downloaded in all, ${indexBytes} of them index`,
  );
  assert(value === "data engineer", `the box shows the query: ${value}`);
  assert(/data engineer/i.test(first), `first result is ${first}`);
  assert(problems.length === 0, problems.join("\n"));
});

if (!searchOnly) await check("search: filters and exclusions narrow the results", async () => {
  const context = await browser.newContext();
  const { page } = await newPage(context);
  const count = async (q) => {
    await page.goto(base + "search/index.html?q=" + encodeURIComponent(q), { waitUntil: "load" });
    await page.waitForSelector("body[data-search-done]");
    const status = await page.locator("#search-status").innerText();
    return Number((/(\d+) JDs? match/.exec(status) ?? [0, -1])[1]);
  };
  const all = await count("data");
  const senior = await count("data level:senior");
  const notEngineer = await count("data -engineer");
  const nothing = await count("zzzyxq");
  await context.close();
  assert(all > 0, `data: ${all}`);
  assert(senior > 0 && senior < all, `level:senior gives ${senior} of ${all}`);
  assert(notEngineer > 0 && notEngineer < all, `-engineer gives ${notEngineer} of ${all}`);
  assert(nothing === 0, `nonsense gives ${nothing}`);
});

// With JDLIB (the binary) and LIBRARY (the folder holding library/) set, filters must pick
// exactly the JDs `jdlib search` picks: the same pay and level rules, in two languages.
if ((!searchOnly || filtersOnly) && process.env.JDLIB && process.env.LIBRARY) {
  await check("search filters pick the same JDs as `jdlib search`", async () => {
    const { execFileSync } = await import("node:child_process");
    const context = await browser.newContext();
    const { page } = await newPage(context);
    const mismatches = [];
    for (const q of ["salary>=60000", "salary:50000", "salary<40000", "salary>57000", "salary<=45k", "level:senior", "family:data salary>=45,000", "since:2023-06-15", "until:2023-06-14", "since:2022-01-01 until:2024-03-01", "salary<=45000 since:2020-01-01", "salary>=1000000"]) {
      let out;
      try {
        out = execFileSync(process.env.JDLIB, ["search", "--format", "json", "--limit", "100000", q], {
          cwd: process.env.LIBRARY,
          stdio: ["ignore", "pipe", "ignore"],
        });
      } catch (err) {
        // Exit 1 is "no hits"; anything else is a failure.
        if (err.status !== 1) throw err;
        out = err.stdout;
      }
      const cli = JSON.parse(out.toString() || "[]");
      await page.goto(base + "search/index.html?q=" + encodeURIComponent(q), { waitUntil: "load" });
      await page.waitForSelector("body[data-search-done]");
      const status = await page.locator("#search-status").innerText();
      const shown = Number((/(\d+) JDs? match/.exec(status) ?? [0, -1])[1]);
      if (shown !== cli.length) mismatches.push(`${q}: the page finds ${shown}, jdlib search ${cli.length}`);
    }
    await context.close();
    assert(mismatches.length === 0, mismatches.join("\n"));
  });
}

if (!searchOnly) await check("search page says so when scripts are off", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "search/index.html", { waitUntil: "load" });
  const text = await page.locator("main").innerText();
  await context.close();
  assert(/Search needs JavaScript/.test(text), text.slice(0, 200));
});

if (!searchOnly) await check("JD page prints as a plain A4 job description", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + jdPage, { waitUntil: "load" });
  await page.emulateMedia({ media: "print" });
  const hidden = await page.evaluate(() =>
    ["header.site-header", "footer.site-footer", ".actions", ".breadcrumbs"].every((s) => {
      const el = document.querySelector(s);
      return !el || getComputedStyle(el).display === "none";
    }),
  );
  const h1 = await page.locator("h1").isVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true });
  if (shotDir) await import("node:fs/promises").then((fs) => fs.writeFile(path.join(shotDir, "jd-print.pdf"), pdf));
  await context.close();
  assert(hidden, "navigation, footer and buttons are hidden in print");
  assert(h1, "the title prints");
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  const a4 = /\/MediaBox\s*\[\s*0 0 59[45]\.\d+ 841\.\d+/.test(pdf.toString("latin1"));
  assert(pages >= 1, "the PDF has pages");
  assert(a4, "the PDF is A4");
});

await browser.close();
server.close();
console.log(`\nsite in ${siteDir}: ${meta.docs} JDs`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
