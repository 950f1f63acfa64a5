// app.js: the search page of trawl-serve. Its whole state is in the URL (q, offset, spec,
// count, sort, fold), so every view has a permalink and the back button works. Text from the index is
// only ever put in the page as text (textContent, never as HTML), and links only to http(s).
"use strict";

const FACETS = ["icc", "province", "year", "published", "lang", "kind"];
const ORDERS = [["", "best first"], ["-date", "newest"], ["date", "oldest"]];
const LIMIT = 10;
const $ = (id) => document.getElementById(id);

function state() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get("q") || "",
    offset: Math.max(0, parseInt(p.get("offset") || "0", 10) || 0),
    spec: p.get("spec") || "",
    count: ["documents", "originals"].includes(p.get("count")) ? p.get("count") : "",
    sort: ["date", "-date"].includes(p.get("sort")) ? p.get("sort") : "",
    fold: p.get("fold") === "1" ? "1" : "",
  };
}

function href(s) {
  const p = new URLSearchParams();
  if (s.q) p.set("q", s.q);
  if (s.offset) p.set("offset", String(s.offset));
  if (s.spec) p.set("spec", s.spec);
  if (s.count) p.set("count", s.count);
  if (s.sort) p.set("sort", s.sort);
  if (s.fold) p.set("fold", s.fold);
  const text = p.toString();
  return text ? "?" + text : location.pathname;
}

function go(s) {
  history.pushState(null, "", href(s));
  render();
}

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function link(text, s) {
  const a = el("a", text);
  a.href = href(s);
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    go(s);
  });
  return a;
}

async function api(path, params) {
  const r = await fetch(path + "?" + new URLSearchParams(params).toString());
  const body = await r.json();
  if (!r.ok) throw new Error(body.error || r.statusText);
  return body;
}

// The passage with its highlights (byte ranges of its UTF-8 text) marked.
function passage(text, highlights) {
  const p = el("p", null, "passage");
  const bytes = new TextEncoder().encode(text);
  const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
  let at = 0;
  for (const h of highlights || []) {
    if (h.start > at) p.append(decode(at, h.start));
    p.append(el("mark", decode(h.start, h.end)));
    at = h.end;
  }
  if (at < bytes.length) p.append(decode(at, bytes.length));
  return p;
}

