// Query page with YASGUI: this endpoint only, the project's prefixes, the named queries.
// Nothing here or in YASGUI's configuration asks another host: YASGUI's own class and
// property completers (Linked Open Vocabularies) are replaced by ones that ask /sparql.
// Every value from the server is written with textContent, never as HTML.
"use strict";

(function () {
  const config = JSON.parse(document.getElementById("page-config").textContent);
  const Yasgui = window.Yasgui;
  const Yasqe = Yasgui.Yasqe;
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const prefixes = config.prefixes;
  const declarations = Object.entries(prefixes).map(([p, iri]) => p + ": <" + iri + ">");

  function el(tag, content, className) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    if (className) node.className = className;
    return node;
  }

  // ------------------------------------------------------------------ completion

  const termQueries = {
    property: "SELECT DISTINCT ?term WHERE { ?s ?term ?o } LIMIT 5000",
    class:
      "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n" +
      "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" +
      "SELECT DISTINCT ?term WHERE { { ?s a ?term } UNION { ?term a owl:Class } " +
      "UNION { ?term a rdfs:Class } FILTER isIRI(?term) } LIMIT 5000",
  };
  const termLists = {};

  function terms(kind) {
    if (!termLists[kind]) {
      termLists[kind] = fetch(endpoint, {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          Accept: "application/sparql-results+json",
        },
        body: termQueries[kind],
      })
        .then((response) => (response.ok ? response.json() : { results: { bindings: [] } }))
        .then((data) => data.results.bindings.map((b) => b.term.value).sort());
    }
    return termLists[kind];
  }

  function localName(iri) {
    return iri.slice(Math.max(iri.lastIndexOf("#"), iri.lastIndexOf("/")) + 1);
  }

  function matching(kind, token) {
    const typed = (token && token.autocompletionString) || "";
    const word = typed.toLowerCase();
    return terms(kind).then((list) =>
      list.filter(
        (iri) => iri.startsWith(typed) || (!typed.includes(":") && localName(iri).toLowerCase().startsWith(word)),
      ),
    );
  }

  Yasqe.forkAutocompleter("prefixes", {
    name: "project-prefixes",
    get: declarations,
    persistenceId: "agreement-graph-prefixes",
  }, false);
  Yasqe.forkAutocompleter("property", {
    name: "local-properties",
    get: (yasqe, token) => matching("property", token),
  }, false);
  Yasqe.forkAutocompleter("class", {
    name: "local-classes",
    get: (yasqe, token) => matching("class", token),
  }, false);
  Yasqe.defaults.autocompleters = ["variables", "project-prefixes", "local-properties", "local-classes"];

  // ------------------------------------------------------------------ YASGUI

  const used = ["agr", "rdfs", "skos"];
  const firstQuery =
    used.map((p) => "PREFIX " + p + ": <" + prefixes[p] + ">").join("\n") +
    "\n\nSELECT DISTINCT ?agreement ?label WHERE {\n  ?agreement a/rdfs:subClassOf* agr:Agreement ;\n" +
    "             rdfs:label ?label .\n  FILTER (lang(?label) = \"en\")\n}\nORDER BY ?label\nLIMIT 100\n";

  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: {
      getData: () => [{ endpoint: endpoint }],
      keys: ["endpoint"],
      renderItem: (item, root) => {
        const line = el("div");
        for (const part of (item.matches && item.matches.endpoint) || []) {
          line.appendChild(el(part.highlight ? "b" : "span", part.text));
        }
        root.appendChild(line);
      },
    },
    yasqe: { value: firstQuery },
    yasr: { prefixes: prefixes, defaultPlugin: "table", pluginOrder: ["table", "chart", "response"] },
  });
  window.agreementGraphYasgui = yasgui; // for the browser test and the console

  // ------------------------------------------------------------------ named queries

  const select = document.getElementById("example-select");
  const description = document.getElementById("example-description");
  const form = document.getElementById("example-params");
  const open = document.getElementById("example-open");
  const status = document.getElementById("example-status");
  const named = window.NamedQueries.list(select, config.queries);

  function showExample() {
    status.textContent = "";
    const q = named[select.value];
    description.textContent = q ? q.description : "";
    open.disabled = !q;
    window.NamedQueries.showParams(form, q);
  }

  async function openExample() {
    const q = named[select.value];
    if (!q) return;
    const suffix = window.NamedQueries.search(form);
    const response = await fetch("/queries/" + encodeURIComponent(q.name) + ".rq" + suffix);
    const text = await response.text();
    if (!response.ok) {
      status.textContent = text;
      status.className = "error";
      return;
    }
    status.textContent = "";
    status.className = "";
    const title = q.title + (suffix ? " (" + suffix.slice(1) + ")" : "");
    // The header's comment lines are shown above (title, description, parameters).
    const body = text.replace(/^(#[^\n]*\n)+/, "");
    const value = "# " + q.title + "\n" + body;
    yasgui.addTab(true, { name: title, yasqe: { value: value } }, { avoidDuplicateTabs: true });
  }

  select.addEventListener("change", showExample);
  open.addEventListener("click", openExample);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    openExample();
  });
  const wanted = new URLSearchParams(window.location.search).get("example");
  if (wanted && named[wanted]) {
    select.value = wanted;
    showExample();
  }
})();
