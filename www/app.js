// The comparison page: panes of texts (paste, type, open or drop files),
// the comparison in a worker, and the result drawn with render.js. No
// framework, no network but the page's own files. User text reaches the DOM
// only through textContent, value and text nodes.
import { sampleText, startWorker, styleText } from "./assets.js";
import { Engine } from "./engine.js";
import { Connectors } from "./connectors.js";
import { docxText, kindOf, pageText, pdfText } from "./documents.js";
import { PassageController, newestOnly } from "./passages.js";
import { Presenter } from "./presenter.js";
import { MAX_LINK_CHARS, readShare, shareLink } from "./share.js";
import { STRINGS, detectLanguage, saveLanguage } from "./i18n.js";
import { displayName, renderDocument, renderLegend, renderMinimap, renderPassageList, renderPlain, renderSummary } from "./render.js";

/** Largest total input, in bytes of files or UTF-16 units of text. */
export const LIMIT_BYTES = 20 * 1024 * 1024;
/** A comparison that takes longer than this shows the progress bar. */
const PROGRESS_AFTER_MS = 250;
const ACCEPTED = /\.(txt|text|md|markdown|html?|xhtml|pdf|docx)$/i;

const $ = (sel) => document.querySelector(sel);
const engine = new Engine(startWorker);
const state = {
  lang: detectLanguage(),
  docs: [],
  report: null,
  reportTexts: [],
  options: {},
  passageEls: new Map(),
  ms: 0,
};
let t = STRINGS[state.lang];

// ---------- documents and panes ----------

function addDoc(name, text = "") {
  const doc = { name: name || t.textN(state.docs.length + 1), text, editing: text === "", msg: "", msgKind: "" };
  state.docs.push(doc);
  doc.ui = buildPane(doc);
  $("#panes").append(doc.ui.root);
  return doc;
}

function indexOf(doc) {
  return state.docs.indexOf(doc);
}

function buildPane(doc) {
  const root = $("#pane-template").content.firstElementChild.cloneNode(true);
  const ui = {
    root,
    name: root.querySelector(".pane-name"),
    stats: root.querySelector(".pane-stats"),
    encoding: root.querySelector(".pane-encoding"),
    whole: root.querySelector(".pane-whole"),
    wholeBox: root.querySelector(".pane-whole input"),
    open: root.querySelector(".pane-open"),
    edit: root.querySelector(".pane-edit"),
    remove: root.querySelector(".pane-remove"),
    file: root.querySelector(".pane-file"),
    msg: root.querySelector(".pane-msg"),
    editor: root.querySelector(".pane-editor"),
    view: root.querySelector(".pane-view"),
    minimap: root.querySelector(".pane-minimap"),
  };
  ui.name.value = doc.name;
  ui.name.addEventListener("change", () => {
    doc.name = ui.name.value.trim() || t.textN(indexOf(doc) + 1);
    ui.name.value = doc.name;
    if (state.report) renderAll();
  });
  // a saved web page: its article (Readability), or its whole visible text
  ui.wholeBox.addEventListener("change", async () => {
    doc.wholePage = ui.wholeBox.checked;
    if (!doc.html) return;
    doc.text = await pageText(doc.html, doc.wholePage);
    renderPane(doc);
    compareSoon(0);
  });
  ui.open.addEventListener("click", () => ui.file.click());
  ui.file.addEventListener("change", () => {
    loadFiles([...ui.file.files], indexOf(doc));
    ui.file.value = "";
  });
  ui.edit.addEventListener("click", () => {
    doc.editing = !doc.editing;
    if (doc.editing) doc.given = doc.text;
    if (!doc.editing) commitEdit(doc);
    renderPane(doc);
    if (doc.editing) ui.editor.focus();
  });
  ui.remove.addEventListener("click", () => {
    state.docs.splice(indexOf(doc), 1);
    root.remove();
    if (state.docs.length < 2) addDoc();
    compareSoon(0);
  });
  // A paste over the whole box is the text as the user gave it, line ends
  // and all (the box itself turns CRLF into LF).
  ui.editor.addEventListener("paste", (ev) => {
    const raw = ev.clipboardData?.getData("text/plain");
    if (raw && ui.editor.selectionStart === 0 && ui.editor.selectionEnd === ui.editor.value.length) doc.given = raw;
  });
  ui.editor.addEventListener("input", () => {
    doc.text = keepLineEnds(ui.editor.value, doc.given ?? "");
    compareSoon(600);
  });
  ui.editor.addEventListener("blur", () => {
    if (doc.text.trim()) {
      doc.editing = false;
      commitEdit(doc);
      renderPane(doc);
    }
  });
  for (const type of ["dragenter", "dragover"]) {
    root.addEventListener(type, (ev) => {
      if (!ev.dataTransfer?.types?.includes("Files")) return;
      ev.preventDefault();
      ev.stopPropagation();
      root.classList.add("drag-over");
    });
  }
  root.addEventListener("dragleave", () => root.classList.remove("drag-over"));
  root.addEventListener("drop", (ev) => {
    ev.preventDefault();
    ev.stopPropagation();
    root.classList.remove("drag-over");
    $("#drop-hint").hidden = true;
    const files = [...(ev.dataTransfer?.files ?? [])];
    if (files.length) loadFiles(files, indexOf(doc));
  });
  labelPane(ui);
  return ui;
}

