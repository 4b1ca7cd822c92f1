// landplan web interface: the map (SVG, own pan/zoom/hover/click), sortable
// tables, the background plan run with live progress, the settings filter.
// No library, no network beyond this server.
"use strict";

(function () {
  var T = {};
  function t(key) { return T[key] || key; }
  // zhPage reports whether the page is in Chinese: a failed run then shows
  // its error's Chinese form.
  function zhPage() { return document.documentElement.lang.indexOf("zh") === 0; }
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : "";
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  var SVG = "http://www.w3.org/2000/svg";
  function sel(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  var STATUS = { "new": "#f2c14e", idle: "#e0803a", inefficient: "#b0603a", occupied: "#a3a3a3", reserved: "#7fb069" };
  var MODES = { flexible_term: "#2f6fb0", lease_then_transfer: "#3a9a5b", phased: "#8a5cb8", long_lease: "#1aa3b5", transfer: "#c8453b" };
  var MOVED = { "+": "#3a9a5b", "-": "#c8453b", "~": "#e0a030" };
  var NONE = "#ecebe6";

  // scoreColour maps a share 0..1 to a sequential colour (light yellow to
  // dark blue).
  function scoreColour(x) {
    var stops = [[255, 247, 188], [127, 205, 187], [44, 127, 184], [37, 52, 148]];
    x = Math.max(0, Math.min(1, x)) * (stops.length - 1);
    var i = Math.min(stops.length - 2, Math.floor(x)), f = x - i, a = stops[i], b = stops[i + 1];
    return "rgb(" + [0, 1, 2].map(function (k) { return Math.round(a[k] + (b[k] - a[k]) * f); }).join(",") + ")";
  }

  function pathOf(geom) {
    var d = "";
    geom.coordinates.forEach(function (poly) {
      poly.forEach(function (ring) {
        ring.forEach(function (p, i) { d += (i ? "L" : "M") + p[0] + "," + (-p[1]); });
        d += "Z";
      });
    });
    return d;
  }

  function initMap(box) {
    var mode = box.dataset.color;
    var moved = {};
    var mj = document.getElementById("moved");
    if (mj) moved = JSON.parse(mj.textContent || "{}") || {};
    var tip = el("div", { "class": "tip", hidden: "" });
    box.appendChild(tip);
    fetch(box.dataset.src, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status + " " + r.statusText); return r.json(); })
      .then(function (fc) { draw(box, fc, mode, moved, tip); })
      .catch(function (e) { box.textContent = t("map.failed") + " " + e.message; box.dataset.error = "1"; });
  }

  function draw(box, fc, mode, moved, tip) {
    var b = fc.bbox, pad = 0.03 * Math.max(b[2] - b[0], b[3] - b[1]);
    var home = [b[0] - pad, -b[3] - pad, b[2] - b[0] + 2 * pad, b[3] - b[1] + 2 * pad];
    var vb = home.slice();
    var svg = sel("svg", { "class": "mapsvg", preserveAspectRatio: "xMidYMid meet", role: "img" });
    var gP = sel("g", { "class": "parcels" }), gL = sel("g", { "class": "lots" });
    svg.appendChild(gP); svg.appendChild(gL);
    box.insertBefore(svg, box.firstChild);
    function setVB() { svg.setAttribute("viewBox", vb.join(" ")); }
    setVB();

    var parcels = {}, scores = [];
    fc.features.forEach(function (f) {
      if (f.properties.layer === "parcel") { parcels[f.id] = f; if (f.properties.score !== undefined) scores.push(f.properties.score); }
    });
    var smin = Math.min.apply(null, scores), smax = Math.max.apply(null, scores);
    if (!scores.length) { smin = 0; smax = 1; }
    function parcelFill(p) {
      if (mode === "supply") return MODES[p.supply_mode] || NONE;
      if (mode === "score") return p.score === undefined ? NONE : scoreColour(smax > smin ? (p.score - smin) / (smax - smin) : 1);
      if (mode === "moved") return MOVED[moved[p.id]] || NONE;
      return STATUS[p.status] || NONE;
    }
    var selected = null;
    fc.features.forEach(function (f) {
      var p = f.properties, lot = p.layer === "lot";
      var path = sel("path", { d: pathOf(f.geometry), "data-id": f.id, "data-layer": p.layer, "vector-effect": "non-scaling-stroke" });
      if (lot) {
        path.setAttribute("data-parcel", p.parcel);
        path.setAttribute("class", "lot kind-" + p.kind);
        var fill = "none";
        if (mode === "supply" && p.kind !== "remainder") fill = MODES[p.supply_mode] || NONE;
        path.setAttribute("fill", fill);
        if (p.kind === "reserved_phase" || p.kind === "remainder") path.setAttribute("fill-opacity", "0.45");
        gL.appendChild(path);
      } else {
        path.setAttribute("class", "parcel");
        path.setAttribute("fill", mode === "supply" && p.projects ? "#f7f6f2" : parcelFill(p));
        if (mode === "supply" && !p.projects) path.setAttribute("fill", NONE);
        gP.appendChild(path);
      }
      path.addEventListener("mousemove", function (ev) {
        var q = lot ? (parcels[p.parcel] || f).properties : p;
        var line = (lot ? p.id + " · " : "") + q.id + " · " + q.status_text + " · " + q.area_mu + " 亩";
        if (lot && p.proposal) line += "\n" + p.proposal + " " + (p.name || "") + (p.supply_mode ? " · " + t("mode." + p.supply_mode) : "");
        else if (q.projects) line += "\n" + q.projects.map(function (x) { return x.proposal + " · " + x.mode_text; }).join("\n");
        if (moved[q.id]) line += "\n" + moved[q.id];
        tip.textContent = line;
        tip.hidden = false;
        placeTip(tip, box, ev);
      });
      path.addEventListener("mouseleave", function () { tip.hidden = true; });
      path.addEventListener("click", function (ev) {
        if (dragged) return;
        var pid = lot ? p.parcel : p.id;
        if (selected) selected.forEach(function (x) { x.classList.remove("sel"); });
        selected = Array.prototype.slice.call(svg.querySelectorAll('path[data-id="' + cssEsc(pid) + '"], path[data-parcel="' + cssEsc(pid) + '"]'));
        selected.forEach(function (x) { x.classList.add("sel"); });
        showDetails(parcels[pid] ? parcels[pid].properties : p, lot ? p : null, moved);
      });
    });

    legend(mode, smin, smax, fc.features.some(function (f) { return f.properties.layer === "lot"; }));

    // Zone quick zoom: fit the view to the parcels of one zone.
    var zones = {};
    fc.features.forEach(function (f) {
      var z = f.properties.zone;
      if (f.properties.layer !== "parcel" || !z) return;
      var b = zones[z] || (zones[z] = [Infinity, Infinity, -Infinity, -Infinity]);
      f.geometry.coordinates.forEach(function (poly) {
        poly[0].forEach(function (p) {
          b[0] = Math.min(b[0], p[0]); b[1] = Math.min(b[1], -p[1]);
          b[2] = Math.max(b[2], p[0]); b[3] = Math.max(b[3], -p[1]);
        });
      });
    });
    var zsel = document.getElementById("map-zone");
    if (zsel && Object.keys(zones).length > 1) {
      Object.keys(zones).sort().forEach(function (z) { zsel.appendChild(el("option", { value: z }, z)); });
      zsel.parentNode.hidden = false;
      zsel.addEventListener("change", function () {
        var b = zones[zsel.value];
        if (!b) { vb = home.slice(); setVB(); return; }
        var m = 0.05 * Math.max(b[2] - b[0], b[3] - b[1]);
        vb = [b[0] - m, b[1] - m, b[2] - b[0] + 2 * m, b[3] - b[1] + 2 * m]; setVB();
      });
    }

    // Pan with the pointer, zoom with the wheel and the buttons.
    var drag = null, dragged = false;
    function scale() { var r = svg.getBoundingClientRect(); return Math.max(vb[2] / r.width, vb[3] / r.height); }
    svg.addEventListener("pointerdown", function (ev) { drag = { x: ev.clientX, y: ev.clientY, vb: vb.slice(), k: scale() }; dragged = false; });
    window.addEventListener("pointermove", function (ev) {
      if (!drag) return;
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) dragged = true;
      if (!dragged) return;
      vb[0] = drag.vb[0] - dx * drag.k; vb[1] = drag.vb[1] - dy * drag.k; setVB();
    });
    window.addEventListener("pointerup", function () { drag = null; setTimeout(function () { dragged = false; }, 0); });
    function zoom(f, cx, cy) {
      if (cx === undefined) { cx = vb[0] + vb[2] / 2; cy = vb[1] + vb[3] / 2; }
      vb = [cx - (cx - vb[0]) * f, cy - (cy - vb[1]) * f, vb[2] * f, vb[3] * f]; setVB();
    }
    svg.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var r = svg.getBoundingClientRect(), k = scale();
      var cx = vb[0] + vb[2] / 2 + (ev.clientX - r.left - r.width / 2) * k;
      var cy = vb[1] + vb[3] / 2 + (ev.clientY - r.top - r.height / 2) * k;
      zoom(ev.deltaY > 0 ? 1.2 : 1 / 1.2, cx, cy);
    }, { passive: false });
    document.querySelectorAll("[data-zoom]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var z = btn.dataset.zoom;
        if (z === "in") zoom(1 / 1.5); else if (z === "out") zoom(1.5); else { vb = home.slice(); setVB(); }
      });
    });
    box.dataset.ready = "1";
  }

  // placeTip puts the tooltip beside the pointer, on the side where it
  // fits inside the map and the window.
  function placeTip(tip, box, ev) {
    var r = box.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var right = Math.min(r.right, window.innerWidth), bottom = Math.min(r.bottom, window.innerHeight);
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + w > right - 4) x = ev.clientX - 14 - w;
    if (y + h > bottom - 4) y = ev.clientY - 14 - h;
    x = Math.max(Math.max(r.left, 0) + 4, x);
    y = Math.max(Math.max(r.top, 0) + 4, y);
    tip.style.left = (x - r.left) + "px";
    tip.style.top = (y - r.top) + "px";
  }

  function cssEsc(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/"/g, '\\"'); }

  function legend(mode, smin, smax, lots) {
    var lg = document.getElementById("legend");
    if (!lg) return;
    lg.textContent = "";
    function item(colour, label) {
      var row = el("div", { "class": "item" });
      var sw = el("span", { "class": "sw" });
      sw.style.background = colour;
      row.appendChild(sw); row.appendChild(document.createTextNode(label));
      lg.appendChild(row);
    }
    if (mode === "supply") {
      Object.keys(MODES).forEach(function (k) { item(MODES[k], t("mode." + k)); });
      item(NONE, t("mode.none"));
    } else if (mode === "score") {
      [0, 0.25, 0.5, 0.75, 1].forEach(function (x) { item(scoreColour(x), (smin + x * (smax - smin)).toFixed(3)); });
      item(NONE, t("mode.none"));
    } else if (mode === "moved") {
      item(MOVED["+"], "+ " + t("cmp.add"));
      item(MOVED["-"], "− " + t("cmp.remove"));
      item(MOVED["~"], "~ " + t("cmp.change"));
      item(NONE, t("cmp.same"));
    } else {
      Object.keys(STATUS).forEach(function (k) { item(STATUS[k], t("status." + k)); });
    }
    if (lots && mode !== "moved") {
      item("transparent", t("map.lots"));
      lg.lastChild.firstChild.className = "sw lotsw";
    }
  }

  function showDetails(p, lot, moved) {
    var d = document.getElementById("details");
    if (!d) return;
    d.textContent = "";
    var h = el("h3", { id: "details-parcel" }, p.id);
    d.appendChild(h);
    var dl = el("dl");
    function row(k, v) { if (v === undefined || v === "") return; dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, String(v))); }
    row(t("col.zone"), p.zone);
    row(t("col.status"), p.status_text);
    row(t("col.landuse"), p.land_use);
    row(t("col.area"), p.area_mu);
    if (lot) row(t("col.lot"), lot.id + (lot.kind === "remainder" || lot.kind === "reserved_phase" ? " (" + t("lot." + lot.kind) + ")" : ""));
    if (moved && moved[p.id]) row(t("col.action"), moved[p.id]);
    d.appendChild(dl);
    (p.projects || []).forEach(function (x) {
      var box = el("div", { "class": "project" });
      box.appendChild(el("h4", {}, x.proposal + " " + (x.name || "")));
      var pl = el("dl");
      [[t("col.mode"), x.mode_text], [t("col.term"), x.term_text], [t("col.area"), x.area_mu], [t("col.score"), x.score], [t("col.lot"), x.lot],
        [t("col.route"), x.route], [t("col.freefrom"), x.free_from]].forEach(function (kv) {
        if (kv[1] === undefined || kv[1] === "") return;
        pl.appendChild(el("dt", {}, kv[0])); pl.appendChild(el("dd", { "class": "v" }, String(kv[1])));
      });
      box.appendChild(pl);
      box.appendChild(el("h5", {}, t("col.reasons")));
      var ul = el("ul", { "class": "reasons" });
      (x.reasons || []).forEach(function (r) { ul.appendChild(el("li", {}, r)); });
      box.appendChild(ul);
      d.appendChild(box);
    });
    if (!p.projects) d.appendChild(el("p", { "class": "muted" }, t("mode.none")));
  }

  // Sortable tables: a click on a heading sorts by that column (data-v
  // holds a cell's number; th data-type="none" does not sort).
  function initSort(table) {
    var ths = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(ths, function (th, col) {
      if (th.dataset.type === "none") return;
      th.classList.add("sorts");
      th.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(ths, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var num = th.dataset.type === "num";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col], y = b.cells[col], r;
          if (num) r = parseFloat(x.dataset.v) - parseFloat(y.dataset.v);
          else r = x.textContent.trim().localeCompare(y.textContent.trim(), undefined, { numeric: true });
          return asc ? r : -r;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  // The plan run: start it with a POST carrying the CSRF token, then poll
  // its status until it ends.
  function initRun(form) {
    var st = document.getElementById("run-status"), bar = document.getElementById("run-bar");
    function show(s) {
      st.dataset.state = s.state;
      st.textContent = "";
      if (s.state === "running" && !s.reported) {
        // No report from the solver yet: the run reads, checks and scores.
        st.appendChild(el("span", { id: "run-preparing" }, t("run.preparing") + " " + s.elapsed_seconds.toFixed(1) + " s"));
        bar.style.width = "3%";
        bar.className = "bar running";
      } else if (s.state === "running") {
        st.appendChild(document.createTextNode(t("run.running") + " " + s.elapsed_seconds.toFixed(1) + " s · " +
          t("col.objective") + " " + s.objective.toFixed(2) + " · " + t("col.gap") + " " + (100 * s.gap).toFixed(3) + "%"));
        bar.style.width = (s.bound > 0 ? Math.max(5, Math.min(100, 100 * s.objective / s.bound)) : 5) + "%";
        bar.className = "bar running";
      } else if (s.state === "done") {
        addPlanRow(s.plan);
        st.appendChild(document.createTextNode(t(s.reused ? "run.reused" : "run.done") + " "));
        st.appendChild(el("a", { href: "/plans/" + encodeURIComponent(s.plan), id: "run-plan" }, s.plan));
        bar.style.width = "100%"; bar.className = "bar done";
      } else if (s.state === "failed") {
        st.appendChild(el("span", { "class": "error", id: "run-error" }, t("run.failed") + " " + (zhPage() && s.error_zh || s.error)));
        bar.style.width = "100%"; bar.className = "bar failed";
      } else {
        st.appendChild(el("span", { "class": "muted" }, t("run.idle")));
      }
    }
    function poll() {
      fetch("/api/run", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
        show(s);
        if (s.state === "running") setTimeout(poll, 400);
      }).catch(function () { setTimeout(poll, 1000); });
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      // The form's fields as the JSON API takes them: numbers as numbers,
      // empty fields left out (the server's defaults).
      var req = { scenario: form.querySelector("select[name=scenario]").value };
      ["time_limit", "gap"].forEach(function (n) {
        var f = form.querySelector("[name=" + n + "]");
        if (f && f.value.trim() !== "") req[n] = Number(f.value);
      });
      ["horizon", "previous"].forEach(function (n) {
        var f = form.querySelector("[name=" + n + "]");
        if (f && f.value.trim() !== "") req[n] = f.value.trim();
      });
      fetch("/api/run", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), Accept: "application/json" },
        body: JSON.stringify(req)
      }).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) { st.dataset.state = "refused"; st.textContent = ""; st.appendChild(el("span", { "class": "error", id: "run-error" }, r.status === 409 ? t("run.busy") : body.error)); return; }
          show(body); poll();
        });
      });
    });
    if (st.dataset.state === "running") poll();
  }

  // addPlanRow adds a plan stored by a run to the plans table, once.
  function addPlanRow(id) {
    var body = document.querySelector("#plans-table tbody");
    if (!body || document.getElementById("plan-row-" + id)) return;
    // The first plan of an empty database: show the table.
    var form = document.getElementById("plans-form"), none = document.getElementById("no-plans");
    if (form) form.hidden = false;
    if (none) none.hidden = true;
    fetch("/api/plans", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (sums) {
      sums.forEach(function (p) {
        if (p.plan !== id || document.getElementById("plan-row-" + id)) return;
        var tr = el("tr", { id: "plan-row-" + id, "class": "fresh" });
        function td(text, v) {
          var c = el("td", v === undefined ? {} : { "class": "n", "data-v": String(v) }, text);
          tr.appendChild(c);
          return c;
        }
        var box = el("td");
        box.appendChild(el("input", { type: "checkbox", name: "plan", value: id, "aria-label": id }));
        tr.appendChild(box);
        td("").appendChild(el("a", { href: "/plans/" + encodeURIComponent(id) }, id));
        td(p.scenario || t("plans.base"));
        td(p.created);
        td(String(p.projects), p.projects);
        td(p.allocated_mu.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 }), p.allocated_mu);
        td((100 * p.quota_used_share).toFixed(1) + "%", p.quota_used_share);
        td(p.objective.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }), p.objective);
        td((100 * p.gap).toFixed(3) + "%", p.gap);
        td("").appendChild(el("a", { href: "/map?plan=" + encodeURIComponent(id) }, t("nav.map")));
        body.appendChild(tr);
      });
    });
  }

  function initFilter(input) {
    var rows = document.querySelectorAll("#settings-table tbody tr");
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      rows.forEach(function (r) { r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var j = document.getElementById("i18n");
    if (j) T = JSON.parse(j.textContent || "{}");
    document.querySelectorAll("select.autosubmit").forEach(function (s) { s.addEventListener("change", function () { s.form.submit(); }); });
    document.querySelectorAll("table.sortable").forEach(initSort);
    var m = document.getElementById("map");
    if (m) initMap(m);
    var rf = document.getElementById("run-form");
    if (rf) initRun(rf);
    var f = document.getElementById("setting-filter");
    if (f) initFilter(f);
  });
})();
