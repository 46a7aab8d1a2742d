// Basins coloured by the project's score; the ranked list in the page carries the scores.
(function () {
  "use strict";
  var container = document.getElementById("basin-map");
  if (!container || typeof L === "undefined") { return; }

  var scores = {};
  var values = [];
  document.querySelectorAll("#ranked-basins li").forEach(function (item) {
    var score = parseFloat(item.dataset.score);
    scores[item.dataset.code] = { score: score, rank: item.dataset.rank, name: item.dataset.name, label: item.dataset.label };
    values.push(score);
  });
  // A page may fix the low end of the scale (data-low), e.g. 0 jobs, so that equal values are not all dark.
  var fixedLow = container.dataset.low;
  var low = fixedLow !== undefined ? parseFloat(fixedLow) : Math.min.apply(null, values);
  var high = Math.max.apply(null, values);

  // From pale yellow (low) to dark blue (high); basins without a score stay grey.
  function colour(score) {
    if (score === undefined) { return "#cccccc"; }
    var t = high > low ? (score - low) / (high - low) : (fixedLow !== undefined ? 0 : 1);
    var from = [255, 237, 160], to = [8, 48, 107];
    var mix = from.map(function (c, i) { return Math.round(c + (to[i] - c) * t); });
    return "rgb(" + mix.join(",") + ")";
  }

  var map = L.map(container, { zoomSnap: 0.25, attributionControl: true });
  map.attributionControl.setPrefix("Leaflet").addAttribution("Contours : INSEE, zones d'emploi 2020 (simplifiés)");

  fetch(container.dataset.outlines, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error("contours indisponibles (" + response.status + ")"); }
      return response.json();
    })
    .then(function (outlines) {
      var layer = L.geoJSON(outlines, {
        style: function (feature) {
          var entry = scores[feature.properties.ze2020_code];
          return { color: "#555", weight: 1, fillOpacity: 0.8, fillColor: colour(entry && entry.score) };
        },
        onEachFeature: function (feature, shape) {
          var code = feature.properties.ze2020_code;
          var entry = scores[code];
          var detail = entry && (entry.label || "rang " + entry.rank + ", score " + entry.score.toFixed(3));
          var label = feature.properties.name + (detail ? " — " + detail : "");
          shape.bindTooltip(label, { sticky: true });
          shape.on("click", function () { window.location.href = container.dataset.cvBase + encodeURIComponent(code); });
        }
      }).addTo(map);
      map.fitBounds(layer.getBounds());
      container.dataset.ready = "true";
    })
    .catch(function (error) {
      container.textContent = "La carte n'a pas pu être chargée : " + error.message;
      container.dataset.ready = "error";
    });
})();
