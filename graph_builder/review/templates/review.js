"use strict";
// The review page. Every piece of data is rendered with textContent or as an attribute
// value, never as markup; the only requests go to this page's own server, with its token.
(function () {
  const DATA = JSON.parse(document.getElementById("review-data").textContent);
  const $ = (id) => document.getElementById(id);
  const CONCEPTS = ["sectors", "activities", "objectives", "institution_types"];
  const SINGLE = new Set(["term", "signed_in", "date", "acts_for", "start", "end"]);
  const LITERAL = new Set(["date", "called", "start", "end"]);
  const SECTIONS = { bodies: "body", persons: "person", places: "place" };
  const candidate = DATA.candidate;
  const unresolved = candidate.unresolved || {};
  const text = DATA.article.text || "";
  const offsets = DATA.article.offsets || [];
  const lang = (candidate.source && candidate.source.language) || "en";

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([k, v]) => {
      if (k === "text") node.textContent = v;
      else if (k === "on") Object.entries(v).forEach(([e, f]) => node.addEventListener(e, f));
      else if (k === "dataset") Object.assign(node.dataset, v);
      else node.setAttribute(k, v);
    });
    (children || []).forEach((c) => c && node.appendChild(c));
    return node;
  }

  // ------------------------------------------------------------ spans: input ↔ text offsets
  function toText(offset) {
    if (!offsets.length) return offset;
    let lo = 0, hi = offsets.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (offsets[mid] < offset) lo = mid + 1; else hi = mid; }
    return lo;
  }
  function toInput(start, end) {
    if (!offsets.length) return [start, end];
    return [offsets[start], offsets[end - 1] + 1];
  }
  function paragraphAt(offset) {
    const p = (DATA.article.paragraphs || []).find(([, s, e]) => s <= offset && offset < e);
    return p ? "¶" + p[0] : undefined;
  }

  // ------------------------------------------------------------ the claims, one row each
  const agreementIds = new Set((DATA.entities.agreement || []).map((r) => r[0]));
  let newAgreement = null, agreement = null;
  if (unresolved.agreement && unresolved.agreement.suggested_id) {
    const a = unresolved.agreement, label = a.label || {};
    newAgreement = a.suggested_id;  // the key its claims carry on the page
    agreementIds.add(newAgreement);
    agreement = { mode: "create", id: newAgreement, link: "", type: a.type || "CooperationAgreement",
      en: typeof label === "string" ? label : label.en || "", id_label: typeof label === "string" ? label : label.id || "" };
  }
  const rows = [];
  function addRows(about, block, blockAt) {
    Object.entries(block).forEach(([field, raw]) => {
      if (field === "about" || field === "at") return;
      const values = SINGLE.has(field) || !Array.isArray(raw) ? [raw] : raw;
      values.forEach((value) => {
        let item = value;
        if (typeof item !== "object" || item === null) {
          item = LITERAL.has(field) ? { value: item } : { ref: item };
        }
        item = Object.assign({}, item);
        if (blockAt && item.at === undefined) item.at = blockAt;
        rows.push({ about, field, item, state: "pending" });
      });
    });
  }
  (candidate.claims || []).forEach((block) => addRows(block.about, block, block.at));
  if (newAgreement) addRows(newAgreement, unresolved.agreement.pending || {}, null);

  const entities = [];
  Object.keys(SECTIONS).forEach((section) => {
    (unresolved[section] || []).forEach((item, j) => {
      const says = item.says || "";
      const label = typeof item.label === "string" ? item.label : (item.label && item.label.en) || says;
      const note = item.note || "";
      entities.push({
        section, j, item, mode: "create",
        id: item.suggested_id || "", link: "",
        en: label, id_label: lang === "id" && says.length > 8 ? says : label,
        type: /\b(ministry|kementerian)\b/i.test(label + " " + says) ? "Ministry" : "GovernmentBody",
        acts_for: /^[A-Z]{2}$/.test(note) ? note : "",
      });
    });
  });
  const proposed = {}; // field → new concepts proposed on the page

  function valueText(row) {
    const item = row.item;
    if (row.field === "term") return item.years + " years" + (String(item.extendable) === "true" ? ", extendable" : "");
    return String(item.ref !== undefined ? item.ref : item.value);
  }
  function conceptLabel(field, name) {
    const found = (DATA.schemes[field] || []).find((r) => r[0] === name);
    return found ? found[1] + " / " + found[2] : "";
  }

  // ------------------------------------------------------------ fuzzy search (typos, either language)
  function fold(value) { return String(value).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  function trigrams(value) {
    const grams = new Set(), padded = "  " + value + " ";
    for (let i = 0; i < padded.length - 2; i++) grams.add(padded.slice(i, i + 3));
    return grams;
  }
  function score(query, haystack) {
    const q = fold(query).trim();
    if (!q) return 0;
    const h = fold(haystack), mine = trigrams(q), theirs = trigrams(h);
    let words = 0, common = 0;
    q.split(/\s+/).forEach((w) => { if (h.includes(w)) words += 1; });
    mine.forEach((g) => { if (theirs.has(g)) common += 1; });
    return words + common / mine.size;
  }
  // Up to six best matches of the input's text among rows() ([value, text] pairs), as buttons.
  function suggestions(input, rows, pick) {
    const box = el("div", { class: "suggestions" });
    input.addEventListener("input", () => {
      box.textContent = "";
      rows()
        .map(([value, label]) => [score(input.value, value + " " + label), value, label])
        .filter((r) => r[0] >= 0.5)
        .sort((a, b) => b[0] - a[0])
        .slice(0, 6)
        .forEach(([, value, label]) => box.appendChild(el("button", {
          type: "button", class: "suggestion", text: value + " — " + label,
          on: { click: () => { input.value = value; box.textContent = ""; pick(value); } },
        })));
    });
    return box;
  }
  function conceptRows(field) { return (DATA.schemes[field] || []).map(([name, en, id, other]) => [name, en + " / " + id + (other ? " (" + other + ")" : "")]); }

  // ------------------------------------------------------------ rendering
  let current = 0;
  function renderArticle() {
    const article = $("article");
    article.textContent = "";
    if (!text) { article.appendChild(el("p", { class: "muted", text: "The article was not found; claims can be reviewed, not added." })); return; }
    const spans = rows
      .map((row, i) => ({ row, i }))
      .filter(({ row }) => row.state !== "rejected" && Array.isArray(row.item.span))
      .map(({ row, i }) => ({ i, field: row.field, start: toText(Number(row.item.span[0])), end: toText(Number(row.item.span[1])) }))
      .sort((a, b) => a.start - b.start || b.end - a.end);
    let at = 0;
    spans.forEach((s) => {
      if (s.start < at || s.end <= s.start) return; // overlaps an earlier mark
      article.appendChild(document.createTextNode(text.slice(at, s.start)));
      const mark = el("mark", { class: "cls-" + s.field + (s.i === current ? " current" : ""), title: s.field + ": " + valueText(rows[s.i]), dataset: { row: String(s.i) } });
      mark.textContent = text.slice(s.start, s.end);
      mark.addEventListener("click", () => select(s.i));
      article.appendChild(mark);
      at = s.end;
    });
    article.appendChild(document.createTextNode(text.slice(at)));
  }

  function agreementOf(row) { return agreementIds.has(row.about) ? row.about : "(not an agreement)"; }

  function renderClaims() {
    const box = $("claims");
    box.textContent = "";
    const groups = new Map();
    rows.forEach((row, i) => {
      const key = agreementOf(row) === row.about ? row.about : "about " + row.about;
      if (!groups.has(key)) groups.set(key, new Map());
      const byField = groups.get(key);
      if (!byField.has(row.field)) byField.set(row.field, []);
      byField.get(row.field).push(i);
    });
    groups.forEach((byField, key) => {
      const group = el("div", { class: "group" }, [el("h3", { text: key })]);
      byField.forEach((indexes, field) => {
        group.appendChild(el("h4", { text: field }));
        indexes.forEach((i) => group.appendChild(claimRow(i)));
      });
      box.appendChild(group);
    });
  }

  function claimRow(i) {
    const row = rows[i];
    const label = CONCEPTS.includes(row.field) ? conceptLabel(row.field, row.item.ref) : "";
    const node = el("div", { class: "claim" + (i === current ? " current" : "") + (row.error ? " error" : ""), tabindex: "-1", dataset: { row: String(i), state: row.state, field: row.field } }, [
      el("span", { class: "value", text: valueText(row) }),
      label ? el("span", { class: "muted", text: label }) : null,
      el("span", { class: "says", text: (row.item.says ? "“" + row.item.says + "” " : "") + (row.item.at || "") }),
      el("button", { type: "button", class: "accept", text: "accept", on: { click: () => decide(i, "accepted") } }),
      el("button", { type: "button", class: "reject", text: "reject", on: { click: () => decide(i, "rejected") } }),
      el("button", { type: "button", class: "edit", text: "edit", on: { click: () => edit(i) } }),
    ]);
    if (row.error) node.appendChild(el("div", { class: "muted", text: row.error }));
    node.addEventListener("click", (e) => { if (!e.target.closest("button, input, select, .edit")) select(i); });
    if (row.editing) node.appendChild(editForm(i));
    return node;
  }

  function options(select, values, chosen) {
    select.textContent = "";
    values.forEach(([value, label]) => {
      const option = el("option", { value, text: label || value });
      if (value === chosen) option.selected = true;
      select.appendChild(option);
    });
    return select;
  }
  function conceptList(list, field) {
    list.textContent = "";
    (DATA.schemes[field] || []).forEach(([name, en, id, other]) => list.appendChild(el("option", { value: name, label: en + " / " + id + (other ? " (" + other + ")" : "") })));
  }
  function agreementChoices() { return [...agreementIds].map((id) => [id, id]); }

  function editForm(i) {
    const row = rows[i];
    const listId = "concepts-edit-" + i;
    const cls = options(el("select", { class: "edit-class", "aria-label": "class" }), (CONCEPTS.includes(row.field) ? CONCEPTS : [row.field]).map((f) => [f, f]), row.field);
    const list = el("datalist", { id: listId });
    const concept = el("input", { class: "edit-concept", list: listId, autocomplete: "off", "aria-label": "concept", value: row.item.ref !== undefined ? row.item.ref : "" });
    if (!CONCEPTS.includes(row.field)) concept.disabled = true;
    conceptList(list, row.field);
    cls.addEventListener("change", () => conceptList(list, cls.value));
    const agreement = options(el("select", { class: "edit-agreement", "aria-label": "agreement" }), agreementChoices(), row.about);
    if (!agreementIds.has(row.about)) agreement.disabled = true;
    const apply = () => {
      if (CONCEPTS.includes(row.field)) { row.field = cls.value; row.item.ref = concept.value.trim(); }
      if (!agreement.disabled) row.about = agreement.value;
      row.editing = false; row.state = "accepted"; changed(); focusRow();
    };
    const found = suggestions(concept, () => conceptRows(cls.value), () => concept.focus());
    const form = el("div", { class: "edit" }, [cls, concept, list, found, agreement,
      el("button", { type: "button", class: "apply", text: "apply", on: { click: apply } }),
      el("button", { type: "button", text: "cancel", on: { click: () => { row.editing = false; render(); focusRow(); } } })]);
    form.addEventListener("keydown", (e) => {
      if (e.key === "Enter") { e.preventDefault(); apply(); }
      if (e.key === "Escape") { row.editing = false; render(); focusRow(); }
      e.stopPropagation();
    });
    return form;
  }

  function renderEntities() {
    const box = $("entities");
    box.textContent = "";
    if (agreement) box.appendChild(agreementBox());
    entities.forEach((ent, k) => {
      const kind = SECTIONS[ent.section];
      const known = (DATA.entities[kind] || []);
      const listId = "entities-" + k;
      const box1 = el("div", { class: "entity" + (ent.error ? " error" : ""), dataset: { section: ent.section, index: String(ent.j) } }, [
        el("strong", { text: kind + ": " }), el("span", { text: ent.item.says || ent.en }),
        el("span", { class: "muted", text: " " + (ent.item.at || "") }), el("br"),
      ]);
      const mode = options(el("select", { class: "mode", "aria-label": "what to do" }), [["create", "create"], ["link", "link to an existing " + kind], ["drop", "leave out"]], ent.mode);
      mode.addEventListener("change", () => { ent.mode = mode.value; changed(); });
      box1.appendChild(mode);
      const field = (name, key, attrs) => el("label", { text: name + " " }, [input(name, ent, key, attrs)]);
      if (ent.mode === "create") {
        box1.appendChild(field("id", "id"));
        box1.appendChild(field(kind === "person" ? "name" : "label-en", "en"));
        if (kind !== "person") box1.appendChild(field("label-id", "id_label"));
        if (kind === "body") {
          const type = options(el("select", { class: "type", "aria-label": "type" }), [["Ministry", "Ministry"], ["GovernmentBody", "GovernmentBody"]], ent.type);
          type.addEventListener("change", () => { ent.type = type.value; changed(); });
          const country = options(el("select", { class: "acts-for", "aria-label": "acts for" }), [["", "(country it acts for)"], ...DATA.countries.map(([c, en]) => [c, c + " " + en])], ent.acts_for);
          country.addEventListener("change", () => { ent.acts_for = country.value; changed(); });
          box1.appendChild(el("label", { text: "type " }, [type]));
          box1.appendChild(el("label", { text: "acts for " }, [country]));
        }
      } else if (ent.mode === "link") {
        const linked = field("link", "link", { list: listId });
        const list = el("datalist", { id: listId });
        known.forEach(([id, en, idl]) => list.appendChild(el("option", { value: id, label: en + " / " + idl })));
        const found = suggestions(linked.querySelector("input"), () => known.map(([id, en, idl]) => [id, en + " / " + idl]), (value) => { ent.link = value; changed(); });
        box1.appendChild(linked);
        box1.appendChild(list);
        box1.appendChild(found);
      }
      if (ent.error) box1.appendChild(el("div", { class: "muted", text: ent.error }));
      box.appendChild(box1);
    });
  }

  function input(name, state, key, attrs) {
    const field = el("input", Object.assign({ class: name, "aria-label": name, value: state[key] || "" }, attrs || {}));
    field.addEventListener("change", () => { state[key] = field.value.trim(); changed(); });
    return field;
  }
  function agreementBox() {
    const box = el("div", { class: "entity", dataset: { section: "agreement" } }, [el("strong", { text: "agreement: " }), el("span", { text: newAgreement }), el("br")]);
    const mode = options(el("select", { class: "mode", "aria-label": "what to do" }), [["create", "create"], ["link", "link to an existing agreement"]], agreement.mode);
    mode.addEventListener("change", () => { agreement.mode = mode.value; changed(); });
    box.appendChild(mode);
    if (agreement.mode === "create") {
      const type = options(el("select", { class: "type", "aria-label": "type" }), ["StrategicCooperation", "MemorandumOfUnderstanding", "CooperationAgreement"].map((t) => [t, t]), agreement.type);
      type.addEventListener("change", () => { agreement.type = type.value; changed(); });
      [["id", "id"], ["label-en", "en"], ["label-id", "id_label"]].forEach(([name, key]) => box.appendChild(el("label", { text: name + " " }, [input(name, agreement, key)])));
      box.appendChild(el("label", { text: "type " }, [type]));
    } else {
      const link = input("link", agreement, "link");
      const known = (DATA.entities.agreement || []).map(([id, en, idl]) => [id, en + " / " + idl]);
      box.appendChild(el("label", { text: "link " }, [link]));
      box.appendChild(suggestions(link, () => known, (value) => { agreement.link = value; changed(); }));
    }
    if (agreement.error) box.appendChild(el("div", { class: "muted", text: agreement.error }));
    return box;
  }

  function render() { renderArticle(); renderClaims(); renderEntities(); }

  // ------------------------------------------------------------ decisions and navigation
  function select(i) { current = Math.max(0, Math.min(rows.length - 1, i)); render(); focusRow(); }
  function focusRow() {
    const node = document.querySelector('.claim[data-row="' + current + '"]');
    if (node) { node.focus(); node.scrollIntoView({ block: "nearest" }); }
  }
  function decide(i, state) { rows[i].state = state; current = i; changed(); focusRow(); }
  function edit(i) { current = i; rows[i].editing = true; render(); const input = document.querySelector(".edit .edit-concept:not([disabled])") || document.querySelector(".edit select"); if (input) input.focus(); }

  // ------------------------------------------------------------ adding a claim from a selection
  let selection = null;
  function readSelection() {
    const sel = window.getSelection();
    const article = $("article");
    if (!sel || sel.isCollapsed || !article.contains(sel.anchorNode) || !article.contains(sel.focusNode)) return null;
    const range = sel.getRangeAt(0);
    const before = document.createRange();
    before.setStart(article, 0);
    before.setEnd(range.startContainer, range.startOffset);
    let start = before.toString().length;
    let end = start + range.toString().length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    return end > start ? { start, end } : null;
  }
  function openAdd() {
    selection = readSelection();
    if (!selection) { status("select words in the article first"); return; }
    $("add").hidden = false;
    $("add-says").textContent = text.slice(selection.start, selection.end);
    $("add-at").textContent = paragraphAt(selection.start) || "";
    options($("add-class"), CONCEPTS.map((f) => [f, f]), "sectors");
    conceptList($("concepts-add"), "sectors");
    options($("add-agreement"), agreementChoices(), newAgreement || [...agreementIds][0]);
    $("add-concept").value = "";
    $("add-new").checked = false;
    $("add-class").focus();
  }
  function addClaim() {
    if (!selection) return;
    const field = $("add-class").value;
    const name = $("add-concept").value.trim();
    if (!name) { status("choose a concept"); return; }
    const item = { ref: name, at: paragraphAt(selection.start), says: text.slice(selection.start, selection.end), span: toInput(selection.start, selection.end) };
    if ($("add-new").checked) {
      (proposed[field] = proposed[field] || []).push({ suggested_id: name, label: item.says, at: item.at, says: item.says, span: item.span });
    } else {
      rows.push({ about: $("add-agreement").value, field, item, state: "accepted" });
      current = rows.length - 1;
    }
    $("add").hidden = true;
    selection = null;
    changed();
  }
  $("add-class").addEventListener("change", () => conceptList($("concepts-add"), $("add-class").value));
  $("add-concept").after(suggestions($("add-concept"), () => conceptRows($("add-class").value), () => $("add-concept").focus()));
  $("add-ok").addEventListener("click", addClaim);
  $("add-cancel").addEventListener("click", () => { $("add").hidden = true; });
  $("add").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addClaim(); } if (e.key === "Escape") $("add").hidden = true; e.stopPropagation(); });

  // ------------------------------------------------------------ the candidate the server gets
  function buildCandidate() {
    const blocks = [], index = new Map();
    rows.forEach((row) => {
      row.where = null;
      if (row.state === "rejected") return;
      const about = row.about === newAgreement ? (agreement.mode === "link" ? agreement.link : agreement.id) : row.about;
      if (!index.has(about)) { index.set(about, blocks.length); blocks.push({ about }); }
      const b = index.get(about), block = blocks[b];
      if (SINGLE.has(row.field)) { block[row.field] = row.item; row.where = ["claims", b, row.field]; }
      else { (block[row.field] = block[row.field] || []).push(row.item); row.where = ["claims", b, row.field, block[row.field].length - 1]; }
    });
    const out = { source: candidate.source, claims: blocks, unresolved: {} };
    if (agreement) {
      out.unresolved.agreement = agreement.mode === "link"
        ? { suggested_id: newAgreement, link: agreement.link }
        : { suggested_id: newAgreement, id: agreement.id, type: agreement.type, label: { en: agreement.en, id: agreement.id_label }, create: true };
    }
    entities.forEach((ent) => {
      const item = Object.assign({}, ent.item);
      if (ent.mode === "drop") item.drop = true;
      else if (ent.mode === "link") item.link = ent.link;
      else {
        Object.assign(item, { create: true, id: ent.id, type: ent.type });
        if (SECTIONS[ent.section] === "person") item.name = ent.en;
        else item.label = { en: ent.en, id: ent.id_label };
        if (ent.acts_for) item.acts_for = ent.acts_for; else delete item.note;
      }
      (out.unresolved[ent.section] = out.unresolved[ent.section] || []).push(item);
    });
    Object.entries(proposed).forEach(([field, items]) => { out.unresolved[field] = items; });
    return out;
  }

  // ------------------------------------------------------------ talking to the server
  async function post(path) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Review-Token": DATA.token },
      body: JSON.stringify({ candidate: buildCandidate() }),
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || String(response.status));
    return answer;
  }
  function status(message) { $("status").textContent = message; }
  function showProblems(problems) {
    rows.forEach((row) => { row.error = null; });
    entities.forEach((ent) => { ent.error = null; });
    if (agreement) agreement.error = null;
    const list = $("problems");
    list.textContent = "";
    problems.forEach((p) => {
      const where = p.where || [];
      const row = rows.find((r) => r.where && r.where.every((part, n) => where[n] === part));
      const ent = where[0] === "unresolved" ? entities.find((e) => e.section === where[1] && e.j === where[2]) : null;
      if (row) row.error = p.message;
      if (ent) ent.error = p.message;
      if (agreement && where[0] === "unresolved" && where[1] === "agreement") agreement.error = p.message;
      const item = el("li", { text: p.message });
      if (row) item.appendChild(el("button", { type: "button", text: "show", on: { click: () => select(rows.indexOf(row)) } }));
      list.appendChild(item);
    });
    if (!problems.length) list.appendChild(el("li", { class: "ok", text: "SHACL: conforms; the data folder loads with this source" }));
  }
  let timer = null, generation = 0;
  function changed() {
    render();
    document.body.dataset.check = "pending";
    clearTimeout(timer);
    timer = setTimeout(check, 400);
  }
  async function check() {
    const mine = ++generation;
    status("checking…");
    try {
      const answer = await post("/check");
      if (mine !== generation) return;
      showProblems(answer.problems);
      $("diff").textContent = answer.diff;
      const leftOut = $("left-out");
      leftOut.textContent = "";
      answer.left_out.forEach((t) => leftOut.appendChild(el("li", { text: "left out: " + t })));
      render();
      status(answer.problems.length ? answer.problems.length + " problem(s)" : "ready to save");
      document.body.dataset.check = answer.problems.length ? "problems" : "ok";
    } catch (error) {
      status("check failed: " + error.message);
      document.body.dataset.check = "failed";
    }
  }
  async function save() {
    status("saving…");
    document.body.dataset.saved = "pending";
    try {
      const answer = await post("/save");
      if (!answer.saved) { showProblems(answer.problems); render(); status("not saved: fix the problems"); document.body.dataset.saved = "refused"; return; }
      $("result").hidden = false;
      $("viewer-link").hidden = !answer.viewer;
      $("result-text").textContent = answer.written.map((p) => "wrote " + p).join("\n") + "\n\n" + answer.build;
      status("saved and built");
      document.body.dataset.saved = "true";
    } catch (error) {
      status("save failed: " + error.message);
      document.body.dataset.saved = "failed";
    }
  }
  $("save").addEventListener("click", save);
  $("help-toggle").addEventListener("click", () => { $("help").hidden = !$("help").hidden; });

  document.addEventListener("keydown", (e) => {
    const tag = e.target.tagName;
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA" || e.ctrlKey || e.metaKey || e.altKey) return;
    const actions = {
      j: () => select(current + 1),
      k: () => select(current - 1),
      a: () => decide(current, "accepted"),
      r: () => decide(current, "rejected"),
      u: () => decide(current, "pending"),
      e: () => edit(current),
      n: openAdd,
      s: save,
      "?": () => { $("help").hidden = !$("help").hidden; },
    };
    if (actions[e.key]) { e.preventDefault(); actions[e.key](); }
  });

  candidate.source = candidate.source || {};
  $("source-id").value = candidate.source.id || "";
  $("source-id").addEventListener("change", () => { candidate.source.id = $("source-id").value.trim(); changed(); });
  render();
  check();
})();
