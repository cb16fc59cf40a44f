// Suunta 2040, the room mode: a team's (or the facilitator's) page. Plain JS, no build step,
// nothing from the internet. Every change is a message to the game, which applies it through
// the same journaled path as the keyboard and answers; the page only shows what it is sent.
"use strict";
(function () {
  const JOIN = {  // the join form's words, before the game has sent any
    fi: { code: "Ryhmän koodi", join: "Liity", wrong: "Väärä koodi.", locked: "Liian monta yritystä: odota {s} s.", bad: "Kirjoita koodi." },
    sv: { code: "Gruppens kod", join: "Gå med", wrong: "Fel kod.", locked: "För många försök: vänta {s} s.", bad: "Skriv koden." },
    en: { code: "Your team's code", join: "Join", wrong: "Wrong code.", locked: "Too many tries: wait {s} s.", bad: "Type the code." },
  };
  const $ = (id) => document.getElementById(id);
  const store = window.localStorage;
  let lang = store.getItem("suunta.lang") || (navigator.language || "fi").slice(0, 2);
  if (!JOIN[lang]) lang = "fi";
  let token = null, ws = null, info = null, state = null, role = null;
  let device = store.getItem("suunta.device");
  if (!device) { device = rnd(); store.setItem("suunta.device", device); }
  let seq = 0, outbox = [], backoff = 500, dragging = false, received = 0, previewTimer = null;
  let draft = null, outlook = null, confirmUndo = false, pending = false;
  // the first turn's workshops: the points this device proposed (kept while the game's
  // proposal is still theirs: it keeps only the shares), shifts and ratings sent, not yet shown back
  let wpoints = null, wshift = {}, rdraft = null;

  function rnd() {
    const a = new Uint8Array(12); crypto.getRandomValues(a);
    return Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("");
  }
  function S(key, vars) {
    let s = (info && info.strings[key]) || key;
    for (const k in vars || {}) s = s.split("{" + k + "}").join(String(vars[k]));
    return s;
  }
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      const v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of kids.flat()) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function toast(text, error) {
    const t = $("toast"); t.textContent = text; t.className = "show" + (error ? " error" : "");
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.className = ""; }, 3500);
  }
  function pct(v) { return Math.round(v * 100) + "\u00a0%"; }
  function num(v) { return (Math.round(v * 10) / 10).toLocaleString(lang); }
  function signed(v) { return (v > 1e-9 ? "+" : v < -1e-9 ? "\u2212" : "\u00b1") + num(Math.abs(v)); }

  // -- joining ------------------------------------------------------------------------
  function start() {
    $("lang").value = lang;
    $("lang").addEventListener("change", () => {
      lang = $("lang").value; store.setItem("suunta.lang", lang); document.documentElement.lang = lang;
      if (ws && ws.readyState === 1 && role) send({ type: "lang", lang: lang });
      joinWords();
    });
    document.documentElement.lang = lang;
    const m = location.hash.match(/[#&]t=([A-Za-z0-9_-]{10,64})/);
    if (m) {
      token = m[1]; store.setItem("suunta.token", token);
      history.replaceState(null, "", location.pathname);  // the token off the screen
    } else token = store.getItem("suunta.token");
    const k = "suunta.seq." + device;
    seq = parseInt(store.getItem(k) || "0", 10) || 0;
    if (token) connect(); else showJoin();
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && (!ws || ws.readyState > 1) && token) { backoff = 500; connect(); }
    });
    setInterval(tick, 1000);
    document.addEventListener("focusout", () => { if (pending) setTimeout(render, 0); });
  }
  function joinWords() {
    const w = JOIN[lang];
    $("code-label").textContent = w.code; $("join-button").textContent = w.join;
  }
  function showJoin(error) {
    joinWords(); $("join").hidden = false; $("app").hidden = true;
    $("join-error").textContent = error || "";
    $("join-form").onsubmit = async (ev) => {
      ev.preventDefault();
      const code = $("code").value.trim();
      if (!code) { $("join-error").textContent = JOIN[lang].bad; return; }
      const r = await fetch("/join", { method: "POST", body: JSON.stringify({ code: code }),
        headers: { "Content-Type": "application/json" } });
      const body = await r.json().catch(() => ({}));
      if (r.ok && body.token) { token = body.token; store.setItem("suunta.token", token); connect(); }
      else if (body.error === "locked") $("join-error").textContent = JOIN[lang].locked.replace("{s}", body.wait);
      else $("join-error").textContent = JOIN[lang].wrong;
    };
    $("code").focus();
  }

  // -- the connection -------------------------------------------------------------------
  function connect() {
    if (ws && ws.readyState <= 1) return;
    net(false);
    ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
    ws.onopen = () => { ws.send(JSON.stringify({ type: "hello", token: token, device: device, seq: 1, lang: lang })); };
    ws.onmessage = (ev) => onMessage(JSON.parse(ev.data));
    ws.onclose = () => {
      net(false);
      if (!token) return;
      setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 5000);
    };
  }
  function net(on) {
    const n = $("net"); n.textContent = on ? "" : (info ? S("offline") : "…"); n.className = on ? "net" : "net off";
  }
  function send(msg) {
    seq += 1; store.setItem("suunta.seq." + device, String(seq));
    const full = Object.assign({ device: device, seq: seq }, msg);
    if (msg.type !== "preview") outbox.push(full);
    if (ws && ws.readyState === 1) ws.send(JSON.stringify(full));
    return seq;
  }
  function onMessage(m) {
    if (m.type === "welcome") {
      backoff = 500; info = m; role = m.role || role; net(true);
      if (m.seq && m.seq > seq) seq = m.seq;
      $("join").hidden = true; $("app").hidden = false;
      for (const o of outbox) ws.send(JSON.stringify(o));  // not acknowledged yet: again
      if (state) render();
    } else if (m.type === "state") {
      state = m; received = Date.now();
      if (!dragging) draft = null;
      const sent = (type) => outbox.some((o) => o.type === type);  // not acknowledged yet
      if (!sent("propose")) wshift = {};
      if (!sent("rate")) rdraft = null;
      if (wpoints && !sent("propose") && !(state.form && sameShares(wpoints, state.form))) wpoints = null;
      render();
      if (role !== "facilitator" && state.team && state.team.choosing && !outlook) preview();
    } else if (m.type === "ack") {
      outbox = outbox.filter((o) => o.seq > m.seq);
      if (!m.ok && m.error !== "replay") toast(S("refused") + ": " + (m.error || ""), true);
    } else if (m.type === "projection") {
      if (!m.error) { outlook = m; showOutlook(); }
    } else if (m.type === "error") {
      if (m.error === "token" || m.error === "revoked") {
        token = null; store.removeItem("suunta.token"); ws.close();
        showJoin(m.error === "revoked" ? S("revoked") : JOIN[lang].wrong);
      } else if (m.error === "rate") toast(S("slow_down"), true);
      else toast(S("refused") + ": " + (m.detail || m.error), true);
    }
  }
  function tick() {
    if (!state) return;
    const t = state.timer;
    const left = t.paused ? t.left : Math.max(0, t.left - (Date.now() - received) / 1000);
    const s = Math.round(left);
    $("timer").textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0") + (t.paused ? " ⏸" : "");
  }

  // -- drawing -------------------------------------------------------------------------
  function render() {
    if (!info || !state) return;
    const active = document.activeElement;
    if (active && (active.type === "number" || active.tagName === "SELECT") && $("app").contains(active)) {
      pending = true;  // never under a person's typing: drawn when the box is left
      return;
    }
    pending = false;
    const app = $("app");
    const focus = document.activeElement && document.activeElement.id;
    app.replaceChildren();
    $("where").textContent = S("phase." + state.phase) + " · " + S("turn", { n: state.turn, total: state.turns, year: state.year });
    tick();
    if (role === "facilitator") { $("team-name").textContent = S("facilitator"); facilitator(app); }
    else { $("team-name").textContent = state.team.name; team(app); }
    app.className = window.innerWidth > 720 ? "wide" : "";
    if (focus && document.getElementById(focus)) document.getElementById(focus).focus();
  }

  function team(app) {
    const t = state.team, left = el("div"), right = el("div");
    const wide = window.innerWidth > 720;  // a phone: one column, the split before the cards
    if (!state.finished && (state.form || state.drivers)) {  // the workshops: across the page, first
      app.append(el("div", { class: "across" }, state.form ? visionForm(state.form) : null,
        state.drivers ? driversGrid(state.drivers) : null));
    }
    app.append(left, right);
    if (state.finished) { left.append(el("section", { class: "card" }, el("p", { text: S("over") }))); return; }
    const later = [];
    // the decision
    const kinds = Object.keys(t.decisions);
    const all = kinds.length > 0 && kinds.every((k) => t.decisions[k] === "decided");
    const dec = el("section", { class: "card", "aria-labelledby": "h-decide" },
      el("h2", { id: "h-decide", text: S("decision") }),
      el("p", {}, ...kinds.map((k) => el("span", { class: "status " + t.decisions[k], text: S("kind_" + k) + ": " + S("state_" + t.decisions[k]) + " " }))),
      el("button", { id: "decided", class: all ? "done" : "primary", "aria-pressed": all ? "true" : "false",
        disabled: !t.choosing, onclick: () => decideAll(!all) }, all ? S("decided_change") : S("we_decided")),
      t.choosing ? null : el("p", { class: "muted", text: S("not_choosing") }));
    left.append(dec);
    if (state.vision) {
      const v = state.vision;
      left.append(el("section", { class: "card" }, el("h2", { text: S("vision") }), el("p", { class: "muted", text: S("vision_text") }),
        el("div", { class: "row" },
          el("button", { id: "sign-yes", class: v.signs === true ? "done" : "", "aria-pressed": String(v.signs === true), onclick: () => send({ type: "endorse", signs: true }) }, S("sign")),
          el("button", { id: "sign-no", class: v.signs === false ? "done" : "", "aria-pressed": String(v.signs === false), onclick: () => send({ type: "endorse", signs: false }) }, S("not_sign")))));
    }
    for (const d of state.dilemmas) {
      const fs = el("fieldset", { class: "vote" }, el("legend", { text: d.title }), el("p", { class: "muted", text: d.text }),
        ...d.options.map((o) => el("label", {},
          el("input", { type: "radio", name: "d-" + d.id, id: "vote-" + d.id + "-" + o.id, value: o.id, checked: d.mine === o.id,
            onchange: () => send({ type: "vote", event: d.id, option: o.id }) }),
          el("span", {}, el("strong", { text: o.label }), " ", el("span", { class: "muted", text: o.text })))));
      left.append(el("section", { class: "card" }, el("h2", { text: S("dilemma") }), fs));
    }
    if (state.cards.length) {
      later.push(el("section", { class: "card" }, el("h2", { text: S("cards") }),
        ...state.cards.map((c) => el("div", {}, el("h3", { text: c.title }), el("p", { class: "muted", text: c.text })))));
    }
    // the split
    const shares = draft ? draft.shares : Object.assign({}, t.shares);
    const al = el("section", { class: "card", "aria-labelledby": "h-split" }, el("h2", { id: "h-split", text: S("split", { year: info.end_year }) }),
      el("div", { class: "outlook", id: "outlook", "aria-live": "polite" }));
    for (const th of info.themes) {
      const v = shares[th.id] || 0;
      const out = el("output", { id: "out-" + th.id, text: pct(v) });
      const input = el("input", { type: "range", min: 0, max: 100, step: 1, value: Math.round(v * 100), id: "share-" + th.id,
        disabled: !t.choosing, "aria-valuetext": pct(v),
        oninput: (ev) => slide(th.id, ev.target.value / 100), onchange: () => commit() });
      al.append(el("div", { class: "slider" }, el("label", { for: "share-" + th.id }, el("span", { text: th.name }), out), input));
    }
    (wide ? right : left).append(al);
    showOutlook();
    // the packages
    const pledges = draft ? draft.pledges : Object.assign({}, t.pledges);
    const used = Object.values(pledges).reduce((a, b) => a + b, 0);
    const pk = el("section", { class: "card", "aria-labelledby": "h-pkg" }, el("h2", { id: "h-pkg", text: S("packages") }),
      el("p", { class: "budget" + (used > t.budget + 1e-9 ? " over" : ""), id: "budget", text: S("budget", { used: num(used), budget: num(t.budget) }) }));
    for (const p of state.packages) {
      const share = Math.min(1, p.pledged / p.cost);
      const said = p.running ? S("running", { n: p.turns_left }) : p.done ? S("done") : p.funded ? S("funded") : S("short", { n: num(Math.max(0, p.cost - p.pledged)) });
      const mine = pledges[p.id] || 0;
      pk.append(el("div", { class: "pkg" },
        el("details", {}, el("summary", {}, p.title + " — " + said),
          el("p", { class: "muted", text: p.text }),
          el("p", { class: "muted", text: S("pkg_facts", { cost: num(p.cost), duration: p.duration, themes: p.themes.join(", ") }) }),
          p.missing.length ? el("p", { class: "muted", text: S("needs", { kinds: p.missing.join(", ") }) }) : null),
        el("div", { class: "bar" + (p.funded ? " funded" : ""), role: "img", "aria-label": S("pledged", { n: num(p.pledged), cost: num(p.cost) }) }, el("span", { style: null })),
        el("div", { class: "row" }, el("span", { class: "muted", text: S("pledged", { n: num(p.pledged), cost: num(p.cost) }) + " · " + S("teams_pledging", { n: p.teams_pledging, need: p.teams_needed }) }),
          p.running || p.done ? null : el("label", {}, el("span", { class: "muted", text: S("our_pledge") + " " }), el("span", { class: "sr", text: p.title }),
            el("input", { type: "number", min: 0, max: t.budget, step: 1, value: num(mine).replace(",", "."), id: "pledge-" + p.id,
              disabled: !t.choosing, onchange: (ev) => pledge(p.id, parseFloat(ev.target.value) || 0) })))));
      pk.lastChild.querySelector(".bar span").style.width = Math.round(share * 100) + "%";
    }
    (wide ? right : left).append(pk);
    later.push(roomList());
    left.append(...later);
  }

  // -- the first turn's workshops (issue 18) -------------------------------------------------
  function points(f) {
    if (wpoints) return wpoints;
    const p = {}; for (const r of f.indicators) p[r.id] = r.points; return p;
  }
  function sameShares(p, f) {  // do these points make the shares the game holds?
    const total = f.indicators.reduce((a, r) => a + (p[r.id] || 0), 0);
    return total > 0 && f.indicators.every((r) => Math.abs((p[r.id] || 0) / total - r.share) < 2e-3);
  }
  function shifts(f) {
    const s = {}; for (const r of f.regions) s[r.id] = r.id in wshift ? wshift[r.id] : r.shift; return s;
  }
  function propose(p, sh) {
    const weights = {}, out = {};
    for (const k in p) if (p[k] > 0) weights[k] = p[k];
    for (const r in sh) {
      if (Math.abs(sh[r]) < 1e-9) continue;
      out[r] = {}; for (const x of info.indicators) out[r][x.id] = sh[r];
    }
    send({ type: "propose", weights: weights, shifts: out });
  }
  function setPoints(id, n) {
    const f = state.form, p = Object.assign({}, points(f));
    p[id] = n;
    if (!Object.values(p).some((v) => v > 0)) { toast(S("form_need_one"), true); render(); return; }
    wpoints = p; propose(p, shifts(f));
  }
  function setShift(id, v) {
    const f = state.form; wshift[id] = v; propose(points(f), shifts(f));
  }
  function visionForm(f) {
    const p = points(f), sh = shifts(f), names = {};
    for (const x of info.indicators) names[x.id] = x.name;
    const sec = el("section", { class: "card workshop", id: "form", "aria-labelledby": "h-form" },
      el("h2", { id: "h-form", text: S("form_title", { year: info.end_year }) }),
      el("p", { class: "muted", text: S("form_text") }),
      el("p", { class: "agree" }, el("strong", { id: "form-agreement", text: S("form_agreement", { pct: pct(f.agreement), factor: f.factor.toLocaleString(lang, { minimumFractionDigits: 2 }) }) }), " ",
        el("span", { class: "status " + (f.proposed ? "decided" : "draft"), text: f.proposed ? S("form_proposed") : S("form_unproposed") })));
    const grid = el("div", { class: "weights" });
    f.indicators.forEach((r, i) => {
      const name = names[r.id] || r.id;
      const seg = el("div", { class: "seg" }, ...[0, 1, 2, 3, 4, 5].map((n) => el("label", {},
        el("input", { type: "radio", name: "w-" + r.id, id: "w-" + r.id + "-" + n, value: n, checked: p[r.id] === n,
          onchange: () => setPoints(r.id, n) }),
        el("span", { "aria-hidden": "true", text: String(n) }), el("span", { class: "sr", text: S("form_points", { n: n }) }))));
      const others = f.others ? f.others.map((o) => o.name + " " + o.points[i]).join(" · ") : null;
      grid.append(el("fieldset", { class: "pips" }, el("legend", { text: name }), seg,
        el("p", { class: "muted", id: "w-" + r.id + "-said", text: S("form_row", { ours: pct(r.share), shared: pct(r.shared), spread: pct(r.spread) }) }),
        others ? el("p", { class: "muted", text: S("form_others", { teams: others }) }) : null));
    });
    sec.append(grid);
    if (f.bound > 0) {
      const regs = {}; for (const x of info.regions) regs[x.id] = x.name;
      const tg = el("div", { class: "targets" });
      for (const r of f.regions) {
        const said = () => S("form_shift", { ours: signed(sh[r.id]), shared: signed(r.shared) });
        const out = el("output", { id: "shift-" + r.id + "-said", text: said() });
        tg.append(el("div", { class: "slider" },
          el("label", { for: "shift-" + r.id }, el("span", { text: regs[r.id] || r.id }), out),
          el("input", { type: "range", id: "shift-" + r.id, min: -f.bound, max: f.bound, step: f.step, value: sh[r.id],
            "aria-valuetext": signed(sh[r.id]),
            oninput: (ev) => { sh[r.id] = parseFloat(ev.target.value); out.textContent = said(); ev.target.setAttribute("aria-valuetext", signed(sh[r.id])); },
            onchange: (ev) => setShift(r.id, parseFloat(ev.target.value)) })));
      }
      sec.append(el("h3", { text: S("form_targets") }), el("p", { class: "muted", text: S("form_targets_text", { bound: num(f.bound) }) }), tg);
    }
    return sec;
  }
  function rate(d, r, n) {
    if (!rdraft) rdraft = JSON.parse(JSON.stringify(state.drivers.ratings));
    rdraft[d] = rdraft[d] || {};
    if (n > 0) rdraft[d][r] = n; else delete rdraft[d][r];
    const out = {};
    for (const k in rdraft) if (Object.keys(rdraft[k]).length) out[k] = rdraft[k];
    send({ type: "rate", ratings: out });
  }
  function driversGrid(d) {
    const given = rdraft || d.ratings, regs = info.regions;
    let n = 0;
    for (const k in given) n += Object.keys(given[k]).length;
    const steps = []; for (let i = 0; i <= d.steps; i++) steps.push(i);
    // region types down, drivers across: the drivers' names wrap between words, where the
    // region types' long single words would not fit a column
    const rows = regs.map((r) => el("tr", {}, el("th", { scope: "row", text: r.name }),
      ...info.drivers.map((x) => {
        const v = (given[x.id] || {})[r.id] || 0;
        return el("td", {}, el("label", { class: "cell" }, el("span", { class: "reg", "aria-hidden": "true", text: x.name }),
          el("select", { id: "rate-" + x.id + "-" + r.id, "aria-label": S("drv_cell", { driver: x.name, region: r.name }),
            onchange: (ev) => rate(x.id, r.id, parseInt(ev.target.value, 10)) },
            ...steps.map((k) => el("option", { value: k, selected: k === v, text: k ? String(k) : "\u2013" })))));
      })));
    return el("section", { class: "card workshop", id: "drivers", "aria-labelledby": "h-drivers" },
      el("h2", { id: "h-drivers", text: S("drv_title") }),
      el("p", { class: "muted", text: S("drv_text", { steps: d.steps }) }),
      el("p", { class: "agree", id: "drivers-count", text: S("drv_count", { n: n, total: info.drivers.length * regs.length }) }),
      el("table", { class: "rates" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col", text: S("drv_region") }), ...info.drivers.map((x) => el("th", { scope: "col", text: x.name })))),
        el("tbody", {}, ...rows)));
  }

  function roomList() {
    return el("section", { class: "card" }, el("h2", { text: S("room") }),
      el("ul", {}, ...state.room.map((r) => el("li", {}, r.name + " ", el("span", { class: "status " + r.status, text: S("status_" + r.status) })))));
  }

  function current() {
    const t = state.team;
    if (!draft) draft = { shares: Object.assign({}, t.shares), pledges: Object.assign({}, t.pledges) };
    return draft;
  }
  function slide(theme, value) {  // the allocation screen's rebalance: the others give way
    dragging = true;
    const d = current(), ids = info.themes.map((x) => x.id);
    for (const k of ids) d.shares[k] = Math.min(1, Math.max(0, d.shares[k] || 0));
    d.shares[theme] = value;
    const others = ids.filter((k) => k !== theme).reduce((a, k) => a + d.shares[k], 0);
    const room = 1 - value;
    if (others > room + 1e-12 && others > 0) for (const k of ids) if (k !== theme) d.shares[k] *= room / others;
    for (const k of ids) {
      const o = document.getElementById("out-" + k), i = document.getElementById("share-" + k);
      if (o) o.textContent = pct(d.shares[k]);
      if (i && k !== theme) i.value = Math.round(d.shares[k] * 100);
      if (i) i.setAttribute("aria-valuetext", pct(d.shares[k]));
    }
    if (!previewTimer) previewTimer = setTimeout(() => { previewTimer = null; preview(); }, 100);  // 10 Hz
  }
  function rounded(map) { const o = {}; for (const k in map) if (map[k] > 0) o[k] = Math.round(map[k] * 1e6) / 1e6; return o; }
  function preview() {
    const d = draft || { shares: state.team.shares, pledges: state.team.pledges };
    send({ type: "preview", shares: rounded(d.shares), pledges: rounded(d.pledges) });
  }
  function commit() {
    dragging = false;
    const d = current();
    send({ type: "allocate", shares: rounded(d.shares), pledges: rounded(d.pledges) });
  }
  function pledge(pkg, value) {
    const d = current(); d.pledges[pkg] = Math.max(0, value); commit(); preview();
  }
  function decideAll(on) {
    for (const k of Object.keys(state.team.decisions)) {
      if (k === "vision") continue;  // signing is its own choice: the two buttons
      send({ type: "decide", kind: k, decided: on });
    }
  }
  function showOutlook() {
    const box = document.getElementById("outlook");
    if (!box) return;
    const o = outlook;
    box.replaceChildren(...["shared", "vision", "equity"].map((k) =>
      el("div", {}, el("span", { class: "muted", text: S("out_" + k, { year: info.end_year }) }), el("strong", { id: "outlook-" + k, text: o ? num(o[k]) : "…" }))));
  }

  // -- the facilitator ---------------------------------------------------------------------
  function facilitator(app) {
    const left = el("div"), right = el("div");
    app.append(left, right);
    const b = state.blocked;
    const mode = el("select", { id: "undecided", "aria-label": S("undecided") },
      ...["keep", "draft", "bot"].map((k) => el("option", { value: k, text: S("undecided_" + k) })));
    left.append(el("section", { class: "card" }, el("h2", { text: S("console") }),
      el("div", { class: "row" },
        el("button", { id: "pause", onclick: () => send({ type: "pause" }) }, state.timer.paused ? S("resume") : S("pause")),
        el("button", { id: "extend", onclick: () => send({ type: "extend" }) }, S("extend")),
        el("button", { id: "advance", class: "primary", disabled: state.finished, onclick: () => send({ type: "advance", undecided: mode.value }) }, state.advance === "resolve" ? S("resolve") : S("next"))),
      state.advance === "resolve" ? el("p", {}, el("label", {}, S("undecided") + " ", mode)) : null,
      el("div", { class: "row" },
        el("button", { id: "undo", disabled: !!b.undo, onclick: () => { if (confirmUndo) { confirmUndo = false; send({ type: "undo" }); } else { confirmUndo = true; toast(S("undo_again")); } } }, S("undo")),
        el("button", { id: "redo", disabled: !!b.redo, onclick: () => send({ type: "redo" }) }, S("redo")),
        el("button", { id: "tables", "aria-pressed": String(state.open_tables), onclick: () => send({ type: "tables", open: !state.open_tables }) }, state.open_tables ? S("tables_close") : S("tables_open")),
        el("button", { id: "back", disabled: !!b.back, onclick: () => send({ type: "back", phase: previous() }) }, S("back"))),
      el("div", { class: "row" },
        el("label", { for: "minutes" }, S("minutes")),
        el("input", { type: "number", id: "minutes", min: 1, max: 90, step: 1, value: Math.round(state.timer.length / 60) }),
        el("button", { id: "set-minutes", onclick: () => { const v = parseInt(document.getElementById("minutes").value, 10); if (v >= 1 && v <= 90) send({ type: "minutes", minutes: v }); } }, S("set")))));
    const evs = state.events;
    const pick = el("select", { id: "event", "aria-label": S("event") }, ...evs.map((e) => el("option", { value: e.id, text: (e.pending ? "● " : "") + e.title })));
    left.append(el("section", { class: "card" }, el("h2", { text: S("events") }), pick,
      el("div", { class: "row" },
        el("button", { id: "inject", disabled: !!b.inject, onclick: () => send({ type: "inject", event: pick.value }) }, S("inject")),
        el("button", { id: "cancel", disabled: !!b.inject, onclick: () => send({ type: "cancel", event: pick.value }) }, S("cancel")))));
    const rows = state.room.map((r) => el("tr", {},
      el("td", { text: r.name }), el("td", {}, el("span", { class: "status " + r.status, text: S("status_" + r.status) })),
      el("td", { text: r.missing.map((k) => S("kind_" + k)).join(", ") }), el("td", { text: String(r.devices) }),
      el("td", { text: r.code || "" }),
      el("td", {}, el("button", { id: "even-" + r.id, onclick: () => send({ type: "override", team: r.id, preset: "even" }) }, S("override")),
        el("button", { id: "revoke-" + r.id, onclick: () => send({ type: "revoke", team: r.id }) }, S("revoke")))));
    right.append(el("section", { class: "card" }, el("h2", { text: S("room") }),
      el("table", {}, el("thead", {}, el("tr", {}, ...["team", "status", "missing", "devices", "code", ""].map((k) => el("th", { text: k ? S("col_" + k) : "" })))),
        el("tbody", {}, ...rows))));
  }

  function previous() {
    const phases = ["briefing", "deliberation", "allocation"];
    return phases[Math.max(0, phases.indexOf(state.phase) - 1)];
  }

  window.addEventListener("DOMContentLoaded", start);
})();
