// Agreement graph viewer. Every piece of data text reaches the page through textContent
// (or vis-network's canvas and its innerText tooltips), never as HTML.
(function () {
  "use strict";
  var marks = { start: performance.now() };
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  marks.parsed = performance.now();
  var UI = {
    en: { title: "Agreement graph", language: "Language", search: "Search labels or IRIs",
      agreement: "Agreement", source: "Source", physics: "Physics", focus: "Focus on selection",
      depth: "depth", showAll: "Show all", legend: "Legend and class filter",
      details: "Details", hint: "Click a vertex or an edge.", all: "all",
      status: "{n} of {N} vertices, {e} of {E} edges shown", iri: "IRI", classes: "Classes",
      sources: "Sources", evidence: "Evidence", facts: "Facts", from: "From", to: "To",
      property: "Property", none: "none", differ: "Where sources differ",
      divergences: "Where sources differ: {n}", alsoConcerns: "Also concerns" },
    id: { title: "Graf perjanjian", language: "Bahasa", search: "Cari label atau IRI",
      agreement: "Perjanjian", source: "Sumber", physics: "Fisika", focus: "Fokus pada pilihan",
      depth: "kedalaman", showAll: "Tampilkan semua", legend: "Legenda dan filter kelas",
      details: "Rincian", hint: "Klik simpul atau sisi.", all: "semua",
      status: "{n} dari {N} simpul, {e} dari {E} sisi ditampilkan", iri: "IRI",
      classes: "Kelas", sources: "Sumber", evidence: "Bukti", facts: "Fakta", from: "Dari",
      to: "Ke", property: "Properti", none: "tidak ada", differ: "Perbedaan antarsumber",
      divergences: "Perbedaan antarsumber: {n}", alsoConcerns: "Juga menyangkut" }
  };
  var GLYPH = { dot: "\u25cf", square: "\u25a0", diamond: "\u25c6", triangle: "\u25b2",
    star: "\u2605", triangleDown: "\u25bc", hexagon: "\u2b22", box: "\u25ac",
    ellipse: "\u2b2c" };
  var N = data.nodes.length, E = data.edges.length;
  var state = { lang: data.lang, search: "", groups: data.groups.map(function () { return true; }),
    agreement: -1, source: "", focus: null, selected: null, panel: null };
  var showNode = new Uint8Array(N), showEdge = new Uint8Array(E);
  var $ = function (id) { return document.getElementById(id); };
  function t(key) { return UI[state.lang][key]; }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function label(n) { return state.lang === "id" ? n.id : n.en; }
  function predLabel(e) { var p = data.predicates[e.p]; return state.lang === "id" ? p.id : p.en; }

  // ---------------------------------------------------------------- vis data sets
  var precomputed = data.layout === "precomputed";
  function visNode(n, i) {
    var g = data.groups[n.g];
    var v = { id: i, label: label(n), shape: g.shape, title: label(n) + " \u2014 " + g.name,
      color: { background: g.color, border: "#333",
        highlight: { background: g.color, border: "#000" } }, size: 12 };
    if (precomputed && n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }
  function visEdge(e, i) {
    var v = { id: i, from: e.f, to: e.t, title: predLabel(e) };
    if (data.edgeLabels) v.label = predLabel(e);
    if (e.n > 0) v.smooth = { enabled: true, type: e.n % 2 ? "curvedCW" : "curvedCCW",
      roundness: 0.15 * Math.ceil(e.n / 2) + 0.1 };
    return v;
  }
  var nodes = new vis.DataSet(data.nodes.map(visNode));
  var edges = new vis.DataSet(data.edges.map(visEdge));
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return showNode[n.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return showEdge[e.id] === 1; } });

  // ---------------------------------------------------------------- adjacency, memberships
  var adjacency = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e) { adjacency[e.f].push(e.t); adjacency[e.t].push(e.f); });
  var divergencesOf = data.nodes.map(function () { return []; });
  data.divergences.forEach(function (d, k) {
    d.on.forEach(function (i) { divergencesOf[i].push(k); });
  });
  var agreementMembers = data.agreements.map(function (a) {
    var set = new Uint8Array(N); a.members.forEach(function (m) { set[m] = 1; }); return set;
  });
  function neighbourhood(start, depth) {
    var seen = new Uint8Array(N), frontier = [start];
    seen[start] = 1;
    for (var d = 0; d < depth && frontier.length; d++) {
      var next = [];
      frontier.forEach(function (v) {
        adjacency[v].forEach(function (w) { if (!seen[w]) { seen[w] = 1; next.push(w); } });
      });
      frontier = next;
    }
    return seen;
  }

  // ---------------------------------------------------------------- filtering
  function computeVisibility() {
    var q = state.search.trim().toLowerCase();
    var members = state.agreement >= 0 ? agreementMembers[state.agreement] : null;
    var src = state.source;
    var shown = 0, shownEdges = 0;
    for (var i = 0; i < N; i++) {
      var n = data.nodes[i];
      var ok = state.groups[n.g] && (!members || members[i] === 1) &&
        (!state.focus || state.focus[i] === 1) &&
        (!src || n.src.indexOf(src) >= 0) &&
        (!q || n.en.toLowerCase().indexOf(q) >= 0 || n.id.toLowerCase().indexOf(q) >= 0 ||
          n.iri.toLowerCase().indexOf(q) >= 0);
      showNode[i] = ok ? 1 : 0;
      shown += showNode[i];
    }
    for (var j = 0; j < E; j++) {
      var e = data.edges[j];
      showEdge[j] = showNode[e.f] && showNode[e.t] && (!src || e.src.indexOf(src) >= 0) ? 1 : 0;
      shownEdges += showEdge[j];
    }
    return { nodes: shown, edges: shownEdges };
  }
  function refresh() {
    var c = computeVisibility();
    nodeView.refresh();
    edgeView.refresh();
    $("status").textContent = t("status").replace("{n}", c.nodes).replace("{N}", N)
      .replace("{e}", c.edges).replace("{E}", E);
    $("status").dataset.nodes = c.nodes;
    $("status").dataset.edges = c.edges;
  }

  // ---------------------------------------------------------------- the network
  var smallPhysics = { enabled: true, solver: "forceAtlas2Based",
    forceAtlas2Based: { gravitationalConstant: -60, springLength: 90 },
    stabilization: { enabled: true, iterations: 400, updateInterval: 50, fit: true } };
  var options = {
    autoResize: true,
    layout: { improvedLayout: !precomputed && N <= 150, randomSeed: 7 },
    physics: precomputed ? { enabled: false, solver: "barnesHut",
      stabilization: { enabled: false } } : smallPhysics,
    interaction: { hover: !precomputed, tooltipDelay: 200, hideEdgesOnDrag: precomputed, hideEdgesOnZoom: precomputed,
      multiselect: false },
    nodes: { font: { size: 13 }, borderWidth: 1 },
    edges: { smooth: false, color: { color: "#999", highlight: "#333" }, width: 1,
      font: { size: 10, align: "middle", color: "#555", strokeWidth: 2 },
      arrows: { to: { enabled: data.edgeLabels, scaleFactor: 0.5 } } }
  };
  if (data.focus) {
    state.focus = neighbourhood(data.focus.node, data.focus.depth);
    $("depth").value = data.focus.depth;
  }
  // the page's furniture is laid out before the canvas exists, so no resize redraws follow
  buildLegend();
  translate();
  refresh();
  marks.datasets = performance.now();
  var container = $("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  marks.network = performance.now();
  var api = { network: network, stable: false, stableMs: null, marks: marks,
    counts: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length,
        total: { nodes: N, edges: E } };
    },
    labels: function () { return nodeView.get().map(function (n) { return n.label; }); },
    select: function (i) { selectVertex(i, false); } };
  window.agreementViewer = api;
  function markStable() {
    if (api.stable) return;
    api.stable = true;
    api.stableMs = performance.now();
    document.body.dataset.stable = "true";
  }
  if (precomputed) {
    network.once("afterDrawing", markStable);
  } else {
    network.once("stabilizationIterationsDone", markStable);
    network.once("stabilized", markStable);
  }
  $("physics").checked = !precomputed;

  // ---------------------------------------------------------------- details panel
  function sourceTags(list) {
    var span = el("span");
    list.forEach(function (s) {
      var rec = data.sources[s] || {};
      var tag = el("span", s, "source-tag");
      tag.title = rec["dcterms:title"] || rec["rdfs:label"] || s;
      span.appendChild(tag);
    });
    if (!list.length) span.textContent = t("none");
    return span;
  }
  function evidenceList(rows) {
    var ul = el("ul");
    rows.forEach(function (r) {
      var rec = data.sources[r[0]] || {};
      var text = r[0] + (r[1] ? ", " + r[1] : "") + (r[2] ? ": \u201c" + r[2] + "\u201d" : "");
      var li = el("li", text);
      var meta = [rec["dc:publisher"], rec["dcterms:issued"], rec["dcterms:title"]]
        .filter(Boolean).join(" \u00b7 ");
      if (meta) li.appendChild(el("div", meta, "muted"));
      ul.appendChild(li);
    });
    return ul;
  }
  function row(dl, term, value) {
    var dt = el("dt", term), dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.append(dt, dd);
    return dt;
  }
  function panel(heading, sub) {
    var body = $("details-body");
    body.replaceChildren(el("h3", heading));
    if (sub) body.appendChild(el("div", sub, "muted"));
    var dl = el("dl");
    body.appendChild(dl);
    return dl;
  }
  function divergenceBlock(d, current) {
    var box = el("div", null, "divergence");
    box.appendChild(el("div", label(d), "topic"));
    var sides = el("ul");
    d.sides.forEach(function (side) {
      var li = el("li", label(side) + " ");
      li.appendChild(sourceTags(side.src));
      sides.appendChild(li);
    });
    box.appendChild(sides);
    var others = d.on.filter(function (j) { return j !== current; })
      .map(function (j) { return label(data.nodes[j]); });
    if (others.length) {
      box.appendChild(el("div", t("alsoConcerns") + ": " + others.join("; "), "muted"));
    }
    return box;
  }
  function showNodeDetails(i) {
    state.panel = { node: i };
    var n = data.nodes[i];
    var dl = panel(label(n), state.lang === "id" ? n.en : n.id);
    row(dl, t("iri"), el("span", n.iri, "iri"));
    row(dl, t("classes"), n.cls.join(", ") + " (" + data.groups[n.g].name + ")");
    row(dl, t("sources"), sourceTags(n.src));
    if (divergencesOf[i].length) {
      var differ = el("div");
      divergencesOf[i].forEach(function (k) {
        differ.appendChild(divergenceBlock(data.divergences[k], i));
      });
      row(dl, t("differ"), differ).className = "differ";
    }
    var facts = el("ul");
    n.det.forEach(function (d) {
      var li = el("li", d[0] + ": " + d[1] + (d[2] ? " @" + d[2] : "") + " ");
      li.appendChild(sourceTags(d[3]));
      if (d[4].length) li.appendChild(evidenceList(d[4]));
      facts.appendChild(li);
    });
    data.edges.forEach(function (e) {
      if (e.f === i && data.predicates[e.p].name === "skos:broader") {
        facts.appendChild(el("li", "skos:broader: " + label(data.nodes[e.t])));
      }
    });
    row(dl, t("facts"), facts);
  }
  function showEdgeDetails(j) {
    state.panel = { edge: j };
    var e = data.edges[j], p = data.predicates[e.p];
    var dl = panel(label(data.nodes[e.f]) + " \u2192 " + predLabel(e) + " \u2192 " +
      label(data.nodes[e.t]));
    row(dl, t("property"), el("span", p.name + "  " + p.iri, "iri"));
    row(dl, t("from"), el("span", data.nodes[e.f].iri, "iri"));
    row(dl, t("to"), el("span", data.nodes[e.t].iri, "iri"));
    row(dl, t("sources"), sourceTags(e.src));
    row(dl, t("evidence"), e.ev.length ? evidenceList(e.ev) : t("none"));
  }
  function selectVertex(i, zoom) {
    state.selected = i;
    showNodeDetails(i);
    if (!showNode[i]) { network.unselectAll(); return; }  // filtered out: details only
    network.selectNodes([i]);
    if (zoom) network.focus(i, { scale: 1.2, animation: { duration: 300 } });
  }
  function redrawPanel() {
    if (!state.panel) return;
    if (state.panel.edge !== undefined) showEdgeDetails(state.panel.edge);
    else showNodeDetails(state.panel.node);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { state.selected = params.nodes[0]; showNodeDetails(params.nodes[0]); }
    else if (params.edges.length) showEdgeDetails(params.edges[0]);
  });

  // ---------------------------------------------------------------- controls
  function translate() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.dataset.i18n);
    });
    $("search").placeholder = t("search");
    fillSelect($("agreement"), data.agreements.map(function (a, i) {
      return [String(i), label(data.nodes[a.node])]; }), String(state.agreement));
    fillSelect($("source"), Object.keys(data.sources).map(function (s) {
      var rec = data.sources[s];
      return [s, s + (rec["dc:publisher"] ? " \u2014 " + rec["dc:publisher"] : "")]; }),
      state.source);
    buildDivergenceList();
  }
  function buildDivergenceList() {
    var count = data.divergences.length;
    $("divergences").hidden = count === 0;
    $("divergence-summary").textContent = t("divergences").replace("{n}", count);
    var list = $("divergence-list");
    list.replaceChildren();
    data.divergences.forEach(function (d) {
      var li = el("li", label(d) + " ");
      d.on.forEach(function (i) {
        var button = el("button", label(data.nodes[i]), "vertex-link");
        button.type = "button";
        button.dataset.node = i;
        button.addEventListener("click", function () {
          selectVertex(i, true);
          $("details").scrollIntoView({ block: "start" });
        });
        li.appendChild(button);
      });
      list.appendChild(li);
    });
  }
  function fillSelect(select, options, value) {
    select.replaceChildren();
    var all = el("option", "(" + t("all") + ")");
    all.value = select.id === "agreement" ? "-1" : "";
    select.appendChild(all);
    options.forEach(function (o) { var op = el("option", o[1]); op.value = o[0]; select.appendChild(op); });
    select.value = value;
  }
  function buildLegend() {
    var list = $("legend-list");
    data.groups.forEach(function (g, i) {
      var li = el("li"), lab = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.dataset.group = g.name;
      box.addEventListener("change", function () { state.groups[i] = box.checked; refresh(); });
      var glyph = el("span", GLYPH[g.shape] || "\u25cf", "glyph");
      glyph.style.color = g.color;
      lab.append(box, glyph, el("span", g.name));
      li.appendChild(lab);
      list.appendChild(li);
    });
  }
  $("lang").value = state.lang;
  $("lang").addEventListener("change", function () {
    state.lang = $("lang").value;
    nodes.update(data.nodes.map(function (n, i) {
      return { id: i, label: label(n), title: label(n) + " \u2014 " + data.groups[n.g].name }; }));
    edges.update(data.edges.map(function (e, j) {
      var v = { id: j, title: predLabel(e) };
      if (data.edgeLabels) v.label = predLabel(e);
      return v;
    }));
    translate();
    refresh();
    redrawPanel();
  });
  var timer = null;
  $("search").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.search = $("search").value; refresh(); }, 150);
  });
  $("agreement").addEventListener("change", function () {
    state.agreement = parseInt($("agreement").value, 10); refresh(); });
  $("source").addEventListener("change", function () { state.source = $("source").value; refresh(); });
  $("physics").addEventListener("change", function () {
    network.setOptions({ physics: $("physics").checked
      ? { enabled: true, stabilization: { enabled: false } } : { enabled: false } });
  });
  $("focus").addEventListener("click", function () {
    if (state.selected === null) return;
    state.focus = neighbourhood(state.selected, parseInt($("depth").value, 10) || 0);
    refresh();
    network.fit();
  });
  $("show-all").addEventListener("click", function () {
    state.focus = null; state.search = ""; $("search").value = ""; refresh(); network.fit();
  });
  if (data.focus) selectVertex(data.focus.node, false);
})();
