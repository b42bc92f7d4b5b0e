/* Intake: progressive enhancements only; every form works without this file. */
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  /* Operator console: send the narrative (debounced) to the analysis endpoint, show the results. */
  function liveAnalysis() {
    var slot = document.getElementById("live-analysis");
    var text = document.querySelector("textarea[data-analyze]");
    if (!slot || !text || !window.fetch) return;
    var list = slot.querySelector("[data-results]");
    var empty = slot.querySelector("[data-empty]");
    var langSelect = document.getElementById("caller_language");
    var seq = 0;
    function show(data) {
      list.textContent = "";
      var items = [];
      (data.entities || []).forEach(function (e) { items.push([e.kind || "", e.text || ""]); });
      (data.indicators || []).forEach(function (i) { items.push(["indicator", i.label || i.code || ""]); });
      items.forEach(function (pair) {
        var li = document.createElement("li");
        var tag = document.createElement("span");
        tag.className = "tag ent-" + pair[0];
        tag.textContent = pair[0];
        li.appendChild(tag);
        li.appendChild(document.createTextNode(" " + pair[1]));
        list.appendChild(li);
      });
      if (empty) empty.hidden = items.length > 0;
      slot.setAttribute("data-count", String(items.length));
    }
    var run = debounce(function () {
      var mine = ++seq;
      fetch(slot.getAttribute("data-endpoint"), {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": slot.getAttribute("data-csrf") },
        body: JSON.stringify({ text: text.value, lang: (langSelect && langSelect.value) || document.documentElement.lang })
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === seq) show(data); })
        .catch(function () { /* the console keeps working without live results */ });
    }, 400);
    text.addEventListener("input", run);
  }

  /* Quick report: fill the coordinates from the browser when the reporter allows it. */
  function locate() {
    var button = document.getElementById("use-location");
    if (!button || !navigator.geolocation) return;
    button.hidden = false;
    var status = document.getElementById("location-status");
    button.addEventListener("click", function () {
      if (status) status.textContent = button.getAttribute("data-waiting");
      navigator.geolocation.getCurrentPosition(function (pos) {
        document.getElementById("latitude").value = pos.coords.latitude.toFixed(6);
        document.getElementById("longitude").value = pos.coords.longitude.toFixed(6);
        if (status) status.textContent = button.getAttribute("data-done");
      }, function () {
        if (status) status.textContent = button.getAttribute("data-failed");
      }, { enableHighAccuracy: true, timeout: 10000 });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    liveAnalysis();
    locate();
  });
})();
