/* bejegening: progressive enhancement of the public site.
 *
 * Everything works without this script: charts are static SVG images with a caption and a data
 * table, tables are plain HTML tables. With JavaScript:
 *  - charts become interactive (tooltips) with the self-hosted Vega bundle, loaded only on pages
 *    that have a chart;
 *  - tables marked data-bj-sort get sort buttons in their column headers;
 *  - the recommendations tracker gets its filter form.
 * mkdocs-material's instant navigation swaps page content without reloading scripts, so the page
 * set-up runs on every `document$` emission (or once on DOMContentLoaded without material).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var base = script ? new URL(".", script.src) : new URL("assets/bejegening/", document.baseURI);
  var vegaPromise = null;

  function loadVega() {
    if (window.vegaEmbed) return Promise.resolve(window.vegaEmbed);
    if (vegaPromise) return vegaPromise;
    vegaPromise = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = new URL("vega.js", base).href;
      tag.onload = function () {
        if (window.vegaEmbed) resolve(window.vegaEmbed);
        else reject(new Error("vegaEmbed ontbreekt in vega.js"));
      };
      tag.onerror = function () {
        vegaPromise = null;
        reject(new Error("vega.js kon niet geladen worden"));
      };
      document.head.appendChild(tag);
    });
    return vegaPromise;
  }

  function enhanceChart(figure, vegaEmbed) {
    var specUrl = figure.getAttribute("data-bj-spec");
    var image = figure.querySelector(".bj-chart__static");
    return fetch(new URL(specUrl, document.baseURI))
      .then(function (response) {
        if (!response.ok) throw new Error("grafiek " + specUrl + ": HTTP " + response.status);
        return response.json();
      })
      .then(function (spec) {
        var view = document.createElement("div");
        view.className = "bj-chart__view";
        figure.insertBefore(view, image);
        return vegaEmbed(view, spec, { actions: false, renderer: "svg" }).then(function (result) {
          var svg = view.querySelector("svg");
          if (svg && image) {
            // The interactive chart has the same text alternative as the static image.
            svg.setAttribute("role", "img");
            svg.setAttribute("aria-label", image.getAttribute("alt") || "");
          }
          if (image) image.hidden = true;
          figure.setAttribute("data-bj-rendered", "interactive");
          return result;
        });
      });
  }

  function setUpCharts(root) {
    var figures = Array.prototype.slice.call(
      root.querySelectorAll("figure.bj-chart[data-bj-spec]:not([data-bj-rendered])")
    );
    if (!figures.length || typeof window.fetch !== "function") return;
    loadVega()
      .then(function (vegaEmbed) {
        figures.forEach(function (figure) {
          figure.setAttribute("data-bj-rendered", "pending");
          enhanceChart(figure, vegaEmbed).catch(function (error) {
            figure.setAttribute("data-bj-rendered", "static");
            console.warn(error);
          });
        });
      })
      .catch(function (error) {
        figures.forEach(function (figure) { figure.setAttribute("data-bj-rendered", "static"); });
        console.warn(error);
      });
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

  function setUp() {
    var root = document;
    setUpCharts(root);
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
