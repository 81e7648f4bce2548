// Accessibility: axe-core (npm) on the page, the element and the presenter
// view finds no serious or critical violation; every passage is announced
// with its kind, number and documents; the page works at 390 px wide and at
// 200% zoom.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ARTIFACTS, ROOT, newPage, useBrowser } from "./harness.mjs";

const env = useBrowser();
const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

/** Serious and critical axe violations on the page as it is now. (The
 * script goes in through the DevTools protocol, which the page's
 * Content-Security-Policy does not govern.) */
async function violations(page) {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return found.filter((v) => v.impact === "serious" || v.impact === "critical");
}

async function openPage(options) {
  const s = await newPage(env.browser, options);
  const ready = s.page.waitForFunction(() => document.querySelectorAll(".pane .ql-shared").length > 0);
  await s.page.goto(`${env.server.url}/index.html`);
  await ready;
  return s;
}

test("axe: the page, the presenter view and the element have no serious or critical violations", async () => {
  const { page, context } = await openPage();
  assert.deepEqual(await violations(page), [], "the page");
  await page.click("#present");
  await page.waitForSelector("#presenter:not([hidden])");
  assert.deepEqual(await violations(page), [], "the presenter view");
  await page.keyboard.press("Escape");
  await page.goto(`${env.server.url}/embed.html`);
  await page.waitForFunction(() => document.getElementById("from-report")?.shadowRoot?.querySelectorAll(".ql-shared").length > 0);
  assert.deepEqual(await violations(page), [], "the element");
  await context.close();
});

test("every passage is announced with its kind, number and the documents that share it; every control has a name", async () => {
  const { page, context } = await openPage();
  const labels = await page.$$eval(".pane .ql-shared[aria-label], .pane .ql-shared[title]", (ms) => ms.map((m) => m.getAttribute("aria-label") ?? m.title));
  assert.ok(labels.length > 0);
  for (const l of labels) assert.match(l, /Passage \d+ · (verbatim|edited|reworded) · .* also in .+\.txt/, l);
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll("button, input, select, textarea")]
      .filter((c) => !c.closest("[hidden]") && c.type !== "file")
      .filter((c) => !(c.labels?.length || c.getAttribute("aria-label") || c.textContent.trim()))
      .map((c) => c.outerHTML.slice(0, 80)));
  assert.deepEqual(unnamed, []);
  // focus is visible: a focused pane view and a focused button draw an outline
  await page.focus(".pane-view >> nth=0");
  assert.notEqual(await page.$eval(".pane-view >> nth=0", (v) => getComputedStyle(v).outlineStyle), "none");
  await page.focus("#share");
  assert.notEqual(await page.$eval("#share", (b) => getComputedStyle(b).outlineStyle), "none");
  await context.close();
});

for (const [what, options] of [
  ["390 px wide (a phone): the panes stack", { viewport: { width: 390, height: 844 } }],
  ["200% zoom", { viewport: { width: 700, height: 500 }, deviceScaleFactor: 2 }],
]) {
  test(`the page works at ${what}`, async () => {
    const { page, context } = await openPage(options);
    const layout = await page.evaluate(() => {
      const panes = [...document.querySelectorAll(".pane")].map((p) => p.getBoundingClientRect());
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        stacked: panes[1].top >= panes[0].bottom,
        fits: panes.every((r) => r.left >= 0 && r.right <= window.innerWidth + 1),
        // every control of every pane is inside its pane, none cut off
        cut: [...document.querySelectorAll(".pane")].flatMap((p) => {
          const r = p.getBoundingClientRect();
          return [...p.querySelectorAll(".pane-head button, .pane-head input:not([type=file])")]
            .filter((c) => { const b = c.getBoundingClientRect(); return b.width && (b.left < r.left || b.right > r.right + 1); })
            .map((c) => c.className);
        }),
      };
    });
    assert.ok(layout.overflow <= 1, `no sideways scrolling (${layout.overflow} px too wide)`);
    assert.ok(layout.fits, "each pane fits the screen");
    assert.deepEqual(layout.cut, [], "no control cut off");
    if (options.viewport.width < 500) assert.ok(layout.stacked, "panes stack");
    // still usable: a click on a passage selects it
    await page.click(".pane >> nth=0 >> .ql-shared >> nth=0");
    assert.ok((await page.locator(".ql-current").count()) > 0);
    await page.screenshot({ path: join(ARTIFACTS, `narrow-${options.viewport.width}.png`) });
    await context.close();
  });
}

