// <quote-lens> in headless Chromium: sources, the contract (attributes,
// properties, events, parts), and rendering from a precomputed report
// without WebAssembly.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ARTIFACTS, ROOT, newPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

const rendered = (id) => (id2) => {
  const el = document.getElementById(id2);
  return el?.shadowRoot?.querySelectorAll(".ql-shared").length > 0;
};

test("embed.html: from child elements and from a precomputed report", async () => {
  const { page, context, problems } = await newPage(env.browser);
  const wasm = [];
  page.on("request", (r) => {
    if (r.url().endsWith(".wasm")) wasm.push(r.url());
  });
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-children");
  await page.waitForFunction(rendered(), "from-report");
  const info = await page.evaluate(() => {
    const a = document.getElementById("from-children");
    const b = document.getElementById("from-report");
    const names = (el) => [...el.shadowRoot.querySelectorAll("h3")].map((h) => h.textContent);
    return {
      aNames: names(a),
      bNames: names(b),
      aPassages: a.result.passages.length,
      bPassages: b.result.passages.length,
      minLength: a.minLength,
      partTitle: getComputedStyle(a.shadowRoot.querySelector('[part="pane-title"]')).color,
      parts: [...new Set([a, b].flatMap((x) => [...x.shadowRoot.querySelectorAll("[part]")]).flatMap((e) => e.getAttribute("part").split(" ")))].sort(),
    };
  });
  assert.deepEqual(info.aNames, ["Council statement", "Neighbourhood newsletter"]);
  assert.deepEqual(info.bNames, ["wire-ja.txt", "post-ja.txt"]);
  assert.equal(info.aPassages, 2);
  assert.equal(info.bPassages, 4);
  assert.equal(info.minLength, 50);
  // ::part(pane-title) from the embedding page's stylesheet applies
  assert.equal(info.partTitle, "rgb(0, 114, 178)");
  for (const p of ["container", "summary", "legend", "legend-item", "panes", "pane", "pane-title", "text", "minimap", "passage", "passage-edited", "passage-reworded", "unit", "added", "edit"]) {
    assert.ok(info.parts.includes(p), `part ${p}`);
  }
  await page.screenshot({ path: join(ARTIFACTS, "embed.png"), fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test("a precomputed report renders with WebAssembly blocked", async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.route("**/*.wasm", (r) => r.abort());
  await page.route("**/embed.html", async (r) => {
    const res = await r.fetch();
    // keep only the report-based element
    const body = (await res.text()).replace(/<quote-lens id="from-children"[\s\S]*?<\/quote-lens>/, "");
    await r.fulfill({ response: res, body });
  });
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-report");
  const n = await page.evaluate(() => document.getElementById("from-report").result.passages.length);
  assert.equal(n, 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test("with a report, texts are named as the report names them, unless a child names its text", async () => {
  const { page, context, problems } = await newPage(env.browser);
  const report = JSON.parse(readFileSync(join(ROOT, "www/pkg/sample-ja.report.json"), "utf8"));
  report.documents[0].name = "通信社の記事";
  report.documents[1].name = "ブログ";
  await page.route("**/renamed.report.json", (r) => r.fulfill({ contentType: "application/json", body: JSON.stringify(report) }));
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-report");
  const names = await page.evaluate(async () => {
    const url = "renamed.report.json";
    const error = new Promise((resolve) => document.addEventListener("quote-lens-error", (e) => resolve([e.detail.message])));
    const shown = (el) => new Promise((resolve) => el.addEventListener("quote-lens-compared", () => resolve([...el.shadowRoot.querySelectorAll("h3")].map((h) => h.textContent)), { once: true }));
    // from URLs: the report's names
    const a = document.createElement("quote-lens");
    a.setAttribute("src", "samples/wire-ja.txt samples/post-ja.txt");
    a.setAttribute("report", url);
    const fromSrc = shown(a);
    document.body.append(a);
    // from children: a child's data-name wins, an unnamed child takes the report's
    const b = document.createElement("quote-lens");
    const texts = await Promise.all(["wire-ja.txt", "post-ja.txt"].map(async (f) => (await fetch(`samples/${f}`)).text()));
    const one = document.createElement("pre");
    one.dataset.name = "Named by the page";
    one.textContent = texts[0];
    const two = document.createElement("pre");
    two.textContent = texts[1];
    b.append(one, two);
    b.setAttribute("report", url);
    const fromChildren = shown(b);
    document.body.append(b);
    return { fromSrc: await Promise.race([fromSrc, error]), fromChildren: await Promise.race([fromChildren, error]) };
  });
  assert.deepEqual(names.fromSrc, ["通信社の記事", "ブログ"]);
  assert.deepEqual(names.fromChildren, ["Named by the page", "ブログ"]);
  assert.deepEqual(problems, []);
  await context.close();
});

test("src= reads files in any encoding, as a dropped file; UTF-8 needs no WebAssembly", async () => {
  const { page, context, problems } = await newPage(env.browser);
  const wire = readFileSync(join(ROOT, "www/samples/wire-ja.txt"), "utf8");
  const post = readFileSync(join(ROOT, "www/samples/post-ja.txt"), "utf8");
  const sjis = execFileSync(process.env.PYTHON || "python3", ["-c", "import sys; sys.stdout.buffer.write(sys.stdin.read().encode('shift_jis'))"], { input: post });
  const bodies = { "wire-utf16.txt": Buffer.from(wire, "utf16le"), "post-sjis.txt": sjis, "post-utf8.txt": Buffer.from(post, "utf8") };
  await page.route("**/src-test/*", (r) => r.fulfill({ status: 200, contentType: "text/plain", body: bodies[r.request().url().split("/").pop()] }));
  const modules = [];
  page.on("request", (r) => r.url().includes("quotelens_decode") && modules.push(r.url()));
  await page.goto(`${env.server.url}/embed.html`);
  assert.deepEqual(modules, [], "embed.html loads no decoding module");
  await page.waitForFunction(rendered(), "from-children");
  const read = (src) =>
    page.evaluate(async (src) => {
      const el = document.createElement("quote-lens");
      const done = new Promise((r) => el.addEventListener("quote-lens-compared", r, { once: true }));
      el.setAttribute("src", src);
      document.body.append(el);
      const { detail } = await done;
      const texts = [...el.shadowRoot.querySelectorAll(".view")].map((v) => v.textContent);
      el.remove();
      return { texts, encodings: detail.report.documents.map((d) => d.encoding), passages: detail.report.passages.length };
    }, src);
  const got = await read("src-test/wire-utf16.txt src-test/post-sjis.txt");
  assert.deepEqual(got.encodings, ["UTF-16LE", "Shift_JIS"]);
  assert.deepEqual(got.texts, [wire, post], "decoded exactly, no NULs");
  assert.ok(got.passages >= 3, `${got.passages} passages`);
  assert.ok(modules.length > 0, "the decoding module was loaded for UTF-16 and Shift_JIS");
  // UTF-8 sources are read without the decoding module
  modules.length = 0;
  const utf8 = await read("samples/wire-ja.txt src-test/post-utf8.txt");
  assert.deepEqual(modules, [], "UTF-8 needs no decoding module");
  assert.deepEqual(utf8.encodings, ["UTF-8", "UTF-8"]);
  assert.equal(utf8.passages, got.passages);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a report that does not fit its texts gets one clear message, never wrong highlights", async () => {
  const { page, context, problems } = await newPage(env.browser);
  const good = JSON.parse(readFileSync(join(ROOT, "www/pkg/sample-ja.report.json"), "utf8"));
  const post = readFileSync(join(ROOT, "www/samples/post-ja.txt"), "utf8");
  const reversed = [...post].reverse().join(""); // same length, other text
  const past = structuredClone(good);
  past.passages[0].b.end = good.documents[1].length + 100;
  const broken = { ...structuredClone(good), passages: "x" };
  const old = { ...structuredClone(good), version: 1 };
  const bodies = {
    "good.json": JSON.stringify(good), "past.json": JSON.stringify(past), "broken.json": JSON.stringify(broken),
    "old.json": JSON.stringify(old), "nonsense.json": "{not json", "post-reversed.txt": reversed,
  };
  await page.route("**/check/*", (r) => r.fulfill({ status: 200, body: bodies[r.request().url().split("/").pop()] }));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-children");
  const show = (src, report) =>
    page.evaluate(async ([src, report]) => {
      const el = document.createElement("quote-lens");
      el.setAttribute("ui-lang", "en");
      const done = new Promise((r) => {
        el.addEventListener("quote-lens-compared", () => r("compared"), { once: true });
        el.addEventListener("quote-lens-error", (ev) => r(ev.detail.message), { once: true });
      });
      el.setAttribute("src", src);
      el.setAttribute("report", report);
      document.body.append(el);
      const outcome = await done;
      const marks = el.shadowRoot.querySelectorAll(".ql-shared").length;
      const status = el.shadowRoot.querySelector('[part="status"]')?.textContent ?? "";
      el.remove();
      return { outcome, marks, status };
    }, [src, report]);
  const texts = "samples/wire-ja.txt samples/post-ja.txt";
  assert.equal((await show(texts, "check/good.json")).outcome, "compared");
  for (const [src, report, why] of [
    ["samples/wire-ja.txt check/post-reversed.txt", "check/good.json", /computed for other texts \(document 2/],
    [texts, "check/past.json", /passage 1 is broken or lies outside its text/],
    [texts, "check/broken.json", /documents, passages or groups are missing/],
    [texts, "check/old.json", /schema version 1/],
    [texts, "check/nonsense.json", /not JSON/],
  ]) {
    const got = await show(src, report);
    assert.match(got.outcome, why, report);
    assert.match(got.status, /cannot show this report/, report);
    assert.equal(got.marks, 0, `${report}: nothing half-drawn`);
  }
  assert.deepEqual(errors, [], "no uncaught TypeError");
  assert.deepEqual(problems, []);
  await context.close();
});

test("keyboard stepping, and attribute changes during a comparison never surface as errors", async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-children");
  const steps = await page.evaluate(async () => {
    const el = document.getElementById("from-children");
    const seen = [];
    el.addEventListener("quote-lens-select", (ev) => seen.push(ev.detail.passage));
    el.shadowRoot.querySelector(".view").focus();
    for (const key of ["j", "j", "k", "ArrowDown", "ArrowUp", "Escape"]) {
      el.shadowRoot.activeElement.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true }));
    }
    const marked = el.shadowRoot.querySelectorAll(".ql-current").length;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const ribbons = el.shadowRoot.querySelectorAll("svg.ql-connectors path").length;
    return { seen, n: el.result.passages.length, marked, ribbons };
  });
  const n = steps.n;
  assert.ok(n >= 2, `${n} passages`);
  assert.deepEqual(steps.seen, [0, 1, 0, 1, 0]);
  assert.equal(steps.marked, 0, "Escape unmarks");
  assert.ok(steps.ribbons > 0, "connectors between the element's panes");
  // attributes changed while comparisons run: only the last one answers
  const outcome = await page.evaluate(async () => {
    const el = document.getElementById("from-children");
    const errors = [];
    el.addEventListener("quote-lens-error", (ev) => errors.push(ev.detail.message));
    const compared = [];
    el.addEventListener("quote-lens-compared", (ev) => compared.push(ev.detail.report.options.minLength));
    for (const v of ["30", "40", "45", "50", "35"]) {
      el.setAttribute("min-length", v);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 1500));
    return { errors, compared };
  });
  assert.deepEqual(outcome.errors, [], "no error from a superseded comparison");
  assert.equal(outcome.compared.at(-1), 35, "the last attribute's comparison is shown");
  assert.deepEqual(problems, []);
  await context.close();
});

test("attributes, properties and events", async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-children");
  const result = await page.evaluate(async () => {
    const el = document.getElementById("from-children");
    const events = [];
    document.addEventListener("quote-lens-compared", (e) => events.push(["compared", e.composed, e.detail.report.passages.length]));
    document.addEventListener("quote-lens-select", (e) => events.push(["select", e.composed, e.detail.passage]));
    // a property sets the attribute, and the element compares again
    const again = new Promise((r) => el.addEventListener("quote-lens-compared", r, { once: true }));
    el.minLength = 300;
    await again;
    const attr = el.getAttribute("min-length");
    const fewer = el.result.passages.length;
    // the attribute sets the property
    el.setAttribute("min-length", "50");
    await new Promise((r) => el.addEventListener("quote-lens-compared", r, { once: true }));
    el.reworded = false;
    const flag = el.hasAttribute("no-reworded") && el.options.reworded === false;
    await new Promise((r) => el.addEventListener("quote-lens-compared", r, { once: true }));
    el.shadowRoot.querySelector(".ql-shared").click();
    // texts set as a property replace the children
    const replaced = new Promise((r) => el.addEventListener("quote-lens-compared", r, { once: true }));
    el.texts = [
      { name: "one", text: "The harbour bridge will close for six weeks from Monday after engineers found cracks in two of its cables." },
      { name: "two", text: "Wow. The harbour bridge will close for six weeks from Monday after engineers found cracks in two of its cables." },
    ];
    await replaced;
    return { attr, fewer, flag, events, names: el.texts.map((t) => t.name), minLength: el.minLength };
  });
  assert.equal(result.attr, "300");
  assert.equal(result.fewer, 0);
  assert.equal(result.flag, true);
  assert.equal(result.minLength, 50);
  assert.deepEqual(result.names, ["one", "two"]);
  const kinds = result.events.map((e) => e[0]);
  assert.ok(kinds.includes("select") && kinds.includes("compared"));
  assert.ok(result.events.every((e) => e[1] === true), "events are composed");
  assert.deepEqual(problems, []);
  await context.close();
});

test("listeners go with the element, and come back with it", async () => {
  const { page, context } = await newPage(env.browser);
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(rendered(), "from-children");
  const counts = await page.evaluate(async () => {
    const el = document.getElementById("from-children");
    let selects = 0;
    el.addEventListener("quote-lens-select", () => selects++);
    const mark = () => el.shadowRoot.querySelector(".ql-shared");
    const parent = el.parentNode;
    const next = el.nextSibling;
    el.remove();
    mark().click(); // detached: no listener, no event
    const detached = selects;
    parent.insertBefore(el, next);
    await new Promise((r) => el.addEventListener("quote-lens-compared", r, { once: true }));
    mark().click();
    return { detached, attached: selects };
  });
  assert.deepEqual(counts, { detached: 0, attached: 1 });
  await context.close();
});
