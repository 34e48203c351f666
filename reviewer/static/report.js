// reviewer HTML report: filters, navigation, decisions and their export.
// Every piece of document text or rule message is set with textContent,
// never parsed as HTML. Decisions live in localStorage, keyed by the
// document's SHA-256, until they are exported.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("review-data").textContent);
  var KEY = "reviewer:decisions:" + D.sha256;
  var PAGE = 50;
  var ICONS = { critical: "\u203c", major: "\u25b2", minor: "\u25cf", info: "\u2139" };
  var items = D.items;
  var byId = {};
  var marks = {};
  var initial = {};
  var state = {};
  var local = {};
  var selected = {};
  var undoStack = [];
  var shown = [];
  var inShown = {};
  var cur = -1;
  var page = 0;
  var view = "markup";
  var printing = false;

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }
  function copy(s) { return { status: s.status, choice: s.choice, edited: s.edited, at: s.at || "" }; }
  function same(a, b) {
    return a.status === b.status && a.choice === b.choice && a.edited === b.edited;
  }

  items.forEach(function (it, i) {
    it.index = i;
    byId[it.id] = it;
    initial[it.id] = { status: it.status, choice: it.choice, edited: it.edited, at: "" };
    state[it.id] = copy(initial[it.id]);
  });
  Array.prototype.forEach.call(document.querySelectorAll("mark.m"), function (m) {
    marks[m.getAttribute("data-id")] = m;
  });

  function load() {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    if (!saved || typeof saved.decisions !== "object" || saved.decisions === null) { return 0; }
    var n = 0;
    Object.keys(saved.decisions).forEach(function (id) {
      var d = saved.decisions[id];
      var it = byId[id];
      // Only decisions that still fit their suggestion (an export must import whole).
      if (!it || state[id].status === "obsolete" || !d || typeof d !== "object") { return; }
      if (["accepted", "rejected", "edited"].indexOf(d.status) < 0) { return; }
      if (d.status === "accepted" && !(d.choice >= 0 && d.choice < it.alternatives.length)) { return; }
      if (d.status === "edited" && typeof d.edited !== "string") { return; }
      local[id] = copy(d);
      state[id] = copy(d);
      n += 1;
    });
    return n;
  }
  function save() {
    try {
      window.localStorage.setItem(KEY, JSON.stringify({ version: 1, decisions: local }));
    } catch (e) {
      say("Could not keep decisions in this browser: export them before closing.");
    }
  }
  function say(text) { $("status-line").textContent = text; }
  function count() {
    var n = {};
    items.forEach(function (it) { n[state[it.id].status] = (n[state[it.id].status] || 0) + 1; });
    Array.prototype.forEach.call(document.querySelectorAll("td[id^=n-]"), function (td) {
      td.textContent = String(n[td.id.slice(2)] || 0);
    });
  }

  // Filters ---------------------------------------------------------------
  function filters() {
    return {
      severity: $("f-severity").value,
      category: $("f-category").value,
      status: $("f-status").value,
      rule: $("f-rule").value,
      search: $("f-search").value.trim().toLowerCase()
    };
  }
  function matches(it, f) {
    if (f.severity && it.severity !== f.severity) { return false; }
    if (f.category && (it.category || "(none)") !== f.category) { return false; }
    if (f.rule && it.rule !== f.rule) { return false; }
    var st = state[it.id].status;
    if (f.status ? st !== f.status : st === "obsolete") { return false; }
    if (f.search) {
      var hay = (it.message + "\n" + it.text + "\n" + it.rule + "\n" + it.category).toLowerCase();
      if (hay.indexOf(f.search) < 0) { return false; }
    }
    return true;
  }
  function refilter(keepId) {
    var f = filters();
    shown = items.filter(function (it) { return matches(it, f); });
    var pos = -1;
    if (keepId) {
      for (var i = 0; i < shown.length; i += 1) { if (shown[i].id === keepId) { pos = i; } }
    }
    cur = pos;
    page = pos >= 0 ? Math.floor(pos / PAGE) : 0;
    inShown = {};
    shown.forEach(function (it) { inShown[it.id] = true; });
    items.forEach(function (it) { paintMark(it, !inShown[it.id]); });
    renderCards();
    if (view !== "markup") { renderText(); }
    say(shown.length + " of " + items.length + " suggestions shown.");
  }

  // Marks and cards -------------------------------------------------------
  function paintMark(it, out) {
    var m = marks[it.id];
    if (!m) { return; }
    var cls = "m sev-" + it.severity + " st-" + state[it.id].status;
    if (out) { cls += " out"; }
    if (cur >= 0 && shown[cur] === it) { cls += " current"; }
    if (m.className !== cls) { m.className = cls; }
  }
  function chosen(it) {
    var s = state[it.id];
    if (s.status === "accepted" && s.choice !== null && s.choice !== undefined) { return s.choice; }
    return selected[it.id] !== undefined ? selected[it.id] : 0;
  }
  function diffOps(it) {
    var s = state[it.id];
    if (s.status === "edited") {  // in place, as apply will write it
      return [["equal", it.context[0]], ["delete", it.text], ["insert", s.edited],
              ["equal", it.context[1]]];
    }
    var alt = it.alternatives[chosen(it)];
    return alt ? alt.diff : [];
  }
  // Whitespace-only edits and edge spaces would be invisible: show them as symbols.
  function visible(text) {
    if (text.trim() === "") { return text.replace(/ /g, "\u2423").replace(/\n/g, "\u21b5"); }
    return text.replace(/^ +| +$/g, function (m) { return m.replace(/ /g, "\u2423"); });
  }
  function diffNode(ops) {
    var p = el("p", "diff");
    ops.forEach(function (op) {
      if (!op[1]) { return; }
      if (op[0] === "equal") { p.appendChild(document.createTextNode(op[1])); return; }
      var del = op[0] === "delete";
      var e = el(del ? "del" : "ins");
      e.appendChild(el("span", "vh", del ? " deleted: " : " inserted: "));
      var sign = el("span", "sign", del ? "\u2212" : "+");
      sign.setAttribute("aria-hidden", "true");
      e.appendChild(sign);
      e.appendChild(document.createTextNode(visible(op[1])));
      e.appendChild(el("span", "vh", del ? " end of deletion " : " end of insertion "));
      p.appendChild(e);
    });
    return p;
  }
  function statusText(it) {
    var s = state[it.id];
    if (s.status === "accepted" && it.alternatives.length > 1) {
      return "Status: accepted (alternative " + (chosen(it) + 1) + ")";
    }
    if (s.status === "edited") { return "Status: edited"; }
    return "Status: " + s.status;
  }
  function button(label, action, disabled) {
    var b = el("button", "", label);
    b.type = "button";
    b.setAttribute("data-action", action);
    if (disabled) { b.disabled = true; }
    return b;
  }
  function card(it) {
    var s = state[it.id];
    var li = el("li", "card sev-" + it.severity + " st-" + s.status);
    li.id = "c-" + it.id;
    li.setAttribute("data-id", it.id);
    li.tabIndex = -1;
    var h = el("h3");
    h.id = "h-" + it.id;
    var icon = el("span", "icon sev-" + it.severity, ICONS[it.severity] + " ");
    icon.setAttribute("aria-hidden", "true");
    h.appendChild(icon);
    h.appendChild(document.createTextNode(it.severity + " \u00b7 " + it.rule));
    li.setAttribute("aria-labelledby", h.id);
    li.appendChild(h);
    li.appendChild(el("p", "where", "Line " + it.line + " \u00b7 " + (it.category || "no category") +
                      " \u00b7 \u201c" + it.text + "\u201d"));
    li.appendChild(el("p", "msg", it.message));
    li.appendChild(diffNode(diffOps(it)));
    if (it.note) { li.appendChild(el("p", "note", it.note)); }
    if (it.alternatives.length > 1) {
      var fs = el("fieldset", "alts");
      fs.appendChild(el("legend", "", "Alternatives"));
      it.alternatives.forEach(function (alt, k) {
        var lab = el("label");
        var r = el("input");
        r.type = "radio";
        r.name = "alt-" + it.id;
        r.value = String(k);
        r.checked = k === chosen(it);
        r.disabled = s.status === "obsolete";
        lab.appendChild(r);
        lab.appendChild(document.createTextNode(alt.text === "" ? "(delete)" : visible(alt.text)));
        fs.appendChild(lab);
      });
      li.appendChild(fs);
    }
    li.appendChild(el("p", "status", statusText(it)));
    if (s.status === "edited") { li.appendChild(el("p", "edited", "Edited text: " + s.edited)); }
    var obsolete = s.status === "obsolete";
    var bs = el("div", "buttons");
    bs.appendChild(button("Accept", "accept", obsolete || !it.alternatives.length));
    bs.appendChild(button("Edit", "edit", obsolete));
    bs.appendChild(button("Reject", "reject", obsolete));
    if (s.status !== "pending" && !obsolete) { bs.appendChild(button("Reset", "reset")); }
    li.appendChild(bs);
    return li;
  }
  function renderCards() {
    var list = $("card-list");
    list.textContent = "";
    var from = printing ? 0 : page * PAGE;
    var to = printing ? shown.length : Math.min(shown.length, from + PAGE);
    var frag = document.createDocumentFragment();
    for (var i = from; i < to; i += 1) {
      var li = card(shown[i]);
      if (i === cur) { li.className += " current"; }
      frag.appendChild(li);
    }
    list.appendChild(frag);
    var pages = Math.max(1, Math.ceil(shown.length / PAGE));
    $("page-info").textContent = shown.length ?
      "Suggestions " + (from + 1) + "\u2013" + to + " of " + shown.length + " (page " +
      (page + 1) + " of " + pages + ")" : "No suggestion matches the filters.";
    $("page-prev").disabled = page <= 0;
    $("page-next").disabled = page >= pages - 1;
  }
  function refreshItem(it) {
    paintMark(it, !inShown[it.id]);
    var old = $("c-" + it.id);
    if (old) {
      var li = card(it);
      if (old.className.indexOf(" current") >= 0) { li.className += " current"; }
      old.parentNode.replaceChild(li, old);
    }
  }

  // Navigation ------------------------------------------------------------
  function go(pos, focus) {
    if (!shown.length) { say("No suggestion matches the filters."); return; }
    pos = Math.max(0, Math.min(shown.length - 1, pos));
    var prev = cur >= 0 ? shown[cur] : null;
    cur = pos;
    var it = shown[pos];
    if (Math.floor(pos / PAGE) !== page) { page = Math.floor(pos / PAGE); renderCards(); }
    if (prev) {
      paintMark(prev, false);
      var pc = $("c-" + prev.id);
      if (pc) { pc.className = pc.className.replace(" current", ""); }
    }
    paintMark(it, false);
    var c = $("c-" + it.id);
    if (c && c.className.indexOf(" current") < 0) { c.className += " current"; }
    var m = marks[it.id];
    // The card first, then the mark: on a narrow page (one column) the mark stays in view.
    if (c) { c.scrollIntoView({ block: "nearest" }); }
    if (m && view === "markup") { m.scrollIntoView({ block: "center" }); }
    if (c && focus !== false) { c.focus({ preventScroll: true }); }
    say("Suggestion " + (pos + 1) + " of " + shown.length + ": " + it.severity + " " + it.rule +
        ", " + state[it.id].status + ".");
  }
  function step(delta) { go(cur < 0 ? (delta > 0 ? 0 : shown.length - 1) : cur + delta); }

  // Decisions -------------------------------------------------------------
  function decide(changes, message) {
    var entry = [];
    var now = new Date().toISOString();
    changes.forEach(function (ch) {
      entry.push([ch.id, copy(state[ch.id]), local[ch.id] ? copy(local[ch.id]) : null]);
      var s = { status: ch.status, choice: ch.choice, edited: ch.edited, at: now };
      state[ch.id] = s;
      if (same(s, initial[ch.id])) { delete local[ch.id]; } else { local[ch.id] = copy(s); }
    });
    if (!entry.length) { say("Nothing to decide."); return; }
    undoStack.push(entry);
    $("undo").disabled = false;
    save();
    count();
    changes.forEach(function (ch) { refreshItem(byId[ch.id]); });
    if (view === "proposed") { renderText(); }
    say(message);
  }
  function accept(it) {
    if (!it.alternatives.length) { say("Nothing to accept: edit this text by hand."); return; }
    var k = selected[it.id] !== undefined ? selected[it.id] : chosen(it);
    decide([{ id: it.id, status: "accepted", choice: k, edited: null }],
           "Accepted " + it.rule + ": \u201c" + it.alternatives[k].text + "\u201d.");
  }
  function reject(it) {
    decide([{ id: it.id, status: "rejected", choice: null, edited: null }], "Rejected " + it.rule + ".");
  }
  function openEditor(it) {
    var c = $("c-" + it.id);
    if (!c || c.querySelector(".edit-box")) { return; }
    var box = el("div", "edit-box");
    var lab = el("label", "", "Replacement for \u201c" + it.text + "\u201d ");
    var input = el("input");
    input.type = "text";
    var s = state[it.id];
    input.value = s.status === "edited" ? s.edited :
      (it.alternatives.length ? it.alternatives[chosen(it)].text : it.text);
    lab.appendChild(input);
    box.appendChild(lab);
    box.appendChild(button("Save", "save-edit"));
    box.appendChild(button("Cancel", "cancel-edit"));
    c.appendChild(box);
    input.focus();
    input.select();
  }
  function saveEdit(it) {
    var c = $("c-" + it.id);
    var input = c && c.querySelector(".edit-box input");
    if (!input) { return; }
    decide([{ id: it.id, status: "edited", choice: null, edited: input.value }],
           "Edited " + it.rule + ".");
    var nc = $("c-" + it.id);
    if (nc) { nc.focus(); }
  }
  function acceptShown(safeOnly) {
    var changes = shown.filter(function (it) {
      return state[it.id].status === "pending" && it.alternatives.length &&
        (!safeOnly || it.safety === "safe");
    }).map(function (it) {
      var k = selected[it.id] !== undefined ? selected[it.id] : 0;
      return { id: it.id, status: "accepted", choice: k, edited: null };
    });
    decide(changes, "Accepted " + changes.length + (safeOnly ? " safe" : "") +
      " shown suggestions. Undo reverts them.");
  }
  function undo() {
    var entry = undoStack.pop();
    if (!entry) { return; }
    entry.forEach(function (e) {
      state[e[0]] = e[1];
      if (e[2]) { local[e[0]] = e[2]; } else { delete local[e[0]]; }
    });
    save();
    count();
    entry.forEach(function (e) { refreshItem(byId[e[0]]); });
    if (view === "proposed") { renderText(); }
    $("undo").disabled = !undoStack.length;
    say("Undone: " + entry.length + " decision" + (entry.length === 1 ? "" : "s") + ".");
  }
  function exportDecisions() {
    var ids = Object.keys(local).sort(function (a, b) { return byId[a].index - byId[b].index; });
    var out = {
      schema_version: 1,
      document_sha256: D.sha256,
      decisions: ids.map(function (id) {
        var s = local[id];
        return {
          id: id, status: s.status,
          choice: s.status === "accepted" ? s.choice : null,
          edited_text: s.status === "edited" ? s.edited : null,
          comment: "", by: $("by").value.trim(), at: s.at || ""
        };
      })
    };
    var blob = new Blob([JSON.stringify(out, null, 2) + "\n"], { type: "application/json" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = D.path.split(/[\\/]/).pop() + ".decisions.json";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    window.setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    say("Exported " + ids.length + " decisions to " + a.download + ".");
  }

  // Views -----------------------------------------------------------------
  function replacementFor(it) {
    var s = state[it.id];
    if (s.status === "edited") { return s.edited; }
    if ((s.status === "accepted" || s.status === "pending") && it.alternatives.length) {
      return it.alternatives[chosen(it)].text;
    }
    return null;
  }
  // Spans are code points; JavaScript strings index UTF-16 units.
  var codePoints = /[\uD800-\uDFFF]/.test(D.text) ? Array.from(D.text) : null;
  function slice(a, b) {
    return codePoints ? codePoints.slice(a, b).join("") : D.text.slice(a, b);
  }
  function renderText() {
    var box = $("view-text");
    box.textContent = "";
    var edits = [];
    if (view === "proposed") {
      items.forEach(function (it) {
        var r = replacementFor(it);
        if (r !== null) { edits.push({ start: it.start, end: it.end, text: r }); }
      });
      edits.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    }
    var k = 0;
    var frag = document.createDocumentFragment();
    D.paragraphs.forEach(function (span) {
      var p = el("p", "para");
      var pos = span[0];
      while (k < edits.length && edits[k].start < span[1]) {
        var e = edits[k];
        k += 1;
        if (e.start < pos || e.end > span[1]) { continue; }
        p.appendChild(document.createTextNode(slice(pos, e.start)));
        var ins = el("ins");
        ins.appendChild(el("span", "vh", " changed: "));
        ins.appendChild(document.createTextNode(e.text));
        ins.appendChild(el("span", "vh", " end of change "));
        p.appendChild(ins);
        pos = e.end;
      }
      p.appendChild(document.createTextNode(slice(pos, span[1])));
      frag.appendChild(p);
    });
    box.appendChild(frag);
  }
  function setView(v) {
    view = v;
    $("view-markup").hidden = v !== "markup";
    $("view-text").hidden = v === "markup";
    if (v !== "markup") { renderText(); }
    say("View: " + v + ".");
  }

  // Wiring ----------------------------------------------------------------
  ["f-severity", "f-category", "f-status", "f-rule"].forEach(function (id) {
    $(id).addEventListener("change", function () { refilter(cur >= 0 ? shown[cur].id : null); });
  });
  var timer = null;
  $("f-search").addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { refilter(cur >= 0 ? shown[cur].id : null); }, 150);
  });
  $("next").addEventListener("click", function () { step(1); });
  $("prev").addEventListener("click", function () { step(-1); });
  $("accept-shown").addEventListener("click", function () { acceptShown(false); });
  $("accept-safe").addEventListener("click", function () { acceptShown(true); });
  $("undo").addEventListener("click", undo);
  $("export").addEventListener("click", exportDecisions);
  $("page-prev").addEventListener("click", function () { page -= 1; renderCards(); });
  $("page-next").addEventListener("click", function () { page += 1; renderCards(); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=view]"), function (r) {
    r.addEventListener("change", function () { if (r.checked) { setView(r.value); } });
  });
  $("card-list").addEventListener("click", function (ev) {
    var b = ev.target.closest("button[data-action]");
    var c = ev.target.closest("li.card");
    if (!c) { return; }
    var it = byId[c.getAttribute("data-id")];
    var pos = shown.indexOf(it);
    if (pos >= 0 && pos !== cur) { go(pos, false); }
    if (!b) { return; }
    var act = b.getAttribute("data-action");
    if (act === "accept") { accept(it); }
    else if (act === "reject") { reject(it); }
    else if (act === "edit") { openEditor(it); }
    else if (act === "reset") {
      decide([{ id: it.id, status: "pending", choice: null, edited: null }], "Back to pending: " + it.rule + ".");
    }
    else if (act === "save-edit") { saveEdit(it); }
    else if (act === "cancel-edit") { refreshItem(it); var nc = $("c-" + it.id); if (nc) { nc.focus(); } }
  });
  $("card-list").addEventListener("change", function (ev) {
    var r = ev.target;
    if (r.type !== "radio") { return; }
    var it = byId[r.closest("li.card").getAttribute("data-id")];
    selected[it.id] = Number(r.value);
    var c = $("c-" + it.id);
    var d = c.querySelector(".diff");
    var ops = state[it.id].status === "edited" ? diffOps(it) : it.alternatives[selected[it.id]].diff;
    c.replaceChild(diffNode(ops), d);
  });
  $("card-list").addEventListener("keydown", function (ev) {
    if (ev.target.matches(".edit-box input")) {
      var it = byId[ev.target.closest("li.card").getAttribute("data-id")];
      if (ev.key === "Enter") { ev.preventDefault(); saveEdit(it); }
      if (ev.key === "Escape") { ev.preventDefault(); refreshItem(it); }
      ev.stopPropagation();
    }
  });
  $("view-markup").addEventListener("click", function (ev) {
    var m = ev.target.closest("mark.m");
    if (!m) { return; }
    var it = byId[m.getAttribute("data-id")];
    if (shown.indexOf(it) < 0) {
      ["f-severity", "f-category", "f-status", "f-rule", "f-search"].forEach(function (id) { $(id).value = ""; });
      refilter(null);
    }
    go(shown.indexOf(it));
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var t = ev.target;
    if (t.matches && t.matches("input[type=text], input[type=search], textarea, select")) { return; }
    var it = cur >= 0 ? shown[cur] : null;
    if (ev.key === "j" || ev.key === "n") { step(1); }
    else if (ev.key === "k" || ev.key === "p") { step(-1); }
    else if (ev.key === "a" && it) { accept(it); }
    else if (ev.key === "r" && it) { reject(it); }
    else if (ev.key === "e" && it) { openEditor(it); }
    else { return; }
    ev.preventDefault();
  });
  window.addEventListener("beforeprint", function () { printing = true; renderCards(); });
  window.addEventListener("afterprint", function () { printing = false; renderCards(); });

  try { $("by").value = window.localStorage.getItem("reviewer:by") || ""; } catch (e) { /* private mode */ }
  $("by").addEventListener("change", function () {
    try { window.localStorage.setItem("reviewer:by", $("by").value.trim()); } catch (e) { /* kept on the page */ }
  });
  var restored = load();
  count();
  refilter(null);
  if (restored) {
    undoStack = [];
    say(shown.length + " of " + items.length + " suggestions shown; " + restored +
        " decisions restored from this browser.");
  }
  document.documentElement.setAttribute("data-ready", "1");
}());