test("six texts at 1400 px: the panes scroll sideways, every header stays whole, the ribbons follow", async () => {
  const { page, context } = await openPage();
  const wire = readFileSync(join(ROOT, "www/samples/wire-en.txt"), "utf8");
  await page.evaluate(async (wire) => {
    const done = new Promise((r) => document.addEventListener("quotelens-compared", r, { once: true }));
    for (let i = 0; i < 4; i++) document.getElementById("add-doc").click();
    const boxes = document.querySelectorAll(".pane-editor");
    for (let i = 2; i < 6; i++) {
      boxes[i].value = `Post ${i}: a reader writes about the bridge.\n\n${wire.split("\n\n").slice(1, 3).join("\n\n")}`;
      boxes[i].dispatchEvent(new Event("input", { bubbles: true }));
      boxes[i].dispatchEvent(new Event("blur"));
    }
    await done;
  }, wire);
  await page.waitForFunction(() => document.querySelectorAll(".pane").length === 6 && document.querySelectorAll(".pane-view:not([hidden])").length === 6);
  const layout = await page.evaluate(() => {
    const panes = document.getElementById("panes");
    const cut = [...document.querySelectorAll(".pane")].flatMap((p) => {
      const r = p.getBoundingClientRect();
      return [...p.querySelectorAll(".pane-head button")].filter((c) => { const b = c.getBoundingClientRect(); return b.left < r.left || b.right > r.right + 1; }).map((c) => c.className);
    });
    return { pageOverflow: document.documentElement.scrollWidth - window.innerWidth, scrolls: panes.scrollWidth > panes.clientWidth, cut };
  });
  assert.ok(layout.pageOverflow <= 1, "the page itself does not scroll sideways");
  assert.ok(layout.scrolls, "the panes scroll sideways");
  assert.deepEqual(layout.cut, [], "no header button cut off");
  // the last pane can be scrolled to, and ribbons are drawn there too
  await page.$eval("#panes", (p) => { p.scrollLeft = p.scrollWidth; });
  await page.waitForFunction(() => {
    const last = document.querySelectorAll(".pane")[5].getBoundingClientRect();
    return last.right <= window.innerWidth + 1 && document.querySelectorAll("#panes svg.ql-connectors path").length > 0;
  });
  await page.screenshot({ path: join(ARTIFACTS, "six-texts.png") });
  await context.close();
});

test("the new states in Japanese: passage list, connectors, presenter view, share box", async () => {
  const { page, context } = await openPage({ locale: "ja-JP" });
  assert.equal(await page.textContent("#passage-list-title"), "見つかった一致");
  assert.match(await page.textContent("#passage-items .ql-list-item >> nth=0"), /^#1 · 編集あり · \d+% 同一/);
  await page.screenshot({ path: join(ARTIFACTS, "ja-list-connectors.png") });
  await page.click("#share");
  await page.waitForFunction(() => document.getElementById("share-note").textContent.length > 0);
  assert.match(await page.textContent("#share-note"), /リンク/);
  await page.click("#present");
  await page.waitForSelector("#presenter:not([hidden])");
  assert.match(await page.textContent(".presenter-title"), /^一致 1 \/ \d+ · /);
  await page.screenshot({ path: join(ARTIFACTS, "ja-presenter.png") });
  await context.close();
});
