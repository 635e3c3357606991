// plankg networks: one script for the explorer's pages and the static viz/ pages.
// Reads its data from <script type="application/json" id="network-data"> (explorer) or
// id="plankg-data" (viz); colours and shapes come from the palette inside the data
// (plankg/web/static/palette.json). Text goes into the page only through textContent.
// Static views start from one section or body and grow on click; "all" shows everything.
(function () {
  "use strict";
  var source = document.getElementById("network-data") || document.getElementById("plankg-data");
  var holder = document.getElementById("network");
  if (!source || !holder || typeof vis === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  var palette = data.palette || { kinds: {}, roles: {}, other: { color: "#999", shape: "dot" } };
  var FONT = getComputedStyle(document.body).fontFamily;

  function text(tag, content, className) {
    var element = document.createElement(tag);
    if (className) { element.className = className; }
    element.textContent = content;
    return element;
  }
  function kindStyle(kind) { return palette.kinds[kind] || palette.other; }
  function roleStyle(edge) {
    return palette.roles[edge.role] || palette.roles[edge.relation] || { color: "#9d9d9d" };
  }

  var positioned = data.nodes.length > 0 && data.nodes[0].x !== undefined;
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var style = kindStyle(n.kind);
    var node = {
      id: n.id, label: n.label, kind: n.kind, url: n.url || "", section: n.section || "",
      title: text("div", n.tip || n.label, "plankg-tip"), shape: style.shape,
      color: { background: style.color, border: style.color,
               highlight: { background: style.color, border: "#111" } },
      font: { face: FONT, size: n.kind === "commitment" ? 12 : 14,
              color: style.font || "#222222" },
      search: (n.tip || n.label || "").toLowerCase()
    };
    if (style.shape === "box" && positioned) {  // many nodes at fixed places: dots, labels below
      node.shape = "dot"; node.font.color = "#222222";
    } else if (style.shape === "box") {
      node.margin = 6; node.widthConstraint = { maximum: 180 };
    }
    if (n.kind === "commitment") { node.widthConstraint = { maximum: 150 }; }
    if (positioned) { node.scaling = { min: 8, max: 22 }; }
    if (positioned) { node.x = n.x; node.y = n.y; }
    if (n.value !== undefined) { node.value = n.value; }
    node.tip = n.tip || "";
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    var style = roleStyle(e);
    var inferred = e.stated === false;
    return {
      id: e.id || ("e" + i), from: e.from, to: e.to, f: e.f || {},
      relation: e.relation, role: e.role, basis: e.basis, stated: e.stated,
      dashes: inferred ? [6, 4] : false, hidden: e.hidden === true,
      width: e.relation === "involves" ? 1 : (e.value ? 1 + Math.min(e.value, 6) : 2),
      color: { color: style.color, highlight: "#111", opacity: inferred ? 0.75 : 1 },
      title: e.tip ? text("div", e.tip, "plankg-tip") : undefined
    };
  }));

  // What is shown: all of it, or (static views) a focus that grows on click.
  var shown = null;
  var facets = data.facets || {};
  var state = { q: "" };
  Object.keys(facets).forEach(function (name) { state[name] = ""; });
  function neighbours(id) {
    var found = [];
    edges.forEach(function (e) {
      if (e.from === id) { found.push(e.to); } else if (e.to === id) { found.push(e.from); }
    });
    return found;
  }
  function edgeOk(e) {
    for (var name in facets) {
      if (state[name] && (e.f[name] || []).indexOf(state[name]) < 0) { return false; }
    }
    return true;
  }
  function faceted() {
    return Object.keys(facets).some(function (name) { return state[name] !== ""; });
  }
  var touched = null;  // nodes with an edge the filters keep, while a filter is set
  var nodeView = new vis.DataView(nodes, { filter: function (n) {
    if (touched !== null && !touched.has(n.id)) { return false; }
    if (state.q) {
      if (n.search.indexOf(state.q) >= 0) { return true; }
      return neighbours(n.id).some(function (m) {
        var other = nodes.get(m); return other !== null && other.search.indexOf(state.q) >= 0;
      });
    }
    return shown === null || shown.has(n.id);
  } });
  var expanded = new Set();  // in a focused view, the nodes whose edges are drawn
  var edgeView = new vis.DataView(edges, { filter: function (e) {
    if (shown !== null && !state.q && !expanded.has(e.from) && !expanded.has(e.to)) {
      return false;
    }
    return edgeOk(e) && nodeView.get(e.from) !== null && nodeView.get(e.to) !== null;
  } });

  var options = {
    nodes: { borderWidth: 1, scaling: { min: 8, max: 30, label: { enabled: false } } },
    edges: { smooth: false },
    interaction: { hover: true, tooltipDelay: 120 },
    layout: { improvedLayout: !positioned && data.nodes.length < 150 }
  };
  options.physics = positioned ? false : {
    solver: "forceAtlas2Based",
    forceAtlas2Based: { gravitationalConstant: -80, springLength: 110, avoidOverlap: 0.6 },
    stabilization: { iterations: 400, fit: true }
  };
  var network = new vis.Network(holder, { nodes: nodeView, edges: edgeView }, options);
  var api = { nodes: nodes, edges: edges, network: network, nodeView: nodeView,
              edgeView: edgeView, ready: positioned };
  window.plankgNetwork = api;

  function status() {
    var line = document.getElementById("status");
    if (line) {
      line.textContent = nodeView.length + " / " + nodes.length + " 节点 nodes · " +
        edgeView.length + " / " + edges.length + " 边 edges";
    }
  }
  function refresh(fit) {
    touched = null;
    if (faceted()) {
      touched = new Set();
      edges.forEach(function (e) { if (edgeOk(e)) { touched.add(e.from); touched.add(e.to); } });
    }
    nodeView.refresh(); edgeView.refresh(); status();
    if (fit) { network.fit({ animation: false }); }
  }
  api.apply = refresh;
  // A focused view is laid out in columns: bodies, commitments (in document order),
  // then places, targets and the rest; the full view keeps the precomputed positions.
  var home = {};
  nodes.forEach(function (n) {
    home[n.id] = { x: n.x, y: n.y, shape: n.shape, font: n.font,
                   widthConstraint: n.widthConstraint || false };
  });
  var COLUMN = { body: 0, party: 0, commitment: 1 };
  function arrange() {
    if (!positioned) { return; }
    var columns = [[], [], []];
    nodes.forEach(function (n) {
      if (shown === null) { return; }
      if (shown.has(n.id)) {
        var c = COLUMN[n.kind] === undefined ? 2 : COLUMN[n.kind];
        columns[c].push(n);
      }
    });
    var updates = [];
    if (shown !== null && !columns[1].length) {
      // No commitments (co-responsibility): the starting node in the middle, the rest round it.
      var ring = columns[0].concat(columns[2]).filter(function (n) { return n.id !== focusId; });
      ring.sort(function (a, b) { return String(a.label).localeCompare(String(b.label), "zh"); });
      var radius = Math.max(200, ring.length * 13);
      if (focusId) { updates.push({ id: focusId, x: 0, y: 0 }); }
      ring.forEach(function (n, i) {
        var angle = (2 * Math.PI * i) / ring.length;
        var r = i % 2 ? radius : radius * 0.8;  // two rings: room for the labels
        updates.push({ id: n.id, x: Math.round(r * Math.cos(angle)),
                       y: Math.round(r * Math.sin(angle)) });
      });
      nodes.update(updates);
      return;
    }
    if (shown === null) {
      nodes.forEach(function (n) {
        updates.push({ id: n.id, x: home[n.id].x, y: home[n.id].y, shape: home[n.id].shape,
                       font: home[n.id].font, widthConstraint: home[n.id].widthConstraint });
      });
    } else {
      var tallest = Math.max(columns[0].length, columns[1].length, columns[2].length, 1);
      columns.forEach(function (column, c) {
        column.sort(function (a, b) {
          return c === 1 ? String(a.tip).localeCompare(String(b.tip), "zh")
            : String(a.label).localeCompare(String(b.label), "zh");
        });
        var step = Math.max(56, (tallest * 56) / Math.max(column.length, 1));
        column.forEach(function (n, i) {
          var style = kindStyle(n.kind);
          // Columns read like a table: boxes with their names inside, large type.
          updates.push({ id: n.id, x: c * 520, y: i * step - (column.length * step) / 2,
                         shape: style.shape === "box" ? "box" : n.kind === "commitment" ? "dot" : style.shape,
                         font: { face: FONT, size: 20, color: style.font || "#222222" },
                         widthConstraint: { maximum: 300 }, margin: 6 });
        });
      });
    }
    nodes.update(updates);
  }
  function sectionMembers(label) {
    var found = [];
    nodes.forEach(function (n) { if (n.section === label) { found.push(n.id); } });
    return found;
  }
  var focusId = null;
  api.focus = function (id) {
    focusId = id && id.indexOf("section:") !== 0 ? id : null;
    if (!id) {
      shown = null;
    } else {
      var seeds = id.indexOf("section:") === 0 ? sectionMembers(id.slice(8)) : [id];
      shown = new Set(seeds);
      expanded = new Set(seeds);
      seeds.forEach(function (seed) {
        neighbours(seed).forEach(function (m) { shown.add(m); });
      });
    }
    arrange();
    refresh(true);
  };
  api.expand = function (id) {
    if (shown === null) { return; }
    neighbours(id).forEach(function (m) { shown.add(m); });
    expanded.add(id);
    arrange();
    refresh(true);
  };
  if (!positioned) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      api.ready = true;
    });
  }
  network.on("click", function (event) {
    if (event.nodes.length) { api.expand(event.nodes[0]); }
  });
  network.on("doubleClick", function (event) {
    if (!event.nodes.length) { return; }
    var node = nodes.get(event.nodes[0]);
    if (node && node.url) { window.location.href = node.url; }
  });

  // Legend: node kinds present, edge roles present, stated and inferred.
  var legend = document.getElementById("network-legend");
  if (legend) {
    var kinds = {}, roles = {};
    data.nodes.forEach(function (n) { kinds[n.kind] = true; });
    data.edges.forEach(function (e) { if (e.hidden !== true) { roles[e.role || e.relation] = true; } });
    Object.keys(palette.kinds).forEach(function (kind) {
      if (!kinds[kind]) { return; }
      var style = palette.kinds[kind];
      var item = text("span", style.zh + " " + style.en, "legend-kind");
      var swatch = text("span", "", "swatch" + (style.shape === "box" ? " square" : ""));
      swatch.style.background = style.color;
      item.insertBefore(swatch, item.firstChild);
      legend.appendChild(item);
    });
    Object.keys(palette.roles).forEach(function (role) {
      if (!roles[role]) { return; }
      var style = palette.roles[role];
      var item = text("span", style.zh + " " + style.en, "legend-role");
      var line = text("span", "", "line");
      line.style.borderTopColor = style.color;
      item.insertBefore(line, item.firstChild);
      legend.appendChild(item);
    });
    var solid = text("span", "明示 stated", "legend-stated");
    solid.insertBefore(text("span", "", "line"), solid.firstChild);
    var dashed = text("span", "推断 inferred", "legend-inferred");
    dashed.insertBefore(text("span", "", "line dashed"), dashed.firstChild);
    legend.appendChild(solid); legend.appendChild(dashed);
  }

  // Static views: filters, search, the starting point and the matrix.
  Object.keys(facets).forEach(function (name) {
    var select = document.getElementById("filter-" + name);
    if (!select) { return; }
    if (!facets[name].length) { select.parentNode.hidden = true; return; }
    facets[name].forEach(function (value) { select.appendChild(new Option(value, value)); });
    select.addEventListener("change", function () { state[name] = select.value; refresh(true); });
  });
  var search = document.getElementById("search");
  if (search) {
    search.addEventListener("input", function () {
      state.q = search.value.trim().toLowerCase(); refresh(false);
    });
  }
  var start = document.getElementById("start");
  if (start && data.starts) {
    data.starts.forEach(function (s) { start.appendChild(new Option(s.label, s.id)); });
    start.addEventListener("change", function () { api.focus(start.value); });
    if (data.starts.length) { start.value = data.starts[0].id; api.focus(data.starts[0].id); }
  }
  var reset = document.getElementById("reset");
  if (reset) {
    reset.addEventListener("click", function () {
      Object.keys(facets).forEach(function (name) {
        state[name] = ""; var s = document.getElementById("filter-" + name); if (s) { s.value = ""; }
      });
      state.q = ""; if (search) { search.value = ""; }
      if (start) { start.value = ""; }
      api.focus(null);
    });
  }
  var matrixButton = document.getElementById("matrix-toggle");
  var matrix = document.getElementById("matrix");
  if (matrixButton && matrix && data.matrix) {
    var table = document.createElement("table");
    table.className = "matrix";
    var head = table.createTHead().insertRow();
    head.appendChild(text("th", "责任主体 body \\ 章节 section"));
    data.matrix.sections.forEach(function (s) { head.appendChild(text("th", s)); });
    var body = table.createTBody();
    data.matrix.rows.forEach(function (row) {
      var tr = body.insertRow();
      tr.appendChild(text("th", row.body));
      row.cells.forEach(function (cell) {
        var td = text("td", cell.count ? String(cell.count) : "");
        if (cell.count) {
          td.className = cell.stated ? "stated" : "inferred";
          td.title = cell.roles;
          td.style.setProperty("--weight", String(Math.min(1, cell.count / data.matrix.max)));
        }
        tr.appendChild(td);
      });
    });
    matrix.appendChild(table);
    matrixButton.addEventListener("click", function () {
      var showing = !matrix.hidden;
      matrix.hidden = showing; holder.hidden = !showing;
      matrixButton.textContent = showing ? "矩阵 matrix" : "网络 network";
      if (showing) { network.fit(); }
    });
  }
  status();
}());
