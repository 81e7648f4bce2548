// Real documents on the page: a PDF written by the test, a .docx built by
// the test, a web page saved from a browser (its article, or the whole
// page), and a PDF that cannot be read. Each library loads only when its
// kind of file arrives, self-hosted, under the page's policy.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ARTIFACTS, ROOT, dropFiles, newPage, nextComparison, pieces, useBrowser } from "./harness.mjs";

const env = useBrowser();
const WIRE = readFileSync(join(ROOT, "www/samples/wire-en.txt"), "utf8");
const paragraphs = WIRE.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);

/** A one-page PDF of `lines` in Helvetica, written out by hand (objects,
 * cross-reference table and trailer), as a PDF writer would. */
function makePdf(lines) {
  const esc = (s) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const ops = ["BT", "/F1 10 Tf", "40 760 Td", "13 TL", ...lines.map((l, i) => `${i ? "T* " : ""}(${esc(l)}) Tj`), "ET"].join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${Buffer.byteLength(ops, "latin1")} >>\nstream\n${ops}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return [...Buffer.from(out, "latin1")];
}

/** Lines of at most `width` characters. */
function wrap(text, width = 95) {
  const lines = [];
  let line = "";
  for (const w of text.split(" ")) {
    if (line && line.length + w.length + 1 > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines;
}

/** A minimal .docx (the three parts Word needs), zipped by Python. */
function makeDocx(paras) {
  const xml = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = paras.map((p) => `<w:p><w:r><w:t xml:space="preserve">${xml(p)}</w:t></w:r></w:p>`).join("");
  const parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  };
  const py = "import io, json, sys, zipfile\nparts = json.load(sys.stdin)\nbuf = io.BytesIO()\nwith zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as z:\n    [z.writestr(k, v) for k, v in parts.items()]\nsys.stdout.buffer.write(buf.getvalue())";
  return [...execFileSync(process.env.PYTHON || "python3", ["-c", py], { input: JSON.stringify(parts) })];
}

async function open() {
  const { page, context, problems } = await newPage(env.browser);
  const requests = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  const ready = page.waitForFunction(() => document.querySelectorAll(".pane .ql-shared").length > 0);
  await page.goto(`${env.server.url}/index.html`);
  await ready;
  return { page, context, problems, requests };
}

async function finish({ page, context, problems }) {
  assert.deepEqual(await page.evaluate(() => window.__violations), [], "no Content-Security-Policy violations");
  assert.deepEqual(problems.filter((p) => !/Warning: TT|fetchStandardFontData/.test(p)), [], "no console errors");
  await context.close();
}

test("a PDF is read with pdf.js, loaded only when a PDF arrives, and compared", async () => {
  const s = await open();
  const { page, requests } = s;
  assert.ok(!requests.some((p) => p.includes("/vendor/")), "no reader loads with the page");
  const done = nextComparison(page);
  await dropFiles(page, 0, [{ name: "wire.pdf", bytes: makePdf(paragraphs.flatMap((p) => [...wrap(p), ""])), type: "application/pdf" }]);
  await done;
  const view = await pieces(page, 0);
  assert.ok(view.text.replace(/\s+/g, " ").includes("The Marrowby harbour bridge will close to all traffic"), view.text.slice(0, 300));
  assert.ok(view.pieces.some((p) => p.shared), "shared with the post");
  assert.ok(requests.some((p) => p.endsWith("/vendor/pdfjs/pdf.min.mjs")) && requests.some((p) => p.endsWith("pdf.worker.min.mjs")), "pdf.js from the page's own origin");
  assert.ok(!requests.some((p) => p.includes("mammoth") || p.includes("Readability")), "only the reader needed");
  await page.screenshot({ path: join(ARTIFACTS, "document-pdf.png") });
  await finish(s);
});

test("a .docx is read with mammoth and compared", async () => {
  const s = await open();
  const { page, requests } = s;
  const done = nextComparison(page);
  await dropFiles(page, 0, [{ name: "wire.docx", bytes: makeDocx(paragraphs) }]);
  await done;
  const view = await pieces(page, 0);
  assert.ok(view.text.includes(paragraphs[1].slice(0, 60)), view.text.slice(0, 300));
  assert.ok(view.pieces.some((p) => p.shared));
  assert.ok(requests.some((p) => p.endsWith("/vendor/mammoth.browser.min.js")));
  await finish(s);
});

test("a saved web page gives its article (menus, sidebars and footers dropped), or its whole text on request", async () => {
  const s = await open();
  const { page, requests } = s;
  const article = paragraphs.map((p) => `<p>${p.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`).join("\n");
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Bridge closure - Coastline Wire</title></head><body>
    <header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">WEATHERMENU</a></li></ul></nav></header>
    <div class="layout"><aside class="sidebar"><h3>Most read</h3><ul><li><a href="/a">SIDEBARLINK celebrity gossip</a></li><li><a href="/b">Ten recipes</a></li></ul></aside>
    <main><article><h1>Harbour bridge to close for six weeks</h1>${article}</article></main></div>
    <footer><p>FOOTERTEXT Copyright Coastline Wire. All rights reserved. Privacy. Cookies.</p></footer></body></html>`;
  const done = nextComparison(page);
  await dropFiles(page, 0, [{ name: "saved page.html", text: html, type: "text/html" }]);
  await done;
  const articleOnly = (await pieces(page, 0)).text;
  assert.ok(articleOnly.includes(paragraphs[1].slice(0, 60)), articleOnly.slice(0, 300));
  for (const chrome of ["WEATHERMENU", "SIDEBARLINK", "FOOTERTEXT"]) assert.ok(!articleOnly.includes(chrome), `${chrome} dropped`);
  assert.ok(requests.some((p) => p.endsWith("/vendor/Readability.js")));
  // the pane's switch: the whole visible text instead
  assert.equal(await page.isVisible(".pane >> nth=0 >> .pane-whole"), true);
  const again = nextComparison(page);
  await page.check(".pane >> nth=0 >> .pane-whole input");
  await again;
  const whole = (await pieces(page, 0)).text;
  for (const chrome of ["WEATHERMENU", "SIDEBARLINK", "FOOTERTEXT"]) assert.ok(whole.includes(chrome), `${chrome} in the whole page`);
  // a plain text pane has no such switch
  assert.equal(await page.isVisible(".pane >> nth=1 >> .pane-whole"), false);
  await finish(s);
});

test("a PDF that cannot be read gets a message in its pane; the other text stays", async () => {
  const s = await open();
  const { page } = s;
  const before = await page.textContent(".pane >> nth=1 >> .pane-view");
  await dropFiles(page, 0, [{ name: "broken.pdf", bytes: [...Buffer.from("%PDF-1.4\nthis is not really a PDF at all\n%%EOF\n")] }]);
  await page.waitForFunction(() => /cannot be read/.test(document.querySelectorAll(".pane-msg")[0].textContent), null, { timeout: 15000 });
  assert.match(await page.textContent(".pane >> nth=0 >> .pane-msg"), /broken\.pdf: this file cannot be read/);
  assert.equal(await page.textContent(".pane >> nth=1 >> .pane-view"), before);
  s.problems.length = 0; // pdf.js reports the broken file on the console too
  await finish(s);
});