function labelPane(ui) {
  ui.open.textContent = t.openFile;
  ui.remove.textContent = t.remove;
  ui.editor.placeholder = t.placeholder;
  ui.whole.querySelector("span").textContent = t.wholePage;
}

function commitEdit(doc) {
  doc.text = keepLineEnds(doc.ui.editor.value, doc.given ?? "");
  compareSoon(0);
}

const lf = (s) => s.replace(/\r\n?/g, "\n");

/** The text box's value with the line ends of `given`, the text as the user
 * gave it (a file, or a paste): the box turns CRLF into LF, and the report's
 * offsets must match the user's text. Unchanged, it is `given` itself;
 * edited, it keeps CRLF line ends if `given` had only those. */
function keepLineEnds(value, given) {
  if (lf(given) === value) return given;
  const ends = given.match(/\r\n|\r|\n/g) ?? [];
  return ends.length && ends.every((e) => e === "\r\n") ? value.replace(/\n/g, "\r\n") : value;
}

function setMessage(doc, text, kind = "error") {
  doc.msg = text;
  doc.msgKind = kind;
  doc.ui.msg.textContent = text;
  doc.ui.msg.classList.toggle("warn", kind === "warn");
}

// ---------- files ----------

function totalBytes(except) {
  return state.docs.reduce((n, d, i) => n + (i === except ? 0 : d.text.length), 0);
}

/** Loads files into the panes from `start` on, adding panes as needed. A
 * bad file gets a message in its pane; every other text is kept. */
async function loadFiles(files, start) {
  let at = start < 0 ? state.docs.length : start;
  for (const file of files) {
    const doc = state.docs[at] ?? addDoc(displayName(file.name));
    at += 1;
    await loadFile(doc, file);
  }
  compareSoon(0);
}

async function loadFile(doc, file) {
  const name = file.name ? displayName(file.name) : doc.name;
  if (!ACCEPTED.test(name) && !String(file.type).startsWith("text/")) {
    setMessage(doc, t.errType(name));
    return;
  }
  if (file.size === 0) {
    setMessage(doc, t.errEmpty(name));
    return;
  }
  if (file.size + totalBytes(indexOf(doc)) > LIMIT_BYTES) {
    setMessage(doc, t.errTooLarge(((file.size + totalBytes(indexOf(doc))) / 1048576).toFixed(1), LIMIT_BYTES / 1048576));
    return;
  }
  const bytes = await file.arrayBuffer();
  const kind = kindOf(name, file.type, bytes);
  let decoded = { encoding: "", detectedBy: "", replaced: 0, control: 0 };
  let text;
  try {
    if (kind === "pdf") text = await pdfText(bytes);
    else if (kind === "docx") text = await docxText(bytes);
    else {
      decoded = await engine.decode(bytes);
      text = decoded.text;
      if (kind === "html") {
        doc.html = text;
        text = await pageText(text, doc.wholePage);
      }
    }
  } catch (e) {
    setMessage(doc, kind === "text" || kind === "html" ? t.errBinary(name, e.message) : t.errRead(name, e.message));
    return;
  }
  if (kind !== "html") doc.html = null;
  doc.ui.whole.hidden = kind !== "html";
  if (!text.trim()) {
    setMessage(doc, t.errEmpty(name));
    return;
  }
  doc.name = name;
  doc.text = text;
  doc.encoding = decoded.encoding;
  doc.detectedBy = decoded.detectedBy;
  doc.editing = false;
  doc.ui.name.value = name;
  const warnings = [];
  if (decoded.replaced) warnings.push(t.warnReplaced(name, decoded.replaced, decoded.encoding));
  if (decoded.control) warnings.push(t.warnControl(name, decoded.control));
  setMessage(doc, warnings.join(" "), "warn");
  renderPane(doc);
}

// ---------- comparing ----------

let timer = 0;
const newest = newestOnly();
function compareSoon(ms) {
  clearTimeout(timer);
  timer = setTimeout(compareNow, ms);
}