// A filter of the query (facet:value), quoted when it must be.
function filterToken(facet, value) {
  return facet + ":" + (/[\s"()]/.test(value) ? '"' + value.replace(/"/g, "") + '"' : value);
}

function hasToken(q, token) {
  return (" " + q + " ").includes(" " + token + " ");
}

function toggle(q, token) {
  if (hasToken(q, token))
    return (" " + q + " ").replace(" " + token + " ", " ").trim();
  return (q ? q + " " : "") + token;
}

function facetsSidebar(s, facets) {
  const side = $("facets");
  side.replaceChildren();
  for (const f of FACETS) {
    const rep = facets && facets[f];
    if (!rep || !rep.rows || !rep.rows.length) continue;
    side.append(el("h3", f === "icc" ? "centers" : f === "lang" ? "languages" : f + "s"));
    const ul = el("ul");
    const rows = f === "year" ? [...rep.rows].sort((a, b) => b.value.localeCompare(a.value)) : rep.rows;
    for (const row of rows.slice(0, 40)) {
      const token = filterToken(f, row.value);
      const li = el("li");
      const a = link(row.label, { q: toggle(s.q, token), offset: 0, spec: s.spec, count: s.count });
      if (hasToken(s.q, token)) a.className = "on";
      a.title = hasToken(s.q, token) ? "remove this filter" : "keep only these";
      li.append(a, el("span", row.count, "count"));
      ul.append(li);
    }
    side.append(ul);
  }
}

function showChart(spec, s) {
  const fig = $("chart");
  const img = fig.querySelector("img");
  const p = { spec: spec };
  if (s.q) p.q = s.q;
  if (s.count) p.count = s.count;
  img.src = "/api/chart?" + new URLSearchParams(p).toString();
  img.alt = "chart of " + spec + (s.q ? " for " + s.q : "");
  fig.hidden = false;
}

async function results(s) {
  $("status").textContent = "Searching…";
  const params = { q: s.q, offset: s.offset, limit: LIMIT, facets: FACETS.join(",") };
  if (s.sort) params.sort = s.sort;
  if (s.fold) params.collapse = "1";
  const r = await api("/api/search", params);
  const bar = $("order");
  for (const [value, name] of ORDERS) {
    const a = link(name, { ...s, offset: 0, sort: value });
    if (s.sort === value) a.className = "on";
    bar.append(a);
  }
  const fold = link("fold reprints", { ...s, offset: 0, fold: s.fold ? "" : "1" });
  if (s.fold) fold.className = "on";
  fold.title = "show a passage republished in several documents once";
  bar.append(fold);
  bar.hidden = false;
  const dl = $("downloads");
  const every = el("a", "Download every occurrence (CSV)");
  every.href = "/api/kwic?" + new URLSearchParams({ q: s.q }).toString();
  every.download = "trawl-occurrences.csv";
  every.title = "each occurrence with its context, passage, source offset and citation";
  dl.append(every);
  dl.hidden = false;
  const notes = $("notes");
  if (r.relaxed)
    notes.append(el("li", "No passage matches all " + r.relaxed.of +
      " words and phrases: these match " + r.relaxed.matched + " of them."));
  for (const sg of r.suggestions || [])
    notes.append(el("li", 'No passage has "' + sg.word + '"' +
      (sg.suggestion ? '; did you mean "' + sg.suggestion + '"?' : ".")));
  for (const g of r.glossary || [])
    notes.append(el("li", g.term + " also finds " + g.members.join(", ") + " (glossary)"));
  const shown = r.results.length;
  $("status").textContent = r.total === 0 ? "No passages match." :
    r.total + (r.total === 1 ? " passage" : " passages") +
    (shown && shown < r.total ? " (" + (r.offset + 1) + "–" + (r.offset + shown) + ")" : "");
  const ol = $("results");
  ol.start = r.offset + 1;
  for (const h of r.results) {
    const li = el("li");
    li.append(el("h2", h.title + (h.section ? " › " + h.section : "")));
    const src = el("p", null, "source");
    src.append(h.id + (h.page ? " (page " + h.page + ")" : "") + " · " + h.lang +
      (h.kind ? ", " + h.kind : "") + (h.published ? " · published " + h.published : "") +
      " · score " + h.score.toFixed(3));
    if (/^https?:\/\//i.test(h.url || "")) {
      const a = el("a", h.url);
      a.href = h.url;
      a.rel = "noopener noreferrer";
      src.append(" · ", a);
    } else if (h.url) {
      src.append(" · " + h.url);
    }
    li.append(src, passage(h.text, h.highlights));
    if (h.copies && h.copies.length)
      li.append(el("p", "Also in " + h.copies.length + " other document" +
        (h.copies.length === 1 ? "" : "s") + ": " + h.copies.map((c) => c.id).join(", "), "copies"));
    ol.append(li);
  }
  facetsSidebar(s, r.facets);
  if (r.facets && r.facets.year && r.facets.year.rows.length) showChart("year", s);
  const pager = $("pager");
  if (s.offset > 0)
    pager.append(link("← previous", { ...s, offset: Math.max(0, s.offset - LIMIT) }));
  if (s.offset + shown < r.total)
    pager.append(link("next →", { ...s, offset: s.offset + LIMIT }));
}

async function report(s) {
  $("status").textContent = "Counting…";
  const p = { spec: s.spec };
  if (s.q) p.q = s.q;
  if (s.count) p.count = s.count;
  const r = await api("/api/report", p);
  $("status").textContent = r.report + ": " + r.total + " " +
    (r.total === 1 ? r.count.replace(/s$/, "") : r.count) +
    (s.q ? " matching " + s.q : " in the index");
  if (s.spec !== "reprints") showChart(s.spec, s);
  const dl = $("downloads");
  for (const [name, format] of [["CSV", "csv"], ["JSON", "json"]]) {
    const a = el("a", "Download " + name);
    a.href = "/api/report?" + new URLSearchParams({ ...p, format: format }).toString();
    a.download = "trawl-" + s.spec.replace(/,/g, "-") + "." + format;
    dl.append(a);
  }
  for (const [unit, name] of [["", "count passages"], ["documents", "count documents"],
    ["originals", "count originals (reprints once)"]])
    if (s.count !== unit && s.spec !== "reprints") dl.append(link(name, { ...s, count: unit }));
  dl.hidden = false;
  const table = $("table");
  const head = el("tr");
  const body = [];
  if (r.groups) {
    for (const t of ["group", "document", "title", "similarity"]) head.append(el("th", t));
    r.groups.forEach((g, i) => {
      for (const d of g.documents) {
        const tr = el("tr");
        tr.append(el("td", i + 1, "n"), el("td", d.path), el("td", d.title),
          el("td", d.similarity.toFixed(2), "n"));
        body.push(tr);
      }
    });
  } else if (r.centers) {
    for (const t of ["center", "province", "founded", "passages", "documents"]) head.append(el("th", t));
    for (const c of r.centers) {
      const tr = el("tr");
      tr.append(el("td", c.name), el("td", c.province_name || "–"),
        el("td", c.earliest || "–", "n"), el("td", c.passages, "n"), el("td", c.documents, "n"));
      body.push(tr);
    }
  } else if (r.columns) {
    head.append(el("th", ""));
    for (const c of r.columns) head.append(el("th", c.label));
    head.append(el("th", "total"));
    r.rows.forEach((row, i) => {
      const tr = el("tr");
      tr.append(el("th", row.label));
      for (const n of r.cells[i]) tr.append(el("td", n, "n"));
      tr.append(el("td", row.count, "n"));
      body.push(tr);
    });
  } else {
    for (const t of [r.facet, r.count]) head.append(el("th", t));
    for (const row of r.rows) {
      const tr = el("tr");
      const name = el("td");
      name.append(link(row.label, { q: toggle(s.q, filterToken(r.facet, row.value)), offset: 0 }));
      tr.append(name, el("td", row.count, "n"));
      body.push(tr);
    }
  }
  table.replaceChildren(head, ...body);
  table.hidden = false;
}

async function render() {
  const s = state();
  $("q").value = s.q;
  for (const id of ["results", "pager", "notes", "downloads", "order"]) $(id).replaceChildren();
  $("table").replaceChildren();
  for (const id of ["chart", "downloads", "table", "order"]) $(id).hidden = true;
  for (const a of document.querySelectorAll("#views a"))
    a.classList.toggle("current", (a.dataset.spec || "") === s.spec && (s.spec || s.q) !== "");
  try {
    if (s.spec) await report(s);
    else if (s.q) await results(s);
    else {
      $("status").textContent = "Search the passages of the index, or open a report.";
      $("facets").replaceChildren();
    }
  } catch (e) {
    $("status").textContent = "";
    $("notes").append(el("li", e.message, "error"));
  }
}

$("search").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const s = state();
  go({ q: $("q").value.trim(), offset: 0, spec: "", count: "", sort: s.sort, fold: s.fold });
});
for (const a of document.querySelectorAll("#views a")) {
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    const s = state();
    go({ q: s.q, offset: 0, spec: a.dataset.spec || "", count: a.dataset.spec ? s.count : "" });
  });
}
window.addEventListener("popstate", render);
render();
