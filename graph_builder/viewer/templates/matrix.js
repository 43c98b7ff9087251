// Agreements x topics: rows are agreements, columns the concepts of one scheme (sectors,
// activities, objectives, institution types), a cell says which sources state that the
// agreement covers / includes / pursues / involves the concept. Data text goes in through
// textContent and title only. Only the rows in view are drawn, so a matrix of thousands of
// agreements scrolls like one of three; the grid is navigable with the keyboard.
(function () {
  "use strict";
  var api = window.agreementViewer, ui = api.ui, data = ui.data, t = ui.t, el = ui.el;
  var ROW_H = 28, OVERSCAN = 6, LEVELS = 4;
  var scroll = document.getElementById("matrix-scroll");
  var table = document.getElementById("matrix");
  var evidenceBox = document.getElementById("matrix-evidence");
  var isSource = function (s) { return Object.prototype.hasOwnProperty.call(data.sources, s); };
  var schemes = data.schemes.map(function (s) {
    var cells = new Map();
    s.cells.forEach(function (c) { cells.set(c[0] * s.cols.length + c[1], c[2]); });
    return { key: s.key, cols: s.cols, cells: cells, p: s.p };
  });
  // the overview of a large store carries the matrix of its first agreements by name only
  var agreementRows = data.matrixRows || data.rows, R = agreementRows.length;
  var state = { scheme: Math.max(0, schemes.findIndex(function (s) { return s.cols.length; })),
    r: 0, c: 0, first: -1, last: -1 };

  function scheme() { return schemes[state.scheme]; }
  function edgeAt(r, c) { return scheme().cells.get(r * scheme().cols.length + c); }
  function sourcesOf(j) { return data.edges[j].src.filter(isSource); }
  function sourceText(list) {
    return list.map(function (s) {
      var rec = data.sources[s] || {};
      return s + (rec["dc:publisher"] ? " (" + rec["dc:publisher"] + ")" : "");
    }).join(", ");
  }

  // ---------------------------------------------------------------- tabs and key
  function buildTabs() {
    var tabs = document.getElementById("matrix-tabs");
    tabs.replaceChildren();
    schemes.forEach(function (s, k) {
      var tab = el("button", t(s.key)[1] + " (" + s.cols.length + ")", "tab");
      tab.type = "button";
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-selected", String(k === state.scheme));
      tab.dataset.scheme = s.key;
      tab.disabled = s.cols.length === 0;
      tab.addEventListener("click", function () { show(k); });
      tabs.appendChild(tab);
    });
    var key = document.getElementById("matrix-key");
    key.replaceChildren(el("span", t("bySources") + " "));
    for (var n = 1; n <= LEVELS; n++) {
      key.appendChild(el("span", n === LEVELS ? n + "+" : String(n), "swatch lvl-" + n));
    }
    if (data.overview) {
      key.appendChild(el("span", " \u2014 " + t("overview").replace("{n}", data.overview.page)
        .replace("{N}", data.overview.agreements), "overview-note"));
    }
  }

  // ---------------------------------------------------------------- the table
  function buildHead() {
    var s = scheme(), head = el("thead"), tr = el("tr");
    var corner = el("th", t("agreement"), "corner");
    corner.setAttribute("role", "columnheader");
    tr.appendChild(corner);
    s.cols.forEach(function (c) {
      var full = ui.label(data.nodes[c]);
      var th = el("th", null, "col");
      th.setAttribute("role", "columnheader");
      th.title = full;
      th.appendChild(el("span", ui.short(full)));
      tr.appendChild(th);
    });
    head.appendChild(tr);
    table.replaceChildren(head, el("tbody"));
    table.setAttribute("aria-rowcount", String(R + 1));
    table.setAttribute("aria-colcount", String(s.cols.length + 1));
    state.first = state.last = -1;
    renderRows();
  }
  function renderRows() {
    var s = scheme();
    var top = Math.max(0, scroll.scrollTop - (table.tHead ? table.tHead.offsetHeight : 0));
    var first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    var last = Math.min(R, first + Math.ceil((scroll.clientHeight || 400) / ROW_H) + 2 * OVERSCAN);
    if (first === state.first && last === state.last) return;
    state.first = first; state.last = last;
    var body = table.tBodies[0], rows = [];
    rows.push(spacer(first * ROW_H));
    for (var r = first; r < last; r++) {
      var a = agreementRows[r], tr = el("tr");
      tr.setAttribute("aria-rowindex", String(r + 2));
      var th = el("th", ui.short(ui.label(data.nodes[a]), 44), "rowhead");
      th.setAttribute("role", "rowheader");
      th.title = ui.label(data.nodes[a]);
      th.dataset.r = r; th.dataset.c = -1; th.tabIndex = -1;
      tr.appendChild(th);
      for (var c = 0; c < s.cols.length; c++) {
        var j = edgeAt(r, c), td = el("td", null, "cell");
        td.setAttribute("role", "gridcell");
        td.dataset.r = r; td.dataset.c = c; td.tabIndex = -1;
        if (j !== undefined) {
          var src = sourcesOf(j);
          td.textContent = String(src.length);
          td.className = "cell lvl-" + Math.min(LEVELS, Math.max(1, src.length));
          td.title = src.join(", ") + "\n" + sourceText(src);
        } else {
          td.title = ui.label(data.nodes[a]) + " \u00d7 " + ui.label(data.nodes[s.cols[c]]);
        }
        tr.appendChild(td);
      }
      rows.push(tr);
    }
    rows.push(spacer((R - last) * ROW_H));
    body.replaceChildren.apply(body, rows);
    var focusable = cellAt(state.r, state.c);
    if (focusable) focusable.tabIndex = 0;
    else if (body.querySelector("[data-r]")) body.querySelector("[data-r]").tabIndex = 0;
  }
  function spacer(height) {
    var tr = el("tr", null, "spacer");
    tr.setAttribute("aria-hidden", "true");
    tr.style.height = height + "px";
    return tr;
  }
  function cellAt(r, c) {
    return table.querySelector('[data-r="' + r + '"][data-c="' + c + '"]');
  }
  function show(k) {
    state.scheme = k;
    state.c = Math.min(state.c, schemes[k].cols.length - 1);
    buildTabs();
    buildHead();
  }

  // ---------------------------------------------------------------- evidence of a cell
  function showEvidence(r, c) {
    var s = scheme(), a = agreementRows[r], concept = s.cols[c], j = edgeAt(r, c);
    var p = s.p >= 0 ? data.predicates[s.p] : null;
    var verb = p ? (ui.label(p) || p.name) : "\u2192";
    evidenceBox.replaceChildren(el("h3", ui.label(data.nodes[a]) + " \u2192 " + verb +
      " \u2192 " + ui.label(data.nodes[concept])));
    if (j === undefined) { evidenceBox.appendChild(el("p", t("none"), "muted")); return; }
    var e = data.edges[j], dl = el("dl");
    dl.append(el("dt", t("sources")), el("dd"));
    dl.lastChild.appendChild(ui.sourceTags(sourcesOf(j)));
    dl.append(el("dt", t("evidence")), el("dd"));
    dl.lastChild.appendChild(e.ev.length ? ui.evidenceList(e.ev) : el("span", ui.noEvidence()));
    evidenceBox.appendChild(dl);
    var button = el("button", t("showInNetwork"), "vertex-link");
    button.type = "button";
    button.addEventListener("click", function () {
      ui.showBadge(a, state.scheme);
      ui.selectVertex(concept, true);
    });
    evidenceBox.appendChild(button);
    evidenceBox.dataset.edge = j;
  }

  // ---------------------------------------------------------------- pointer and keyboard
  function moveTo(r, c, focus) {
    var cols = scheme().cols.length;
    state.r = Math.max(0, Math.min(R - 1, r));
    state.c = Math.max(-1, Math.min(cols - 1, c));
    var rowTop = state.r * ROW_H, head = table.tHead ? table.tHead.offsetHeight : 0;
    if (rowTop < scroll.scrollTop) scroll.scrollTop = rowTop;
    else if (rowTop + ROW_H + head > scroll.scrollTop + scroll.clientHeight) {
      scroll.scrollTop = rowTop + ROW_H + head - scroll.clientHeight;
    }
    renderRows();
    table.querySelectorAll('[tabindex="0"]').forEach(function (n) { n.tabIndex = -1; });
    var target = cellAt(state.r, state.c);
    if (target) { target.tabIndex = 0; if (focus) target.focus(); }
  }
  function activate(r, c) {
    if (c < 0) ui.selectVertex(agreementRows[r], true);
    else showEvidence(r, c);
  }
  table.addEventListener("click", function (ev) {
    var cell = ev.target.closest("[data-r]");
    if (!cell) return;
    var r = +cell.dataset.r, c = +cell.dataset.c;
    moveTo(r, c, true);
    activate(r, c);
  });
  table.addEventListener("keydown", function (ev) {
    var r = state.r, c = state.c, page = Math.max(1, Math.floor(scroll.clientHeight / ROW_H) - 2);
    var moves = { ArrowUp: [r - 1, c], ArrowDown: [r + 1, c], ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1], PageUp: [r - page, c], PageDown: [r + page, c],
      Home: ev.ctrlKey ? [0, -1] : [r, -1],
      End: ev.ctrlKey ? [R - 1, scheme().cols.length - 1] : [r, scheme().cols.length - 1] };
    if (moves[ev.key]) {
      ev.preventDefault();
      moveTo(moves[ev.key][0], moves[ev.key][1], true);
    } else if (ev.key === "Enter" || ev.key === " ") {
      ev.preventDefault();
      activate(r, c);
    }
  });
  table.addEventListener("focusin", function (ev) {
    var cell = ev.target.closest("[data-r]");
    if (cell) { state.r = +cell.dataset.r; state.c = +cell.dataset.c; }
  });
  var pending = false;
  scroll.addEventListener("scroll", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; renderRows(); });
  });
  ui.onLanguage(function () { buildTabs(); buildHead(); });
  buildTabs();
  buildHead();
  api.matrix = { show: function (key) {
    show(Math.max(0, schemes.findIndex(function (s) { return s.key === key; })));
  }, position: function () { return { r: state.r, c: state.c }; } };
})();
