// Runs www/bench.html (the wasm build in headless Chromium) and records the
// figures in tests/e2e/artifacts/bench.json. Speed is reported, not
// asserted: timings are for benchmarks, not tests.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ARTIFACTS, newPage, useBrowser } from "./harness.mjs";

const env = useBrowser();

test("in-browser benchmark: the wasm build on generated 100 KB to 4 MB pairs", { timeout: 600_000 }, async () => {
  const { page, context, problems } = await newPage(env.browser);
  await page.goto(`${env.server.url}/bench.html`);
  await page.waitForFunction(() => window.__bench, null, { timeout: 590_000, polling: 500 });
  const results = await page.evaluate(() => window.__bench);
  assert.ok(Array.isArray(results), JSON.stringify(results));
  writeFileSync(join(ARTIFACTS, "bench.json"), JSON.stringify(results, null, 2));
  for (const r of results) {
    console.log(`wasm ${r.input}: ${r.bestMs} ms best, ${r.medianMs} ms median, ${r.mbPerS} MB/s, ${r.passages} passages`);
    assert.ok(r.passages > 0, `${r.input} finds the quoted passages`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
