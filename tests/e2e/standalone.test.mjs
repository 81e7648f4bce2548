// The single file (make standalone): dist/quotelens.html opened from a
// file:// URL, as a teacher double-clicks it from a USB stick. No server,
// no network: the sample compares, files dropped on it are read in any
// encoding, saved web pages give their article, exports download, and it
// stays within its size budget.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import { ARTIFACTS, ROOT, dropFiles, launch, newPage, pieces } from "./harness.mjs";
import { MAX_BYTES } from "../../tools/standalone.mjs";

const BUILT = join(ROOT, "dist/quotelens.html");
let browser;
let url;
before(async () => {
  // a copy in a folder of its own: nothing beside it to load by accident
  const dir = mkdtempSync(join(tmpdir(), "quotelens-usb-"));
  copyFileSync(BUILT, join(dir, "quotelens.html"));
  url = pathToFileURL(join(dir, "quotelens.html")).href;
  browser = await launch();
});
after(() => browser?.close());

/** Opens the file, records every request that is not the file itself or
 * its own blobs, and waits for the sample's highlights. */
async function open(locale = "en-US") {
  const s = await newPage(browser, { locale });
  s.requests = [];
  s.page.on("request", (r) => {
    if (r.url() !== url && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) s.requests.push(r.url());
  });
  await s.page.goto(url);
  await s.page.waitForFunction(() => document.querySelectorAll(".pane .ql-shared").length > 0);
  return s;
}

async function finish({ page, context, problems, requests }) {
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "no Content-Security-Policy violation");
  assert.deepEqual(problems, [], "no errors");
  assert.deepEqual(requests, [], "nothing loaded but the file itself");
  await context.close();
}

test("one file under its budget, with a strict policy of hashes and nothing from elsewhere", () => {
  const size = statSync(BUILT).size;
  console.log(`dist/quotelens.html: ${size} bytes`);
  assert.ok(size <= MAX_BYTES, `${size} <= ${MAX_BYTES}`);
  const html = readFileSync(BUILT, "utf8");
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' blob: 'wasm-unsafe-eval';/);
  assert.match(csp, /connect-src 'none'/);
  assert.ok(!/(src|href)="(?!data:)[^"]+"/.test(html.replace(/<meta [^>]*>/g, "")), "no reference to another file");
  assert.ok(!/unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", "")), "no unsafe-inline or eval");
});

test("from file://: the sample compares, in English and in Japanese", async () => {
  const s = await open();
  const { page } = s;
  assert.match(await page.textContent("#status"), /4 passages/);
  assert.equal(await page.locator(".passage-list li").count(), 4);
  assert.equal(await page.isVisible("#share-box"), false, "the share box waits for its button");
  await page.screenshot({ path: join(ARTIFACTS, "standalone-file.png") });
  await page.click("#sample-ja");
  await page.waitForFunction(() => document.querySelector(".pane-name").value.includes("ja"));
  await page.waitForFunction(() => document.querySelectorAll(".pane .ql-shared").length > 0);
  const ja = await pieces(page, 0);
  assert.equal(ja.text, readFileSync(join(ROOT, "www/samples/wire-ja.txt"), "utf8"));
  assert.ok(ja.pieces.some((p) => p.shared), "Japanese passages");
  await finish(s);
});

test("from file://: dropped files in older encodings and saved web pages are read; PDF says where to go", async () => {
  const s = await open("ja-JP");
  const { page } = s;
  const post = join(ROOT, "www/samples/post-ja.txt");
  const sjis = execFileSync(process.env.PYTHON || "python3", ["-c", "import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding='utf-8').read().encode('shift_jis'))", post]);
  await dropFiles(page, 1, [{ name: "post-sjis.txt", bytes: [...sjis] }]);
  await page.waitForFunction(() => document.querySelector(".pane:nth-child(2) .pane-encoding")?.textContent.startsWith("Shift_JIS"));
  const view = await pieces(page, 1);
  assert.equal(view.text, readFileSync(post, "utf8"), "decoded exactly by the packed WebAssembly");
  await page.waitForFunction(() => document.querySelectorAll(".pane:nth-child(2) .ql-shared").length > 0);
  // a saved page: Readability, packed in the file, keeps the article
  const article = readFileSync(join(ROOT, "www/samples/wire-en.txt"), "utf8").split("\n\n").map((p) => `<p>${p}</p>`).join("\n");
  const html = `<!doctype html><html><head><title>Harbour news</title></head><body><nav>MENULINK one two three</nav><article>${article}</article><footer>FOOTERTEXT</footer></body></html>`;
  await dropFiles(page, 0, [{ name: "saved.html", text: html, type: "text/html" }]);
  await page.waitForFunction(() => document.querySelector(".pane .pane-view")?.textContent.includes("Marrowby"));
  const text = (await pieces(page, 0)).text;
  assert.ok(!text.includes("MENULINK") && !text.includes("FOOTERTEXT"), "menus and footers dropped");
  // a PDF needs the full page: a clear message, and the pane keeps its text
  await dropFiles(page, 0, [{ name: "report.pdf", bytes: [...Buffer.from("%PDF-1.4\n%%EOF\n")], type: "application/pdf" }]);
  await page.waitForFunction(() => document.querySelector(".pane .pane-msg")?.textContent.includes("PDF"));
  assert.match(await page.textContent(".pane >> nth=0 >> .pane-msg"), /full page/);
  assert.equal((await pieces(page, 0)).text, text, "nothing lost");
  await finish(s);
});

test("from file://: exports download, and the report is the page's", async () => {
  const s = await open();
  const { page } = s;
  const [json] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
  const report = JSON.parse(readFileSync(await json.path(), "utf8"));
  assert.equal(report.passages.length, 4);
  assert.equal(report.documents[0].name, "wire-en.txt");
  const [html] = await Promise.all([page.waitForEvent("download"), page.click("#export-html")]);
  const text = readFileSync(await html.path(), "utf8");
  assert.ok(text.includes("ql-shared") && text.includes(".ql-k-edited"), "highlights and their styles");
  assert.ok(!/<script/i.test(text), "no script in the export");
  await finish(s);
});
