// The npm package (make package): its manifest lists what README.md
// documents, its types compile, and the packed tarball, installed offline
// into a fresh project, compares two texts in Chromium from a plain page
// under a strict Content-Security-Policy.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ARTIFACTS, ROOT, launch, startServer } from "./harness.mjs";

const DIST = join(ROOT, "dist");
const pack = JSON.parse(readFileSync(join(DIST, "pack.json"), "utf8"));
const built = JSON.parse(readFileSync(join(DIST, "package/package.json"), "utf8"));

test("package.json: name, version, exports map, types, files, custom elements", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  assert.equal(built.name, "quotelens");
  assert.equal(built.version, cargo);
  assert.equal(built.type, "module");
  for (const k of [".", "./element", "./engine", "./worker", "./compare", "./decode", "./compare.wasm", "./decode.wasm", "./quote-lens.css", "./custom-elements.json", "./package.json"]) {
    assert.ok(built.exports[k], `exports ${k}`);
  }
  for (const target of Object.values(built.exports).flatMap((v) => (typeof v === "string" ? [v] : Object.values(v)))) {
    assert.ok(existsSync(join(DIST, "package", target)), `${target} is in the package`);
  }
  for (const f of ["license", "repository", "keywords", "sideEffects", "types", "customElements", "files"]) assert.ok(built[f], f);
  const files = pack.files.map((f) => f.path);
  for (const f of ["quote-lens.js", "worker.js", "pkg/quotelens_bg.wasm", "pkg/quotelens_decode_bg.wasm", "custom-elements.json", "quote-lens.d.ts"]) assert.ok(files.includes(f), f);
  assert.ok(!files.some((f) => f.startsWith("samples/") || f === "app.js" || f.startsWith("vendor/")), "nothing of the page itself");
  console.log(`tarball ${pack.filename}: ${files.length} files, ${pack.size} bytes packed`);
});

test("custom-elements.json, generated from the element's JSDoc, lists every attribute, event and part README.md documents", () => {
  const cem = JSON.parse(readFileSync(join(DIST, "package/custom-elements.json"), "utf8"));
  const el = cem.modules.flatMap((m) => m.declarations ?? []).find((d) => d.tagName === "quote-lens");
  assert.ok(el, "the element is declared");
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = (from, to) => readme.slice(readme.indexOf(from), readme.indexOf(to, readme.indexOf(from)));
  const attrs = [...section("### Attributes and properties", "### Keyboard").matchAll(/^\| `([a-z-]+)`/gm)].map((m) => m[1]);
  const events = [...section("### Events", "### Parts").matchAll(/^\| `(quote-lens-[a-z]+)`/gm)].map((m) => m[1]);
  const parts = [...section("Parts (style with", "| custom property").matchAll(/`([a-z-]+)`/g)].map((m) => m[1]).filter((p) => p !== "quote-lens");
  assert.ok(attrs.length >= 7 && events.length === 3 && parts.length >= 15, `${attrs} / ${events} / ${parts}`);
  const names = (list) => (list ?? []).map((x) => x.name);
  for (const a of attrs) assert.ok(names(el.attributes).includes(a), `attribute ${a}`);
  for (const e of events) assert.ok(names(el.events).includes(e), `event ${e}`);
  for (const p of parts) assert.ok(names(el.cssParts).includes(p), `part ${p}`);
});

