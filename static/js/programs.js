// Enhancements for the program pages. Every page works without them: the filter panel opens
// and closes by itself, the share link can be copied by hand, and the desa list is grouped
// by kecamatan.
(function () {
  "use strict";

  // Wide screens have room for the filters, so show them from the start.
  var panel = document.querySelector("details[data-open-on-wide-screens]");
  if (panel && window.matchMedia("(min-width: 992px)").matches) {
    panel.open = true;
  }

  // "Copy link" buttons appear only where the browser can copy.
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var input = document.getElementById(button.dataset.copyTarget);
    if (!input || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        button.querySelector("span").textContent = button.dataset.copiedText;
      });
    });
  });

  // The application form: offer only the desa of the chosen kecamatan.
  var district = document.getElementById("id_district");
  var village = document.getElementById("id_village");
  if (!district || !village) {
    return;
  }
  var placeholder = village.querySelector("option[value='']");
  var groups = Array.prototype.slice.call(village.querySelectorAll("optgroup"));

  function showVillagesOfDistrict() {
    var chosenDistrict = district.value ? district.options[district.selectedIndex].text : null;
    var chosenVillage = village.value;
    var shown = groups.filter(function (group) {
      return !chosenDistrict || group.label === chosenDistrict;
    });
    village.replaceChildren.apply(village, [placeholder].concat(shown));
    village.value = chosenVillage;
    if (village.selectedIndex < 0) {
      village.value = "";
    }
  }

  district.addEventListener("change", showVillagesOfDistrict);
  showVillagesOfDistrict();
})();
