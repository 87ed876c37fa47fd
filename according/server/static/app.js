// The page: filters (kept in the URL) -> /api/events, /api/facets, /api/timeline -> map
// markers, legend, timeline, counts, list, detail. Everything is fetched from this server;
// text from records is inserted as text nodes, never as HTML, so a report cannot inject
// markup into the page.
"use strict";

const CATEGORIES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
  "ASSAULT"];
const STATUSES = ["reported", "claimed", "planned", "denied", "hypothetical"];
const PAGE = 500;
// One colour per category, violent ones in reds and oranges, cooperative ones in greens
// and blues, so neighbouring markers of different kinds stay apart.
const COLOURS = {
  AGREE: "#1b9e77", CONSULT: "#66a61e", SUPPORT: "#a6d854", CONCEDE: "#8dd3c7",
  COOPERATE: "#1f78b4", AID: "#a6cee3", RETREAT: "#b2abd2", REQUEST: "#e6ab02",
  ACCUSE: "#fdb462", REJECT: "#b15928", THREATEN: "#e7298a", PROTEST: "#7570b3",
  SANCTION: "#666666", MOBILIZE: "#984ea3", COERCE: "#d95f02", ASSAULT: "#c0392b",
};
const colour = (cat) => COLOURS[cat] || "#999999";
// The filters the page keeps in its URL (?since=...&category=...), so a view can be
// bookmarked and shared; #event=ID opens one event.
const FILTERS = ["since", "until", "category", "country", "outlet", "status", "q"];
const FACETED = ["category", "status", "outlet"];

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ""));
  return node;
};
const narrow = () => window.matchMedia("(max-width: 800px)").matches;

const state = { events: [], next: null, layer: null, plot: null, selected: null,
  facets: null, intervalChosen: false, towns: [], seq: 0, loadedSearch: null };

function fillSelect(select, values) {
  for (const v of values) select.append(el("option", { value: v }, v));
}

function filterParams() {
  const form = new FormData($("#filters"));
  const params = new URLSearchParams();
  for (const [k, v] of form.entries()) {
    const value = String(v).trim();
    if (value) params.set(k, k === "country" ? value.toUpperCase() : value);
  }
  return params;
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(body.detail || r.statusText);
  return body;
}

function say(text) { $("#status-line").textContent = text; }

// -- the URL ----------------------------------------------------------------------------