async function compareNow() {
  const texts = state.docs.map((d) => d.text);
  const status = $("#status");
  if (texts.filter((x) => x.trim()).length < 2) {
    state.report = null;
    status.textContent = t.needTwo;
    renderAll();
    return;
  }
  const total = texts.reduce((n, x) => n + x.length, 0);
  if (total > LIMIT_BYTES) {
    status.textContent = t.errTooLarge((total / 1048576).toFixed(1), LIMIT_BYTES / 1048576);
    return;
  }
  const progress = setTimeout(() => {
    $("#progress").hidden = false;
    $("#summary-table").classList.add("stale"); // the figures of the last texts
    status.textContent = t.working;
  }, PROGRESS_AFTER_MS);
  let outcome;
  try {
    outcome = await newest(() => engine.compare(texts, state.options));
  } catch (e) {
    outcome = { error: e };
  }
  clearTimeout(progress);
  if (outcome.stale) return; // a newer comparison answers instead
  $("#progress").hidden = true;
  if (outcome.error) {
    status.textContent = outcome.error.message;
    return;
  }
  const { report, ms } = outcome.value;
  const newTexts = texts.length !== state.reportTexts.length || texts.some((x, i) => x !== state.reportTexts[i]);
  state.report = report;
  state.reportTexts = texts;
  state.ms = Math.round(ms);
  showStatus();
  renderAll();
  // new texts open at their first shared passage, not thousands of
  // characters above it: two frames on, once the text blocks are laid out
  // (until then a block has its placeholder height, too short to scroll)
  if (newTexts) requestAnimationFrame(() => requestAnimationFrame(() => passages.revealFirst()));
  document.dispatchEvent(new CustomEvent("quotelens-compared", { detail: { passages: report.passages.length, ms } }));
}

// ---------- rendering ----------

function showStatus() {
  const r = state.report;
  if (r) $("#status").textContent = r.passages.length ? t.comparedIn(state.ms, r.passages.length) : t.noPassages;
}

const labels = {
  passage: (p, other) => t.passageLabel(p, other),
  get onlyHere() {
    return t.onlyHere;
  },
  get matched() {
    return t.matchedUnit;
  },
};

function reportFor(doc) {
  const i = indexOf(doc);
  return state.report && state.reportTexts[i] === doc.text ? state.report : null;
}

function renderPane(doc) {
  const { ui } = doc;
  const i = indexOf(doc);
  ui.edit.textContent = doc.editing ? t.done : t.edit;
  // The textarea holds the text only while editing: a 10 MB value costs
  // seconds of layout.
  if (doc.editing && ui.editor.value !== lf(doc.text)) ui.editor.value = doc.text;
  if (!doc.editing && ui.editor.value) ui.editor.value = "";
  ui.editor.hidden = !doc.editing;
  ui.view.hidden = doc.editing;
  // the encoding the file was read in (none for typed text)
  ui.encoding.hidden = !doc.encoding;
  ui.encoding.textContent = doc.encoding ? t.encoding(doc.encoding, doc.detectedBy) : "";
  ui.encoding.title = doc.encoding ? t.encodingTitle : "";
  const report = reportFor(doc);
  if (report) {
    report.documents[i].name = doc.name;
    if (doc.encoding) report.documents[i].encoding = doc.encoding;
    const map = renderDocument(ui.view, doc.text, i, report, labels);
    for (const [id, els] of map) state.passageEls.set(id, [...(state.passageEls.get(id) ?? []), ...els]);
    renderMinimap(ui.minimap, i, report, ui.view);
    const d = report.documents[i];
    ui.stats.textContent = d.length ? `${t.shared} ${((100 * d.shared) / d.length).toFixed(0)}%` : "";
  } else {
    renderPlain(ui.view, doc.text);
    ui.minimap.replaceChildren();
    ui.stats.textContent = "";
  }
}

function renderAll() {
  state.passageEls = new Map();
  state.docs.forEach((d, i) => {
    if (state.report?.documents[i]) state.report.documents[i].name = d.name;
  });
  // the summary first: its height can bring in the page's scroll bar,
  // which narrows the panes, and the minimaps measure the panes' layout
  const table = $("#summary-table");
  table.classList.remove("stale");
  if (state.report) renderSummary(table, state.report, t);
  else table.replaceChildren();
  for (const d of state.docs) renderPane(d);
  passages.setReport(state.report, state.passageEls);
  connectors.update(state.report, state.passageEls);
  renderList();
}

// ---------- linked highlights and navigation ----------

