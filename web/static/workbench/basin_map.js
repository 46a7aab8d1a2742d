// The SVG basin map: a focused or hovered basin is described under the map and highlighted in the ranking.
(function () {
  "use strict";
  var details = document.getElementById("map-details");
  var shapes = document.querySelectorAll(".svg-map a.basin-shape");
  if (!details || !shapes.length) { return; }

  function show(shape) {
    details.textContent = shape.getAttribute("aria-label") + " — Entrée : ouvrir son CV de territoire.";
    document.querySelectorAll("#ranked-basins tr.current").forEach(function (row) { row.classList.remove("current"); });
    var row = document.querySelector("#ranked-basins tr[data-code='" + shape.dataset.code + "']");
    if (row) {
      row.classList.add("current");
      row.scrollIntoView({ block: "nearest" });
    }
  }
  shapes.forEach(function (shape) {
    shape.addEventListener("focus", function () { show(shape); });
    shape.addEventListener("mouseenter", function () { show(shape); });
  });
})();