function eventInHash() {
  const m = /^#event=(.+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

// The form from the URL: a shared link opens the view it was copied from.
function formFromURL() {
  const url = new URLSearchParams(location.search);
  const form = $("#filters");
  for (const name of FILTERS) {
    const input = form.elements[name];
    const value = url.get(name) || "";
    if (input.tagName === "SELECT" && value &&
        ![...input.options].some((o) => o.value === value)) {
      input.append(el("option", { value }, value)); // an outlet not (yet) in the list
    }
    input.value = value;
  }
  const interval = url.get("interval");
  state.intervalChosen = ["day", "week", "month"].includes(interval);
  if (state.intervalChosen) $("#interval").value = interval;
}

function pageURL(eventId = state.selected) {
  const p = filterParams();
  if (state.intervalChosen) p.set("interval", $("#interval").value);
  const query = p.toString();
  const hash = eventId ? `#event=${encodeURIComponent(eventId)}` : "";
  return `${location.pathname}${query ? `?${query}` : ""}${hash}`;
}

function writeURL(push) {
  const url = pageURL();
  if (url === location.pathname + location.search + location.hash) return;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

function drawDownloads(params) {
  for (const fmt of ["acled", "geojson", "json"]) {
    const p = new URLSearchParams(params);
    p.set("format", fmt);
    $(`#dl-${fmt}`).setAttribute("href", `/api/export?${p}`);
  }
}

// -- counts beside the choices, totals ----------------------------------------------------

function drawCounts(facets) {
  for (const name of FACETED) {
    const select = document.querySelector(`#filters [name=${name}]`);
    const counts = facets[name] || {};
    for (const option of select.options) {
      if (!option.value) continue;
      const n = counts[option.value] || 0;
      option.textContent = `${option.value} (${n})`;
      option.classList.toggle("empty", n === 0);
      option.disabled = n === 0 && select.value !== option.value;
    }
  }
}

function drawTotals() {
  const f = state.facets;
  if (!f) return;
  let text = `${f.store} events, ${f.total} shown`;
  if (state.events.length < f.total) text += ` (${state.events.length} loaded)`;
  const unplaced = state.events.filter((ev) => !located(ev).length).length;
  if (unplaced) text += `, ${unplaced} without a place on the map`;
  $("#totals").textContent = text;
}

// -- map --------------------------------------------------------------------------------

const map = L.map("map", { worldCopyJump: true, minZoom: 1, maxZoom: 10 }).setView([30, 40], 3);
map.attributionControl.setPrefix("Leaflet");
map.attributionControl.addAttribution("Natural Earth via world-atlas");

async function drawCountries() {
  const topo = await getJSON("/static/vendor/world-atlas/countries-110m.json");
  const land = topojson.feature(topo, topo.objects.countries);
  L.geoJSON(land, {
    interactive: false,
    style: { color: "#8a9aab", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1 },
  }).addTo(map);
}

const located = (ev) => (ev.places || []).filter((p) => p.lat != null && p.lon != null);
const dayOf = (ev) => ev.when?.start || ev.document_date || "undated";

// Events reported by several documents share category, place and day: the list and the
// detail say how many reports and outlets tell of it.
function happenings(events) {
  const groups = new Map();
  for (const ev of events) {
    for (const p of located(ev)) {
      const key = `${ev.category}|${p.name}|${dayOf(ev)}`;
      if (!groups.has(key)) groups.set(key, { outlets: new Set(), documents: new Set() });
      const g = groups.get(key);
      if (ev.outlet) g.outlets.add(ev.outlet);
      g.documents.add(ev.document_id);
    }
  }
  return groups;
}

function happeningOf(ev) {
  const p = located(ev)[0];
  return p ? state.groups?.get(`${ev.category}|${p.name}|${dayOf(ev)}`) : undefined;
}

// Markers. Events are grouped by town (a place's coordinates); a town is one circle per
// category, the number on it the events it stands for, and a town's circles are spread on
// a small ring around it so every colour shows. Towns closer on screen than CLUSTER_PX at
// the current zoom are drawn as one cluster with their total, which zooms in when clicked.
const CLUSTER_PX = 44;
const MIXED = "#555555";

function towns(events) {
  const found = new Map();
  for (const ev of events) {
    for (const p of located(ev)) {
      const key = `${p.lat.toFixed(3)},${p.lon.toFixed(3)}`;
      if (!found.has(key)) found.set(key, { place: p, byCategory: new Map(), events: new Set() });
      const t = found.get(key);
      if (!t.byCategory.has(ev.category)) t.byCategory.set(ev.category, []);
      const list = t.byCategory.get(ev.category);
      if (!list.includes(ev)) list.push(ev);
      t.events.add(ev);
    }
  }
  return [...found.values()];
}

// Greedy, biggest town first: each town joins the first group whose centre is near it.
function groupTowns(list, zoom) {
  const groups = [];
  for (const t of [...list].sort((a, b) => b.events.size - a.events.size)) {
    const point = map.project([t.place.lat, t.place.lon], zoom);
    const near = groups.find((g) => g.point.distanceTo(point) < CLUSTER_PX);
    if (near) near.towns.push(t); else groups.push({ point, towns: [t] });
  }
  return groups;
}

function spread(centre, i, n) {
  if (n === 1) return centre;
  const r = 12 + 3 * n;
  const a = (2 * Math.PI * i) / n - Math.PI / 2;
  return map.layerPointToLatLng(map.latLngToLayerPoint(centre).add([r * Math.cos(a), r * Math.sin(a)]));
}

function textNode(text) {
  // Leaflet puts a string tooltip or popup in as HTML; names come from the documents, so
  // they are handed over as elements holding text nodes.
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

// Every tooltip and popup goes through these two, as elements: never a string, which
// Leaflet would parse as HTML (tests/test_hostile_server.py checks the calls).
function tip(marker, text) {
  const tipText = textNode(text);
  marker.bindTooltip(tipText);
}

function popup(marker, element) {
  const tipText = element;
  return marker.bindPopup(tipText);
}

function eventsPopup(title, events) {
  const box = el("div", { class: "spot-popup" }, el("strong", {}, title));
  const ol = el("ol");
  for (const ev of events) {
    const button = el("button", { type: "button", "data-id": ev.id },
      `${ev.category} · ${dayOf(ev)} · ${who(ev.actors)} · ${ev.outlet || ""}`);
    button.addEventListener("click", () => { map.closePopup(); select(ev); });
    ol.append(el("li", {}, button));
  }
  box.append(ol);
  return box;
}

function addMarker(at, count, category, cls, fill) {
  const marker = L.circleMarker(at, {
    radius: count > 1 ? 9 + Math.min(8, 1.5 * Math.sqrt(count)) : 6,
    color: "#222", weight: 1, fillColor: fill, fillOpacity: 0.85,
    className: `ev-marker cat-${category}${cls}`,
  });
  state.layer.addLayer(marker);
  if (count > 1) {
    state.layer.addLayer(L.marker(at, {
      interactive: false, keyboard: false,
      icon: L.divIcon({ className: "ev-count", html: textNode(String(count)),
        iconSize: [28, 16], iconAnchor: [14, 8] }),
    }));
  }
  return marker;
}

function drawTown(town) {
  const centre = L.latLng(town.place.lat, town.place.lon);
  const cats = [...town.byCategory.keys()].sort();
  cats.forEach((category, i) => {
    const events = town.byCategory.get(category);
    const m = addMarker(spread(centre, i, cats.length), events.length, category, "",
      colour(category));
    tip(m, `${category} · ${town.place.name}: ${events.length} event(s)`);
    if (events.length === 1) m.on("click", () => select(events[0]));
    else popup(m, eventsPopup(`${town.place.name}: ${events.length} ${category} events`, events));
  });
}

function drawCluster(group) {
  const all = new Set();
  let lat = 0;
  let lon = 0;
  let total = 0;
  for (const t of group) {
    t.events.forEach((ev) => all.add(ev));
    lat += t.place.lat * t.events.size;
    lon += t.place.lon * t.events.size;
    total += t.events.size;
  }
  const cats = new Set([...all].map((ev) => ev.category));
  const category = cats.size === 1 ? [...cats][0] : "MIXED";
  const fill = category === "MIXED" ? MIXED : colour(category);
  if (category === "MIXED") state.mixed = true;
  const m = addMarker([lat / total, lon / total], total, category, " ev-cluster", fill);
  const names = group.map((t) => t.place.name);
  tip(m, `${total} events in ${group.length} towns: ${names.slice(0, 6).join(", ")}` +
    (names.length > 6 ? ", …" : "") + (cats.size > 1 ? ` (${[...cats].sort().join(", ")})` : ""));
  m.on("click", () => {
    const bounds = L.latLngBounds(group.map((t) => [t.place.lat, t.place.lon]));
    const zoom = map.getZoom();
    if (zoom >= map.getMaxZoom()) {
      popup(m, eventsPopup(`${total} events in ${group.length} towns`, [...all])).openPopup();
      return;
    }
    const fit = map.getBoundsZoom(bounds.pad(0.5));
    map.setView(bounds.getCenter(), Math.min(map.getMaxZoom(), Math.max(zoom + 1, fit)));
  });
}

function render() {
  if (state.layer) state.layer.remove();
  state.layer = L.layerGroup();
  state.mixed = false;
  for (const g of groupTowns(state.towns || [], map.getZoom())) {
    if (g.towns.length === 1) drawTown(g.towns[0]);
    else drawCluster(g.towns);
  }
  state.layer.addTo(map);
  drawLegend();
}

function drawMarkers(fit) {
  state.groups = happenings(state.events);
  state.towns = towns(state.events);
  const bounds = state.towns.map((t) => [t.place.lat, t.place.lon]);
  if (fit && bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7, animate: false });
  render();
}

map.on("zoomend", render);

// What the colours mean: the categories on the map now, and how markers are drawn.
const legend = L.control({ position: "bottomright" });
// A <details> so a phone can fold it away from the small map; open on a wide screen.
legend.onAdd = () => {
  const box = el("details", { class: "legend" }, el("summary", {}, "Legend"),
    el("div", { id: "legend" }));
  box.open = !narrow();
  L.DomEvent.disableClickPropagation(box);
  return box;
};
legend.addTo(map);

function drawLegend() {
  const box = $("#legend");
  const cats = [...new Set(state.events.filter((ev) => located(ev).length)
    .map((ev) => ev.category))].sort();
  box.replaceChildren(el("strong", {}, "Colour: category"));
  const list = el("ul");
  for (const c of cats) {
    list.append(el("li", { "data-category": c },
      el("span", { class: "swatch", style: `background:${colour(c)}` }), c));
  }
  if (!cats.length) list.append(el("li", {}, "no events with a place"));
  box.append(list);
  if (state.mixed) {
    box.append(el("div", { class: "mixed" },
      el("span", { class: "swatch", style: `background:${MIXED}` }), "nearby towns, several categories"));
  }
  box.append(el("small", {}, "Number: events of that category in the town. "),
    el("small", {}, "Markers around one point: one town. A cluster of nearby towns zooms in when clicked."), " ",
    el("a", { href: "/codebook#map" }, "More"));
}

// -- timeline ---------------------------------------------------------------------------

// Day bins for a few weeks of events, weeks up to half a year, months beyond: a long span
// in days is a comb of thin bars nobody can read.
function autoInterval(facets) {
  if (!facets?.first || !facets?.last) return "day";
  const days = (Date.parse(facets.last) - Date.parse(facets.first)) / 86400000;
  return days > 180 ? "month" : days > 45 ? "week" : "day";
}

async function drawTimeline(params) {
  if (!state.intervalChosen) $("#interval").value = autoInterval(state.facets);
  const p = new URLSearchParams(params);
  p.set("interval", $("#interval").value);
  const t = await getJSON(`/api/timeline?${p}`);
  const xs = t.buckets.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const cats = Object.keys(t.series);
  const data = [xs, ...cats.map((c) => t.series[c])];
  const box = $("#timeline");
  box.dataset.interval = t.interval;
  box.dataset.buckets = String(xs.length);
  if (state.plot) { state.plot.destroy(); state.plot = null; }
  box.replaceChildren();
  if (!xs.length) { box.append(el("p", {}, "No dated events for these filters.")); return; }
  const bars = uPlot.paths.bars({ size: [0.8, 40] });
  state.plot = new uPlot({
    width: box.clientWidth || 600, height: 150, tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
    series: [{}, ...cats.map((c) => ({ label: c, stroke: colour(c), fill: colour(c) + "66",
      paths: xs.length < 60 ? bars : undefined }))],
    axes: [{}, { size: 40 }],
    legend: { live: false },
  }, data, box);
}

// -- list and detail --------------------------------------------------------------------

// "(?)" marks what was inferred rather than read (codebook): a place near a town or only
// its region, a date taken from the report, an actor the text only implies.
const placeName = (p) => `${p.name}${(p.precision || 1) > 1 ? " (?)" : ""}`;
const inferredDate = (ev) => !ev.when || ["document", "inferred"].includes(ev.when.method);
function where(ev) { return (ev.places || []).map(placeName).join(", ") || "—"; }
function who(list) {
  return (list || []).map((a) => `${a.name}${a.span ? "" : " (?)"}`).join(", ") || "—";
}

function drawList() {
  const list = $("#list");
  list.replaceChildren();
  for (const ev of state.events) {
    const g = happeningOf(ev);
    const badge = g && g.documents.size > 1 ? `${g.outlets.size} outlets, ${g.documents.size} reports` : "";
    const li = el("li", { "data-id": ev.id, tabindex: "0" },
      el("span", { class: "badge" }, badge),
      el("span", { class: "cat", style: `background:${colour(ev.category)}` }, ev.category), " ",
      dayOf(ev), inferredDate(ev) ? " (?)" : "", " · ", where(ev),
      ev.status !== "reported" ? el("span", { class: "status" }, ` ${ev.status}`) : "", el("br"),
      el("small", {}, `${who(ev.actors)} — ${ev.outlet || "this report"}`));
    li.addEventListener("click", () => select(ev));
    li.addEventListener("keydown", (e) => { if (e.key === "Enter") select(ev); });
    list.append(li);
  }
  $("#more").hidden = !state.next;
}

// "according to Fars News Agency quoting Hossein Ashtari": the chain without the document.
function chain(hops) {
  const inner = (hops || []).filter((h) => h.kind !== "document");
  if (!inner.length) return "Reported by the document itself.";
  return inner.map((h, i) => `${i === 0 ? "according to" : "quoting"} ${h.name}` +
    (h.role ? ` (${h.role})` : "") + (h.cue && h.cue !== "according to" ? ` [${h.cue}]` : ""))
    .join(" ");
}

function field(dl, name, value) {
  if (value === undefined || value === null || value === "") return;
  dl.append(el("dt", {}, name), el("dd", {}, value));
}

async function select(ev) {
  state.selected = ev.id;
  writeURL(false);
  for (const li of document.querySelectorAll("#list li")) {
    li.classList.toggle("selected", li.dataset.id === ev.id);
  }
  const box = $("#detail");
  box.hidden = false;
  // On a phone the detail is a sheet over the map, its fields first: a tap on a marker
  // or a list item must show what happened without scrolling past the map.
  box.classList.toggle("sheet", narrow());
  box.scrollTop = 0;
  if (!narrow()) box.scrollIntoView({ block: "nearest" });
  $("#d-title").textContent = `${ev.category}${ev.mode ? ` (${ev.mode})` : ""}`;
  const dl = $("#d-fields");
  dl.replaceChildren();
  const span = ev.when ? `${ev.when.start}${ev.when.end && ev.when.end !== ev.when.start ? ` – ${ev.when.end}` : ""}` : "";
  const when = ev.when ? `${ev.when.text} (${span})` : ev.document_date;
  field(dl, "When", `${when || "undated"}${inferredDate(ev) ? " (?)" : ""}`);
  field(dl, "Actors", who(ev.actors));
  field(dl, "Targets", ev.targets?.length ? who(ev.targets) : "");
  field(dl, "Places", (ev.places || []).map((p) => `${placeName(p)}${p.country ? ` (${p.country})` : ""}`).join(", "));
  field(dl, "Counts", (ev.counts || []).map((c) => `${c.kind}: ${c.text}`).join("; "));
  field(dl, "Status", ev.status);
  field(dl, "ACLED type", ev.acled ? `${ev.acled.event_type} / ${ev.acled.sub_event_type}` : "");
  field(dl, "Outlet", ev.outlet);
  const g = happeningOf(ev);
  if (g) {
    const outlets = g.outlets.size ? `${g.outlets.size} outlet(s) in ` : "";
    field(dl, "Reported by", `${outlets}${g.documents.size} report(s) shown`);
  }
  $("#d-chain").textContent = chain(ev.source);
  $("#d-link").setAttribute("href", pageURL(ev.id));
  $("#d-origin").textContent = ev.origin || "";
  const text = $("#doc-text");
  text.textContent = "loading…";
  try {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(ev.document_id)}`);
    if (state.selected !== ev.id) return;
    highlight(text, doc, ev.id, !narrow());
  } catch (err) {
    text.textContent = `Could not load the report: ${err.message}`;
  }
}

function closeDetail() {
  $("#detail").hidden = true;
  state.selected = null;
  writeURL(false);
}

// The document's text with this event's evidence in <mark>, other events' in <mark.other>.
function highlight(box, doc, eventId, scroll) {
  const spans = [];
  for (const e of doc.events) {
    for (const s of e.evidence) spans.push({ ...s, mine: e.id === eventId });
  }
  spans.sort((a, b) => a.start - b.start || b.mine - a.mine);
  box.replaceChildren();
  box.setAttribute("lang", doc.language || "");
  let at = 0;
  let first = null;
  for (const s of spans) {
    if (s.start < at) continue; // overlapping spans: the first one wins
    box.append(doc.text.slice(at, s.start));
    const mark = el("mark", s.mine ? {} : { class: "other" }, doc.text.slice(s.start, s.end));
    if (s.mine && !first) first = mark;
    box.append(mark);
    at = s.end;
  }
  box.append(doc.text.slice(at));
  if (first && scroll) first.scrollIntoView({ block: "nearest" });
}

// -- loading ----------------------------------------------------------------------------

async function openLinkedEvent(id) {
  if (!id || id === state.selected) return;
  try {
    const ev = state.events.find((e) => e.id === id) ||
      await getJSON(`/api/events/${encodeURIComponent(id)}`);
    await select(ev);
  } catch (err) { say(`event ${id}: ${err.message}`); }
}

async function load({ append = false, push = false } = {}) {
  const params = filterParams();
  if (!append) writeURL(push);
  state.loadedSearch = location.search;
  const seq = ++state.seq; // a slower earlier answer must not overwrite a later one
  drawDownloads(params);
  const p = new URLSearchParams(params);
  p.set("limit", PAGE);
  if (append && state.next) p.set("cursor", state.next);
  say("loading…");
  try {
    const [page, facets] = await Promise.all([
      getJSON(`/api/events?${p}`),
      append ? Promise.resolve(state.facets) : getJSON(`/api/facets?${params}`),
    ]);
    if (seq !== state.seq) return;
    state.facets = facets;
    drawCounts(facets);
    if (!append) await drawTimeline(params);
    if (seq !== state.seq) return;
    state.events = append ? state.events.concat(page.items) : page.items;
    state.next = page.next;
    drawMarkers(!append);
    drawList();
    drawTotals();
    say("");
  } catch (err) {
    if (seq === state.seq) say(`error: ${err.message}`);
  }
}

async function loadOutlets() {
  try {
    const body = await getJSON("/api/outlets");
    const select = document.querySelector("[name=outlet]");
    const known = new Set([...select.options].map((o) => o.value));
    fillSelect(select, body.items.map((o) => o.name).filter((n) => !known.has(n)));
    if (state.facets) drawCounts(state.facets);
  } catch (err) { say(`error: ${err.message}`); }
}

fillSelect(document.querySelector("[name=category]"), CATEGORIES);
fillSelect(document.querySelector("[name=status]"), STATUSES);
formFromURL();
$("#filters").addEventListener("submit", (e) => { e.preventDefault(); load({ push: true }); });
$("#filters").addEventListener("change", (e) => {
  if (e.target.tagName === "SELECT") load({ push: true });
});
$("#filters").addEventListener("reset", () => setTimeout(() => load({ push: true }), 0));
$("#interval").addEventListener("change", () => {
  state.intervalChosen = true;
  writeURL(false);
  drawTimeline(filterParams()).catch((err) => say(`error: ${err.message}`));
});
$("#more").addEventListener("click", () => load({ append: true }));
$("#close-detail").addEventListener("click", closeDetail);
window.addEventListener("popstate", () => {
  const linked = eventInHash(); // read before load() rewrites the URL
  if (location.search === state.loadedSearch) { // only the event changed
    if (linked) openLinkedEvent(linked);
    else if (state.selected) closeDetail();
    return;
  }
  formFromURL();
  state.selected = null;
  $("#detail").hidden = true;
  load().then(() => openLinkedEvent(linked));
});
window.addEventListener("resize", () => {
  if (state.plot) state.plot.setSize({ width: $("#timeline").clientWidth, height: 150 });
  map.invalidateSize();
});
drawCountries().catch((err) => say(`map: ${err.message}`));
loadOutlets();
const linked = eventInHash(); // read before load() rewrites the URL
load().then(() => openLinkedEvent(linked));
