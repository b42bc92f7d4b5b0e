// Network pages: the interactive graph (Cytoscape.js) and the "similar reports" slot.
// Both enhance pages that already work without JavaScript.
(function () {
  "use strict";

  var COLORS = {
    report: "#1f4e79", person: "#f0a830", phone: "#3aa655", email: "#4f7fd9",
    location: "#8e5bd0", vehicle: "#d9534f", organization: "#2aa7b3", online_account: "#d667a8"
  };

  function loadSimilar() {
    var slots = document.querySelectorAll(".net-similar-slot[data-src]");
    slots.forEach(function (slot) {
      fetch(slot.getAttribute("data-src"), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html) { slot.innerHTML = html; } })
        .catch(function () { /* the link stays */ });
    });
  }

  function filters() {
    var form = document.getElementById("network-filters");
    if (!form) { return null; }
    var kinds = Array.prototype.map.call(
      form.querySelectorAll("input[name=kind]:checked"), function (i) { return i.value; });
    return { form: form, kinds: kinds, start: form.start.value, end: form.end.value };
  }

  function applyFilters(cy) {
    var f = filters();
    if (!f) { return; }
    cy.batch(function () {
      cy.nodes("[kind = 'report']").forEach(function (n) {
        var d = n.data();
        var show = (!f.start || d.date >= f.start) && (!f.end || d.date <= f.end);
        n.style("display", show ? "element" : "none");
      });
      // An entity shows when its type is chosen and a report in the date range names it.
      cy.nodes("[kind != 'report']").forEach(function (n) {
        var named = n.neighborhood("node[kind = 'report']").some(function (r) {
          return r.style("display") !== "none";
        });
        n.style("display", f.kinds.indexOf(n.data("kind")) >= 0 && named ? "element" : "none");
      });
    });
  }

  function drawGraph() {
    var box = document.getElementById("network-graph");
    if (!box || typeof window.cytoscape !== "function") { return; }
    fetch(box.getAttribute("data-src"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        box.innerHTML = "";
        box.classList.add("net-live");
        var big = data.nodes.length > 400;
        var cy = window.cytoscape({
          container: box,
          elements: { nodes: data.nodes, edges: data.edges },
          wheelSensitivity: 0.3,
          style: [
            { selector: "node", style: {
              "background-color": function (n) { return COLORS[n.data("kind")] || "#888"; },
              "label": big ? "" : "data(label)", "font-size": 8, "color": "#222",
              "width": function (n) { return n.data("kind") === "report" ? 10 : 8 + Math.min(n.data("degree") || 1, 20); },
              "height": function (n) { return n.data("kind") === "report" ? 10 : 8 + Math.min(n.data("degree") || 1, 20); },
              "shape": function (n) { return n.data("kind") === "report" ? "round-rectangle" : "ellipse"; }
            } },
            { selector: "node[?broker]", style: { "border-width": 4, "border-color": "#c0392b" } },
            { selector: "edge", style: { "width": 1, "line-color": "#b8c2cc" } },
            { selector: "node:selected", style: { "border-width": 3, "border-color": "#000" } }
          ],
          layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 6000, numIter: big ? 300 : 1000 }
        });
        cy.on("tap", "node", function (evt) {
          var href = evt.target.data("href");
          if (href) { window.location.assign(href); }
        });
        window.enlaceNetwork = cy;
        var f = filters();
        if (f) {
          f.form.addEventListener("change", function () { applyFilters(cy); });
          applyFilters(cy);
        }
        box.setAttribute("data-nodes", String(cy.nodes().length));
        box.setAttribute("data-ready", "1");
      })
      .catch(function () { /* tables remain */ });
  }

  document.addEventListener("DOMContentLoaded", function () {
    loadSimilar();
    drawGraph();
  });
}());
