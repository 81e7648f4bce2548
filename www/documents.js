// Reading real documents on the page: PDF with pdf.js, .docx with mammoth,
// and web pages saved from a browser with Readability (the article, without
// menus, sidebars and footers; or the whole visible text on request). Each
// library is self-hosted in vendor/ (tools/vendor.mjs) and loaded only when
// a file of its kind arrives, under the page's Content-Security-Policy.
import { vendorUrl as vendor } from "./assets.js";
import { htmlToText } from "./render.js";

/** Loads a classic script that defines `global`, once. */
function script(src, global) {
  if (window[global]) return Promise.resolve(window[global]);
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = () => (window[global] ? resolve(window[global]) : reject(new Error(`${global} did not load`)));
    s.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(s);
  });
}

/** What a file is, by its name, type and first bytes. */
export function kindOf(name, type, bytes) {
  const head = new Uint8Array(bytes.slice(0, 5));
  const starts = (s) => [...s].every((c, i) => head[i] === c.charCodeAt(0));
  if (/\.pdf$/i.test(name) || type === "application/pdf" || starts("%PDF-")) return "pdf";
  if (/\.docx$/i.test(name) || type === "application/vnd.openxmlformats-officedocument.wordprocessingml.document") return "docx";
  if (/\.(html?|xhtml|mhtml?)$/i.test(name) || type === "text/html") return "html";
  return "text";
}

/** The text of a PDF: each page's text in reading order, lines kept,
 * pages separated by a blank line. */
export async function pdfText(buffer) {
  const pdfjs = await import(vendor("pdfjs/pdf.min.mjs"));
  pdfjs.GlobalWorkerOptions.workerSrc = vendor("pdfjs/pdf.worker.min.mjs");
  const pdf = await pdfjs.getDocument({
    data: new Uint8Array(buffer),
    isEvalSupported: false,
    cMapUrl: vendor("pdfjs/cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: vendor("pdfjs/standard_fonts/"),
  }).promise;
  const pages = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => (it.str ?? "") + (it.hasEOL ? "\n" : "")).join(""));
  }
  await pdf.destroy();
  return pages.join("\n\n").trim();
}

/** The text of a .docx, paragraph by paragraph. */
export async function docxText(buffer) {
  const mammoth = await script(vendor("mammoth.browser.min.js"), "mammoth");
  const { value } = await mammoth.extractRawText({ arrayBuffer: buffer });
  return value.trim();
}

/** The text of a saved web page: its article (Readability), or with
 * `whole` every visible text. Falls back to the whole text when Readability
 * finds no article. */
export async function pageText(html, whole) {
  if (!whole) {
    const Readability = await script(vendor("Readability.js"), "Readability");
    const doc = new DOMParser().parseFromString(html, "text/html"); // inert
    const article = new Readability(doc).parse();
    if (article?.content) {
      const text = htmlToText(article.content);
      if (text.trim()) return (article.title ? `${article.title.trim()}\n\n` : "") + text;
    }
  }
  return htmlToText(html);
}
