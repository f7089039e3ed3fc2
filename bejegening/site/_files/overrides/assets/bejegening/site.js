/* bejegening: progressive enhancement of the public site.
 *
 * Everything works without this script: charts are static SVG images with a caption and a data
 * table, tables are plain HTML tables. With JavaScript:
 *  - charts become interactive (tooltips) with the self-hosted Vega bundle, loaded only when a
 *    page has a chart;
 *  - tables marked data-bj-sort get sort buttons in their column headers;
 *  - the recommendations tracker gets its filter form.
 * mkdocs-material's instant navigation swaps page content without reloading scripts, so the page
 * set-up runs on every `document$` emission (or once on DOMContentLoaded without material).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? new URL(".", script.src) : new URL("assets/bejegening/", document.baseURI);
  var CHART_SCRIPT = "bejegening-charts.js";
  var chartsRequested = false;

  // The chart script (Vega, Vega-Lite, vega-embed and bejegening's embed code; written by
  // bejegening.render.write_vega_bundle) is about 1 MB: load it once, only when a page has a
  // chart. It embeds every figure[data-bj-spec] and follows instant navigation itself.
  // Loaded as a module so its top-level names stay out of the global scope.
  function setUpCharts(root) {
    if (chartsRequested || !root.querySelector("figure.bj-chart[data-bj-spec]")) return;
    chartsRequested = true;
    var tag = document.createElement("script");
    tag.type = "module";
    tag.src = new URL(CHART_SCRIPT, base).href;
    tag.onerror = function () {
      console.warn("Grafieken blijven statisch: " + CHART_SCRIPT + " kon niet geladen worden.");
    };
    document.head.appendChild(tag);
  }

  function sortKey(cell) {
    var value = cell.getAttribute("data-sort");
    if (value === null) value = cell.textContent.trim();
    var number = Number(value);
    return value !== "" && !isNaN(number) ? number : value.toLocaleLowerCase("nl");
  }

  function compare(a, b) {
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), "nl", { numeric: true });
  }

  function makeSortable(table) {
    if (table.hasAttribute("data-bj-sortable")) return;
    table.setAttribute("data-bj-sortable", "");
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var body = table.tBodies[0];
    headers.forEach(function (th, index) {
      if (th.hasAttribute("data-nosort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "bj-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var result = compare(sortKey(r1.cells[index]), sortKey(r2.cells[index]));
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function setUpFilter(form) {
    if (form.hasAttribute("data-bj-ready")) return;
    form.setAttribute("data-bj-ready", "");
    var table = document.getElementById(form.getAttribute("data-bj-filter"));
    var status = form.querySelector("[data-bj-count]");
    if (!table) return;
    function apply() {
      var fields = Array.prototype.slice.call(form.querySelectorAll("[data-bj-field]"));
      var shown = 0;
      Array.prototype.slice.call(table.tBodies[0].rows).forEach(function (row) {
        var visible = fields.every(function (field) {
          var value = field.value.trim().toLocaleLowerCase("nl");
          if (!value) return true;
          var name = field.getAttribute("data-bj-field");
          if (name === "text") return row.textContent.toLocaleLowerCase("nl").indexOf(value) !== -1;
          return (row.getAttribute("data-" + name) || "").toLocaleLowerCase("nl") === value;
        });
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (status) status.textContent = shown + " van " + table.tBodies[0].rows.length + " adviezen getoond.";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  // On a narrow screen the CSS shows each table row as a card: every cell gets the name of its
  // column (data-bj-label), and explicit table roles keep the table for assistive technology
  // when the CSS changes how the cells are displayed.
  function labelCells(table) {
    if (table.hasAttribute("data-bj-stacked")) return;
    var headers = [];
    Array.prototype.slice.call(table.querySelectorAll("thead th")).forEach(function (th) {
      var span = th.colSpan || 1;
      for (var i = 0; i < span; i += 1) headers.push(th.textContent.trim());
    });
    if (!headers.length) return;
    table.setAttribute("role", "table");
    Array.prototype.slice.call(table.rows).forEach(function (row) {
      row.setAttribute("role", "row");
      var column = 0;
      Array.prototype.slice.call(row.cells).forEach(function (cell) {
        var inHead = row.parentNode && row.parentNode.tagName === "THEAD";
        if (inHead) cell.setAttribute("role", "columnheader");
        else if (cell.tagName === "TH") cell.setAttribute("role", "rowheader");
        else cell.setAttribute("role", "cell");
        if (!inHead && cell.tagName === "TD" && headers[column] && (cell.colSpan || 1) === 1) {
          cell.setAttribute("data-bj-label", headers[column]);
        }
        column += cell.colSpan || 1;
      });
    });
    Array.prototype.slice.call(table.querySelectorAll("thead, tbody, tfoot")).forEach(function (group) {
      group.setAttribute("role", "rowgroup");
    });
    table.setAttribute("data-bj-stacked", "");
  }

  function setUp() {
    var root = document;
    setUpCharts(root);
    Array.prototype.slice.call(root.querySelectorAll("table.bj-data")).forEach(labelCells);
    Array.prototype.slice.call(root.querySelectorAll("table[data-bj-sort]")).forEach(makeSortable);
    Array.prototype.slice.call(root.querySelectorAll("form[data-bj-filter]")).forEach(setUpFilter);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
