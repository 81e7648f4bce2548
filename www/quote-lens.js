// <quote-lens>: an embeddable comparison. The README's "The element"
// section is its contract (attributes, properties, events, parts, custom
// properties). Texts come from child <template>, <pre> or <blockquote>
// elements, or from same-origin URLs in `src`; with `report` (a JSON report
// from `quotelens --json`) it renders without loading WebAssembly at all.
import { STRINGS } from "./i18n.js";
import { Connectors } from "./connectors.js";
import { PassageController, newestOnly } from "./passages.js";
import { displayName, renderDocument, renderLegend, renderMinimap, renderSummary, reportProblem } from "./render.js";

const NUMERIC = { "min-length": "minLength", "max-gap": "maxGap", "min-similarity": "minSimilarity" };

function parseNumber(v) {
  if (v === null || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * An embeddable comparison of two or more texts: shared passages in one
 * colour per source, each author's own words plain.
 *
 * @element quote-lens
 * @summary Find the passages texts share, and what each author added.
 *
 * @attr {string} src - Space-separated same-origin URLs of the texts, in any encoding.
 * @attr {string} report - URL of a precomputed report (`quotelens --json`); rendered without WebAssembly.
 * @attr {number} min-length - Option `minLength`: the shortest passage, in weighted characters.
 * @attr {number} max-gap - Option `maxGap`: the longest edit bridged inside a passage.
 * @attr {number} min-similarity - Option `minSimilarity`, 0 to 1.
 * @attr {boolean} no-reworded - Turns option `reworded` off: only copied and edited passages.
 * @attr {string} ui-lang - `en` or `ja` labels (default: the browser's language).
 *
 * @fires {CustomEvent<{report: object}>} quote-lens-compared - After each comparison or report load.
 * @fires {CustomEvent<{passage: number, group: number, a: object, b: object, similarity: number}>} quote-lens-select - When a passage is selected.
 * @fires {CustomEvent<{message: string}>} quote-lens-error - When a source, report or option fails.
 *
 * @csspart container - The whole element's box.
 * @csspart status - The status line.
 * @csspart summary - The summary table.
 * @csspart legend - The legend row.
 * @csspart legend-item - One legend swatch.
 * @csspart panes - The row of panes.
 * @csspart pane - One text's pane.
 * @csspart pane-title - A pane's title.
 * @csspart text - A pane's text view.
 * @csspart minimap - A pane's minimap strip.
 * @csspart passage - A piece of a shared passage.
 * @csspart passage-verbatim - A passage piece of a verbatim passage.
 * @csspart passage-edited - A passage piece of an edited passage.
 * @csspart passage-reworded - A passage piece of a reworded passage.
 * @csspart edit - A passage piece that is an edit.
 * @csspart unit - A word both sides of a reworded passage share.
 * @csspart added - Each author's own text.
 *
 * @cssprop [--quote-lens-font=system-ui] - Font family.
 * @cssprop [--quote-lens-color=#1d1d1f] - Text colour.
 * @cssprop [--quote-lens-background=#fff] - Background.
 * @cssprop [--quote-lens-border=1px solid #d9d6cf] - Outer border.
 * @cssprop [--quote-lens-height=22rem] - Height of each text pane.
 * @cssprop [--quote-lens-tint=26%] - Strength of the passage tint.
 * @cssprop [--quote-lens-added-color=#6b6b70] - Colour of each author's own text.
 * @cssprop [--quote-lens-focus=#1a5fd0] - Focus and selection outline.
 */
export class QuoteLens extends HTMLElement {
  /** The quotelens release (the same as Cargo.toml and package.json). */
  static version = "0.1.0";

  static observedAttributes = ["src", "report", "min-length", "max-gap", "min-similarity", "no-reworded", "ui-lang"];

  #root;
  #panes;
  #summary;
  #legend;
  #status;
  #texts = null; // set through the `texts` property; otherwise read from sources
  #report = null;
  #docTexts = [];
  #engine = null;
  #listeners = null;
  #queued = false;
  #els = new Map();
  #passages;
  #connectors;
  #newest = newestOnly();

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: "open" });
    // literal URLs, so that bundlers copy the style sheets with the element
    const sheets = [new URL("./quote-lens.css", import.meta.url), new URL("./kinds.css", import.meta.url)].map((url) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = url.href;
      return css;
    });
    const box = document.createElement("div");
    box.className = "box";
    box.setAttribute("part", "container");
    this.#status = document.createElement("p");
    this.#status.className = "status";
    this.#status.setAttribute("part", "status");
    this.#status.setAttribute("role", "status");
    this.#summary = document.createElement("table");
    this.#summary.setAttribute("part", "summary");
    this.#legend = document.createElement("p");
    this.#legend.className = "legend";
    this.#legend.setAttribute("part", "legend");
    this.#panes = document.createElement("div");
    this.#panes.className = "panes";
    this.#panes.setAttribute("part", "panes");
    box.append(this.#status, this.#summary, this.#legend, this.#panes);
    this.#root.append(...sheets, box);
    // hover, select, scroll the counterparts into view, j/k: passages.js
    this.#connectors = new Connectors(this.#panes, ".view");
    this.#passages = new PassageController(this.#panes, ".view", (id) => {
      this.#connectors.update(this.#report, this.#els, id);
      const p = this.#report.passages[id];
      this.dispatchEvent(new CustomEvent("quote-lens-select", {
        bubbles: true,
        composed: true,
        detail: { passage: id, group: p.group, a: p.a, b: p.b, similarity: p.similarity },
      }));
    });
  }

  // ----- attributes mirrored as properties -----
  get src() { return this.getAttribute("src") ?? ""; }
  set src(v) { this.setAttribute("src", v); }
  get report() { return this.getAttribute("report") ?? ""; }
  set report(v) { this.setAttribute("report", v); }
  get minLength() { return parseNumber(this.getAttribute("min-length")); }
  set minLength(v) { this.setAttribute("min-length", String(v)); }
  get maxGap() { return parseNumber(this.getAttribute("max-gap")); }
  set maxGap(v) { this.setAttribute("max-gap", String(v)); }
  get minSimilarity() { return parseNumber(this.getAttribute("min-similarity")); }
  set minSimilarity(v) { this.setAttribute("min-similarity", String(v)); }
  /** Reworded passages are found unless the `no-reworded` attribute is set. */
  get reworded() { return !this.hasAttribute("no-reworded"); }
  set reworded(v) { this.toggleAttribute("no-reworded", !v); }
  get uiLang() { return this.getAttribute("ui-lang") ?? ""; }
  set uiLang(v) { this.setAttribute("ui-lang", v); }

  /** The texts compared (array of {name, text}); setting it overrides the
   * child elements and `src`. */
  get texts() { return this.#docTexts.map((d) => ({ ...d })); }
  set texts(list) {
    this.#texts = list.map((d, i) => (typeof d === "string" ? { name: `Text ${i + 1}`, text: d } : { name: displayName(d.name), named: true, text: String(d.text) }));
    this.#queue();
  }

  /** The last report (the schema of README.md), or null. */
  get result() { return this.#report; }

  /** Options passed to compare(), from the attributes. */
  get options() {
    const o = {};
    for (const [attr, key] of Object.entries(NUMERIC)) {
      const v = parseNumber(this.getAttribute(attr));
      if (v !== undefined) o[key] = v;
    }
    if (!this.reworded) o.reworded = false;
    return o;
  }

  get #t() {
    const lang = this.uiLang || (navigator.language?.startsWith("ja") ? "ja" : "en");
    return STRINGS[lang] ?? STRINGS.en;
  }

  connectedCallback() {
    this.#listeners = new AbortController();
    const signal = this.#listeners.signal;
    this.#passages.listen(signal);
    this.#connectors.listen(signal);
    this.addEventListener("keydown", (ev) => this.#passages.key(ev), { signal });
    this.#queue();
  }

  disconnectedCallback() {
    this.#listeners?.abort();
    this.#listeners = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#queue();
  }

  #queue() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      // a newer refresh (an attribute changed during a comparison)
      // supersedes this one: its result and its error are dropped
      this.#newest(() => this.#refresh())
        .then((r) => r.stale || this.#show(r.value))
        .catch((e) => this.#fail(e));
    });
  }

  #fail(e) {
    // one clear message, never a half-drawn comparison
    this.#report = null;
    this.#passages.setReport(null, new Map());
    this.#connectors.update(null, new Map());
    this.#panes.replaceChildren();
    this.#summary.replaceChildren();
    this.#legend.replaceChildren();
    this.#status.textContent = e.message;
    this.dispatchEvent(new CustomEvent("quote-lens-error", { bubbles: true, composed: true, detail: { message: e.message } }));
  }

  /** The comparing and decoding engine, made on first use. */
  async #getEngine() {
    const { Engine } = await import("./engine.js");
    this.#engine ??= new Engine();
    return this.#engine;
  }

  async #fetchText(url) {
    const u = new URL(url, document.baseURI);
    if (u.origin !== location.origin) throw new Error(`${url}: only same-origin URLs are read`);
    const r = await fetch(u);
    if (!r.ok) throw new Error(`${url}: ${r.status} ${r.statusText}`);
    return r;
  }

  async #sources() {
    if (this.#texts) return this.#texts;
    const src = this.src.trim();
    if (src) {
      const urls = src.split(/\s+/);
      const { readText } = await import("./engine.js");
      return Promise.all(
        urls.map(async (u) => {
          const bytes = await (await this.#fetchText(u)).arrayBuffer();
          // any encoding, as a dropped file (UTF-8 needs no WebAssembly)
          const { text, encoding } = await readText(bytes, () => this.#getEngine());
          return { name: displayName(decodeURIComponent(u.split("/").pop())), text, encoding };
        }),
      );
    }
    return [...this.querySelectorAll(":scope > template, :scope > pre, :scope > blockquote")].map((e, i) => {
      const given = e.dataset.name || e.getAttribute("title");
      return {
        name: displayName(given || `Text ${i + 1}`),
        named: Boolean(given),
        text: e.tagName === "TEMPLATE" ? e.content.textContent : e.textContent,
      };
    });
  }

  async #refresh() {
    const docs = await this.#sources();
    const texts = docs.map((d) => d.text);
    let report;
    if (this.report) {
      const body = await (await this.#fetchText(this.report)).text();
      try {
        report = JSON.parse(body);
      } catch {
        throw new Error(`${this.report}: cannot show this report: it is not JSON`);
      }
      const problem = reportProblem(report, texts);
      if (problem) throw new Error(`${this.report}: cannot show this report: ${problem}`);
    } else {
      if (texts.length < 2) throw new Error(this.#t.needTwo);
      ({ report } = await (await this.#getEngine()).compare(texts, this.options));
    }
    docs.forEach((d, i) => {
      // a precomputed report's names (quotelens --manifest "names") win
      // over names made from URLs; a child's data-name or title wins over both
      const fromReport = this.report && !d.named && report.documents[i].name;
      if (fromReport) d.name = displayName(String(report.documents[i].name));
      report.documents[i].name = d.name;
      if (d.encoding) report.documents[i].encoding = d.encoding;
    });
    return { docs, report };
  }

  #show({ docs, report }) {
    this.#docTexts = docs;
    this.#report = report;
    this.#render();
    this.#passages.setReport(report, this.#els);
    this.#connectors.update(report, this.#els);
    this.dispatchEvent(new CustomEvent("quote-lens-compared", { bubbles: true, composed: true, detail: { report } }));
  }

  #render() {
    const t = this.#t;
    const report = this.#report;
    this.#status.textContent = report.passages.length ? "" : t.noPassages;
    renderSummary(this.#summary, report, t);
    renderLegend(this.#legend, t, true);
    this.#panes.replaceChildren();
    this.#els = new Map();
    const labels = { passage: (p, other) => t.passageLabel(p, other), onlyHere: t.onlyHere, matched: t.matchedUnit };
    this.#docTexts.forEach((d, i) => {
      const pane = document.createElement("section");
      pane.className = "pane";
      pane.setAttribute("part", "pane");
      const title = document.createElement("h3");
      title.setAttribute("part", "pane-title");
      title.textContent = d.name;
      const body = document.createElement("div");
      body.className = "body";
      const view = document.createElement("div");
      view.className = "view";
      view.setAttribute("part", "text");
      view.tabIndex = 0;
      const mini = document.createElement("div");
      mini.className = "minimap";
      mini.setAttribute("part", "minimap");
      body.append(view, mini);
      pane.append(title, body);
      this.#panes.append(pane);
      const map = renderDocument(view, d.text, i, report, labels, true);
      for (const [id, els] of map) this.#els.set(id, [...(this.#els.get(id) ?? []), ...els]);
      renderMinimap(mini, i, report, view);
    });
  }
}

/** Registers the element (once) under `name`. */
export function define(name = "quote-lens") {
  if (!customElements.get(name)) customElements.define(name, QuoteLens);
  return customElements.get(name);
}