// hover, select, scroll the counterparts into view, j/k: passages.js
const passages = new PassageController($("#panes"), ".pane-view", (id) => {
  markListed(id);
  connectors.update(state.report, state.passageEls, id);
});
// ribbons between adjacent panes: connectors.js
const connectors = new Connectors($("#panes"), ".pane-view");

function wireHighlights() {
  const forever = new AbortController().signal;
  passages.listen(forever);
  connectors.listen(forever);
  document.addEventListener("keydown", (ev) => {
    if (ev.target.closest?.("#passage-list, #presenter")) return; // they take their own keys
    passages.key(ev);
  });
  $("#passage-items").addEventListener("click", (ev) => {
    const b = ev.target.closest?.(".ql-list-item");
    if (b) passages.select(Number(b.dataset.passage), null);
  });
  $("#list-filters").addEventListener("change", () => renderList());
}

// ---------- the passage list ----------

/** The list, filtered by the kinds ticked and the document chosen. */
function renderList() {
  const list = $("#passage-items");
  const docSelect = $("#list-doc");
  const chosen = docSelect.value;
  docSelect.replaceChildren(new Option(t.allDocuments, ""), ...state.docs.map((d, i) => new Option(d.name, String(i))));
  docSelect.value = chosen && Number(chosen) < state.docs.length ? chosen : "";
  if (!state.report) {
    list.replaceChildren();
    return;
  }
  const kinds = new Set([...document.querySelectorAll("#list-filters input[name=kind]:checked")].map((c) => c.value));
  const doc = docSelect.value === "" ? -1 : Number(docSelect.value);
  const keep = (p) => kinds.has(p.kind) && (doc < 0 || p.a.doc === doc || p.b.doc === doc);
  renderPassageList(list, state.report, state.reportTexts, t, keep);
  markListed(passages.current);
}

/** Marks the current passage's entry in the list and keeps it in view. */
function markListed(id) {
  for (const b of document.querySelectorAll("#passage-items .ql-list-item")) {
    const on = Number(b.dataset.passage) === id;
    b.setAttribute("aria-current", String(on));
    if (on) b.scrollIntoView({ block: "nearest" });
  }
}

// ---------- page-level controls ----------

/** Puts the texts and options into a link (share.js) and copies it. */
async function share() {
  const docs = state.docs.filter((d) => d.text.trim());
  const link = await shareLink(location.href.split("#")[0], docs, state.options);
  const box = $("#share-box");
  const note = $("#share-note");
  box.hidden = false;
  if (link.length > MAX_LINK_CHARS) {
    $("#share-link").value = "";
    note.textContent = t.shareTooLong(link.length, MAX_LINK_CHARS);
    return;
  }
  $("#share-link").value = link;
  $("#share-link").select();
  try {
    await navigator.clipboard.writeText(link);
    note.textContent = t.shareCopied;
  } catch {
    note.textContent = t.shareReady; // no clipboard access: the box holds it
  }
}

/** Opens the comparison a share link holds; false when the page's URL holds
 * none (or a damaged one, which says so). */
async function openShared() {
  const shared = await readShare(location.hash);
  if (!shared) return false;
  if (shared instanceof Error) {
    $("#share-box").hidden = false;
    $("#share-note").textContent = t.shareDamaged;
    return false;
  }
  for (const [id, key] of [["#min-length", "minLength"], ["#max-gap", "maxGap"], ["#min-similarity", "minSimilarity"]]) {
    if (Number.isFinite(shared.options[key])) $(id).value = String(shared.options[key]);
  }
  for (const [id, key] of [["#reworded", "reworded"], ["#stem", "stem"]]) {
    if (typeof shared.options[key] === "boolean") $(id).checked = shared.options[key];
  }
  readOptions();
  for (const d of state.docs) d.ui.root.remove();
  state.docs = [];
  for (const d of shared.docs) addDoc(displayName(d.name), d.text);
  while (state.docs.length < 2) addDoc();
  compareSoon(0);
  return true;
}

