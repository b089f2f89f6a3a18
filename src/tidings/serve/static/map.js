// The map page: the world outline (world-atlas TopoJSON, decoded by topojson-client, both from npm)
// in an equirectangular projection, and the places of /api/v1/places as circles.
(function () {
  "use strict";
  const SVG = "http://www.w3.org/2000/svg";
  const box = document.getElementById("map");
  const W = 960, H = 480;
  const x = (lon) => ((lon + 180) / 360) * W;
  const y = (lat) => ((90 - lat) / 180) * H;
  const el = (name, attrs, parent) => {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  };
  const ring = (points) => {
    let d = "", last = null;
    for (const [lon, lat] of points) {
      // lift the pen where a ring crosses the antimeridian instead of drawing across the map
      const jump = last !== null && Math.abs(lon - last) > 180;
      d += (d === "" || jump ? "M" : "L") + x(lon).toFixed(1) + "," + y(lat).toFixed(1);
      last = lon;
    }
    return d + "Z";
  };
  const shapePath = (geometry) => {
    if (!geometry) return "";
    const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    return polygons.map((rings) => rings.map(ring).join("")).join("");
  };
  // a message in place of the drawing, as text (never as HTML)
  const status = (message) => {
    const p = document.createElement("p");
    p.className = "status";
    p.textContent = message;
    box.replaceChildren(p);
  };
  const params = new URLSearchParams(box.dataset.query);
  Promise.all([
    fetch("/vendor/countries-110m.json").then((r) => { if (!r.ok) throw new Error("world outline not installed (make setup)"); return r.json(); }),
    fetch("/api/v1/places?" + params).then((r) => r.json()),
  ]).then(([world, data]) => {
    box.textContent = "";
    const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "map of event locations" }, box);
    const land = el("g", { class: "land-layer" }, svg);
    for (const country of topojson.feature(world, world.objects.countries).features) {
      const path = el("path", { class: "land", d: shapePath(country.geometry) }, land);
      el("title", {}, path).textContent = country.properties.name;
    }
    const places = data.places || [];
    const top = Math.max(1, ...places.map((p) => p.events));
    const dots = el("g", { class: "places" }, svg);
    for (const p of places) {
      const coop = p.cooperative * 2 >= p.events;
      const link = el("a", { href: "/events/" + p.event }, dots);
      const dot = el("circle", {
        cx: x(p.lon).toFixed(1), cy: y(p.lat).toFixed(1), r: (3 + 12 * Math.sqrt(p.events / top)).toFixed(1),
        fill: coop ? "#2f8f5b" : "#d2502d", "data-place": p.name,
      }, link);
      el("title", {}, dot).textContent = `${p.name} (${p.country || "?"}): ${p.events} events`;
    }
    box.dataset.rendered = String(places.length);
  }).catch((error) => { status("Could not draw the map: " + error.message); });
})();
