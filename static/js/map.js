// Leaflet maps of BLKK locations: every element with data-map="<id of a json_script>".
// Markers come from the page, tiles (data-tiles, settings.MAP_TILES_URL) from the tile server in
// the visitor's browser. Without tiles, or when they cannot load, the markers still show on a
// blank map, and the page's list stays beside it.
(function () {
  "use strict";

  var ATTRIBUTION = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';
  var SINGLE_MARKER_ZOOM = 15;

  // Built from the element's data attributes rather than Leaflet's default icon, whose image
  // path is guessed from the stylesheet and breaks once static files get hashed names.
  function markerIcon(element) {
    return L.icon({
      iconUrl: element.dataset.iconUrl,
      iconRetinaUrl: element.dataset.iconRetinaUrl,
      shadowUrl: element.dataset.shadowUrl,
      iconSize: [25, 41],
      iconAnchor: [12, 41],
      popupAnchor: [1, -34],
      shadowSize: [41, 41],
    });
  }

  // DOM nodes, not HTML strings: names come from the database.
  function popupContent(place, districtLabel) {
    var content = document.createElement("div");
    var link = document.createElement("a");
    link.href = place.url;
    link.textContent = place.name;
    link.className = "fw-semibold";
    content.append(link);
    // The secretariat's marker may have no kecamatan recorded.
    if (place.kecamatan) {
      var district = document.createElement("div");
      district.className = "small text-body-secondary";
      district.textContent = districtLabel + " " + place.kecamatan;
      content.append(district);
    }
    return content;
  }

  function showTilesFailed(figure) {
    var notice = figure.querySelector("[data-tiles-failed]");
    if (notice) {
      notice.hidden = false;
    }
  }

  function drawMap(element) {
    var places = JSON.parse(document.getElementById(element.dataset.map).textContent);
    var figure = element.closest("[data-map-figure]");
    // Leaflet measures its container, so it must be visible first.
    figure.hidden = false;

    var map = L.map(element, { scrollWheelZoom: false });
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: ATTRIBUTION })
        .once("tileerror", function () {
          showTilesFailed(figure);
        })
        .addTo(map);
    }

    var icon = markerIcon(element);
    var markers = places.map(function (place) {
      return L.marker([place.lat, place.lon], {
        icon: icon,
        title: place.name,
        alt: place.name,
        riseOnHover: true,
        // Not a tab stop: thirty markers a few pixels apart make targets no finger or key
        // user can tell apart (WCAG 2.5.8), and the list beside the map links every BLKK.
        keyboard: false,
      }).bindPopup(popupContent(place, element.dataset.districtLabel));
    });
    var group = L.featureGroup(markers).addTo(map);
    if (markers.length === 1) {
      map.setView(markers[0].getLatLng(), SINGLE_MARKER_ZOOM);
    } else {
      map.fitBounds(group.getBounds(), { padding: [24, 24] });
    }
  }

  if (typeof L === "undefined") {
    return;
  }
  document.querySelectorAll("[data-map]").forEach(drawMap);
})();
