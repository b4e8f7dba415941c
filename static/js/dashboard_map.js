// The dashboard's kecamatan coverage map: the boundaries come from the GeoJSON at
// data-geojson (same origin), the figures from the JSON in data-coverage (data, not code: nothing
// the CSP must allow). No tile layer: the kecamatan shapes are the map, so it draws without
// internet. The coverage table beside it says the same for screen readers and keyboards.
(function () {
  "use strict";
  if (typeof L === "undefined") {
    return;
  }

  // Kept in step with the legend's swatches in portal.css ("Dashboard map").
  var COLOURS = { none: "#e8590c", one: "#74c69d", many: "#1b6e45", outside: "#ced4da" };
  var BORDER = "#ffffff";
  var SELECTED_BORDER = "#212529";

  function colourFor(figures) {
    if (!figures) {
      return COLOURS.outside;
    }
    if (figures.institutions === 0) {
      return COLOURS.none;
    }
    return figures.institutions === 1 ? COLOURS.one : COLOURS.many;
  }

  // DOM nodes, not HTML strings: names come from the database.
  function tooltipContent(element, name, figures) {
    var content = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = name;
    content.appendChild(title);
    function line(text) {
      var div = document.createElement("div");
      div.textContent = text;
      content.appendChild(div);
    }
    if (!figures) {
      line(element.dataset.labelOutside);
      return content;
    }
    line(element.dataset.labelInstitutions + ": " + figures.institutions);
    line(element.dataset.labelMissing + ": " + (figures.missing.join(", ") || "–"));
    return content;
  }

  // The dashboard filtered by the kecamatan, keeping the other filters.
  function filteredUrl(code) {
    var query = new URLSearchParams(window.location.search);
    query.set("kecamatan", code);
    query.delete("halaman");
    return window.location.pathname + "?" + query.toString() + "#cakupan";
  }

  function draw(element, boundaries) {
    var coverage = JSON.parse(element.dataset.coverage);
    var selected = new URLSearchParams(window.location.search).get("kecamatan");
    var body = element.closest("[data-map-body]");
    // Leaflet measures its container, so it must be visible first.
    body.hidden = false;

    var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25 });
    map.attributionControl.addAttribution(element.dataset.attribution);
    var selectedLayer = null;
    var shapes = L.geoJSON(boundaries, {
      style: function (feature) {
        var isSelected = feature.properties.code === selected;
        return {
          color: isSelected ? SELECTED_BORDER : BORDER,
          weight: isSelected ? 3 : 1,
          fillColor: colourFor(coverage[feature.properties.code]),
          fillOpacity: 0.85
        };
      },
      onEachFeature: function (feature, layer) {
        var code = feature.properties.code;
        var figures = coverage[code];
        layer.bindTooltip(tooltipContent(element, feature.properties.name, figures), { sticky: true });
        layer.on("click", function () {
          window.location.assign(filteredUrl(code));
        });
        if (code === selected) {
          selectedLayer = layer;
        }
      }
    });
    // The view first: Leaflet draws the shapes only on a map that has one.
    map.fitBounds(shapes.getBounds(), { padding: [8, 8] });
    shapes.addTo(map);
    // The shapes by code, for whoever needs to find one (the browser tests).
    shapes.eachLayer(function (layer) {
      layer.getElement().setAttribute("data-code", layer.feature.properties.code);
    });
    if (selectedLayer) {
      // Drawn last, so that no neighbour covers its outline.
      selectedLayer.bringToFront();
    }
  }

  function failed(element) {
    var notice = element.closest(".card-body").querySelector("[data-map-failed]");
    if (notice) {
      notice.hidden = false;
    }
  }

  var element = document.getElementById("peta-cakupan");
  if (!element) {
    return;
  }
  fetch(element.dataset.geojson, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(
      function (boundaries) {
        draw(element, boundaries);
      },
      // Only a failed download: an error while drawing stays in the console.
      function () {
        failed(element);
      }
    );
})();
