// plankg explorer: draws the page's network with vis-network and runs the SPARQL editor.
// Document text is only ever put into the page as text (textContent), never as HTML.
(function () {
  "use strict";

  var FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", ' +
    '"Microsoft YaHei", sans-serif';
  var KIND_STYLE = {
    body: { shape: "box", color: { background: "#8c1c13", border: "#5e120c" },
            font: { color: "#ffffff" } },
    commitment: { shape: "dot", size: 9, color: { background: "#4a7fb5", border: "#2f5d8a" } },
    place: { shape: "dot", size: 13, color: { background: "#2f9e44", border: "#1f6f2f" } },
    company: { shape: "diamond", size: 14, color: { background: "#9c36b5", border: "#6b2380" } },
    organization: { shape: "diamond", size: 12, color: { background: "#9c36b5", border: "#6b2380" } },
    project: { shape: "triangle", size: 12, color: { background: "#e8590c", border: "#a63f08" } },
    slogan: { shape: "star", size: 15, color: { background: "#f59f00", border: "#b07200" } },
    target: { shape: "square", size: 9, color: { background: "#0c8599", border: "#08606e" } },
    indicator: { shape: "square", size: 14, color: { background: "#0c8599", border: "#08606e" } }
  };

  function tip(text) {
    var element = document.createElement("div");
    element.className = "plankg-tip";
    element.textContent = text;
    return element;
  }

  function shorten(label, limit) {
    return label.length > limit ? label.slice(0, limit - 1) + "…" : label;
  }

  function drawNetwork() {
    var holder = document.getElementById("network");
    var source = document.getElementById("network-data");
    if (!holder || !source || typeof vis === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var nodes = new vis.DataSet(data.nodes.map(function (node) {
      var style = KIND_STYLE[node.kind] || {};
      var item = {
        id: node.id, label: shorten(node.label, 18), title: tip(node.title || node.label),
        group: node.kind, url: node.url || "", kind: node.kind
      };
      Object.keys(style).forEach(function (key) { item[key] = style[key]; });
      return item;
    }));
    var edges = new vis.DataSet(data.edges.map(function (edge, index) {
      var responsibility = typeof edge.stated === "boolean";
      return {
        id: index, from: edge.from, to: edge.to,
        dashes: responsibility && !edge.stated,
        width: responsibility ? 1 + 2 * Number(edge.confidence || 0) : 1,
        color: { color: responsibility ? (edge.stated ? "#444444" : "#a0a0a0") : "#c8c8c8" },
        title: edge.title ? tip(edge.title) : undefined,
        role: edge.role, basis: edge.basis, stated: edge.stated
      };
    }));
    var options = {
      nodes: { font: { face: FONT, size: 14 }, borderWidth: 1 },
      edges: { smooth: false, arrows: { to: { enabled: false } } },
      physics: {
        solver: "forceAtlas2Based",
        forceAtlas2Based: { gravitationalConstant: -60, springLength: 90 },
        stabilization: { iterations: 300, fit: true }
      },
      interaction: { hover: true, tooltipDelay: 120, navigationButtons: false }
    };
    var network = new vis.Network(holder, { nodes: nodes, edges: edges }, options);
    var state = { nodes: nodes, edges: edges, network: network, ready: false };
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      network.fit();
      state.ready = true;
    });
    network.on("doubleClick", function (event) {
      if (!event.nodes.length) { return; }
      var node = nodes.get(event.nodes[0]);
      if (node && node.url) { window.location.href = node.url; }
    });
    window.plankgNetwork = state;
  }

  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function resultsTable(json) {
    var table = document.createElement("table");
    table.className = "data";
    var head = document.createElement("tr");
    json.head.vars.forEach(function (name) { head.appendChild(cell("th", name)); });
    table.appendChild(document.createElement("thead")).appendChild(head);
    var body = table.appendChild(document.createElement("tbody"));
    json.results.bindings.forEach(function (binding) {
      var row = document.createElement("tr");
      json.head.vars.forEach(function (name) {
        row.appendChild(cell("td", binding[name] ? binding[name].value : ""));
      });
      body.appendChild(row);
    });
    return table;
  }

  function sparqlEditor() {
    var form = document.getElementById("sparql-form");
    if (!form) { return; }
    var textarea = document.getElementById("sparql-query");
    var status = document.getElementById("sparql-status");
    var results = document.getElementById("sparql-results");

    function run() {
      var query = textarea.value;
      // The query lives in the URL, so the page can be shared or bookmarked.
      window.history.replaceState(null, "", "/sparql-editor?query=" + encodeURIComponent(query));
      status.textContent = "运行中 running…";
      var started = performance.now();
      fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9"
        },
        body: query
      }).then(function (response) {
        return response.text().then(function (text) {
          var seconds = ((performance.now() - started) / 1000).toFixed(2);
          results.replaceChildren();
          if (!response.ok) {
            status.textContent = "出错 error " + response.status;
            results.appendChild(cell("pre", text));
            return;
          }
          var type = response.headers.get("Content-Type") || "";
          if (type.indexOf("json") < 0) {
            status.textContent = "完成 done (" + seconds + " s)";
            results.appendChild(cell("pre", text));
            return;
          }
          var json = JSON.parse(text);
          if (Object.prototype.hasOwnProperty.call(json, "boolean")) {
            status.textContent = "ASK → " + json["boolean"] + " (" + seconds + " s)";
            return;
          }
          status.textContent = json.results.bindings.length + " 行 rows (" + seconds + " s)";
          results.appendChild(resultsTable(json));
        });
      }).catch(function (error) {
        status.textContent = "出错 error: " + error;
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    if (new URLSearchParams(window.location.search).has("query")) { run(); }
  }

  drawNetwork();
  sparqlEditor();
}());