test("the types compile in a project that uses the element and the API (tsc --noEmit)", () => {
  const dir = mkdtempSync(join(tmpdir(), "quotelens-ts-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "use-quotelens", private: true, type: "module" }));
  execFileSync("npm", ["install", join(DIST, pack.filename), "--offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "pipe" });
  writeFileSync(join(dir, "use.ts"), `import { define, QuoteLens } from "quotelens";
import init, { compare, type Report, type Passage } from "quotelens/compare";
import { Engine } from "quotelens/engine";
define();
const el = document.createElement("quote-lens");
const sameClass: typeof QuoteLens = define("quote-lens");
el.minLength = 40;
el.reworded = false;
el.texts = [{ name: "a", text: "x" }, { name: "b", text: "y" }];
el.addEventListener("quote-lens-select", (ev) => { const n: number = ev.detail.passage; void n; });
el.addEventListener("quote-lens-compared", (ev) => { const r: Report = ev.detail.report; void r; });
await init();
const report: Report = compare(["one text", "another text"], { minLength: 30 });
const p: Passage | undefined = report.passages[0];
const kind: "verbatim" | "edited" | "reworded" | undefined = p?.kind;
const engine = new Engine();
void engine.compare(["a", "b"]).then((r) => r.report.passages.length);
void kind; void sameClass;
`);
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler", strict: true, lib: ["es2022", "dom"], noEmit: true, skipLibCheck: false }, files: ["use.ts"] }));
  execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", dir], { stdio: "pipe" });
  // and a misuse is caught: the types are not `any`
  writeFileSync(join(dir, "use.ts"), `import init, { compare } from "quotelens/compare";\nawait init();\nconst n: number = compare(["a", "b"]).passages;\n`);
  assert.throws(() => execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", dir], { stdio: "pipe" }));
});

test("the tarball installed offline into a fresh project compares two texts from a plain page, under a strict CSP", async () => {
  const dir = mkdtempSync(join(tmpdir(), "quotelens-site-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "a-site", private: true }));
  execFileSync("npm", ["install", join(DIST, pack.filename), "--offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "pipe" });
  writeFileSync(join(dir, "favicon.ico"), ""); // the browser asks for one
  writeFileSync(join(dir, "main.js"), `import { define } from "./node_modules/quotelens/quote-lens.js";\ndefine();\n`);
  writeFileSync(join(dir, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'">
<title>a site</title><script type="module" src="main.js"></script></head><body>
<quote-lens id="q" ui-lang="en">
<pre data-name="Wire">The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main suspension cables, the council said on Thursday.</pre>
<pre data-name="Post">Big news for commuters. The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main steel suspension cables, the council said on Thursday. I saw it coming.</pre>
</quote-lens></body></html>`);
  const server = await startServer(dir, "/index.html");
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const problems = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.getElementById("q")?.result?.passages.length > 0, null, { timeout: 20000 });
    const marks = await page.evaluate(() => document.getElementById("q").shadowRoot.querySelectorAll(".ql-shared").length);
    assert.ok(marks > 0);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(ARTIFACTS, "package-plain-page.png") });
  } finally {
    await browser.close();
    server.stop();
  }
});

test("a Vite build of a project using the package still loads the wasm and the worker and compares, under a strict CSP", { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "quotelens-vite-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "a-vite-site", private: true, type: "module" }));
  execFileSync("npm", ["install", join(DIST, pack.filename), "--offline", "--no-audit", "--no-fund"], { cwd: dir, stdio: "pipe" });
  writeFileSync(join(dir, "main.js"), `import { define } from "quotelens";\ndefine();\n`);
  writeFileSync(join(dir, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'">
<link rel="icon" href="/favicon.ico"><title>built with Vite</title><script type="module" src="./main.js"></script></head><body>
<quote-lens id="q" ui-lang="en">
<pre data-name="Wire">The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main suspension cables, the council said on Thursday.</pre>
<pre data-name="Post">Big news for commuters. The harbour bridge will close to all traffic for six weeks from Monday, after engineers found cracks in two of its main steel suspension cables, the council said on Thursday. I saw it coming.</pre>
</quote-lens></body></html>`);
  // under a strict CSP, assets must stay files: Vite would inline the
  // element's small style sheets as data: URLs, which style-src 'self' blocks
  writeFileSync(join(dir, "vite.config.js"), "export default { build: { assetsInlineLimit: 0 } };\n");
  execFileSync(join(ROOT, "node_modules/.bin/vite"), ["build", "--logLevel", "error"], { cwd: dir, stdio: "pipe" });
  const out = join(dir, "dist");
  writeFileSync(join(out, "favicon.ico"), "");
  const server = await startServer(out, "/index.html");
  const browser = await launch();
  try {
    const page = await (await browser.newContext()).newPage();
    const problems = [];
    const loaded = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("requestfinished", (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(`${server.url}/index.html`);
    await page.waitForFunction(() => document.getElementById("q")?.result?.passages.length > 0, null, { timeout: 30000 });
    assert.ok(loaded.some((p) => p.endsWith(".wasm")), `the wasm was loaded: ${loaded.join(" ")}`);
    assert.ok(loaded.some((p) => /worker/i.test(p)), "the worker was loaded");
    assert.ok((await page.evaluate(() => document.getElementById("q").shadowRoot.querySelectorAll(".ql-shared").length)) > 0);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(ARTIFACTS, "package-vite-build.png") });
  } finally {
    await browser.close();
    server.stop();
  }
});
