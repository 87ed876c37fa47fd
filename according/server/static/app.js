// The page: filters -> /api/events + /api/timeline -> map markers, timeline, list, detail.
// Everything is fetched from this server; text from records is inserted as text nodes,
// never as HTML, so a report cannot inject markup into the page.
"use strict";

const CATEGORIES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
  "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
  "ASSAULT"];
const STATUSES = ["reported", "claimed", "planned", "denied", "hypothetical"];
const PAGE = 500;
const COLOURS = ["#c0392b", "#2980b9", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#2c3e50",
  "#f39c12", "#7f8c8d", "#e84393", "#00b894", "#6c5ce7", "#b33939", "#0984e3", "#fdcb6e",
  "#636e72"];
const colour = (cat) => COLOURS[Math.max(0, CATEGORIES.indexOf(cat)) % COLOURS.length];

const $ = (sel) => document.querySelector(sel);
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ""));
  return node;
};

const state = { events: [], next: null, layer: null, plot: null, selected: null };

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

// Events reported by several documents share category, place and day: one marker for them,
// sized by how many reports and outlets tell of it.
function clusters(events) {
  const groups = new Map();
  for (const ev of events) {
    const day = ev.when?.start || ev.document_date || "undated";
    for (const p of ev.places || []) {
      if (p.lat == null || p.lon == null) continue;
      const key = `${ev.category}|${p.name}|${day}`;
      if (!groups.has(key)) groups.set(key, { key, place: p, day, category: ev.category,
        events: [], outlets: new Set(), documents: new Set() });
      const g = groups.get(key);
      g.events.push(ev);
      if (ev.outlet) g.outlets.add(ev.outlet);
      g.documents.add(ev.document_id);
    }
  }
  return groups;
}

function clusterOf(ev) {
  const day = ev.when?.start || ev.document_date || "undated";
  const p = (ev.places || [])[0];
  return p ? state.groups?.get(`${ev.category}|${p.name}|${day}`) : undefined;
}

function drawMarkers() {
  if (state.layer) state.layer.remove();
  state.groups = clusters(state.events);
  state.layer = L.layerGroup();
  for (const g of state.groups.values()) {
    const m = L.circleMarker([g.place.lat, g.place.lon], {
      radius: 5 + Math.min(12, 2 * Math.sqrt(g.events.length)),
      color: "#222", weight: 1, fillColor: colour(g.category), fillOpacity: 0.8,
      className: `ev-marker cat-${g.category}`,
    });
    const tip = `${g.category} · ${g.place.name} · ${g.day}: ${g.documents.size} report(s), ` +
      `${g.outlets.size} outlet(s)`;
    // Leaflet puts a string tooltip in as HTML; a place name is text (it comes from
    // the documents), so hand it an element holding a text node.
    const tipText = document.createElement("span");
    tipText.textContent = tip;
    m.bindTooltip(tipText);
    m.on("click", () => select(g.events[0]));
    state.layer.addLayer(m);
  }
  state.layer.addTo(map);
}

// -- timeline ---------------------------------------------------------------------------

async function drawTimeline(params) {
  const p = new URLSearchParams(params);
  p.set("interval", $("#interval").value);
  const t = await getJSON(`/api/timeline?${p}`);
  const xs = t.buckets.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000);
  const cats = Object.keys(t.series);
  const data = [xs, ...cats.map((c) => t.series[c])];
  const box = $("#timeline");
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

function where(ev) { return (ev.places || []).map((p) => p.name).join(", ") || "—"; }
function who(list) { return (list || []).map((a) => a.name).join(", ") || "—"; }

