// The presenter view, for class: one passage at a time in large type, its
// two sides next to each other with a little context, stepped with the
// keyboard or a clicker (arrows, Page Up/Down, space). "Hide highlights"
// lets the class guess what was copied before the reveal. User text reaches
// the DOM as text nodes only.
import { el, groupColor, kindLabel } from "./render.js";

/** Characters of context shown before and after each side. */
export const CONTEXT_CHARS = 160;

export class Presenter {
  /** `root`: the presenter's element (hidden until opened); `t`: strings. */
  constructor(root, t) {
    this.root = root;
    this.t = t;
    this.report = null;
    this.texts = [];
    this.at = 0;
    this.opener = null;
    root.addEventListener("keydown", (ev) => this.key(ev));
    root.querySelector(".presenter-close").addEventListener("click", () => this.close());
    root.querySelector(".presenter-hide").addEventListener("change", (ev) => root.classList.toggle("presenter-hidden-marks", ev.target.checked));
    root.querySelector(".presenter-prev").addEventListener("click", () => this.go(this.at - 1));
    root.querySelector(".presenter-next").addEventListener("click", () => this.go(this.at + 1));
  }

  /** Opens on passage `at` of `report` over `texts`. */
  open(report, texts, t, at = 0) {
    if (!report?.passages.length) return;
    Object.assign(this, { report, texts, t });
    this.opener = document.activeElement;
    this.root.hidden = false;
    document.body.classList.add("presenting");
    this.go(at);
    this.root.focus();
  }

  close() {
    this.root.hidden = true;
    document.body.classList.remove("presenting");
    this.opener?.focus?.();
  }

  key(ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const next = ["ArrowRight", "ArrowDown", "PageDown", " ", "j"];
    const prev = ["ArrowLeft", "ArrowUp", "PageUp", "k"];
    if (next.includes(ev.key)) this.go(this.at + 1);
    else if (prev.includes(ev.key)) this.go(this.at - 1);
    else if (ev.key === "Escape") this.close();
    else if (ev.key === "h") {
      const box = this.root.querySelector(".presenter-hide");
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change"));
    } else return;
    ev.preventDefault();
  }

  /** Shows passage `i` (clamped to the passages there are). */
  go(i) {
    const { report, texts, t } = this;
    const n = report.passages.length;
    this.at = Math.min(Math.max(i, 0), n - 1);
    const p = report.passages[this.at];
    const kind = kindLabel(t, p.kind);
    this.root.querySelector(".presenter-title").textContent = t.presenterTitle(this.at + 1, n, kind, Math.round(p.similarity * 100));
    const sides = this.root.querySelector(".presenter-sides");
    sides.replaceChildren();
    for (const [side, span] of [["a", p.a], ["b", p.b]]) {
      const col = el("section", "presenter-side");
      col.append(el("h3", "presenter-doc", report.documents[span.doc].name));
      const text = texts[span.doc];
      const body = el("p", "presenter-text");
      const from = Math.max(0, span.start - CONTEXT_CHARS);
      const to = Math.min(text.length, span.end + CONTEXT_CHARS);
      body.append(el("span", "presenter-context", (from > 0 ? "… " : "") + text.slice(from, span.start)));
      const mark = el("mark", `ql-shared ql-k-${p.kind}`);
      mark.style.setProperty("--ql-c", groupColor(p.group));
      // inside: for a reworded passage the words both sides share, for an
      // edited one the edit runs only this side has
      const inner = p.kind === "reworded"
        ? (p.matched?.[side] ?? []).map((b) => [b, "ql-unit"])
        : p.edits.filter((e) => e.kind !== "equal" && e[side].end > e[side].start).map((e) => [e[side], "ql-edit"]);
      let at = span.start;
      for (const [b, cls] of inner) {
        mark.append(document.createTextNode(text.slice(at, b.start)), el("mark", cls, text.slice(b.start, b.end)));
        at = b.end;
      }
      mark.append(document.createTextNode(text.slice(at, span.end)));
      body.append(mark, el("span", "presenter-context", text.slice(span.end, to) + (to < text.length ? " …" : "")));
      col.append(body);
      sides.append(col);
    }
    this.root.scrollTop = 0;
  }
}
