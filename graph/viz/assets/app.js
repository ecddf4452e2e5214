// kgraph viz page. Reads the graph from #kg-data and the name-folding table
// from #kg-fold (both written by kgraph viz), draws it with cytoscape and
// fcose, and exposes window.kgviz for tests.
(function () {
  "use strict";
  var t0 = performance.now(), tInit = 0;
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var fold = JSON.parse(document.getElementById("kg-fold").textContent);
  var RLI = "\u2067", LRI = "\u2066", PDI = "\u2069";
  var arabic = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  var lang = document.documentElement.getAttribute("data-lang") || "ar";
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  // foldText mirrors the extractor's name key (text.Fold) with the table
  // kgraph derived from it, so the page matches names as the graph does.
  function foldText(s) {
    var out = "";
    for (var ch of s.normalize("NFC")) {
      var f = fold[ch];
      out += f !== undefined ? f : ch.toLowerCase();
    }
    return out.replace(/\s+/g, " ").trim();
  }

  function nameIn(n, l) {
    if (l === "ar") return n.name_ar || n.name || n.name_en || n.id;
    return n.name_en || n.name || n.name_ar || n.id;
  }

  // isolate wraps one line of a label so that canvas text, which is laid out
  // left to right, shows Arabic and mixed Arabic–Latin–digit labels right to
  // left.
  function isolate(s) { return (arabic.test(s) ? RLI : LRI) + s + PDI; }

  // wrapLabel breaks a name into lines of about width characters, each line
  // isolated on its own (cytoscape draws line by line).
  function wrapLabel(s, width) {
    var words = s.split(/\s+/), lines = [], cur = "";
    words.forEach(function (w) {
      if (cur && (cur + " " + w).length > width) { lines.push(cur); cur = w; }
      else cur = cur ? cur + " " + w : w;
    });
    if (cur) lines.push(cur);
    return lines.map(isolate).join("\n");
  }

  function labelOf(n, l) { return wrapLabel(nameIn(n, l || lang), 22); }

  var degree = {};
  data.edges.forEach(function (e) {
    degree[e.source] = (degree[e.source] || 0) + 1;
    degree[e.target] = (degree[e.target] || 0) + 1;
  });
  var maxDeg = 1;
  for (var k in degree) maxDeg = Math.max(maxDeg, degree[k]);

  var elements = [];
  data.nodes.forEach(function (n) {
    var c = data.colours[n.type] || { Fill: "#999", Border: "#666" };
    elements.push({ group: "nodes", data: {
      id: n.id, label: labelOf(n), type: n.type, fill: c.Fill, border: c.Border,
      size: 22 + 46 * Math.sqrt((degree[n.id] || 0) / maxDeg)
    } });
  });
  data.edges.forEach(function (e) {
    elements.push({ group: "edges", data: { id: e.id, source: e.source, target: e.target, label: e.type, w: 1 + 2 * (e.confidence || 0) } });
  });

  var big = data.nodes.length > 800;
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    wheelSensitivity: 0.3,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    style: [
      { selector: "node", style: {
        "background-color": "data(fill)", "border-color": "data(border)", "border-width": 1.5,
        width: "data(size)", height: "data(size)",
        label: "data(label)", "font-size": 12, "font-family": "Noto Sans Arabic, Noto Sans, DejaVu Sans, sans-serif",
        "text-valign": "bottom", "text-halign": "center", "text-margin-y": 3,
        "text-wrap": "wrap", "text-max-width": 400, "color": "#222",
        "text-background-color": "#fff", "text-background-opacity": 0.6, "text-background-padding": 1, "text-background-shape": "roundrectangle",
        "min-zoomed-font-size": 7
      } },
      { selector: "edge", style: {
        width: "data(w)", "line-color": "#b8b8b8", "target-arrow-color": "#b8b8b8", "target-arrow-shape": "triangle",
        "arrow-scale": 0.8, "curve-style": big ? "straight" : "bezier",
        label: "data(label)", "font-size": 8, color: "#555", "min-zoomed-font-size": 11,
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.8
      } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#222" } },
      { selector: "edge:selected", style: { "line-color": "#333", "target-arrow-color": "#333", width: 3, "min-zoomed-font-size": 0, "font-size": 11 } },
      { selector: ".near", style: { "line-color": "#555", "target-arrow-color": "#555", "min-zoomed-font-size": 0, "font-size": 10 } },
      { selector: ".faded", style: { opacity: 0.25 } },
      { selector: ".hidden", style: { display: "none" } }
    ]
  });

  tInit = performance.now() - t0;
  // #quality=draft&iter=N in the URL overrides the layout (for measuring).
  var hash = new URLSearchParams(location.hash.slice(1));
  var layoutMs = 0;
  // Large graphs get fcose's spectral ("draft") layout, which takes well
  // under a second for 2,000 nodes; its force-directed pass would take ten
  // times as long, so it waits for the Refine button.
  function layoutOptions(refine) {
    return {
      name: "fcose", quality: refine ? "default" : (hash.get("quality") || (big ? "draft" : "default")),
      randomize: !refine, animate: false,
      nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 90; },
      nodeSeparation: +(hash.get("sep") || (big ? 300 : 90)), packComponents: true,
      tilingPaddingVertical: 40, tilingPaddingHorizontal: 90, padding: 30
    };
  }
  function runLayout(refine) {
    return new Promise(function (resolve) {
      var l0 = performance.now();
      var layout = cy.layout(layoutOptions(refine));
      layout.one("layoutstop", function () {
        layoutMs = performance.now() - l0;
        cy.fit(undefined, 30);
        resolve();
      });
      layout.run();
    });
  }
  var ready = runLayout(false);
  var refineBtn = document.getElementById("refine");
  refineBtn.addEventListener("click", function () {
    refineBtn.disabled = true;
    refineBtn.textContent = "Laying out…";
    // Let the button repaint before the layout takes the thread.
    setTimeout(function () {
      runLayout(true).then(function () { refineBtn.disabled = false; refineBtn.textContent = "Refine layout"; });
    }, 30);
  });

  // --- filters: type (legend) and date -----------------------------------
  var hiddenTypes = {};
  var since = "", until = "";
  function articleIn(a) {
    var p = (data.articles[a] || {}).published || "";
    if (since && p < since) return false;
    if (until && p.slice(0, until.length) > until) return false;
    return true;
  }
  function applyFilters() {
    var dated = !!(since || until);
    cy.batch(function () {
      cy.nodes().forEach(function (el) {
        var n = byId[el.id()];
        var show = !hiddenTypes[n.type] && (!dated || (n.articles || []).some(articleIn));
        el.toggleClass("hidden", !show);
      });
      cy.edges().forEach(function (el) {
        var e = data.edges[+el.id().slice(1)];
        var show = !el.source().hasClass("hidden") && !el.target().hasClass("hidden") &&
          (!dated || e.evidence.some(function (x) { return articleIn(x.article); }));
        el.toggleClass("hidden", !show);
      });
    });
    updateStats();
  }
  function updateStats() {
    var vn = cy.nodes().not(".hidden").length, ve = cy.edges().not(".hidden").length;
    document.getElementById("stats").textContent = vn + " nodes, " + ve + " relations";
  }

  var legend = document.getElementById("legend");
  var counts = {};
  data.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
  Object.keys(counts).sort().forEach(function (t) {
    var c = data.colours[t] || { Fill: "#999" };
    var lab = document.createElement("label");
    var cb = document.createElement("input");
    cb.type = "checkbox"; cb.checked = true; cb.dataset.type = t;
    cb.addEventListener("change", function () { hiddenTypes[t] = !cb.checked; applyFilters(); });
    var sw = document.createElement("span"); sw.className = "sw"; sw.style.background = c.Fill;
    var name = document.createElement("span"); name.textContent = t;
    var n = document.createElement("span"); n.className = "n"; n.textContent = counts[t];
    lab.append(cb, sw, name, n);
    legend.append(lab);
  });
  document.getElementById("since").addEventListener("change", function (ev) { since = ev.target.value; applyFilters(); });
  document.getElementById("until").addEventListener("change", function (ev) { until = ev.target.value; applyFilters(); });

  // --- language -------------------------------------------------------------
  var langSel = document.getElementById("lang");
  langSel.value = lang;
  function setLang(l) {
    lang = l; langSel.value = l;
    // The canvas renderer caches each label's texture; changed text drawn
    // through the old texture comes out clipped (seen with cytoscape
    // 3.35.0). Taking the elements out and putting them back, positions
    // kept, drops the cache.
    cy.batch(function () {
      var all = cy.elements().remove();
      all.nodes().forEach(function (el) { el.data("label", labelOf(byId[el.id()])); });
      all.restore();
    });
    if (current) current.kind === "node" ? showNode(current.id) : showEdge(current.id);
  }
  langSel.addEventListener("change", function () { setLang(langSel.value); });

  // --- search ----------------------------------------------------------------
  var input = document.getElementById("search"), results = document.getElementById("results");
  function search(q) {
    var f = foldText(q);
    if (!f) return [];
    var hits = [];
    data.nodes.forEach(function (n) {
      var i = n.keys.indexOf(f);
      if (i < 0) return;
      // Whole names first, then names that start with the query, then the rest.
      var rank = n.keys.split("\n").some(function (k) { return k === f; }) ? 0 : (i === 0 || n.keys[i - 1] === "\n" ? 1 : 2);
      hits.push({ n: n, rank: rank });
    });
    hits.sort(function (a, b) { return a.rank - b.rank || (degree[b.n.id] || 0) - (degree[a.n.id] || 0); });
    return hits.slice(0, 30).map(function (h) { return h.n; });
  }
  function showResults() {
    results.innerHTML = "";
    search(input.value).forEach(function (n, i) {
      var li = document.createElement("li");
      li.dataset.id = n.id;
      if (i === 0) li.className = "active";
      var nm = document.createElement("bdi"); nm.textContent = nameIn(n, lang);
      var t = document.createElement("span"); t.className = "t"; t.textContent = n.type;
      li.append(nm, t);
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); focusNode(n.id); });
      results.append(li);
    });
  }
  input.addEventListener("input", showResults);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var li = results.querySelector("li"); if (li) focusNode(li.dataset.id); }
    if (ev.key === "Escape") { results.innerHTML = ""; }
  });
  input.addEventListener("blur", function () { setTimeout(function () { results.innerHTML = ""; }, 150); });

  function focusNode(id) {
    results.innerHTML = "";
    var el = cy.getElementById(id);
    if (!el.length) return;
    cy.elements().unselect();
    el.select();
    cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
    showNode(id);
  }

  // --- panel -------------------------------------------------------------------
  var panel = document.getElementById("panel");
  var current = null;
  function el(tag, text, attrs) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) x.textContent = text;
    for (var a in attrs || {}) x.setAttribute(a, attrs[a]);
    return x;
  }
  function articleLine(id) {
    var a = data.articles[id] || {};
    var title = a.title || (a.path ? a.path.split("/").pop() : id);
    var wrap = el("span");
    var t = a.url ? el("a", title, { href: a.url, target: "_blank", rel: "noopener", dir: "auto" }) : el("bdi", title);
    wrap.append(t);
    if (a.published) wrap.append(" · " + a.published);
    if (a.source) wrap.append(" · " + a.source);
    return wrap;
  }
  function evidenceBox(x) {
    var box = el("div", null, { "class": "ev" });
    box.append(el("div", x.sentence || "(no sentence)", { "class": "s", dir: "auto" }));
    var src = el("div", null, { "class": "src" });
    src.append(articleLine(x.article), " · confidence " + (x.confidence || 0).toFixed(2));
    if (x.title) src.append(" · ", el("bdi", x.title));
    box.append(src);
    return box;
  }
  function clearNear() { cy.elements().removeClass("near faded"); }
  function showNode(id) {
    var n = byId[id];
    current = { kind: "node", id: id };
    clearNear();
    var cel = cy.getElementById(id);
    cel.connectedEdges().addClass("near");
    panel.className = "";
    panel.innerHTML = "";
    var c = data.colours[n.type] || { Fill: "#999", Text: "#000" };
    panel.append(el("h2", nameIn(n, lang), { dir: "auto", id: "panel-title" }));
    var other = nameIn(n, lang === "ar" ? "en" : "ar");
    if (other !== nameIn(n, lang)) panel.append(el("div", other, { dir: "auto" }));
    var type = el("span", n.type, { "class": "type" });
    type.style.background = c.Fill; type.style.color = c.Text;
    panel.append(type, " ", el("span", n.id, { "class": "id" }));
    var props = Object.keys(n.props || {}).filter(function (k) { return k !== "loaded_at"; });
    if (props.length) {
      panel.append(el("h3", "Properties"));
      var dl = el("dl");
      props.sort().forEach(function (k) { dl.append(el("dt", k), el("dd", n.props[k], { dir: "auto" })); });
      panel.append(dl);
    }
    if ((n.aliases || []).length) {
      panel.append(el("h3", "Aliases"));
      panel.append(el("div", n.aliases.join(" · "), { dir: "auto" }));
    }
    var rels = cel.connectedEdges();
    if (rels.length) {
      panel.append(el("h3", "Relations (" + rels.length + ")"));
      rels.forEach(function (r) {
        var e = data.edges[+r.id().slice(1)];
        var out = e.source === id;
        var o = byId[out ? e.target : e.source];
        var head = el("div", null, { "class": "rel" });
        head.append(el("span", (out ? "→ " : "← ") + e.type + " ", { "class": "pred" }), el("bdi", nameIn(o, lang)));
        head.addEventListener("click", function () { cy.elements().unselect(); r.select(); showEdge(e.id); });
        panel.append(head);
        if (e.evidence.length) panel.append(evidenceBox(e.evidence[0]));
      });
    }
    if ((n.articles || []).length) {
      panel.append(el("h3", "Articles (" + n.articles.length + ")"));
      var ul = el("ul");
      n.articles.forEach(function (a) { var li = el("li"); li.append(articleLine(a)); ul.append(li); });
      panel.append(ul);
    }
  }
  function showEdge(eid) {
    var e = data.edges[+eid.slice(1)];
    current = { kind: "edge", id: eid };
    clearNear();
    panel.className = "";
    panel.innerHTML = "";
    var h = el("h2", null, { id: "panel-title" });
    h.append(el("bdi", nameIn(byId[e.source], lang)), " ", el("span", e.type, { "class": "pred" }), " ", el("bdi", nameIn(byId[e.target], lang)));
    panel.append(h);
    panel.append(el("div", "confidence " + (e.confidence || 0).toFixed(2) + " · " + e.evidence.length + " article(s)"));
    panel.append(el("h3", "Evidence"));
    e.evidence.forEach(function (x) { panel.append(evidenceBox(x)); });
  }
  function clearPanel() {
    current = null;
    clearNear();
    panel.className = "empty";
    panel.textContent = "Click a node or a relation to see its properties, articles and evidence.";
  }
  cy.on("tap", "node", function (ev) { showNode(ev.target.id()); });
  cy.on("tap", "edge", function (ev) { showEdge(ev.target.id()); });
  cy.on("tap", function (ev) { if (ev.target === cy) clearPanel(); });
  clearPanel();
  updateStats();

  window.kgviz = {
    cy: cy, data: data, ready: ready, search: search, foldText: foldText, labelOf: labelOf,
    focusNode: focusNode, setLang: setLang, showEdge: showEdge,
    timing: function () { return { initMs: tInit, layoutMs: layoutMs, totalMs: performance.now() - t0 }; }
  };
})();