async function loadSample(lang) {
  const names = [`wire-${lang}.txt`, `post-${lang}.txt`];
  const texts = await Promise.all(names.map(sampleText));
  for (const d of state.docs) d.ui.root.remove();
  state.docs = [];
  names.forEach((n, i) => addDoc(n, texts[i]));
  compareSoon(0);
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function exportJson() {
  if (!state.report) return;
  download("quotelens-report.json", "application/json", JSON.stringify(state.report, null, 2));
}

async function exportHtml() {
  if (!state.report) return;
  // The stylesheet is our own file; everything with user text in it is
  // serialized from DOM nodes by XMLSerializer, which escapes it.
  const css = (await styleText()).replaceAll("</", "<\\/");
  const out = document.implementation.createHTMLDocument("quotelens");
  const body = out.body;
  const h1 = out.createElement("h1");
  h1.textContent = "quotelens";
  const note = out.createElement("p");
  note.textContent = t.standaloneNote;
  const summary = out.createElement("section");
  summary.className = "summary";
  const legend = document.importNode($("#legend"), true);
  summary.append(document.importNode($("#summary-table"), true), legend);
  const panes = out.createElement("main");
  panes.className = "panes";
  for (const d of state.docs) {
    const pane = out.createElement("section");
    pane.className = "pane";
    const head = out.createElement("h2");
    head.className = "pane-head";
    head.textContent = d.name;
    const box = out.createElement("div");
    box.className = "pane-body";
    const view = document.importNode(d.ui.view, true);
    view.hidden = false;
    view.removeAttribute("tabindex");
    box.append(view);
    pane.append(head, box);
    panes.append(pane);
  }
  body.append(h1, note, summary, panes);
  const extra = ".pane-body{height:auto}.pane-view{overflow:visible}.pane-minimap{display:none}";
  const html = [
    "<!doctype html>",
    `<html lang="${state.lang === "ja" ? "ja" : "en"}"><head><meta charset="utf-8">`,
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    "<title>quotelens</title>",
    `<style>${css}\n${extra}</style></head>`,
    new XMLSerializer().serializeToString(body),
    "</html>",
  ].join("\n");
  download("quotelens.html", "text/html", html);
}

function readOptions() {
  const num = (id) => Number($(id).value);
  state.options = {
    minLength: num("#min-length"),
    maxGap: num("#max-gap"),
    minSimilarity: num("#min-similarity"),
    reworded: $("#reworded").checked,
    stem: $("#stem").checked,
  };
  $("#min-length-out").textContent = String(state.options.minLength);
  $("#max-gap-out").textContent = String(state.options.maxGap);
  $("#min-similarity-out").textContent = String(state.options.minSimilarity);
}

function applyLanguage(lang) {
  state.lang = lang;
  t = STRINGS[lang];
  document.documentElement.lang = lang;
  document.title = t.title;
  $("#lang").value = lang;
  for (const e of document.querySelectorAll("[data-i18n]")) e.textContent = t[e.dataset.i18n];
  renderLegend($("#legend"), t);
  for (const d of state.docs) labelPane(d.ui);
  showStatus();
  renderAll();
}

function wirePage() {
  $("#sample-en").addEventListener("click", () => loadSample("en"));
  $("#sample-ja").addEventListener("click", () => loadSample("ja"));
  $("#add-doc").addEventListener("click", () => {
    const d = addDoc();
    renderPane(d);
    d.ui.editor.focus();
  });
  $("#clear-all").addEventListener("click", () => {
    for (const d of state.docs) d.ui.root.remove();
    state.docs = [];
    state.report = null;
    addDoc();
    addDoc();
    renderAll();
    $("#status").textContent = t.needTwo;
  });
  $("#export-json").addEventListener("click", exportJson);
  $("#export-html").addEventListener("click", exportHtml);
  $("#print").addEventListener("click", () => window.print());
  $("#share").addEventListener("click", share);
  // the presenter view opens on the selected passage, or the first
  const presenter = new Presenter($("#presenter"), t);
  $("#present").addEventListener("click", () => presenter.open(state.report, state.reportTexts, t, Math.max(passages.current, 0)));
  $("#lang").addEventListener("change", (ev) => {
    saveLanguage(ev.target.value);
    applyLanguage(ev.target.value);
  });
  $("#options").addEventListener("input", () => {
    readOptions();
    compareSoon(200);
  });
  // files dropped outside any pane become new texts
  let depth = 0;
  document.addEventListener("dragenter", (ev) => {
    if (!ev.dataTransfer?.types?.includes("Files")) return;
    depth += 1;
    $("#drop-hint").hidden = false;
  });
  document.addEventListener("dragleave", () => {
    depth = Math.max(0, depth - 1);
    if (!depth) $("#drop-hint").hidden = true;
  });
  document.addEventListener("dragover", (ev) => ev.preventDefault());
  document.addEventListener("drop", (ev) => {
    ev.preventDefault();
    depth = 0;
    $("#drop-hint").hidden = true;
    const files = [...(ev.dataTransfer?.files ?? [])];
    const empty = state.docs.findIndex((d) => !d.text);
    if (files.length) loadFiles(files, empty);
  });
}

function start() {
  wirePage();
  wireHighlights();
  readOptions();
  applyLanguage(state.lang);
  openShared().then((opened) => opened || loadSample(state.lang));
}

start();
