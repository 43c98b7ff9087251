// Agreements over time: one row per agreement, a bar from each signing date to the end of
// its term (signing date + the term its sources state), or a dot where no end can be
// computed, with the reason. Filters by partner, sector and kind. Every text goes in
// through textContent and title; positions are set through the CSSOM (no markup).
(function () {
  "use strict";
  var api = window.agreementViewer, ui = api.ui, data = ui.data, t = ui.t, el = ui.el;
  var rows = data.timeline || [];
  var list = document.getElementById("timeline");
  var key = document.getElementById("timeline-key");
  var pick = {
    partner: document.getElementById("timeline-partner"),
    sector: document.getElementById("timeline-sector"),
    kind: document.getElementById("timeline-kind")
  };
  var chosen = { partner: "", sector: "", kind: "" };
  var years = [];
  rows.forEach(function (r) {
    r.signed.forEach(function (s) { years.push(+s[0].slice(0, 4)); });
    r.ends.forEach(function (e) { years.push(+e[0].slice(0, 4)); });
  });
  var first = years.length ? Math.min.apply(null, years) : 2000;
  var last = years.length ? Math.max.apply(null, years) + 1 : first + 1;
  var today = new Date().getFullYear();

  function at(date) {  // the share of the axis a date sits at, from its year and day
    var d = new Date(date + "T00:00:00Z"), y = d.getUTCFullYear();
    var start = Date.UTC(y, 0, 1), end = Date.UTC(y + 1, 0, 1);
    return 100 * ((y - first) + (d.getTime() - start) / (end - start)) / (last - first);
  }
  function sourcesText(list) { return list.join(", "); }
  function fill(select, values, label) {
    select.replaceChildren();
    var all = el("option", "(" + t("all") + ")");
    all.value = "";
    select.appendChild(all);
    values.sort(function (a, b) { return label(a).localeCompare(label(b)); }).forEach(function (v) {
      var option = el("option", label(v));
      option.value = String(v);
      select.appendChild(option);
    });
    select.value = chosen[select.id.replace("timeline-", "")];
  }
  function unique(get) {
    var seen = {};
    rows.forEach(function (r) { get(r).forEach(function (v) { seen[v] = 1; }); });
    return Object.keys(seen).map(Number);
  }
  function buildFilters() {
    var name = function (i) { return ui.label(data.nodes[i]); };
    fill(pick.partner, unique(function (r) { return r.parties; }), name);
    fill(pick.sector, unique(function (r) { return r.sectors; }), name);
    fill(pick.kind, unique(function (r) { return [data.nodes[r.a].g]; }), function (g) {
      return data.groups[g].name;
    });
  }
  function shown(r) {
    return (!chosen.partner || r.parties.indexOf(+chosen.partner) >= 0) &&
      (!chosen.sector || r.sectors.indexOf(+chosen.sector) >= 0) &&
      (!chosen.kind || data.nodes[r.a].g === +chosen.kind);
  }
  function mark(cls, left, width, title) {
    var m = el("span", null, cls);
    m.style.left = left + "%";
    if (width !== null) m.style.width = Math.max(0.8, width) + "%";
    m.title = title;
    return m;
  }
  function draw() {
    list.replaceChildren();
    var count = 0;
    rows.forEach(function (r) {
      if (!shown(r)) return;
      count++;
      var li = el("li", null, "timeline-row"), name = el("button", ui.short(ui.label(data.nodes[r.a]), 40), "vertex-link");
      name.type = "button";
      name.title = ui.label(data.nodes[r.a]);
      name.dataset.node = r.a;
      name.addEventListener("click", function () { ui.selectVertex(r.a, true); });
      var track = el("span", null, "timeline-track");
      track.style.setProperty("--group", data.groups[data.nodes[r.a].g].color);
      r.signed.forEach(function (s) {
        var end = r.ends.filter(function (e) { return e[0] >= s[0]; })[0];
        if (end) {
          track.appendChild(mark("timeline-bar", at(s[0]), at(end[0]) - at(s[0]),
            t("signedOn") + " " + s[0] + " (" + sourcesText(s[1]) + "); " + t("endsOn") + " " +
            end[0] + " (" + t("term") + ": " + sourcesText(end[1]) + ")"));
        } else {
          track.appendChild(mark("timeline-dot", at(s[0]), null,
            t("signedOn") + " " + s[0] + " (" + sourcesText(s[1]) + "); " + t(r.why)));
        }
      });
      var facts = r.signed.map(function (s) { return s[0]; }).join(" / ") || "\u2014";
      if (r.ends.length) facts += " \u2192 " + r.ends.map(function (e) { return e[0]; }).join(" / ");
      else facts += " (" + t(r.why) + ")";
      li.append(name, track, el("span", facts, "timeline-dates muted"));
      list.appendChild(li);
    });
    var axis = el("li", null, "timeline-row timeline-axis");
    var scale = el("span", null, "timeline-track");
    for (var y = first; y <= last; y += Math.max(1, Math.ceil((last - first) / 8))) {
      scale.appendChild(mark("timeline-tick", 100 * (y - first) / (last - first), null, String(y)))
        .textContent = String(y);
    }
    if (today >= first && today <= last) {
      scale.appendChild(mark("timeline-today", at(today + "-01-01"), null, t("today")));
    }
    axis.append(el("span"), scale, el("span"));
    list.appendChild(axis);
    key.textContent = t("timelineKey").replace("{n}", count).replace("{N}", rows.length);
    list.dataset.rows = count;
  }
  Object.keys(pick).forEach(function (name) {
    pick[name].addEventListener("change", function () { chosen[name] = pick[name].value; draw(); });
  });
  ui.onLanguage(function () { buildFilters(); draw(); });
  buildFilters();
  draw();
  api.timeline = { rows: function () { return rows.filter(shown).map(function (r) { return r.a; }); } };
})();
