// The sweep page: start a sweep with a POST carrying the CSRF token (as the
// plan run does), poll its status, and draw the chart of the chosen
// indicator from the server's SVG.
(function () {
  "use strict";
  function csrf() {
    var m = document.querySelector('meta[name="csrf-token"]');
    return m ? m.content : "";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("sweep-form");
    if (!form) return;
    var st = document.getElementById("sweep-status"), bar = document.getElementById("sweep-bar");
    var sel = document.getElementById("sweep-indicator"), chart = document.getElementById("sweep-chart");
    var body = document.querySelector("#sweep-table tbody");
    var shown = -1;
    function text(s) { st.textContent = ""; st.appendChild(document.createTextNode(s)); }
    function drawChart() {
      fetch("/api/sweep/chart?indicator=" + encodeURIComponent(sel.value), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : ""; })
        .then(function (svg) {
          chart.textContent = "";
          if (!svg) return;
          var doc = new DOMParser().parseFromString(svg, "image/svg+xml");
          chart.appendChild(document.importNode(doc.documentElement, true));
        });
    }
    function rows(s) {
      body.textContent = "";
      (s.rows || []).forEach(function (r, k) {
        var tr = document.createElement("tr");
        [r.index + 1, (s.labels || [])[k] || r.set.join(" "), r.plan, r.objective.toFixed(4), r.bound.toFixed(4), (100 * r.gap).toFixed(4) + "%", r.projects]
          .forEach(function (v, i) {
            var td = document.createElement("td");
            if (i === 2) {
              var a = document.createElement("a");
              a.href = "/plans/" + encodeURIComponent(v); a.textContent = v; td.appendChild(a);
            } else td.textContent = v;
            tr.appendChild(td);
          });
        body.appendChild(tr);
      });
    }
    function show(s) {
      st.dataset.state = s.state;
      var n = (s.rows || []).length;
      if (s.state === "running") {
        text(st.dataset.running + " " + Math.min(s.point || 1, s.points) + " " + st.dataset.of + " " + s.points +
          " · " + s.elapsed_seconds.toFixed(1) + " s · gap " + (100 * s.gap).toFixed(3) + "%");
        bar.style.width = Math.max(5, 100 * n / s.points) + "%"; bar.className = "bar running";
      } else if (s.state === "done") {
        text(st.dataset.done + " " + n + " / " + s.points);
        bar.style.width = "100%"; bar.className = "bar done";
      } else if (s.state === "failed") {
        text(st.dataset.failed + " " + (document.documentElement.lang.indexOf("zh") === 0 && s.error_zh || s.error));
        bar.style.width = "100%"; bar.className = "bar failed";
      } else {
        text(st.dataset.idle);
      }
      if (n !== shown) { shown = n; rows(s); if (n > 0) drawChart(); }
    }
    function poll() {
      fetch("/api/sweep", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (s) {
        show(s);
        if (s.state === "running") setTimeout(poll, 400);
      }).catch(function () { setTimeout(poll, 1000); });
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var sets = [document.getElementById("sweep-set").value, document.getElementById("sweep-set2").value];
      fetch("/api/sweep", {
        method: "POST", credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf(), Accept: "application/json" },
        body: JSON.stringify({ scenario: document.getElementById("sweep-scenario").value, sets: sets })
      }).then(function (r) {
        return r.json().then(function (b) {
          if (!r.ok) { st.dataset.state = "refused"; text(r.status === 409 ? st.dataset.busy : b.error); return; }
          shown = -1; show(b); poll();
        });
      });
    });
    sel.addEventListener("change", drawChart);
    poll();
  });
})();
