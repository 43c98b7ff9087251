// A bar chart for YASGUI's results, drawn here as SVG: YASGUI's own chart plugins load
// their charting library from the network, which this page never does.
// A SELECT result with a numeric column gets one bar per row (the first 60), labelled by
// the first other column; labels and values are written with textContent.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
  const MAX_BARS = 60;
  const ROW = 22;
  const LABEL = 320;
  const WIDTH = 960;

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function isNumber(term) {
    return term && term.type !== "uri" && NUMERIC.test(term.datatype || "") && isFinite(Number(term.value));
  }

  class BarChart {
    constructor(yasr) {
      this.yasr = yasr;
      this.label = "Chart";
      this.priority = 5;
    }

    columns() {
      const results = this.yasr.results;
      if (!results || !results.getVariables || !results.getBindings) return null;
      const vars = results.getVariables() || [];
      const rows = results.getBindings() || [];
      if (!rows.length) return null;
      const value = vars.find((v) => rows.every((row) => isNumber(row[v])));
      if (!value) return null;
      return { rows: rows, value: value, label: vars.find((v) => v !== value) };
    }

    canHandleResults() {
      return this.columns() !== null;
    }

    name(term) {
      if (!term) return "";
      if (term.type !== "uri") return term.value;
      const prefixes = this.yasr.getPrefixes ? this.yasr.getPrefixes() : {};
      for (const [prefix, iri] of Object.entries(prefixes || {})) {
        if (term.value.startsWith(iri)) return prefix + ":" + term.value.slice(iri.length);
      }
      return term.value;
    }

    chart() {
      const { rows, value, label } = this.columns();
      const shown = rows.slice(0, MAX_BARS);
      const numbers = shown.map((row) => Number(row[value].value));
      const top = Math.max(0, ...numbers) || 1;
      const height = shown.length * ROW + 30;
      const root = svg("svg", { class: "agr-chart", viewBox: `0 0 ${WIDTH} ${height}`, role: "img" });
      root.appendChild(svg("title", {}, value + (label ? " by " + label : "")));
      shown.forEach((row, i) => {
        const y = i * ROW + 4;
        const text = label ? this.name(row[label]) : String(i + 1);
        const name = svg("text", { x: LABEL - 8, y: y + 14, "text-anchor": "end", class: "agr-chart-label" });
        name.textContent = text.length > 45 ? text.slice(0, 44) + "…" : text;
        name.appendChild(svg("title", {}, text));
        const barWidth = Math.max(0, ((WIDTH - LABEL - 80) * numbers[i]) / top);
        root.append(
          name,
          svg("rect", { x: LABEL, y: y, width: barWidth, height: ROW - 6, class: "agr-chart-bar" }),
          svg("text", { x: LABEL + barWidth + 6, y: y + 14, class: "agr-chart-value" }, row[value].value),
        );
      });
      const note = rows.length > MAX_BARS ? `the first ${MAX_BARS} of ${rows.length} rows` : `${rows.length} rows`;
      root.appendChild(svg("text", { x: LABEL, y: height - 6, class: "agr-chart-note" }, note));
      return root;
    }

    draw() {
      this.yasr.resultsEl.appendChild(this.chart());
    }

    download() {
      if (!this.canHandleResults()) return undefined;
      return {
        contentType: "image/svg+xml",
        title: "Download the chart (SVG)",
        filename: "chart.svg",
        getData: () => {
          const chart = this.chart();
          chart.setAttribute("xmlns", SVG);
          return new XMLSerializer().serializeToString(chart);
        },
      };
    }

    getIcon() {
      const icon = svg("svg", { viewBox: "0 0 16 16", width: 15, height: 15 });
      for (const [x, h] of [[1, 9], [6, 14], [11, 5]]) {
        icon.appendChild(svg("rect", { x: x, y: 16 - h, width: 4, height: h, fill: "currentColor" }));
      }
      return icon;
    }
  }

  window.Yasgui.Yasr.registerPlugin("chart", BarChart);
})();
