// Agreement graph viewer. Every piece of data text reaches the page through textContent
// (or vis-network's canvas and its innerText tooltips), never as HTML.
(function () {
  "use strict";
  var marks = { start: performance.now() };
  var data = JSON.parse(document.getElementById("graph-data").textContent);
  marks.parsed = performance.now();
  // the words of the page, in each of its languages (viewer-text.json)
  var UI = JSON.parse(document.getElementById("ui-text").textContent);
  var GLYPH = { dot: "\u25cf", square: "\u25a0", diamond: "\u25c6", triangle: "\u25b2",
    star: "\u2605", triangleDown: "\u25bc", hexagon: "\u2b22" };
  var BADGE_STYLE = [  // per scheme: fill, border; text is #1a1a1a (>= 12:1 on these fills)
    ["#e3f1df", "#3f7a35"], ["#fbf1cf", "#9a7a12"], ["#dff0ee", "#3d7d76"],
    ["#e2eef8", "#3c6a96"]];
  var FONT = 14, MIN_LABEL_PX = 12, MAX_LABEL = 30;
  var FACE = "Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";
  var N = data.nodes.length, E = data.edges.length, B = data.badges.length;
  var state = { lang: data.lang, search: "", groups: data.groups.map(function () { return true; }),
    agreement: -1, members: null, source: "", focus: null, selected: null, panel: null, allConcepts: false,
    matches: [], matchAt: -1 };
  var showNode = new Uint8Array(N + B), showEdge = new Uint8Array(E + B);
  var expanded = new Uint8Array(B), expandedConcept = new Uint16Array(N);
  var $ = function (id) { return document.getElementById(id); };
  function t(key) { return UI[state.lang][key]; }
  // "none" when a statement has no evidence; otherwise the page was written without it
  function noEvidence() { return t(data.evidence === false ? "notLoaded" : "none"); }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function label(n) { return state.lang === "id" ? n.id : n.en; }
  function short(text, max) {
    max = max || MAX_LABEL;
    if (text.length <= max) return text;
    var cut = text.slice(0, max - 1), space = cut.lastIndexOf(" ");
    return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(\u2013-]+$/, "") +
      "\u2026";
  }
  function predLabel(e) { var p = data.predicates[e.p]; return state.lang === "id" ? p.id : p.en; }
  function schemeCount(s, n) {
    var words = t(data.schemes[s].key);
    return n + " " + words[n === 1 ? 0 : 1];
  }
  function badgeLabel(k) {
    var b = data.badges[k];
    return (expanded[k] ? "\u2212 " : "+ ") + schemeCount(b.s, b.m.length);
  }
  function badgeTitle(k) {
    var b = data.badges[k];
    return label(data.nodes[b.a]) + ": " + badgeLabel(k).slice(2) + " \u2014 " +
      t(expanded[k] ? "collapse" : "expand");
  }
  // the overview of a large store counts each agreement's concepts instead of drawing them
  var countsOf = {};
  (data.counts || []).forEach(function (c) { countsOf[c[0]] = c.slice(1); });
  function countText(i) {
    return countsOf[i].map(function (n, s) { return n ? schemeCount(s, n) : ""; })
      .filter(Boolean).join(", ");
  }
  function nodeTitle(n, i) {
    return label(n) + " \u2014 " + data.groups[n.g].name +
      (countsOf[i] ? " \u2014 " + countText(i) : "");
  }

  // ---------------------------------------------------------------- vis data sets
  function visNode(n, i) {
    var g = data.groups[n.g], full = label(n);
    var v = { id: i, label: short(full), shape: g.shape === "pill" ? "box" : g.shape,
      title: nodeTitle(n, i),
      color: { background: g.color, border: g.text ? g.color : "#333",
        highlight: { background: g.color, border: "#111" },
        hover: { background: g.color, border: "#111" } }, size: 10 };
    if (g.text) {
      v.font = { color: g.text, size: FONT + 1 };
      v.borderWidth = 2;
      if (g.shape === "pill") v.shapeProperties = { borderRadius: 14 };
    }
    return v;
  }
  function visBadge(b, k) {
    var style = BADGE_STYLE[b.s % BADGE_STYLE.length];
    return { id: N + k, label: badgeLabel(k), shape: "box", x: b.x, y: b.y,
      title: badgeTitle(k),
      color: { background: style[0], border: style[1],
        highlight: { background: style[0], border: "#111" },
        hover: { background: style[0], border: "#111" } },
      shapeProperties: { borderDashes: [4, 3], borderRadius: 4 }, borderWidth: 1.5 };
  }
  function visEdge(e, i) {
    var v = { id: i, from: e.f, to: e.t, title: predLabel(e) };
    if (e.n > 0) v.smooth = { enabled: true, type: e.n % 2 ? "curvedCW" : "curvedCCW",
      roundness: 0.15 * Math.ceil(e.n / 2) + 0.1 };
    return v;
  }
  var nodeRows = data.nodes.map(visNode).concat(data.badges.map(visBadge));
  var edgeRows = data.edges.map(visEdge).concat(data.badges.map(function (b, k) {
    return { id: E + k, from: b.a, to: N + k, dashes: [3, 3], arrows: { to: { enabled: false } },
      color: { color: BADGE_STYLE[b.s % BADGE_STYLE.length][1] } };
  }));

  // ---------------------------------------------------------------- adjacency, memberships
  var adjacency = data.nodes.map(function () { return []; });
  var successors = data.nodes.map(function () { return []; });
  var predecessors = data.nodes.map(function () { return []; });
  data.edges.forEach(function (e) {
    adjacency[e.f].push(e.t); adjacency[e.t].push(e.f);
    successors[e.f].push(e.t); predecessors[e.t].push(e.f);
  });
  var divergencesOf = data.nodes.map(function () { return []; });
  data.divergences.forEach(function (d, k) {
    d.on.forEach(function (i) { divergencesOf[i].push(k); });
  });
  var isAgreement = new Uint8Array(N);
  data.rows.forEach(function (a) { isAgreement[a] = 1; });
  function membersOf(a) {  // the agreement, what points at it, and what it or they reach
    var set = new Uint8Array(N), todo = [a];  // along edges without passing another agreement
    set[a] = 1;
    predecessors[a].forEach(function (u) {
      if (!isAgreement[u] && !set[u]) { set[u] = 1; todo.push(u); }
    });
    while (todo.length) {
      successors[todo.pop()].forEach(function (w) {
        if (!set[w] && !isAgreement[w]) { set[w] = 1; todo.push(w); }
      });
    }
    return set;
  }
  var badgesOf = data.nodes.map(function () { return []; });
  var conceptBadges = data.nodes.map(function () { return []; });
  data.badges.forEach(function (b, k) {
    badgesOf[b.a].push(k);
    b.m.forEach(function (m) { conceptBadges[m].push(k); });
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
    var members = state.members;
    var src = state.source;
    var shown = 0, shownEdges = 0, matches = [];
    for (var i = 0; i < N; i++) {
      var n = data.nodes[i];
      // search finds and highlights; it hides nothing (a match folded in a badge is shown)
      var match = q !== "" && (n.en.toLowerCase().indexOf(q) >= 0 ||
        n.id.toLowerCase().indexOf(q) >= 0 || n.iri.toLowerCase().indexOf(q) >= 0);
      // concepts stay folded into their badges unless asked for (expanded, searched, focused)
      var open = !n.c || state.allConcepts || expandedConcept[i] > 0 || match ||
        (state.focus && data.focus && data.focus.node === i) || state.selected === i;
      var ok = open && state.groups[n.g] && (!members || members[i] === 1) &&
        (!state.focus || state.focus[i] === 1) && (!src || n.src.indexOf(src) >= 0);
      showNode[i] = ok ? 1 : 0;
      shown += showNode[i];
      if (ok && match) matches.push(i);
    }
    state.matches = matches;
    for (var j = 0; j < E; j++) {
      var e = data.edges[j];
      showEdge[j] = showNode[e.f] && showNode[e.t] && (!src || e.src.indexOf(src) >= 0) ? 1 : 0;
      shownEdges += showEdge[j];
    }
    for (var k = 0; k < B; k++) {
      showNode[N + k] = showEdge[E + k] = showNode[data.badges[k].a] && !state.allConcepts ? 1 : 0;
    }
    return { nodes: shown, edges: shownEdges };
  }

  // ---------------------------------------------------------------- label-aware placement
  // Every shown vertex owns the box its shape and label cover (measured with the canvas
  // font vis-network draws with); a vertex whose box would overlap another moves outward on
  // a spiral to the nearest free place. A grid of 96-pixel cells keeps each test local.
  var measure = document.createElement("canvas").getContext("2d");
  var boxes = new Array(N + B), placed = new Uint8Array(N + B), cells = new Map();
  var posX = new Float64Array(N + B), posY = new Float64Array(N + B);
  var hasPos = new Uint8Array(N + B);
  var CELL = 96, PAD_X = 8, PAD_Y = 6, tries = 0;
  data.nodes.forEach(function (n, i) {
    if (n.x !== undefined) { posX[i] = n.x; posY[i] = n.y; hasPos[i] = 1; }
  });
  data.badges.forEach(function (b, k) { posX[N + k] = b.x; posY[N + k] = b.y; hasPos[N + k] = 1; });
  var measuredSize = 0;
  function boxOf(id) {  // [left, top, right, bottom] relative to the vertex's centre
    var v = nodeRows[id], size = (v.font && v.font.size) || FONT;
    if (size !== measuredSize) { measure.font = size + "px " + FACE; measuredSize = size; }
    var w = measure.measureText(v.label).width, h = size * 1.25;
    if (v.shape === "box") {  // vis-network widens a box by its corner radius (default 6)
      var r0 = v.shapeProperties && v.shapeProperties.borderRadius !== undefined
        ? v.shapeProperties.borderRadius : 6;
      return [-w / 2 - r0 - 5, -h / 2 - r0 - 3, w / 2 + r0 + 5, h / 2 + r0 + 3];
    }
    if (v.shape === "ellipse") return [-w - 2, -h - 2, w + 2, h + 2];
    var r = v.size + 2, half = Math.max(r, w / 2);
    return [-half, -r, half, r + h + 4];
  }
  function cellKeys(id, x, y) {
    var b = boxes[id], keys = [];
    for (var cx = Math.floor((x + b[0]) / CELL); cx <= Math.floor((x + b[2]) / CELL); cx++) {
      for (var cy = Math.floor((y + b[1]) / CELL); cy <= Math.floor((y + b[3]) / CELL); cy++) {
        keys.push((cx + 1048576) * 2097152 + cy + 1048576);
      }
    }
    return keys;
  }
  function isFree(id, x, y) {
    var b = boxes[id], x0 = x + b[0] - PAD_X, x1 = x + b[2] + PAD_X;
    var y0 = y + b[1] - PAD_Y, y1 = y + b[3] + PAD_Y;
    var cx1 = Math.floor((x + b[2]) / CELL), cy1 = Math.floor((y + b[3]) / CELL);
    tries++;
    for (var cx = Math.floor((x + b[0]) / CELL); cx <= cx1; cx++) {
      for (var cy = Math.floor((y + b[1]) / CELL); cy <= cy1; cy++) {
        var list = cells.get((cx + 1048576) * 2097152 + cy + 1048576);
        if (!list) continue;
        for (var m = 0; m < list.length; m++) {
          var o = list[m], ob = boxes[o], ox = posX[o], oy = posY[o];
          if (x0 < ox + ob[2] && ox + ob[0] < x1 && y0 < oy + ob[3] && oy + ob[1] < y1) {
            return false;
          }
        }
      }
    }
    return true;
  }
  function occupy(id) {
    placed[id] = 1;
    cellKeys(id, posX[id], posY[id]).forEach(function (key) {
      var list = cells.get(key);
      if (list) list.push(id); else cells.set(key, [id]);
    });
  }
  function vacate(id) {
    placed[id] = 0;
    cellKeys(id, posX[id], posY[id]).forEach(function (key) {
      var list = cells.get(key), at = list ? list.indexOf(id) : -1;
      if (at >= 0) list.splice(at, 1);
    });
  }
  function place(id, x, y) {  // the free spot nearest (x, y) on a spiral of growing rings
    boxes[id] = boxOf(id);
    for (var ring = 0; ring < 120; ring++) {  // rings 14 px apart, then ever wider
      var r = ring <= 40 ? ring * 14 : 560 + (ring - 40) * (ring - 40) * 6;
      var steps = ring ? Math.min(96, Math.max(8, Math.round(r / 9))) : 1;
      for (var s = 0; s < steps; s++) {
        var a = (s / steps + ring * 0.13) * 2 * Math.PI;
        var cx = x + r * Math.cos(a), cy = y + r * Math.sin(a);
        if (isFree(id, cx, cy)) { posX[id] = cx; posY[id] = cy; hasPos[id] = 1; occupy(id); return; }
      }
    }
    posX[id] = x; posY[id] = y; hasPos[id] = 1; occupy(id);
  }
  function anchorOf(id) {  // where a vertex without a position starts: its shown neighbours
    var sx = 0, sy = 0, count = 0;
    if (id < N) {
      adjacency[id].forEach(function (w) {
        if (placed[w]) { sx += posX[w]; sy += posY[w]; count++; }
      });
      conceptBadges[id].forEach(function (k) {
        if (expanded[k] && placed[N + k]) {
          sx += 3 * posX[N + k]; sy += 3 * posY[N + k]; count += 3;
        }
      });
    }
    return count ? [sx / count, sy / count] : [0, 0];
  }
  function placeShown() {  // vacate what was hidden, place what appeared; returns moved ids
    var moved = [], id;
    for (id = 0; id < N + B; id++) if (placed[id] && !showNode[id]) vacate(id);
    for (var pass = 0; pass < 2; pass++) {  // placed-before first, then new arrivals
      for (var o = 0; o < order.length; o++) {
        id = order[o];
        if (!showNode[id] || placed[id] || (pass === 0) !== (hasPos[id] === 1)) continue;
        var at = hasPos[id] ? [posX[id], posY[id]] : anchorOf(id);
        place(id, at[0], at[1]);
        moved.push({ id: id, x: Math.round(posX[id]), y: Math.round(posY[id]) });
      }
    }
    return moved;
  }
  // agreements first, then their badges, then by degree: the hubs keep their places
  var order = [], rest = [], concepts = [];
  data.rows.forEach(function (a) {
    order.push(a);
    badgesOf[a].forEach(function (k) { order.push(N + k); });
  });
  for (var i0 = 0; i0 < N; i0++) {
    if (data.nodes[i0].c) concepts.push(i0); else if (!isAgreement[i0]) rest.push(i0);
  }
  rest.sort(function (a, b) { return adjacency[b].length - adjacency[a].length || a - b; });
  order = order.concat(rest, concepts);

  // ---------------------------------------------------------------- the network
  var nodes = null, edges = null;  // made once the first positions are known
  function selectedStyle(values, id, selected, hovering) {
    if (selected) { values.borderWidth = 4; values.borderColor = "#ffb000"; values.shadow = true;
      values.shadowColor = "rgba(255,176,0,0.6)"; values.shadowSize = 14; }
    else if (hovering) values.borderWidth += 1;
  }
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: { enabled: false, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, springLength: 120 },
      stabilization: { enabled: false } },
    interaction: { hover: data.hover, tooltipDelay: 250, hideEdgesOnDrag: !data.hover,
      hideEdgesOnZoom: !data.hover, multiselect: false,
      keyboard: { enabled: true, bindToWindow: false } },
    nodes: { font: { size: FONT, face: FACE, color: "#1a1a1a" }, borderWidth: 1,
      chosen: { node: selectedStyle, label: false } },
    edges: { smooth: false, color: { color: data.hover ? "#9a9a9a" : "rgba(120,120,120,0.3)",
        highlight: "#222", hover: "#444" },
      width: 1, selectionWidth: 2, hoverWidth: 1.5,
      font: { size: FONT - 1, face: FACE, align: "middle", color: "#222", strokeWidth: 4,
        strokeColor: "#ffffff" },
      arrows: { to: { enabled: true, scaleFactor: 0.45 } } }
  };
  if (data.focus) {
    state.focus = neighbourhood(data.focus.node, data.focus.depth);
    $("depth").value = data.focus.depth;
  }
  buildLegend();
  translate();
  refresh();
  marks.placed = performance.now();
  marks.tries = tries;
  nodes = new vis.DataSet(nodeRows);
  edges = new vis.DataSet(edgeRows);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return showNode[n.id] === 1; } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return showEdge[e.id] === 1; } });
  marks.datasets = performance.now();
  var container = $("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  marks.network = performance.now();
  fitLegible();

  function refresh() {
    var c = computeVisibility();
    var moved = placeShown();
    if (!nodes) {  // before the data sets exist: the rows carry the first positions
      moved.forEach(function (m) { nodeRows[m.id].x = m.x; nodeRows[m.id].y = m.y; });
    } else {
      if (moved.length) nodes.update(moved);
      nodeView.refresh();
      edgeView.refresh();
    }
    var n = c.nodes, e = c.edges, badges = 0;
    for (var k = 0; k < B; k++) { badges += showNode[N + k]; e += showEdge[E + k]; }
    $("status").textContent = t("status").replace("{n}", c.nodes).replace("{N}", N)
      .replace("{b}", badges).replace("{e}", e).replace("{E}", E) + (state.search.trim()
      ? "; " + t("matches").replace("{m}", state.matches.length)
        .replace("{q}", state.search.trim()) : "");
    if (nodes) highlight(state.matches);
    n += badges;
    $("status").dataset.nodes = n;
    $("status").dataset.edges = e;
  }
  var lit = {};  // vertex id -> 1 while it is drawn as a search match
  function highlight(ids) {
    var next = {}, changed = [];
    ids.forEach(function (i) { next[i] = 1; });
    Object.keys(lit).concat(Object.keys(next)).forEach(function (key) {
      var i = +key;
      if (!!lit[i] === !!next[i] || changed.some(function (v) { return v.id === i; })) return;
      var v = visNode(data.nodes[i], i);
      if (next[i]) {
        v.borderWidth = 4;
        v.color.border = "#d97900";
        v.shadow = { enabled: true, color: "rgba(255,176,0,0.75)", size: 14, x: 0, y: 0 };
      } else {
        v.borderWidth = data.groups[data.nodes[i].g].text ? 2 : 1;
        v.shadow = { enabled: false };
      }
      changed.push(v);
    });
    lit = next;
    if (changed.length) nodes.update(changed);
  }
  function boundsOf(ids) {  // [x0, y0, x1, y1] of the label boxes of the shown *ids*
    var b = [Infinity, Infinity, -Infinity, -Infinity];
    ids.forEach(function (id) {
      if (!showNode[id] || !boxes[id]) return;
      b[0] = Math.min(b[0], posX[id] + boxes[id][0]); b[2] = Math.max(b[2], posX[id] + boxes[id][2]);
      b[1] = Math.min(b[1], posY[id] + boxes[id][1]); b[3] = Math.max(b[3], posY[id] + boxes[id][3]);
    });
    return b[0] <= b[2] ? b : null;
  }
  function scaleFor(b) {
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    return Math.min(1.6, 0.94 * Math.min(w / Math.max(1, b[2] - b[0]), h / Math.max(1, b[3] - b[1])));
  }
  function fitLegible() {
    // Everything shown, if labels stay at least 12 px; otherwise as much as that allows
    // around the agreements, and every agreement (with its badges) in view whatever it costs.
    var all = [];
    for (var id = 0; id < N + B; id++) if (showNode[id]) all.push(id);
    var whole = boundsOf(all);
    if (!whole) return;
    var scale = scaleFor(whole), box = whole;
    if (scale * FONT < MIN_LABEL_PX) {
      var core = [];
      data.rows.forEach(function (a) {
        core.push(a);
        badgesOf[a].forEach(function (k) { core.push(N + k); });
      });
      box = boundsOf(core) || whole;
      scale = Math.min(scaleFor(box), MIN_LABEL_PX / FONT);
    }
    network.moveTo({ position: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 },
      scale: scale, animation: false });
  }
  function showMatch(step) {  // select the next search match and centre it among its neighbours
    if (!state.matches.length) return;
    state.matchAt = (state.matchAt + step + state.matches.length) % state.matches.length;
    var i = state.matches[state.matchAt];
    selectVertex(i, false);
    var around = [i].concat(adjacency[i].filter(function (w) { return showNode[w]; }));
    var box = boundsOf(around);
    if (!box) return;
    network.moveTo({ position: { x: posX[i], y: posY[i] },
      scale: Math.max(MIN_LABEL_PX / FONT, Math.min(scaleFor(box), 1.6)),
      animation: { duration: 300, easingFunction: "easeInOutQuad" } });
  }
  var api = { network: network, stable: false, stableMs: null, marks: marks,
    counts: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length,
        total: { nodes: N, edges: E } };
    },
    labels: function () { return nodeView.get().map(function (n) { return n.label; }); },
    edgeLabels: function () {
      return edgeView.get().filter(function (e) { return e.label; }).map(function (e) {
        return e.id; });
    },
    shown: function () { return nodeView.getIds(); },
    matches: function () { return state.matches.slice(); },
    selected: function () { return state.selected; },
    view: function () { return { scale: network.getScale(), centre: network.getViewPosition() }; },
    inView: function (id) {  // whether vertex *id*'s centre is on the canvas now
      var p = network.canvasToDOM({ x: posX[id], y: posY[id] });
      return p.x >= 0 && p.y >= 0 && p.x <= container.clientWidth && p.y <= container.clientHeight;
    },
    badges: function () {
      return data.badges.map(function (b, k) {
        return { id: N + k, agreement: b.a, scheme: data.schemes[b.s].key, size: b.m.length,
          expanded: expanded[k] === 1 };
      });
    },
    select: function (i) { selectVertex(i, false); },
    unselect: function () {
      var was = state.selected;
      state.selected = null;
      network.unselectAll();
      labelEdges([]);
      if (was !== null && data.nodes[was].c) refresh();
    },
    toggleBadge: function (k) { toggleBadge(k); },
    fontSize: FONT,
    ui: null };
  window.agreementViewer = api;
  function markStable() {
    if (api.stable) return;
    api.stable = true;
    api.stableMs = performance.now();
    document.body.dataset.stable = "true";
  }
  network.once("afterDrawing", markStable);
  $("physics").checked = false;

  // ---------------------------------------------------------------- edge labels on demand
  var labelled = {};
  function labelEdges(ids) {
    var add = [], drop = [], next = {};
    ids.forEach(function (j) { if (j < E) next[j] = 1; });
    Object.keys(labelled).forEach(function (j) { if (!next[j]) drop.push(+j); });
    Object.keys(next).forEach(function (j) {
      if (!labelled[j]) add.push({ id: +j, label: predLabel(data.edges[j]) });
    });
    labelled = next;
    // vis-network keeps a label once set (null or "" leave it drawn): put the edge back afresh
    if (drop.length) { edges.remove(drop); edges.add(drop.map(function (j) { return visEdge(data.edges[j], j); })); }
    if (add.length) edges.update(add);
  }
  function selectionLabels() {
    var ids = network.getSelectedEdges().slice();
    return ids;
  }
  network.on("hoverEdge", function (p) { labelEdges(selectionLabels().concat([p.edge])); });
  network.on("blurEdge", function () { labelEdges(selectionLabels()); });
  network.on("select", function () { labelEdges(selectionLabels()); });

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
    if (countsOf[i]) row(dl, t("topics"), countText(i) + " (" + t("inFull") + ")");
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
    var out = el("ul", null, "links"), inc = el("ul", null, "links");
    data.edges.forEach(function (e) {
      if (e.f === i) out.appendChild(linkItem(predLabel(e) + " \u2192 ", e.t, ""));
      if (e.t === i) inc.appendChild(linkItem("", e.f, " \u2192 " + predLabel(e)));
    });
    row(dl, t("facts"), n.det.length ? facts : t("none"));
    row(dl, t("linksOut") + " (" + out.childNodes.length + ")", out.childNodes.length ? out : t("none"));
    row(dl, t("linksIn") + " (" + inc.childNodes.length + ")", inc.childNodes.length ? inc : t("none"));
  }
  function linkItem(before, k, after) {  // "predicate → [vertex]" with the vertex a button
    var li = el("li", before), button = el("button", label(data.nodes[k]), "vertex-link");
    button.type = "button";
    button.dataset.node = k;
    button.addEventListener("click", function () { selectVertex(k, true); });
    li.appendChild(button);
    if (after) li.appendChild(document.createTextNode(after));
    return li;
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
    row(dl, t("evidence"), e.ev.length ? evidenceList(e.ev) : noEvidence());
  }
  function selectVertex(i, zoom) {
    var was = state.selected;
    state.selected = i;
    showNodeDetails(i);
    if (data.nodes[i].c && !showNode[i] || was !== i && was !== null && data.nodes[was].c) refresh();
    if (!showNode[i]) { network.unselectAll(); labelEdges([]); return; }  // filtered out
    network.selectNodes([i]);
    labelEdges(selectionLabels());
    if (zoom) {
      network.focus(i, { scale: Math.max(network.getScale(), 1), animation: { duration: 300 } });
    }
  }
  function redrawPanel() {
    if (!state.panel) return;
    if (state.panel.edge !== undefined) showEdgeDetails(state.panel.edge);
    else showNodeDetails(state.panel.node);
  }
  function toggleBadge(k) {
    var b = data.badges[k];
    expanded[k] = expanded[k] ? 0 : 1;
    b.m.forEach(function (m) { expandedConcept[m] += expanded[k] ? 1 : -1; });
    nodes.update({ id: N + k, label: badgeLabel(k), title: badgeTitle(k) });
    refresh();
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (id >= N) { toggleBadge(id - N); return; }
      state.selected = id;
      showNodeDetails(id);
    } else if (params.edges.length && params.edges[0] < E) showEdgeDetails(params.edges[0]);
  });
  network.on("dragEnd", function (params) {
    var pos = network.getPositions(params.nodes);
    params.nodes.forEach(function (id) {
      if (!placed[id]) return;
      vacate(id); posX[id] = pos[id].x; posY[id] = pos[id].y; occupy(id);
    });
  });

  // ---------------------------------------------------------------- controls
  function translate() {
    document.documentElement.lang = state.lang;
    document.querySelectorAll("[data-i18n]").forEach(function (node) {
      node.textContent = t(node.dataset.i18n);
    });
    $("search").placeholder = t("search");
    fillSelect($("agreement"), data.rows.map(function (a, r) {
      return [String(r), label(data.nodes[a])]; }), String(state.agreement));
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
      var swatch = g.shape === "box" || g.shape === "pill" || g.shape === "ellipse";
      var glyph = el("span", swatch ? null : GLYPH[g.shape] || "\u25cf",
        swatch ? "glyph swatch-" + g.shape : "glyph");
      if (swatch) glyph.style.background = g.color; else glyph.style.color = g.color;
      lab.append(box, glyph, el("span", g.name));
      li.appendChild(lab);
      list.appendChild(li);
    });
  }
  function relabel() {
    nodes.update(data.nodes.map(function (n, i) {
      return { id: i, label: short(label(n)), title: nodeTitle(n, i) };
    }).concat(data.badges.map(function (b, k) { return { id: N + k, label: badgeLabel(k) }; })));
    edges.update(data.edges.map(function (e, j) {
      var v = { id: j, title: predLabel(e) };
      if (labelled[j]) v.label = predLabel(e);
      return v;
    }));
    // new label widths: every shown vertex is placed again from where it is
    for (var id = 0; id < N + B; id++) {
      nodeRows[id].label = id < N ? short(label(data.nodes[id])) : badgeLabel(id - N);
      if (placed[id]) vacate(id);
    }
  }
  $("lang").value = state.lang;
  $("lang").addEventListener("change", function () {
    state.lang = $("lang").value;
    relabel();
    translate();
    refresh();
    redrawPanel();
    languageHooks.forEach(function (f) { f(); });
  });
  var languageHooks = [];
  var timer = null;
  $("search").addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      state.search = $("search").value; state.matchAt = -1; refresh(); }, 150);
  });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    clearTimeout(timer);
    if (state.search !== $("search").value) {
      state.search = $("search").value; state.matchAt = -1; refresh();
    }
    showMatch(ev.shiftKey ? -1 : 1);  // Enter: the next match; Shift+Enter: the one before
  });
  $("agreement").addEventListener("change", function () {
    state.agreement = parseInt($("agreement").value, 10);
    state.members = state.agreement >= 0 ? membersOf(data.rows[state.agreement]) : null;
    refresh();
    fitLegible();
  });
  $("source").addEventListener("change", function () { state.source = $("source").value; refresh(); });
  $("all-concepts").addEventListener("change", function () {
    state.allConcepts = $("all-concepts").checked; refresh(); });
  $("physics").addEventListener("change", function () {
    network.setOptions({ physics: $("physics").checked
      ? { enabled: true, stabilization: { enabled: false } } : { enabled: false } });
    if (!$("physics").checked) {  // take the positions physics left as the new places
      var pos = network.getPositions();
      Object.keys(pos).forEach(function (id) {
        var i = +id;
        if (placed[i]) { vacate(i); posX[i] = pos[id].x; posY[i] = pos[id].y; occupy(i); }
      });
    }
  });
  $("fit").addEventListener("click", fitLegible);
  $("focus").addEventListener("click", function () {
    if (state.selected === null) return;
    state.focus = neighbourhood(state.selected, parseInt($("depth").value, 10) || 0);
    refresh();
    fitLegible();
  });
  $("show-all").addEventListener("click", function () {
    state.focus = null; state.search = ""; $("search").value = ""; refresh(); fitLegible();
  });
  if (data.focus) selectVertex(data.focus.node, false);
  api.ui = { t: t, el: el, label: label, short: short, sourceTags: sourceTags,
    evidenceList: evidenceList, noEvidence: noEvidence, selectVertex: selectVertex, data: data,
    onLanguage: function (f) { languageHooks.push(f); },
    showBadge: function (agreement, scheme) {
      badgesOf[agreement].forEach(function (k) {
        if (data.badges[k].s === scheme && !expanded[k]) toggleBadge(k);
      });
    } };
})();
