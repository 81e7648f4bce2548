// Copies the document readers the page loads on demand into www/vendor/
// (git-ignored), so they are served from the page's own origin under its
// Content-Security-Policy: pdf.js (with its worker, CMaps for CJK PDFs and
// standard font data), mammoth for .docx, and Readability for saved web
// pages. Run by `make www`.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const nm = (p) => join(root, "node_modules", p);
const out = join(root, "www", "vendor");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "pdfjs"), { recursive: true });
const copies = [
  ["pdfjs-dist/build/pdf.min.mjs", "pdfjs/pdf.min.mjs"],
  ["pdfjs-dist/build/pdf.worker.min.mjs", "pdfjs/pdf.worker.min.mjs"],
  ["pdfjs-dist/cmaps", "pdfjs/cmaps"],
  ["pdfjs-dist/standard_fonts", "pdfjs/standard_fonts"],
  ["pdfjs-dist/LICENSE", "pdfjs/LICENSE"],
  ["mammoth/mammoth.browser.min.js", "mammoth.browser.min.js"],
  ["mammoth/LICENSE", "mammoth.LICENSE"],
  ["@mozilla/readability/Readability.js", "Readability.js"],
  ["@mozilla/readability/LICENSE.md", "Readability.LICENSE.md"],
];
for (const [from, to] of copies) cpSync(nm(from), join(out, to), { recursive: true });
console.error(`vendor: ${copies.length} files and folders in www/vendor/`);
