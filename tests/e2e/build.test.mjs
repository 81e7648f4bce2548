// Checks of the build and the sources: wasm-pack.toml is really read, the
// wasm stays in budget, the TypeScript types describe the real report, and
// no user text can reach the DOM as markup.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";
import { parseToml, plan } from "../../tools/build-wasm.mjs";
import { ROOT } from "./harness.mjs";

const config = parseToml(readFileSync(join(ROOT, "wasm-pack.toml"), "utf8"));

test("the build plan follows wasm-pack.toml", () => {
  const p = plan(config);
  assert.equal(p.outDir, config.build["out-dir"]);
  assert.deepEqual(p.wasmOpt, config.profile.release["wasm-opt"]);
  const bindgen = p.steps.find(([cmd]) => cmd === "wasm-bindgen")[1];
  assert.ok(bindgen.includes(config.build.target));
  // change a setting: the plan changes with it
  const changed = structuredClone(config);
  changed.build["out-dir"] = "elsewhere";
  changed.profile.release["wasm-opt"] = ["-O1"];
  const q = plan(changed);
  assert.equal(q.outDir, "elsewhere");
  assert.deepEqual(q.steps.at(-1)[1].slice(0, 1), ["-O1"]);
  assert.equal(plan(config, "dev").steps.length, 4, "the dev profile runs no wasm-opt");
  // two modules, each built with its own features
  const builds = p.steps.filter(([cmd]) => cmd === "cargo").map(([, args]) => args.at(-1));
  assert.deepEqual(builds, [config.build["compare-features"].join(","), config.build["decode-features"].join(",")]);
});

test("the built package is the one wasm-pack.toml describes, and within budget", () => {
  const info = JSON.parse(readFileSync(join(ROOT, config.build["out-dir"], "build.json"), "utf8"));
  const profile = config.profile[config.build.profile];
  assert.equal(info.profile, config.build.profile);
  assert.equal(info.cargoProfile, profile["cargo-profile"]);
  assert.deepEqual(info.wasmOpt, profile["wasm-opt"]);
  assert.ok(info.gzipBytes <= 250 * 1000, `wasm is ${info.gzipBytes} bytes gzipped`);
  const decode = info.modules[config.build["decode-out-name"]];
  assert.ok(decode.gzipBytes <= 250 * 1000, `the decoding module is ${decode.gzipBytes} bytes gzipped`);
  console.log(`wasm: ${info.bytes} bytes, ${info.gzipBytes} gzipped; decoding module ${decode.gzipBytes} gzipped`);
});

test("a setting changed in the file takes effect in a real build", { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "quotelens-build-"));
  const out = relative(ROOT, join(dir, "pkg"));
  const toml = readFileSync(join(ROOT, "wasm-pack.toml"), "utf8")
    .replace(/out-dir = ".*"/, `out-dir = "${out}"`)
    .replace(/out-name = ".*"/, 'out-name = "renamed"')
    .replace(/^profile = ".*"/m, 'profile = "dev"');
  const file = join(dir, "wasm-pack.toml");
  writeFileSync(file, toml);
  execFileSync("node", [join(ROOT, "tools/build-wasm.mjs"), "--config", file], { cwd: ROOT, stdio: "pipe" });
  const built = readdirSync(join(dir, "pkg"));
  assert.ok(built.includes("renamed.js") && built.includes("renamed_bg.wasm"), built.join(", "));
  assert.ok(built.includes("quotelens_decode.js") && built.includes("quotelens_decode_bg.wasm"), built.join(", "));
  const info = JSON.parse(readFileSync(join(dir, "pkg", "build.json"), "utf8"));
  assert.equal(info.profile, "dev");
  assert.deepEqual(info.wasmOpt, []);
});

function keys(value, out = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => keys(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keys(v, out);
    }
  }
  return out;
}

test("the TypeScript types name every field of a real report", () => {
  const dts = readFileSync(join(ROOT, config.build["out-dir"], `${config.build["out-name"]}.d.ts`), "utf8");
  for (const name of ["interface Report", "interface Passage", "interface Edit", "interface Segment", "interface Group", "interface Options", "export function compare"]) {
    assert.ok(dts.includes(name), name);
  }
  const report = JSON.parse(readFileSync(join(ROOT, config.build["out-dir"], "sample-ja.report.json"), "utf8"));
  for (const k of keys(report)) assert.match(dts, new RegExp(`\\b${k}\\??:`), `field ${k}`);
  for (const kind of ["equal", "only_a", "only_b", "shared", "added"]) assert.ok(dts.includes(`"${kind}"`), kind);
});

test("no HTML sinks in www/: user text reaches the DOM only as text", () => {
  const files = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      // www/vendor/ holds third-party readers (tools/vendor.mjs), not ours:
      // Readability works on an inert DOMParser document, mammoth and
      // pdf.js's text extraction build no DOM at all
      if (e.isDirectory() && e.name !== "vendor") walk(p);
      else if (/\.(m?js|html)$/.test(e.name)) files.push(p);
    }
  };
  walk(join(ROOT, "www"));
  assert.ok(files.length > 5);
  const sinks = /\b(innerHTML|outerHTML|insertAdjacentHTML|document\.write(ln)?|createContextualFragment|srcdoc)\b|\beval\(|new Function\(/;
  const hits = [];
  for (const f of files) {
    readFileSync(f, "utf8").split("\n").forEach((line, i) => {
      if (sinks.test(line)) hits.push(`${relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(hits, []);
});

test("the page sets a strict Content-Security-Policy", () => {
  for (const page of ["index.html", "embed.html"]) {
    const html = readFileSync(join(ROOT, "www", page), "utf8");
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
    assert.ok(csp, page);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
    assert.ok(!/<script(?![^>]*\bsrc=)/.test(html), `${page} has no inline script`);
    assert.ok(!/\son[a-z]+=/.test(html), `${page} has no inline handlers`);
  }
  assert.ok(existsSync(join(ROOT, "www/pkg/quotelens_bg.wasm")));
});

test("one version: Cargo.toml, package.json and the element agree, and CHANGELOG.md states the schema rule", () => {
  const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)[1];
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;
  const element = readFileSync(join(ROOT, "www/quote-lens.js"), "utf8").match(/static version = "([^"]+)"/)[1];
  assert.equal(pkg, cargo);
  assert.equal(element, cargo);
  const log = readFileSync(join(ROOT, "CHANGELOG.md"), "utf8");
  const schema = readFileSync(join(ROOT, "src/report.rs"), "utf8").match(/pub const SCHEMA_VERSION: u32 = (\d+);/)[1];
  assert.match(log, new RegExp(`## Schema ${schema}\\b`), "the current schema version has its entry");
  assert.match(log, /schema version/i);
});
