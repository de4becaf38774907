/* perfdecl serve: the page's script. It talks only to its own server (/api/...), builds every
   element with textContent (never innerHTML from data), and shows the official form in a shadow
   root so that the form's stylesheet and the page's do not mix. */
"use strict";

(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  const state = {
    lang: "zh",
    report: null, // the last answer of /api/check or /api/recheck
    data: null, // the declaration's plain data, edited by the Fix page
    schema: null,
    schemas: {},
    formats: ["yaml"],
    diff: null,
    opinion: null,
    seq: 0, // the latest re-check; older answers are dropped
    settings: null, // the configuration the checks use (/api/settings, or the last report's)
    source: null, // the YAML text first checked: the Fix page's edits are written into it
    layout: null, // how the Fix page's YAML was last written (kept, structure, unsafe, fresh)
  };

  const WORDS = {
    error: ["错误", "error"],
    warning: ["警告", "warning"],
    info: ["提示", "info"],
    line: ["第{n}行", "line {n}"],
    noFindings: ["未发现问题。", "No problems found."],
    total: ["共 {n} 条：", "{n} findings: "],
    checking: ["正在检查…", "Checking…"],
    checked: ["已检查 {name}", "Checked {name}"],
    invalid: ["此文件不是有效的申报表：表格无法显示，请看右侧的问题。", "This is not a valid declaration: the form cannot be shown; see the problems."],
    download: ["下载 {f}", "Download {f}"],
    downloading: ["正在生成 {f}…", "Making {f}…"],
    add: ["添加一项", "Add an item"],
    remove: ["删除此项", "Remove this item"],
    addField: ["添加栏目", "Add a field"],
    choose: ["（选择）", "(choose)"],
    item: ["第 {n} 项", "item {n}"],
    weaker: ["减弱", "weaker"],
    stronger: ["加强", "stronger"],
    unknown: ["有变化", "changed"],
    "not-comparable": ["单位改变，无法比较", "unit changed"],
    none: ["变化", "change"],
    compareSummary: ["{old}（{oy}年）→ {new}（{ny}年）：{n} 处变化，其中减弱 {w} 处、加强 {s} 处", "{old} ({oy}) → {new} ({ny}): {n} changes, {w} weaker, {s} stronger"],
    comparing: ["正在比较…", "Comparing…"],
    drafting: ["正在起草审核意见…", "Drafting the opinion…"],
    conclusion: ["结论：{c}", "Conclusion: {c}"],
    was: ["原为：", "was: "],
    now: ["现为：", "now: "],
    back: ["返回表中位置", "back to the cell"],
    noCell: ["（无对应单元格）", "(no cell)"],
    failed: ["请求失败：{m}", "The request failed: {m}"],
    configNone: ["配置：未找到配置文件，使用默认设置。", "Configuration: none found; the defaults apply."],
    configIn: ["配置：", "Configuration: "],
    configFatal: ["配置文件无法读取，使用默认设置（perfdecl validate 会以代码 2 退出而不检查）：", "The configuration cannot be read; the defaults apply (perfdecl validate would exit 2 without checking):"],
    configBroken: ["配置文件有问题，其有效部分仍然适用（perfdecl validate 会以代码 2 退出）：", "The configuration has problems; its valid part still applies (perfdecl validate would exit 2):"],
    configNotes: ["配置文件的提示：", "Notes on the configuration:"],
    layoutkept: ["下载的 YAML 是原文件，只替换了修改过的值：注释、顺序和格式都保留。", "The YAML you download is the original file with only the edited values replaced: comments, order and layout are kept."],
    layoutstructure: ["增删了行或栏目：下载的 YAML 按 perfdecl 的格式重新排版，原文件的注释未保留。", "Rows or fields were added or removed: the YAML you download is laid out anew by perfdecl, without the original's comments."],
    layoutunsafe: ["修改无法在原文件中原位写回（如别名、锚点）：下载的 YAML 按 perfdecl 的格式重新排版，原文件的注释未保留。", "The edit could not be written back into the original text (an alias or anchor, say): the YAML you download is laid out anew by perfdecl, without the original's comments."],
    layoutfresh: ["下载的 YAML 按 perfdecl 的格式排版。", "The YAML you download is laid out by perfdecl."],
  };

  function t(key, vars) {
    const pair = WORDS[key] || [key, key];
    let text = pair[state.lang === "zh" ? 0 : 1];
    for (const [k, v] of Object.entries(vars || {})) text = text.split("{" + k + "}").join(String(v));
    return text;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) node.append(c);
    return node;
  }

  // --- messages ---------------------------------------------------------------------------

  function say(text) {
    $("#status").textContent = text;
  }

  function alertBox(message, problems) {
    const box = $("#alert");
    box.replaceChildren();
    if (!message) {
      box.hidden = true;
      return;
    }
    box.append(el("p", { text: message }));
    if (problems && problems.length) {
      const list = el("ul");
      for (const p of problems) list.append(el("li", { text: `${p.code} ${msg(p)}` }));
      box.append(list);
    }
    box.hidden = false;
  }

  function msg(p) {
    return state.lang === "zh" ? p.zh : p.en;
  }

  async function api(path, options) {
    let response;
    try {
      response = await fetch(path, Object.assign({ credentials: "same-origin" }, options || {}));
    } catch (exc) {
      throw new Error(t("failed", { m: String(exc) }));
    }
    if (response.ok) return response;
    let body = null;
    try {
      body = await response.json();
    } catch (_) {
      /* not JSON */
    }
    const err = new Error(body && body.error ? msg(body.error) : t("failed", { m: response.status }));
    err.problems = (body && body.problems) || [];
    throw err;
  }

  function showSettings() {
    // which configuration the checks use, and its problems (all text as textContent)
    const box = $("#settings");
    const s = state.settings;
    box.replaceChildren();
    box.hidden = !s;
    if (!s) return;
    if (!s.path && !s.problems.length) {
      box.append(el("p", { text: t("configNone") }));
      return;
    }
    if (s.path) box.append(el("p", {}, t("configIn"), el("code", { id: "settings-path", text: s.path })));
    if (s.problems.length) {
      const head = s.fatal ? "configFatal" : s.broken ? "configBroken" : "configNotes";
      box.append(el("p", { class: s.fatal || s.broken ? "sev-error" : "", text: t(head) }));
      const list = el("ul", { class: "settings-problems" });
      for (const p of s.problems) {
        const where = p.line ? `${p.file}:${p.line}:${p.column || 1}` : p.file;
        list.append(el("li", { class: "sev-" + p.severity, text: `${where}: ${p.code} ${t(p.severity)}：${msg(p)}` }));
      }
      box.append(list);
    }
    box.classList.toggle("broken", Boolean(s.fatal || s.broken));
  }

  function showLayout() {
    const note = $("#fix-layout");
    note.hidden = !state.layout;
    note.textContent = state.layout ? t("layout" + state.layout) : "";
    note.dataset.layout = state.layout || "";
  }

  function failed(exc) {
    say("");
    alertBox(exc.message, exc.problems);
  }

  // --- pages --------------------------------------------------------------------------------

  const PAGES = ["check", "fix", "compare", "opinion"];

  function showPage(focus) {
    const name = PAGES.includes(location.hash.slice(1)) ? location.hash.slice(1) : "check";
    for (const page of PAGES) $("#page-" + page).hidden = page !== name;
    for (const link of $$("nav a[data-page]")) {
      if (link.dataset.page === name) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
    if (name === "opinion" && state.report && !state.opinion) draftOpinion();
    if (name === "compare") showForm($("#form-compare"), state.diff);
    if (focus) $("#h-" + name).focus();
  }

  function setLang(lang) {
    state.lang = lang === "en" ? "en" : "zh";
    document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
    for (const node of $$("[data-zh]")) node.textContent = node.dataset[state.lang];
    showSettings();
    showLayout();
    if (state.report) {
      render();
      refresh(); // the form's notice and findings list follow the language
    }
    if (state.diff) showChanges();
    if (state.opinion) {
      state.opinion = null;
      draftOpinion();
    }
  }

  // --- the official form in a shadow root ---------------------------------------------------

  const FORM_EXTRA =
    ":host{display:block} .pd-here{outline:3px solid #0b4f9c;outline-offset:1px}" +
    " a:focus-visible,[tabindex]:focus-visible{outline:3px solid #0b4f9c;outline-offset:1px}";

  function showForm(host, report) {
    const root = host.shadowRoot || host.attachShadow({ mode: "open" });
    host.hidden = !report || !report.form;
    if (host.hidden) {
      root.replaceChildren();
      host.shownForm = null;
      return;
    }
    if (host.shownForm === report.form) return;
    const doc = new DOMParser().parseFromString(report.form, "text/html");
    for (const bad of doc.querySelectorAll("script, iframe, object, embed, link")) bad.remove();
    const style = el("style", { text: Array.from(doc.querySelectorAll("style")).map((s) => s.textContent).join("\n") + FORM_EXTRA });
    const main = doc.querySelector("main");
    if (host.id === "form-compare") {
      // the marks are changes, listed beside the form: not the form's notice and findings list
      for (const extra of main.querySelectorAll(".notice, section.findings")) extra.remove();
    }
    root.replaceChildren(style, document.importNode(main, true));
    host.shownForm = report.form;
    root.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      if (!link) return;
      event.preventDefault();
      const target = link.getAttribute("href").slice(1);
      const n = /^f(\d+)$/.exec(target);
      if (n) backToFinding(host, Number(n[1]));
      else if (target.startsWith("at-")) jumpToCell(host, target.slice(3));
      else {
        const node = root.getElementById(target);
        if (node) node.scrollIntoView({ block: "center" });
      }
    });
  }

  function jumpToCell(host, key) {
    const root = host.shadowRoot;
    if (!root) return false;
    const cell = root.getElementById("at-" + key);
    if (!cell) return false;
    for (const old of root.querySelectorAll(".pd-here")) old.classList.remove("pd-here");
    cell.classList.add("pd-here");
    cell.setAttribute("tabindex", "-1");
    cell.scrollIntoView({ block: "center" });
    cell.focus({ preventScroll: true });
    return true;
  }

  function backToFinding(host, number) {
    const list = host.id === "form-compare" ? $("#changes") : $("#findings-check");
    let item = list.querySelector(`li[data-number="${number}"]`);
    if (!item && host.id === "form-compare") {
      $("#weaker-only").checked = false; // the change is filtered out: show them all
      showChanges();
      item = list.querySelector(`li[data-number="${number}"]`);
    }
    if (!item) return;
    if (item.hidden) {
      const box = $(`.sev-filter[value="${item.dataset.severity}"]`);
      box.checked = true;
      filterFindings();
    }
    for (const old of list.querySelectorAll("li.current")) old.classList.remove("current");
    item.classList.add("current");
    item.scrollIntoView({ block: "nearest" });
    item.querySelector("button").focus();
  }

  // --- findings -----------------------------------------------------------------------------

  function findingItem(f, onJump) {
    const where = f.line ? t("line", { n: f.line }) : "";
    const label = [f.number ? `[${f.number}]` : "", f.code, t(f.severity)].filter(Boolean).join(" ");
    const button = el("button", { type: "button", class: "jump", "data-key": f.key || "", onclick: (event) => {
      const item = event.currentTarget.closest("li");
      for (const old of item.parentElement.querySelectorAll("li.current")) old.classList.remove("current");
      item.classList.add("current");
      onJump(f);
    } },
      el("span", { class: "code", text: label }), " ", el("span", { class: "where", text: where }));
    return el("li", { class: "finding sev-" + f.severity, "data-severity": f.severity, "data-number": f.number || "", "data-pointer": f.pointer },
      button, el("p", { class: "msg", text: msg(f) }));
  }

  function showFindings() {
    const report = state.report;
    const list = $("#findings-check");
    list.replaceChildren();
    const fixList = $("#findings-fix");
    fixList.replaceChildren();
    for (const sev of ["error", "warning", "info"]) {
      for (const node of $$(`[data-count="${sev}"]`)) node.textContent = report ? report.counts[sev] : 0;
    }
    if (!report) return;
    for (const f of report.findings) {
      list.append(findingItem(f, (x) => jumpToCell($("#form-check"), x.key || "doc")));
      fixList.append(findingItem(f, (x) => focusField(x.pointer)));
    }
    filterFindings();
    const c = report.counts;
    const total = c.error + c.warning + c.info;
    for (const box of [$("#summary"), $("#fix-summary")]) {
      box.replaceChildren();
      if (!report.valid) box.append(el("span", { class: "sev-error", text: t("invalid") }), " ");
      if (total === 0) box.append(t("noFindings"));
      else {
        box.append(el("span", { class: "total", "data-total": total, text: t("total", { n: total }) }));
        const parts = [];
        for (const sev of ["error", "warning", "info"]) parts.push(el("span", { class: "sev-" + sev, "data-severity-count": sev, text: `${t(sev)} ${c[sev]}` }));
        parts.forEach((p, i) => box.append(p, i < parts.length - 1 ? "，" : ""));
      }
    }
  }

  function filterFindings() {
    const shown = new Set($$(".sev-filter").filter((b) => b.checked).map((b) => b.value));
    for (const item of $$("#findings-check li")) item.hidden = !shown.has(item.dataset.severity);
  }

  function showNotes() {
    const report = state.report;
    const box = $("#notes");
    const list = $("#notes-list");
    list.replaceChildren();
    const notes = (report && report.notes) || [];
    for (const p of notes) list.append(el("li", { class: "sev-" + p.severity, text: `${p.code} ${t(p.severity)}：${msg(p)}` }));
    box.hidden = notes.length === 0;
    const projects = $("#projects");
    const select = $("#project");
    projects.hidden = !report || report.projects < 2;
    if (report && report.projects > 1) {
      select.replaceChildren();
      for (let i = 1; i <= report.projects; i++) select.append(el("option", { value: i, selected: i === report.project, text: String(i) }));
    }
  }

  function render() {
    showFindings();
    showNotes();
    showForm($("#form-check"), state.report);
    showForm($("#form-compare"), state.diff);
    buildFixForm();
    showDownloads();
    const has = Boolean(state.report);
    $("#fix-empty").hidden = has;
    $("#compare-empty").hidden = has;
    $("#opinion-empty").hidden = has;
  }

  // --- check --------------------------------------------------------------------------------

  let lastUpload = null;

  async function upload(file, project) {
    if (!file) return;
    lastUpload = file;
    alertBox("");
    say(t("checking"));
    const body = new FormData();
    body.append("file", file, file.name);
    body.append("lang", state.lang);
    if (project) body.append("project", String(project));
    try {
      const response = await api("/api/check", { method: "POST", body });
      await accept(await response.json());
      say(t("checked", { name: state.report.name }));
    } catch (exc) {
      failed(exc);
    }
  }

  async function loadSchema(data) {
    // the form follows the schema of the file's kind (a self-evaluation has its own)
    const kind = data && data.kind === "selfeval" ? "selfeval" : "declaration";
    if (!state.schemas[kind]) state.schemas[kind] = await (await api("/api/schema?kind=" + kind)).json();
    state.schema = state.schemas[kind];
  }

  async function accept(report) {
    await loadSchema(report.data);
    state.seq += 1;
    state.report = report;
    state.data = report.data;
    state.source = typeof report.yaml === "string" ? report.yaml : null;
    state.layout = null;
    showLayout();
    if (report.settings) state.settings = report.settings;
    showSettings();
    state.opinion = null;
    $("#opinion-text").textContent = "";
    clearCompare();
    render();
  }

  // --- re-check (Fix page and language changes) --------------------------------------------

  let timer = null;

  function scheduleRecheck() {
    clearTimeout(timer);
    timer = setTimeout(recheck, 400);
  }

  async function recheck() {
    if (!state.data) return;
    const seq = ++state.seq;
    say(t("checking"));
    try {
      const response = await api("/api/recheck", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: state.report.name, data: state.data, source: state.source, lang: state.lang }),
      });
      const report = await response.json();
      if (seq !== state.seq) return; // a newer edit is on its way
      alertBox("");
      state.report = report;
      state.layout = report.layout || null;
      showLayout();
      if (report.settings) state.settings = report.settings;
      showSettings();
      state.opinion = null;
      $("#opinion-text").textContent = "";
      clearCompare();
      showFindings();
      showForm($("#form-check"), report);
      markFields();
      showDownloads();
      say(t("checked", { name: report.name }));
    } catch (exc) {
      failed(exc);
    }
  }

  async function refresh() {
    // the same YAML again, in the new language (the data is unchanged)
    if (!state.report) return;
    const seq = ++state.seq;
    try {
      const response = await api("/api/recheck", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: state.report.name, yaml: state.report.yaml, lang: state.lang }),
      });
      const report = await response.json();
      if (seq !== state.seq) return;
      report.notes = state.report.notes;
      report.projects = state.report.projects;
      report.project = state.report.project;
      state.report = report;
      showFindings();
      showForm($("#form-check"), report);
    } catch (exc) {
      failed(exc);
    }
  }

  // --- the Fix form, generated from the JSON Schema -----------------------------------------

  function resolve(s) {
    let guard = 0;
    while (s && s.$ref && guard++ < 32) s = state.schema.$defs[s.$ref.split("/").pop()];
    return s || {};
  }

  function alternatives(s) {
    s = resolve(s);
    if (!s.anyOf) return [s];
    return s.anyOf.flatMap((a) => alternatives(a)).filter((a) => a.type !== "null");
  }

  function describe(s) {
    const alts = alternatives(s);
    const types = new Set(alts.map((a) => a.type));
    const object = alts.find((a) => a.type === "object" && a.properties);
    if (object) return { kind: "object", schema: object };
    const array = alts.find((a) => a.type === "array");
    if (array) return { kind: "array", schema: array };
    const enums = alts.find((a) => a.enum);
    if (enums) return { kind: "enum", values: enums.enum, other: types.has("string") && !enums.type };
    if (types.has("boolean") && types.size === 1) return { kind: "boolean" };
    if (types.has("number") || types.has("integer")) return { kind: "number", text: types.has("string") };
    return { kind: "string" };
  }

  function label(s, key) {
    const title = resolve(s).title || s.title || "";
    if (!title || title === key) return key;
    const [zh, en] = title.split(/\s?\/\s(?=[A-Za-z])/);
    return state.lang === "zh" ? zh || key : en || zh || key;
  }

  function shown(value) {
    if (value && typeof value === "object" && "$num" in value) return value.$num;
    if (value === null || value === undefined) return "";
    return String(value);
  }

  const NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

  function parsed(text, info) {
    const trimmed = text.trim();
    if (info.kind === "number" && NUMBER.test(trimmed)) return { $num: trimmed };
    return text;
  }

  function getAt(path) {
    let node = state.data;
    for (const key of path) node = node == null ? undefined : node[key];
    return node;
  }

  function setAt(path, value) {
    let node = state.data;
    for (const key of path.slice(0, -1)) node = node[key];
    const last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(node)) node[last] = null;
      else delete node[last];
    } else node[last] = value;
  }

  function pointerOf(path) {
    return path.length ? "/" + path.map((k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("/") : "";
  }

  let fieldCount = 0;

  function scalarField(s, path, name, required) {
    const info = describe(s);
    const id = "fx-" + ++fieldCount;
    const value = getAt(path);
    const pointer = pointerOf(path);
    const hint = resolve(s).description || s.description || "";
    let input;
    if (info.kind === "enum") {
      input = el("select", { id });
      if (!required) input.append(el("option", { value: "", text: t("choose") }));
      for (const v of info.values) input.append(el("option", { value: v, text: v, selected: shown(value) === v }));
      if (value != null && !info.values.includes(shown(value))) input.append(el("option", { value: shown(value), text: shown(value), selected: true }));
    } else if (info.kind === "boolean") {
      input = el("input", { id, type: "checkbox" });
      input.checked = value === true;
    } else {
      const text = shown(value);
      const long = info.kind === "string" && (text.length > 40 || text.includes("\n"));
      input = long ? el("textarea", { id, rows: Math.min(8, Math.max(2, Math.ceil(text.length / 48))) }) : el("input", { id, type: "text", inputmode: info.kind === "number" ? "decimal" : null });
      input.value = text;
    }
    input.dataset.pointer = pointer;
    input.setAttribute("aria-describedby", id + "-msg");
    if (hint) input.title = hint;
    input.addEventListener(info.kind === "boolean" || info.kind === "enum" ? "change" : "input", () => {
      let next;
      if (info.kind === "boolean") next = input.checked;
      else if (input.value === "" && !(info.kind === "string" && required)) next = undefined;
      else next = info.kind === "enum" ? input.value : parsed(input.value, info);
      setAt(path, next);
      scheduleRecheck();
    });
    return el("div", { class: "field" }, el("label", { for: id, text: name }), input, el("div", { class: "field-msg", id: id + "-msg" }));
  }

  function emptyOf(s) {
    const info = describe(s);
    if (info.kind === "object") {
      const out = {};
      for (const key of info.schema.required || []) out[key] = emptyOf(info.schema.properties[key]);
      return out;
    }
    if (info.kind === "array") return [];
    if (info.kind === "boolean") return false;
    if (info.kind === "enum") return info.values[0];
    return "";
  }

  function objectFields(box, info, path) {
    const value = getAt(path) || {};
    const props = info.schema.properties;
    const required = new Set(info.schema.required || []);
    for (const [key, sub] of Object.entries(props)) {
      if (!(key in value) && !required.has(key)) continue;
      box.append(field(sub, [...path, key], label(sub, key), required.has(key)));
    }
    const missing = Object.keys(props).filter((k) => !(k in value) && !required.has(k));
    if (missing.length) {
      const id = "fx-" + ++fieldCount;
      const select = el("select", { id, "aria-label": t("addField") });
      for (const key of missing) select.append(el("option", { value: key, text: label(props[key], key) }));
      const add = el("button", { type: "button", text: t("addField"), onclick: () => {
        const target = getAt(path);
        target[select.value] = emptyOf(props[select.value]);
        rebuild(pointerOf([...path, select.value]));
      } });
      box.append(el("div", { class: "tools" }, select, add));
    }
  }

  function field(s, path, name, required) {
    const info = describe(s);
    if (info.kind === "object") {
      if (getAt(path) == null) setAt(path, {});
      const box = el("fieldset", { "data-pointer": pointerOf(path) }, el("legend", { text: name }), el("div", { class: "set-msg" }));
      objectFields(box, info, path);
      return box;
    }
    if (info.kind === "array") {
      if (!Array.isArray(getAt(path))) setAt(path, []);
      const items = getAt(path);
      const box = el("fieldset", { "data-pointer": pointerOf(path) }, el("legend", { text: `${name}（${items.length}）` }), el("div", { class: "set-msg" }));
      const itemSchema = info.schema.items || {};
      items.forEach((_, i) => {
        const itemPath = [...path, i];
        const itemName = t("item", { n: i + 1 });
        const sub = field(itemSchema, itemPath, itemName, true);
        const remove = el("button", { type: "button", text: t("remove"), "aria-label": `${t("remove")}：${name} ${itemName}`, onclick: () => {
          getAt(path).splice(i, 1);
          rebuild(pointerOf(path));
          scheduleRecheck();
        } });
        box.append(el("div", { class: "item" }, sub, el("div", { class: "tools" }, remove)));
      });
      box.append(el("div", { class: "tools" }, el("button", { type: "button", text: t("add"), "aria-label": `${t("add")}：${name}`, onclick: () => {
        getAt(path).push(emptyOf(itemSchema));
        rebuild(pointerOf([...path, getAt(path).length - 1]));
        scheduleRecheck();
      } })));
      return box;
    }
    return scalarField(s, path, name, required);
  }

  function buildFixForm() {
    const form = $("#fix-form");
    form.replaceChildren();
    if (!state.data || !state.schema) return;
    fieldCount = 0;
    const root = { kind: "object", schema: state.schema };
    objectFields(form, root, []);
    markFields();
  }

  function rebuild(focusPointer) {
    const scroll = window.scrollY;
    buildFixForm();
    window.scrollTo(0, scroll);
    if (focusPointer !== undefined) focusField(focusPointer);
  }

  function markFields() {
    const form = $("#fix-form");
    for (const node of $$("[aria-invalid]", form)) node.removeAttribute("aria-invalid");
    for (const box of $$(".field-msg, .set-msg", form)) box.replaceChildren();
    if (!state.report) return;
    for (const f of state.report.findings) {
      const target = closestField(f.pointer);
      if (!target) continue;
      const line = el("div", { class: "sev-" + f.severity, text: `${f.code} ${t(f.severity)}：${msg(f)}` });
      if (target.tagName === "FIELDSET") {
        $(".set-msg", target).append(line);
      } else {
        if (f.severity !== "info") target.setAttribute("aria-invalid", "true");
        document.getElementById(target.getAttribute("aria-describedby")).append(line);
      }
    }
  }

  function closestField(pointer) {
    const form = $("#fix-form");
    let p = pointer || "";
    for (;;) {
      const node = $$("[data-pointer]", form).find((n) => n.dataset.pointer === p);
      if (node) return node;
      if (!p) return null;
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }

  function focusField(pointer) {
    const node = closestField(pointer);
    if (!node) return;
    const target = node.tagName === "FIELDSET" ? $("input, textarea, select, button", node) || node : node;
    node.scrollIntoView({ block: "center" });
    for (const old of $$(".flash")) old.classList.remove("flash");
    node.classList.add("flash");
    target.focus({ preventScroll: true });
  }

  // --- downloads ----------------------------------------------------------------------------

  const FORMAT_NAMES = { yaml: "YAML", html: "HTML", docx: "Word（docx）", xlsx: "Excel（xlsx）", pdf: "PDF" };

  function showDownloads() {
    for (const box of $$("[data-downloads]")) {
      box.replaceChildren();
      if (!state.report) continue;
      for (const f of state.formats) {
        const needsForm = f !== "yaml";
        box.append(el("button", { type: "button", "data-format": f, disabled: needsForm && !state.report.valid, text: t("download", { f: FORMAT_NAMES[f] || f }), onclick: () => download(f) }));
      }
    }
  }

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function filename(response, fallback) {
    const header = response.headers.get("Content-Disposition") || "";
    const star = /filename\*=UTF-8''([^;]+)/.exec(header);
    if (star) return decodeURIComponent(star[1]);
    return fallback;
  }

  async function download(format) {
    alertBox("");
    say(t("downloading", { f: FORMAT_NAMES[format] || format }));
    try {
      const response = await api("/api/download", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: state.report.name, yaml: state.report.yaml, format, lang: state.lang }),
      });
      save(await response.blob(), filename(response, "declaration." + format));
      say("");
    } catch (exc) {
      failed(exc);
    }
  }

  // --- compare ------------------------------------------------------------------------------

  async function compare(file) {
    if (!file || !state.report) return;
    alertBox("");
    say(t("comparing"));
    const body = new FormData();
    body.append("old", file, file.name);
    body.append("name", state.report.name);
    body.append("yaml", state.report.yaml);
    body.append("lang", state.lang);
    try {
      const response = await api("/api/compare", { method: "POST", body });
      state.diff = await response.json();
      showForm($("#form-compare"), state.diff);
      showChanges();
      say("");
    } catch (exc) {
      failed(exc);
    }
  }

  function clearCompare() {
    // the declaration changed: an earlier comparison no longer describes it
    state.diff = null;
    $("#changes").replaceChildren();
    $("#compare-summary").replaceChildren();
    showForm($("#form-compare"), null);
    $("#old-file").value = "";
  }

  function showChanges() {
    const diff = state.diff;
    const list = $("#changes");
    list.replaceChildren();
    const summary = $("#compare-summary");
    summary.replaceChildren();
    if (!diff) return;
    const s = diff.summary;
    summary.append(el("span", { text: t("compareSummary", { old: diff.old, oy: diff.old_year, new: diff.new, ny: diff.new_year, n: s.changes, w: s.weaker, s: s.stronger }) }));
    const weakerOnly = $("#weaker-only").checked;
    for (const c of diff.changes) {
      if (weakerOnly && c.direction !== "weaker") continue;
      const head = el("button", { type: "button", class: "jump", onclick: () => jumpToCell($("#form-compare"), c.key || "doc") },
        el("span", { class: "code", text: `[${c.number}]` }), " ", el("span", { class: "dir", text: t(c.direction) }), " ", el("span", { class: "code", text: c.code }),
        c.id ? el("span", { class: "where", text: ` ${c.id}` }) : null);
      const item = el("li", { class: "change dir-" + c.direction, "data-direction": c.direction, "data-code": c.code, "data-number": c.number }, head, el("p", { class: "msg", text: msg(c) }));
      const said = msg(c);
      if (c.old !== null && !said.includes(c.old)) item.append(el("p", { class: "was", text: t("was") + c.old }));
      if (c.new !== null && !said.includes(c.new)) item.append(el("p", { class: "now", text: t("now") + c.new }));
      list.append(item);
    }
  }

  // --- opinion ------------------------------------------------------------------------------

  async function draftOpinion() {
    if (!state.report) return;
    say(t("drafting"));
    try {
      const response = await api("/api/opinion", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: state.report.name, yaml: state.report.yaml, lang: state.lang }),
      });
      state.opinion = await response.json();
      showOpinion(state.opinion.markdown);
      $("#opinion-md").disabled = false;
      $("#opinion-docx").disabled = false;
      say(t("conclusion", { c: state.opinion.conclusion }));
    } catch (exc) {
      failed(exc);
    }
  }

  function showOpinion(markdown) {
    // the opinion's Markdown laid out as a letter: headings, numbered items, the bold verdict
    const box = $("#opinion-text");
    box.replaceChildren();
    let list = null;
    for (const line of markdown.split("\n")) {
      const item = /^(\d+)\. (.*)$/.exec(line);
      if (item) {
        if (!list) box.append((list = el("ol")));
        list.append(el("li", { value: item[1], text: item[2] }));
        continue;
      }
      list = null;
      if (!line.trim()) continue;
      if (line.startsWith("## ")) box.append(el("h4", { text: line.slice(3) }));
      else if (line.startsWith("# ")) box.append(el("h3", { text: line.slice(2) }));
      else {
        const bold = /^\*\*(.+?)\*\*(.*)$/.exec(line);
        box.append(bold ? el("p", {}, el("strong", { text: bold[1] }), bold[2]) : el("p", { text: line }));
      }
    }
  }

  function stem() {
    return (state.report.name || "declaration").replace(/\.[^.]*$/, "");
  }

  async function opinionDocx() {
    try {
      const response = await api("/api/opinion", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ name: state.report.name, yaml: state.report.yaml, lang: state.lang, format: "docx" }),
      });
      save(await response.blob(), filename(response, stem() + ".docx"));
    } catch (exc) {
      failed(exc);
    }
  }

  // --- start --------------------------------------------------------------------------------

  async function start() {
    const drop = $("#drop");
    $("#file").addEventListener("change", (e) => upload(e.target.files[0]));
    $("#project").addEventListener("change", (e) => upload(lastUpload, Number(e.target.value)));
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("over");
      if (e.dataTransfer.files.length) upload(e.dataTransfer.files[0]);
    });
    for (const box of $$(".sev-filter")) box.addEventListener("change", filterFindings);
    $("#old-file").addEventListener("change", (e) => compare(e.target.files[0]));
    $("#weaker-only").addEventListener("change", showChanges);
    $("#lang").addEventListener("change", (e) => setLang(e.target.value));
    $("#opinion-md").addEventListener("click", () => {
      if (state.opinion) save(new Blob([state.opinion.markdown], { type: "text/markdown;charset=utf-8" }), stem() + "-审核意见.md");
    });
    $("#opinion-docx").addEventListener("click", opinionDocx);
    window.addEventListener("hashchange", () => showPage(true));
    showPage(false);
    try {
      state.formats = (await (await api("/api/formats")).json()).formats;
      state.settings = await (await api("/api/settings")).json();
      showSettings();
      if (document.body.dataset.initial === "1") {
        say(t("checking"));
        const first = await api("/api/initial?lang=" + state.lang);
        if (first.status === 200) {
          await accept(await first.json());
          say(t("checked", { name: state.report.name }));
        }
      }
    } catch (exc) {
      failed(exc);
    }
    document.body.dataset.ready = "1";
  }

  start();
})();
