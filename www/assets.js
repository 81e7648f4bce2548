// Where the page's own files come from: the samples, its stylesheets (for
// the exported HTML), the vendored document readers and the worker. Here
// they are files beside the page, fetched from its server. The single-file
// build (`make standalone`) puts tools/standalone/assets.js in this
// module's place, which reads the same things from inside quotelens.html.

/** The text of one of the page's samples, e.g. "wire-en.txt". */
export async function sampleText(name) {
  const r = await fetch(new URL(`./samples/${name}`, import.meta.url));
  if (!r.ok) throw new Error(`cannot load the sample ${name} (${r.status})`);
  return r.text();
}

/** The page's stylesheets as one text, for the exported HTML. */
export async function styleText() {
  const sheets = await Promise.all(["style.css", "kinds.css"].map(async (f) => (await fetch(new URL(`./${f}`, import.meta.url))).text()));
  return sheets.join("\n");
}

/** The URL of a file of a vendored library (tools/vendor.mjs), e.g.
 * "Readability.js" or "pdfjs/pdf.min.mjs". */
export function vendorUrl(path) {
  return new URL(`./vendor/${path}`, import.meta.url).href;
}

/** Starts the engine's worker; undefined: the engine's own default. */
export const startWorker = undefined;
