// Static-site recipes, built for real: the Eleventy recipe of README.md (and
// the Hugo one, where `hugo` is installed) is written out file by file from
// README's own code blocks, built with the CLI's --manifest and the
// generator, served, and checked in Chromium: the report page highlights
// every passage with WebAssembly blocked, and a live page compares under
// the recipe's Content-Security-Policy.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { ARTIFACTS, ROOT, launch, newPage, startServer } from "./harness.mjs";

const DIST = join(ROOT, "dist");
const pack = JSON.parse(readFileSync(join(DIST, "pack.json"), "utf8"));
const README = readFileSync(join(ROOT, "README.md"), "utf8");
const CLI_DIR = join(ROOT, "target/release");

/** The code blocks marked `file=PATH` in README's section `heading`: {PATH: body}. */
function recipe(heading) {
  const from = README.indexOf(`\n${heading}`);
  assert.ok(from >= 0, `README has ${heading}`);
  const level = heading.match(/^#+/)[0];
  const next = README.slice(from + 1).search(new RegExp(`\\n${level} `));
  const section = README.slice(from, next < 0 ? undefined : from + 1 + next);
  const files = {};
  for (const m of section.matchAll(/^```[\w-]+ file=(\S+)\n([\s\S]*?)^```$/gm)) files[m[1]] = m[2];
  return files;
}

function write(dir, files) {
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
}

const texts = { "texts/wire.txt": "wire-en.txt", "texts/post.txt": "post-en.txt" };
const LIVE = `<quote-lens id="live" ui-lang="en">
<pre data-name="Wire">The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main suspension cables, the council said on Thursday.</pre>
<pre data-name="Post">Big news for commuters. The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main steel suspension cables, the council said on Thursday. I saw it coming.</pre>
</quote-lens>`;

/** Serves `site`, checks its report page (WebAssembly blocked) and its live page. */
async function check(site, livePath, shot) {
  const index = JSON.parse(readFileSync(join(site, "reports/index.json"), "utf8"));
  writeFileSync(join(site, "favicon.ico"), ""); // the browser asks for one
  const server = await startServer(site, "/index.html");
  const browser = await launch();
  try {
    const { page, context, problems } = await newPage(browser);
    const wasm = [];
    page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
    await page.route("**/*.wasm", (r) => r.abort());
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => document.querySelector("quote-lens")?.result?.passages.length > 0, null, { timeout: 20000 });
    const got = await page.evaluate(() => {
      const el = document.querySelector("quote-lens");
      return {
        passages: el.result.passages.length,
        marks: el.shadowRoot.querySelectorAll(".ql-shared").length,
        names: [...el.shadowRoot.querySelectorAll("h3")].map((h) => h.textContent),
      };
    });
    assert.equal(got.passages, index.comparisons[0].passages, "every passage of the report");
    assert.equal(got.passages, 4, "the sample's four passages");
    assert.ok(got.marks > 0, "highlighted");
    assert.deepEqual(got.names, ["Wire story", "Blog post"]);
    assert.deepEqual(wasm, [], "the report page asks for no WebAssembly");
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: true });
    await context.close();

    const live = await newPage(browser);
    await live.page.goto(`${server.url}${livePath}`);
    await live.page.waitForFunction(() => document.getElementById("live")?.result?.passages.length > 0, null, { timeout: 20000 });
    assert.deepEqual(await live.page.evaluate(() => window.__violations), [], "the recipe's CSP allows live comparison");
    assert.deepEqual(live.problems, []);
    await live.context.close();
  } finally {
    await browser.close();
    server.stop();
  }
}

function installPackage(dir) {
  execFileSync("npm", ["install", join(DIST, pack.filename), "--offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "pipe" });
}

test("Eleventy: README's recipe, built with --manifest and eleventy, highlights every passage without WebAssembly", { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "quotelens-eleventy-"));
  const files = { ...recipe("#### Precomputed reports"), ...recipe("#### Eleventy") };
  for (const f of ["comparisons.json", "eleventy.config.js", "quotelens-define.js", "_includes/base.njk", "index.njk", "package.json"]) {
    assert.ok(files[f], `README's Eleventy recipe has ${f}`);
  }
  write(dir, files);
  for (const [to, from] of Object.entries(texts)) cpSync(join(ROOT, "www/samples", from), join(dir, to));
  installPackage(dir);
  write(dir, { "live.njk": `---\nlayout: base.njk\ntitle: Live\n---\n${LIVE}\n` });
  // the recipe's own build script, with the CLI and eleventy on the path
  const env = { ...process.env, PATH: `${CLI_DIR}:${join(ROOT, "node_modules/.bin")}:${process.env.PATH}` };
  const out = execFileSync("npm", ["run", "--silent", "build"], { cwd: dir, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  assert.match(out, /bridge: 2 texts, 4 passages/);
  await check(join(dir, "_site"), "/live/", "eleventy-site.png");
});

test("Hugo: README's recipe, built with --manifest and hugo, highlights every passage without WebAssembly", { timeout: 180_000 }, async (t) => {
  try {
    execFileSync("hugo", ["version"], { stdio: "pipe" });
  } catch {
    t.skip("hugo is not installed (make setup installs Debian's hugo as root)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "quotelens-hugo-"));
  const files = recipe("#### Hugo");
  for (const f of ["layouts/shortcodes/quotelens.html", "layouts/index.html", "content/_index.md", "hugo.toml"]) {
    assert.ok(files[f], `README's Hugo recipe has ${f}`);
  }
  write(dir, files);
  write(dir, {
    "static/comparisons.json": recipe("#### Precomputed reports")["comparisons.json"],
    "static/quotelens-define.js": recipe("#### Eleventy")["quotelens-define.js"],
    "content/live.md": `---\ntitle: Live\nlayout: live\n---\n`,
    "layouts/_default/live.html": files["layouts/index.html"].replace("{{ .Content }}", LIVE),
  });
  for (const [to, from] of Object.entries(texts)) cpSync(join(ROOT, "www/samples", from), join(dir, "static", to));
  installPackage(dir);
  cpSync(join(dir, "node_modules/quotelens"), join(dir, "static/quotelens"), { recursive: true });
  execFileSync(join(CLI_DIR, "quotelens"), ["--manifest", "static/comparisons.json", "--out-dir", "static/reports"], { cwd: dir, stdio: "pipe" });
  execFileSync("hugo", ["--quiet"], { cwd: dir, stdio: "pipe" });
  await check(join(dir, "public"), "/live/", "hugo-site.png");
});
