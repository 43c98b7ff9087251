// Query page of the Agreement Graph SPARQL endpoint.
// Every value from the server is written with textContent, never as HTML.
"use strict";

(function () {
  const select = document.getElementById("query-select");
  const text = document.getElementById("query-text");
  const params = document.getElementById("params");
  const description = document.getElementById("query-description");
  const runButton = document.getElementById("run");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
  let named = {};

  function el(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  function setStatus(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  async function loadQueries() {
    const response = await fetch("/queries", { headers: { Accept: "application/json" } });
    if (!response.ok) return;
    const data = await response.json();
    named = window.NamedQueries.list(select, data.queries);
  }

  function showNamed() {
    const q = named[select.value];
    description.textContent = q ? q.description : "";
    window.NamedQueries.showParams(params, q);
    if (q) text.value = q.text;
  }

  function request() {
    const q = named[select.value];
    if (q && text.value === q.text) {
      const suffix = window.NamedQueries.search(params);
      return fetch(q.url + suffix, { headers: { Accept: ACCEPT } });
    }
    return fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", Accept: ACCEPT },
      body: text.value,
    });
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    td.appendChild(document.createTextNode(term.value));
    if (term["xml:lang"]) td.appendChild(el("span", "@" + term["xml:lang"], "lang"));
    td.title = term.type === "literal" && term.datatype ? term.datatype : term.type;
    return td;
  }

  function renderTable(data) {
    if (data.boolean !== undefined) {
      results.replaceChildren(el("p", "ASK: " + String(data.boolean)));
      return 1;
    }
    const vars = data.head.vars || [];
    const table = el("table");
    const headRow = el("tr");
    for (const v of vars) headRow.appendChild(el("th", v));
    table.appendChild(el("thead")).appendChild(headRow);
    const body = table.appendChild(el("tbody"));
    for (const binding of data.results.bindings) {
      const tr = el("tr");
      for (const v of vars) tr.appendChild(cell(binding[v]));
      body.appendChild(tr);
    }
    results.replaceChildren(table);
    return data.results.bindings.length;
  }

  async function run() {
    runButton.disabled = true;
    setStatus("Running…", false);
    const started = performance.now();
    try {
      const response = await request();
      const elapsed = Math.round(performance.now() - started);
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        results.replaceChildren();
        setStatus("Error " + response.status + ": " + (await response.text()), true);
        return;
      }
      let count;
      if (type.includes("json")) {
        count = renderTable(await response.json());
      } else {
        const body = await response.text();
        results.replaceChildren(el("pre", body));
        count = body.split("\n").filter((line) => line.trim()).length;
      }
      const cut = response.headers.get("X-Result-Truncated") ? " (truncated)" : "";
      setStatus(count + (count === 1 ? " row" : " rows") + cut + " in " + elapsed + " ms", false);
    } catch (error) {
      setStatus("Request failed: " + error, true);
    } finally {
      runButton.disabled = false;
    }
  }

  select.addEventListener("change", showNamed);
  runButton.addEventListener("click", run);
  text.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  loadQueries().then(() => {
    const wanted = new URLSearchParams(window.location.search).get("query");
    if (wanted && named[wanted]) {
      select.value = wanted;
      showNamed();
    }
  });
})();
