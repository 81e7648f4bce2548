// The single-file build's assets module: it takes the place of www/assets.js
// (see that file) in quotelens.html. boot.js has unpacked the file's payload
// into `globalThis.__quotelensStandalone` ({files, wasm}) before the page's
// code runs; everything is read from there, nothing from the network.
const { files, wasm } = globalThis.__quotelensStandalone;
const utf8 = new TextDecoder();

function file(name) {
  const bytes = files[name];
  if (!bytes) throw new Error(`quotelens.html has no ${name}`);
  return bytes;
}

const urls = new Map();
function blobUrl(name, type) {
  if (!urls.has(name)) urls.set(name, URL.createObjectURL(new Blob([file(name)], { type })));
  return urls.get(name);
}

/** The text of one of the page's samples, e.g. "wire-en.txt". */
export async function sampleText(name) {
  return utf8.decode(file(`samples/${name}`));
}

/** The page's stylesheets (inline in this file), for the exported HTML. */
export async function styleText() {
  return document.getElementById("quotelens-style").textContent;
}

/** Readability is inside the file; pdf.js and mammoth (about 2 MB) are not. */
export function vendorUrl(path) {
  if (path === "Readability.js") return blobUrl("vendor/Readability.js", "text/javascript");
  throw new Error("this single-file copy of quotelens reads text and web pages; open PDF and Word files in the full page");
}

/** A classic worker from a blob (file:// pages cannot start module
 * workers), given the module compiled once by boot.js. */
export function startWorker() {
  const worker = new Worker(blobUrl("worker.js", "text/javascript"));
  worker.postMessage({ type: "wasm", module: wasm });
  return worker;
}