function drawList() {
  const list = $("#list");
  list.replaceChildren();
  for (const ev of state.events) {
    const g = clusterOf(ev);
    const badge = g && g.documents.size > 1 ? `${g.outlets.size} outlets, ${g.documents.size} reports` : "";
    const li = el("li", { "data-id": ev.id, tabindex: "0" },
      el("span", { class: "badge" }, badge),
      el("span", { class: "cat", style: `background:${colour(ev.category)}` }, ev.category), " ",
      ev.when?.start || ev.document_date || "undated", " · ", where(ev), el("br"),
      el("small", {}, `${who(ev.actors)} — ${ev.outlet || ev.origin || ""}`));
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
  for (const li of document.querySelectorAll("#list li")) {
    li.classList.toggle("selected", li.dataset.id === ev.id);
  }
  const box = $("#detail");
  box.hidden = false;
  $("#d-title").textContent = `${ev.category}${ev.mode ? ` (${ev.mode})` : ""}`;
  const dl = $("#d-fields");
  dl.replaceChildren();
  const when = ev.when ? `${ev.when.text} (${ev.when.start}${ev.when.end && ev.when.end !== ev.when.start ? ` – ${ev.when.end}` : ""})` : ev.document_date;
  field(dl, "Actors", who(ev.actors));
  field(dl, "Targets", ev.targets?.length ? who(ev.targets) : "");
  field(dl, "Places", (ev.places || []).map((p) => `${p.name}${p.country ? ` (${p.country})` : ""}`).join(", "));
  field(dl, "When", when);
  field(dl, "Counts", (ev.counts || []).map((c) => `${c.kind}: ${c.text}`).join("; "));
  field(dl, "Status", ev.status);
  field(dl, "Outlet", ev.outlet);
  const g = clusterOf(ev);
  if (g) field(dl, "Reported by", `${g.outlets.size} outlet(s) in ${g.documents.size} report(s) shown`);
  $("#d-chain").textContent = chain(ev.source);
  $("#d-origin").textContent = ev.origin || "";
  const text = $("#doc-text");
  text.textContent = "loading…";
  try {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(ev.document_id)}`);
    if (state.selected !== ev.id) return;
    highlight(text, doc, ev.id);
  } catch (err) {
    text.textContent = `Could not load the report: ${err.message}`;
  }
}

// The document's text with this event's evidence in <mark>, other events' in <mark.other>.
function highlight(box, doc, eventId) {
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
  if (first) first.scrollIntoView({ block: "nearest" });
}

// -- loading ----------------------------------------------------------------------------

async function load(append = false) {
  const params = filterParams();
  const p = new URLSearchParams(params);
  p.set("limit", PAGE);
  if (append && state.next) p.set("cursor", state.next);
  say("loading…");
  try {
    const [page] = await Promise.all([
      getJSON(`/api/events?${p}`),
      append ? Promise.resolve() : drawTimeline(params),
    ]);
    state.events = append ? state.events.concat(page.items) : page.items;
    state.next = page.next;
    drawMarkers();
    drawList();
    say(`${state.events.length}${state.next ? "+" : ""} events`);
  } catch (err) {
    say(`error: ${err.message}`);
  }
}

async function loadOutlets() {
  try {
    const body = await getJSON("/api/outlets");
    fillSelect(document.querySelector("[name=outlet]"), body.items.map((o) => o.name));
  } catch (err) { say(`error: ${err.message}`); }
}

fillSelect(document.querySelector("[name=category]"), CATEGORIES);
fillSelect(document.querySelector("[name=status]"), STATUSES);
$("#filters").addEventListener("submit", (e) => { e.preventDefault(); load(); });
$("#filters").addEventListener("change", (e) => { if (e.target.tagName === "SELECT") load(); });
$("#filters").addEventListener("reset", () => setTimeout(load, 0));
$("#interval").addEventListener("change", () => drawTimeline(filterParams()));
$("#more").addEventListener("click", () => load(true));
$("#close-detail").addEventListener("click", () => { $("#detail").hidden = true; });
window.addEventListener("resize", () => {
  if (state.plot) state.plot.setSize({ width: $("#timeline").clientWidth, height: 150 });
  map.invalidateSize();
});
drawCountries().catch((err) => say(`map: ${err.message}`));
loadOutlets();
load();
