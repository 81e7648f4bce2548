// Connectors: between each two adjacent panes, an SVG ribbon joins every
// passage they share to its counterpart, in the passage's colour, and
// follows the panes' scrolling. Written once for the page and the element.
// Purely decorative (aria-hidden): the passage list and the announcements
// say the same in words.
import { groupColor } from "./render.js";

const SVG = "http://www.w3.org/2000/svg";

/** The vertical extent of `marks` as drawn: from the first one's top to the
 * last one's bottom, or null when there are none. */
function extent(marks) {
  if (!marks.length) return null;
  return { top: marks[0].getBoundingClientRect().top, bottom: marks.at(-1).getBoundingClientRect().bottom };
}

export class Connectors {
  /** `container`: the positioned element holding the panes; `viewSelector`:
   * what each pane's scrolling text view matches, in document order. */
  constructor(container, viewSelector) {
    this.container = container;
    this.viewSelector = viewSelector;
    this.svg = document.createElementNS(SVG, "svg");
    this.svg.setAttribute("class", "ql-connectors");
    this.svg.setAttribute("aria-hidden", "true");
    this.report = null;
    this.els = new Map();
    this.current = -1;
    this.pending = false;
  }

  /** Starts following scrolling and resizing, until `signal` aborts. */
  listen(signal) {
    const schedule = () => this.schedule();
    this.container.addEventListener("scroll", schedule, { capture: true, passive: true, signal });
    window.addEventListener("resize", schedule, { passive: true, signal });
  }

  /** A new report, its elements per passage id, and the current passage. */
  update(report, els, current = -1) {
    this.report = report;
    this.els = els;
    this.current = current;
    this.schedule();
  }

  /** Redraws on the next frame (at most once a frame). */
  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.draw();
    });
  }

  draw() {
    if (!this.svg.isConnected) this.container.append(this.svg);
    this.svg.replaceChildren();
    if (!this.report) return;
    const box = this.container.getBoundingClientRect();
    this.svg.setAttribute("width", String(this.container.scrollWidth));
    this.svg.setAttribute("height", String(this.container.scrollHeight));
    const views = [...this.container.querySelectorAll(this.viewSelector)];
    const x0 = box.left - this.container.scrollLeft;
    const y0 = box.top - this.container.scrollTop;
    for (let i = 0; i + 1 < views.length; i++) {
      const [va, vb] = [views[i], views[i + 1]];
      const [ra, rb] = [va.getBoundingClientRect(), vb.getBoundingClientRect()];
      if (rb.left < ra.right || !ra.height || !rb.height) continue; // stacked or hidden: no ribbons
      for (const p of this.report.passages) {
        const docs = [p.a.doc, p.b.doc];
        if (!docs.includes(i) || !docs.includes(i + 1)) continue;
        const marks = this.els.get(p.id) ?? [];
        const sa = extent(marks.filter((m) => va.contains(m)));
        const sb = extent(marks.filter((m) => vb.contains(m)));
        if (!sa || !sb) continue;
        const clamp = (y, r) => Math.min(Math.max(y, r.top), r.bottom);
        const [at, ab, bt, bb] = [clamp(sa.top, ra), clamp(sa.bottom, ra), clamp(sb.top, rb), clamp(sb.bottom, rb)];
        if (at === ab && bt === bb) continue; // off screen on both sides
        // across the gap between the two panes
        const [pa, pb] = [(va.closest(".pane") ?? va).getBoundingClientRect(), (vb.closest(".pane") ?? vb).getBoundingClientRect()];
        const [x1, x2] = [pa.right - x0, pb.left - x0];
        const xm = (x1 + x2) / 2;
        const [t1, b1, t2, b2] = [at - y0, ab - y0, bt - y0, bb - y0];
        const path = document.createElementNS(SVG, "path");
        path.setAttribute("d", `M${x1},${t1} C${xm},${t1} ${xm},${t2} ${x2},${t2} L${x2},${b2} C${xm},${b2} ${xm},${b1} ${x1},${b1} Z`);
        path.setAttribute("fill", groupColor(p.group));
        path.setAttribute("class", p.id === this.current ? "ql-ribbon ql-ribbon-current" : "ql-ribbon");
        path.dataset.passage = String(p.id);
        this.svg.append(path);
      }
    }
  }
}
