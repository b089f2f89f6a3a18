// The network page: dyads from /api/v1/stats?by=dyad drawn as an SVG circle graph (no library needed).
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const box = document.getElementById("network");
  const el = (name, attrs, parent) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  };
  // a message in place of the drawing, as text (never as HTML)
  const status = (message) => {
    const p = document.createElement("p");
    p.className = "status";
    p.textContent = message;
    box.replaceChildren(p);
  };
  const params = new URLSearchParams(box.dataset.query);
  params.set("by", "dyad");
  params.set("limit", "150");
  fetch("/api/v1/stats?" + params).then((r) => r.json()).then((data) => {
    const dyads = data.counts || [];
    box.textContent = "";
    if (!dyads.length) { status("No dyads for these filters."); return; }
    const degree = new Map();
    for (const d of dyads) for (const c of [d.actor, d.recipient]) degree.set(c, (degree.get(c) || 0) + d.events);
    const nodes = [...degree.keys()].sort((a, b) => degree.get(b) - degree.get(a));
    const size = 640, mid = size / 2, radius = size / 2 - 60;
    const at = new Map(nodes.map((c, i) => {
      const angle = (2 * Math.PI * i) / nodes.length - Math.PI / 2;
      return [c, [mid + radius * Math.cos(angle), mid + radius * Math.sin(angle)]];
    }));
    const svg = el("svg", { viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": "dyad network" }, box);
    const top = Math.max(...dyads.map((d) => d.events));
    const edges = el("g", { class: "edges" }, svg);
    for (const d of dyads) {
      const [x1, y1] = at.get(d.actor), [x2, y2] = at.get(d.recipient);
      const coop = d.cooperative * 2 >= d.events;
      const path = el("path", {
        class: "edge " + (coop ? "coop" : "conf"),
        d: `M${x1},${y1} Q${mid + (x1 + x2 - 2 * mid) * 0.15},${mid + (y1 + y2 - 2 * mid) * 0.15} ${x2},${y2}`,
        stroke: coop ? "#2f8f5b" : "#d2502d",
        "stroke-width": (1 + 7 * d.events / top).toFixed(2),
      }, edges);
      el("title", {}, path).textContent = `${d.actor} → ${d.recipient}: ${d.events} events, ${d.cooperative} cooperative`;
    }
    const top_degree = degree.get(nodes[0]);
    for (const c of nodes) {
      const [x, y] = at.get(c);
      const g = el("g", { class: "node", "data-country": c }, svg);
      el("circle", { cx: x, cy: y, r: (3 + 9 * Math.sqrt(degree.get(c) / top_degree)).toFixed(1) }, g);
      const label = el("text", { x: x + (x >= mid ? 12 : -12), y: y + 4, "text-anchor": x >= mid ? "start" : "end" }, g);
      label.textContent = c;
      el("title", {}, g).textContent = `${c}: ${degree.get(c)} events in these dyads`;
    }
    box.dataset.rendered = String(dyads.length);
  }).catch((error) => { status("Could not load the network: " + error); });
})();
