// The named queries as a list to choose from, and the chosen one's parameter fields, for
// both query pages (YASGUI's and the plain one). Text is written with textContent only.
"use strict";

window.NamedQueries = (function () {
  function el(tag, content) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    return node;
  }

  return {
    // Add an option per query to *select*; the queries by name.
    list(select, queries) {
      const named = {};
      for (const q of queries) {
        named[q.name] = q;
        const option = el("option", q.title + " (" + q.name + ")");
        option.value = q.name;
        select.appendChild(option);
      }
      return named;
    },

    // Replace *container*'s fields by one per parameter of *q*, filled with its example.
    showParams(container, q) {
      container.replaceChildren();
      for (const p of (q && q.params) || []) {
        const id = "param-" + p.name;
        const label = el("label", p.name + (p.required ? " *" : ""));
        label.htmlFor = id;
        const input = el("input");
        input.id = id;
        input.name = p.name;
        input.placeholder = p.description;
        input.title = p.description;
        input.value = (q.example && q.example[p.name]) || "";
        const row = el("div");
        row.className = "param";
        row.append(label, input);
        container.appendChild(row);
      }
    },

    // The filled fields of *container* as a query string: "" or "?name=value&…".
    search(container) {
      const search = new URLSearchParams();
      for (const input of container.querySelectorAll("input")) {
        if (input.value !== "") search.append(input.name, input.value);
      }
      const text = search.toString();
      return text ? "?" + text : "";
    },
  };
})();
