// reviewer HTML report: filters, navigation, decisions and their export.
// Every piece of document text or rule message is set with textContent,
// never parsed as HTML. Decisions live in localStorage, keyed by the
// document's SHA-256, until they are exported. When the page data carries
// `live` (reviewer serve), decisions go to the server instead, which saves
// them in the review file and tells every open page (server-sent events).
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("review-data").textContent);
  var LIVE = D.live || null;
  var KEY = "reviewer:decisions:" + D.sha256;
  var PAGE = 50;
  var ICONS = { critical: "\u203c", major: "\u25b2", minor: "\u25cf", info: "\u2139" };
  var items = [];
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
  var codePoints = null;
  // live mode only
  var badges = {};     // id -> why the card is worth a look (new, reopened, decided by another)
  var conflicts = {};  // id -> why this page's decision was not recorded
  var seen = {};       // versions of the review file this page has caught up with
  var client = "";
  var syncing = false;
  var syncAgain = false;
  var afterSync = [];
  var pressing = false;  // a button or card is pressed: what the server says waits (whenFree)
  var held = [];
  var releaseTimer = null;

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

  function setData(d) {
    D = d;
    items = d.items;
    byId = {};
    initial = {};
    state = {};
    marks = {};
    items.forEach(function (it, i) {
      it.index = i;
      byId[it.id] = it;
      initial[it.id] = { status: it.status, choice: it.choice, edited: it.edited, at: "" };
      state[it.id] = copy(initial[it.id]);
    });
    Array.prototype.forEach.call(document.querySelectorAll("mark.m"), function (m) {
      marks[m.getAttribute("data-id")] = m;
    });
    // Spans are code points; JavaScript strings index UTF-16 units.
    codePoints = /[\uD800-\uDFFF]/.test(d.text) ? Array.from(d.text) : null;
  }
  setData(D);

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
    Array.prototype.forEach.call(document.querySelectorAll("[data-count]"), function (e) {
      e.textContent = String(n[e.getAttribute("data-count")] || 0);
    });
  }

  // Filters ---------------------------------------------------------------
  function filters() {
    return {
      severity: $("f-severity").value,
      category: $("f-category").value,
      status: $("f-status").value,
      rule: $("f-rule").value,
      confidence: $("f-confidence").value === "" ? null : Number($("f-confidence").value),
      order: $("f-order").value,
      search: $("f-search").value.trim().toLowerCase()
    };
  }
  function matches(it, f) {
    if (f.severity && it.severity !== f.severity) { return false; }
    if (f.category && (it.category || "(none)") !== f.category) { return false; }
    if (f.rule && it.rule !== f.rule) { return false; }
    // A negative threshold keeps what is below it: "below 0.5" is -0.5.
    if (f.confidence !== null &&
        (f.confidence >= 0 ? it.confidence < f.confidence : it.confidence >= -f.confidence)) {
      return false;
    }
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
    if (f.order) {
      var sign = f.order === "confidence" ? -1 : 1;
      // Ties keep document order, so the same filters always give the same list.
      shown.sort(function (a, b) { return sign * (a.confidence - b.confidence) || a.index - b.index; });
    }
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
  // The sentence around the span, cut from the document's text: [before, after],
  // or empty when the text shown is not the text reviewed (the span is not there).
  function context(it) {
    if ((LIVE && !LIVE.marked) || slice(it.start, it.end) !== it.text) { return ["", ""]; }
    return [slice(it.sentence[0], it.start), slice(it.end, it.sentence[1])];
  }
  // The sentence with exactly the span replaced: what apply will write, word by word
  // inside the span when the page has that diff (a draft typed here: the span replaced).
  function spanDiff(it, replacement) {
    var c = context(it);
    var inner = it.words && Object.prototype.hasOwnProperty.call(it.words, replacement)
      ? it.words[replacement] : [["delete", it.text], ["insert", replacement]];
    return [["equal", c[0]]].concat(inner, [["equal", c[1]]]);
  }
  function diffOps(it) {
    var s = state[it.id];
    if (s.status === "edited") { return spanDiff(it, s.edited); }
    return it.alternatives.length ? spanDiff(it, it.alternatives[chosen(it)]) : [];
  }
  // Whitespace-only edits and edge spaces would be invisible: show them as symbols.
  var SPACES = { " ": "\u2423", "\u00a0": "\u237d", "\t": "\u21e5", "\n": "\u21b5" };
  function symbols(s) { return s.replace(/[ \u00a0\t\n]/g, function (c) { return SPACES[c]; }); }
  function visible(text) {
    if (text.trim() === "") { return symbols(text); }
    return text.replace(/^[ \u00a0\t]+|[ \u00a0\t]+$/g, symbols).replace(/\u00a0/g, "\u237d");
  }
  // A quote, a comma, a space or a lone letter: too small to see as plain text.
  function tiny(text) {
    var t = text.trim();
    return Array.from(t).length < 2 || /^[\p{P}\p{S}]+$/u.test(t);
  }
  function diffNode(ops) {
    var p = el("p", "diff");
    ops.forEach(function (op) {
      if (!op[1]) { return; }
      if (op[0] === "equal") { p.appendChild(document.createTextNode(op[1])); return; }
      var del = op[0] === "delete";
      var e = el(del ? "del" : "ins", tiny(op[1]) ? "tiny" : "");
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
  function who(it) {
    // Who decided and when, as the review file says (not for this browser's own drafts).
    if (local[it.id] || !same(state[it.id], initial[it.id]) || !it.at) { return ""; }
    if (["accepted", "rejected", "edited"].indexOf(it.status) < 0) { return ""; }
    return " \u00b7 " + (it.by ? "by " + it.by + ", " : "") + it.at.replace("T", " ").replace("Z", " UTC");
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
    if (badges[it.id]) { li.appendChild(el("p", "badge", badges[it.id])); }
    li.appendChild(el("p", "where", "Line " + it.line + " \u00b7 " + (it.category || "no category") +
                      " \u00b7 confidence " + it.confidence.toFixed(2) +
                      " \u00b7 \u201c" + visible(it.text) + "\u201d"));
    li.appendChild(el("p", "msg", it.message));
    li.appendChild(diffNode(diffOps(it)));
    if (!it.alternatives.length) { li.appendChild(el("p", "note", D.manual_note)); }
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
        lab.appendChild(document.createTextNode(alt === "" ? "(delete)" : visible(alt)));
        fs.appendChild(lab);
      });
      li.appendChild(fs);
    }
    var st = el("p", "status", statusText(it));
    var by = who(it);
    if (by) { st.appendChild(el("span", "who", by)); }
    li.appendChild(st);
    if (s.status === "edited") { li.appendChild(el("p", "edited", "Edited text: " + s.edited)); }
    if (conflicts[it.id]) {
      var c = el("p", "conflict", conflicts[it.id]);
      c.setAttribute("role", "alert");
      li.appendChild(c);
    }
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
    if (!shown.length) {
      $("page-info").textContent = "No suggestion matches the filters.";
    } else if (pages === 1) {
      $("page-info").textContent = shown.length === 1 ? "1 shown" : shown.length + " shown";
    } else {
      $("page-info").textContent = "Suggestions " + (from + 1) + "\u2013" + to + " of " +
        shown.length + " (page " + (page + 1) + " of " + pages + ")";
    }
    // One page: no page buttons at all, rather than two disabled ones.
    $("page-prev").hidden = pages === 1;
    $("page-next").hidden = pages === 1;
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
    if (!changes.length) { say("Nothing to decide."); return; }
    if (LIVE) { send(changes, message, true); return; }
    var entry = [];
    var now = new Date().toISOString();
    changes.forEach(function (ch) {
      entry.push([ch.id, copy(state[ch.id]), local[ch.id] ? copy(local[ch.id]) : null]);
      var s = { status: ch.status, choice: ch.choice, edited: ch.edited, at: now };
      state[ch.id] = s;
      if (same(s, initial[ch.id])) { delete local[ch.id]; } else { local[ch.id] = copy(s); }
    });
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
           "Accepted " + it.rule + ": \u201c" + it.alternatives[k] + "\u201d.");
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
      (it.alternatives.length ? it.alternatives[chosen(it)] : it.text);
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
    $("undo").disabled = !undoStack.length;
    if (LIVE) {
      send(entry.map(function (e) {
        return { id: e[0], status: e[1].status, choice: e[1].choice, edited: e[1].edited };
      }), "Undone: " + entry.length + " decision" + (entry.length === 1 ? "" : "s") + ".", false);
      return;
    }
    entry.forEach(function (e) {
      state[e[0]] = e[1];
      if (e[2]) { local[e[0]] = e[2]; } else { delete local[e[0]]; }
    });
    save();
    count();
    entry.forEach(function (e) { refreshItem(byId[e[0]]); });
    if (view === "proposed") { renderText(); }
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

  // Live: the server keeps the decisions ------------------------------------
  // What the server says (events, answers, reloads) changes cards, and a card that
  // grows moves the ones below it. A click is a press and a release about a tenth of a
  // second apart: a button moved in between is released beside, and the click is lost
  // without a word. So while a button or card is pressed, what the server says waits,
  // in the order it came, and is taken in once the press has ended.
  function whenFree(fn) {
    if (!pressing) { fn(); return; }
    held.push(fn);
    $("card-list").setAttribute("aria-busy", "true");
  }
  function release() {
    pressing = false;
    var todo = held;
    held = [];
    $("card-list").removeAttribute("aria-busy");
    todo.forEach(function (fn) { fn(); });
  }
  function watchPresses() {
    document.addEventListener("pointerdown", function (ev) {
      if (!ev.isPrimary || ev.button !== 0 || !ev.target.closest) { return; }
      if (!ev.target.closest("#card-list, button")) { return; }
      window.clearTimeout(releaseTimer);
      pressing = true;
    }, true);
    // The click comes after pointerup in the same task: release once it has run.
    ["pointerup", "pointercancel"].forEach(function (type) {
      window.addEventListener(type, function () {
        if (!pressing) { return; }
        window.clearTimeout(releaseTimer);
        releaseTimer = window.setTimeout(release, 0);
      }, true);
    });
    window.addEventListener("blur", function () { if (pressing) { release(); } });
  }
  // POST `body` to the server; `done` gets {status, data} when no press is under way.
  function post(what, body, done) {
    body.client = client;
    window.fetch(LIVE.base + "/" + what, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().then(function (data) { return { status: r.status, data: data }; },
                           function () { return { status: r.status, data: { error: r.statusText } }; });
    }, function () { return { status: 0, data: { error: "the server cannot be reached" } }; })
      .then(function (r) { whenFree(function () { done(r); }); });
  }
  function name() { return $("by").value.trim(); }
  function send(changes, message, undoable) {
    var prior = changes.map(function (ch) { return [ch.id, copy(state[ch.id]), null]; });
    changes.forEach(function (ch) { delete conflicts[ch.id]; delete badges[ch.id]; });
    say("Saving\u2026");
    post("decide", {
      by: name(),
      decisions: changes.map(function (ch) {
        return { id: ch.id, status: ch.status, rev: LIVE.revs[ch.id] || 0,
                 choice: ch.status === "accepted" ? ch.choice : null,
                 edited_text: ch.status === "edited" ? ch.edited : null };
      })
    }, function (r) {
      if (r.status === 200) {
        caughtUp(r.data, true);
        if (undoable) { undoStack.push(prior); $("undo").disabled = false; }
        say(message + " Saved.");
      } else if (r.status === 409) {
        caughtUp(r.data, true);
        // The server's current suggestion, not this page's older copy of it.
        (r.data.conflicts || []).forEach(function (c) {
          var mine = changes.filter(function (ch) { return ch.id === c.id; })[0];
          conflicts[c.id] = "Conflict: " + (c.by || "someone") + " " +
            (c.status === "pending" ? "reset this to pending" : c.status + " this") +
            (c.at ? " at " + c.at.replace("T", " ").replace("Z", " UTC") : "") +
            " before your decision (" + (mine ? mine.status : "?") + ") reached the server. " +
            "Yours was not recorded: look again and decide.";
          if (byId[c.id]) { refreshItem(byId[c.id]); }
        });
        say("Not saved: " + r.data.error);
      } else {
        say("Not saved: " + (r.data.error || "error " + r.status) + ".");
      }
    });
  }
  // Items of the review file as the server sent them: take them in.
  function takeItems(list, revs, note) {
    list.forEach(function (fresh) {
      var it = byId[fresh.id];
      if (!it) { return; }
      ["status", "choice", "edited", "comment", "by", "at"].forEach(function (k) { it[k] = fresh[k]; });
      initial[it.id] = { status: it.status, choice: it.choice, edited: it.edited, at: "" };
      state[it.id] = copy(initial[it.id]);
      if (note) { badges[it.id] = note; }
      refreshItem(it);
    });
    Object.keys(revs || {}).forEach(function (id) { LIVE.revs[id] = revs[id]; });
    count();
    if (view === "proposed") { renderText(); }
  }
  // An update moves the page from version `prev` to `version` of the review file.
  // One the page already has is skipped; one it cannot follow from its own
  // version means it missed something: then it reloads its data. So does one that
  // comes while a reload is under way: the reload may have been read before this
  // update was written, and taking both would let the older data win.
  function caughtUp(u, own) {
    if (!u || !u.version) { return; }
    if (seen[u.version]) { return; }
    if (u.prev === LIVE.version && !syncing) {
      seen[u.version] = true;
      LIVE.version = u.version;
      var note = !own && u.client !== client && u.by ? "Just decided by " + u.by : "";
      takeItems(u.items || [], u.revs, note);
    } else {
      resync();
    }
  }
  // Fetch this page again and take it in (takePage); `after` runs once that is done.
  function resync(after) {
    if (after) { afterSync.push(after); }
    if (syncing) { syncAgain = true; return; }
    syncing = true;
    window.fetch(window.location.pathname, { credentials: "same-origin", cache: "no-store" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { whenFree(function () { synced(html); }); },
            function () { whenFree(function () { synced(null); }); });
  }
  function synced(html) {
    try {
      if (html === null) {
        liveState("Could not reload the review: reload the page.", true);
      } else {
        takePage(html);
      }
    } finally {
      syncing = false;
    }
    if (syncAgain) { syncAgain = false; resync(); return; }
    var todo = afterSync;
    afterSync = [];
    todo.forEach(function (fn) { fn(); });
  }
  // The page as the server sent it again: its data and markup, keeping filters and place.
  function takePage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var d = JSON.parse(doc.getElementById("review-data").textContent);
    ["headline", "summary-body", "view-markup", "notice", "f-category", "f-rule"].forEach(function (id) {
      var old = $(id);
      var neu = doc.getElementById(id);
      if (!old || !neu) { return; }
      var value = old.value;
      var hidden = old.hidden;
      neu = document.importNode(neu, true);
      old.parentNode.replaceChild(neu, old);
      if (old.tagName === "SELECT") { neu.value = value; if (neu.value !== value) { neu.value = ""; } }
      if (id === "view-markup") { neu.hidden = hidden; }
    });
    $("f-category").addEventListener("change", onFilter);
    $("f-rule").addEventListener("change", onFilter);
    var keep = cur >= 0 ? shown[cur].id : null;
    LIVE = d.live;
    seen[LIVE.version] = true;
    setData(d);
    $("view-markup").addEventListener("click", onMarkClick);
    viewsAllowed();
    count();
    refilter(keep);
  }
  function liveIdle() {
    liveState("Live: decisions are saved to " + LIVE.review_file + " at once.", false);
  }
  function liveState(text, lost) {
    var p = $("live-state");
    p.textContent = text;
    p.className = "live-state" + (lost ? " lost" : "");
  }
  function showResult(title, lines) {
    $("live-result-h").textContent = title;
    var ul = $("live-result-lines");
    ul.textContent = "";
    lines.forEach(function (line) { ul.appendChild(el("li", "", line)); });
    $("live-result").hidden = false;
  }
  function listed(label, list) {
    return list.length ? [label + ": " + list.map(function (x) {
      return x.rule + " \u201c" + visible(x.text) + "\u201d";
    }).join("; ")] : [];
  }
  function rechecked(u) {
    var lines = [u.kept + " kept"].concat(
      listed(u.obsolete.length + " obsolete (text gone)", u.obsolete),
      listed(u.new.length + " new", u.new),
      listed(u.reopened.length + " reopened (the decision no longer fits)", u.reopened));
    resync(function () {
      u.new.forEach(function (x) { badges[x.id] = "New since the re-check"; });
      u.reopened.forEach(function (x) { badges[x.id] = "Reopened by the re-check"; });
      u.obsolete.forEach(function (x) { badges[x.id] = "Obsolete since the re-check: its text is gone"; });
      refilter(cur >= 0 ? shown[cur].id : null);
      liveIdle();
      showResult("Re-checked" + (u.by ? " by " + u.by : " (--watch)") + ": " + D.path, lines);
    });
  }
  function recheck() {
    $("recheck").disabled = true;
    say("Re-checking " + D.path + "\u2026");
    post("recheck", { by: name() }, function (r) {
      $("recheck").disabled = false;
      if (r.status === 200) { say("Re-checked."); } else { say("Re-check failed: " + r.data.error); }
    });
  }
  function applyAll() {
    $("apply").disabled = true;
    say("Applying the accepted corrections\u2026");
    post("apply", { by: name() }, function (r) {
      $("apply").disabled = false;
      if (r.status === 200 && r.data.written) {
        showResult("Applied: " + r.data.target, r.data.lines);
        say("Written: " + r.data.target + ".");
      } else if (r.status === 200) {  // the re-check found fixes that brought new findings
        showResult("Not applied: " + r.data.target, r.data.lines);
        say("Not written: " + r.data.regressed + " fix(es) regressed.");
      } else {
        say("Apply failed: " + r.data.error);
      }
    });
  }
  function listen() {
    var bytes = new Uint8Array(8);
    window.crypto.getRandomValues(bytes);
    client = Array.from(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    seen[LIVE.version] = true;
    var source = new window.EventSource(LIVE.base + "/events");
    var on = function (type, fn) {
      source.addEventListener(type, function (ev) {
        var u = JSON.parse(ev.data);
        whenFree(function () { fn(u); });
      });
    };
    on("hello", function (u) {
      liveState("Live: decisions are saved to " + LIVE.review_file + " at once; " +
                u.pages + " page" + (u.pages === 1 ? "" : "s") + " open.", false);
      if (u.version !== LIVE.version && !seen[u.version]) { resync(); }
    });
    on("decided", function (u) { caughtUp(u, false); });
    on("changed", function () { resync(); });
    on("rechecked", rechecked);
    on("notice", function (u) {
      var n = $("notice");
      n.textContent = u.text;
      n.hidden = !u.text;
    });
    on("note", function (u) { liveState(u.text, false); });
    source.addEventListener("error", function () {
      whenFree(function () {
        liveState("Live updates lost: reconnecting\u2026 (decisions still need the server)", true);
      });
    });
  }
  function viewsAllowed() {
    // Without marks (the text shown is not the text reviewed), spans cannot be placed.
    var ok = !LIVE || LIVE.marked;
    Array.prototype.forEach.call(document.querySelectorAll("input[name=view]"), function (r) {
      if (r.value === "proposed") { r.disabled = !ok; }
    });
    if (!ok && view === "proposed") { document.querySelector("input[name=view][value=markup]").click(); }
  }

  // Views -----------------------------------------------------------------
  function replacementFor(it) {
    var s = state[it.id];
    if (s.status === "edited") { return s.edited; }
    if ((s.status === "accepted" || s.status === "pending") && it.alternatives.length) {
      return it.alternatives[chosen(it)];
    }
    return null;
  }
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
        if (r !== null) {
          edits.push({ start: it.start, end: it.end, text: r });
        }
      });
      edits.sort(function (a, b) { return a.start - b.start || a.end - b.end; });
    }
    var k = 0;
    var frag = document.createDocumentFragment();
    D.paragraphs.forEach(function (span) {
      var p = el("p", span[2] ? "para cut" : "para");
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
  function onFilter() { refilter(cur >= 0 ? shown[cur].id : null); }
  function onMarkClick(ev) {
    var m = ev.target.closest("mark.m");
    if (!m) { return; }
    var it = byId[m.getAttribute("data-id")];
    if (shown.indexOf(it) < 0) {
      ["f-severity", "f-category", "f-status", "f-rule", "f-confidence", "f-search"].forEach(function (id) { $(id).value = ""; });
      refilter(null);
    }
    go(shown.indexOf(it));
  }
  ["f-severity", "f-category", "f-status", "f-rule", "f-confidence", "f-order"].forEach(function (id) {
    $(id).addEventListener("change", onFilter);
  });
  var timer = null;
  $("f-search").addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(onFilter, 150);
  });
  $("next").addEventListener("click", function () { step(1); });
  $("prev").addEventListener("click", function () { step(-1); });
  $("accept-shown").addEventListener("click", function () { acceptShown(false); });
  $("accept-safe").addEventListener("click", function () { acceptShown(true); });
  $("undo").addEventListener("click", undo);
  if ($("export")) { $("export").addEventListener("click", exportDecisions); }
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
    var ops = state[it.id].status === "edited" ? diffOps(it) : spanDiff(it, it.alternatives[selected[it.id]]);
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
  $("view-markup").addEventListener("click", onMarkClick);
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
  // The card panel sticks just below the controls, however many lines they take.
  var controls = document.querySelector("section.controls");
  function fitCards() {
    document.documentElement.style.setProperty("--controls-h", controls.offsetHeight + "px");
  }
  if (window.ResizeObserver) { new window.ResizeObserver(fitCards).observe(controls); }
  fitCards();
  var summaryWasOpen = false;
  window.addEventListener("beforeprint", function () {
    printing = true;
    summaryWasOpen = $("summary").open;
    $("summary").open = true;
    renderCards();
  });
  window.addEventListener("afterprint", function () {
    printing = false;
    $("summary").open = summaryWasOpen;
    renderCards();
  });

  try { $("by").value = window.localStorage.getItem("reviewer:by") || ""; } catch (e) { /* private mode */ }
  $("by").addEventListener("change", function () {
    try { window.localStorage.setItem("reviewer:by", $("by").value.trim()); } catch (e) { /* kept on the page */ }
  });
  var restored = LIVE ? 0 : load();
  count();
  refilter(null);
  if (restored) {
    undoStack = [];
    say(shown.length + " of " + items.length + " suggestions shown; " + restored +
        " decisions restored from this browser.");
  }
  if (LIVE) {
    $("recheck").addEventListener("click", recheck);
    $("apply").addEventListener("click", applyAll);
    $("live-result-close").addEventListener("click", function () { $("live-result").hidden = true; });
    viewsAllowed();
    watchPresses();
    listen();
  }
  document.documentElement.setAttribute("data-ready", "1");
}());
