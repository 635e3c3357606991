// The SPARQL editor: YASGUI against this server's /sparql, offline (no request elsewhere).
(function () {
  "use strict";
  var source = document.getElementById("editor-config");
  var holder = document.getElementById("yasgui");
  if (!source || !holder || typeof Yasgui === "undefined") { return; }
  var config = JSON.parse(source.textContent);
  var endpoint = window.location.origin + config.endpoint;
  // Class and property completion asks Linked Open Vocabularies on the web: off.
  Yasgui.Yasqe.defaults.autocompleters = ["variables", "prefixes"];
  Yasgui.Yasqe.defaults.prefixCcApi = window.location.origin + "/api/prefixes";
  var yasgui = new Yasgui(holder, {
    requestConfig: { endpoint: endpoint, method: "POST",
                     acceptHeaderSelect: "application/sparql-results+json,*/*;q=0.9",
                     acceptHeaderGraph: "text/turtle,*/*;q=0.9" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; },
                                keys: [] },
    persistenceId: null,
    populateFromUrl: false,
    autofocus: false,
    yasqe: { value: config.query, prefixCcApi: window.location.origin + "/api/prefixes" },
    yasr: { pluginOrder: ["table", "response"], defaultPlugin: "table" }
  });
  var tab = yasgui.getTab();
  tab.setEndpoint(endpoint);
  var yasqe = tab.getYasqe();
  yasqe.setValue(config.query);
  var status = document.getElementById("editor-status");
  window.plankgEditor = { yasgui: yasgui, done: 0 };
  var simplified = false;
  tab.getYasr().on("drawn", function () {
    // Results open in YASR's simple view: values as text, not as RDF term syntax.
    var simple = document.querySelector(".yasr .tableControls input[type=checkbox]");
    if (!simplified && simple && !simple.checked) {
      simplified = true;
      simple.click();
    }
  });
  yasgui.on("queryResponse", function () {
    window.plankgEditor.done += 1;
    // The URL keeps the query that ran, to share or bookmark.
    window.history.replaceState(null, "", "/sparql-editor?query=" +
      encodeURIComponent(yasgui.getTab().getQuery()));
  });
  var examples = {};
  config.examples.forEach(function (e) { examples[e.name] = e; });
  var select = document.getElementById("examples");
  select.addEventListener("change", function () {
    var chosen = examples[select.value];
    if (!chosen) { return; }
    yasgui.getTab().getYasqe().setValue(chosen.query);
    status.textContent = chosen.title;
  });
  if (config.run) { yasgui.getTab().query(); }
}());
