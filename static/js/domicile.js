// The domicile fields (institutions.forms.DomicileFormMixin): kabupaten/kota, then its
// kecamatan, then (in Kabupaten Tangerang) the desa. Without this script the form works with
// its "show" button, which posts the form back to list the kecamatan and desa of a new choice;
// with it, the lists follow each choice, fetched once per kabupaten/kota as JSON.
(function () {
  "use strict";

  var box = document.querySelector("[data-districts-url]");
  if (!box || !window.fetch) {
    return;
  }
  var regency = box.querySelector("select[name$='regency']");
  var district = box.querySelector("select[name$='district']");
  var village = box.querySelector("select[name$='village']");
  var refresh = box.querySelector("[data-region-refresh]");
  if (!regency || !district || !village || !refresh) {
    return;
  }
  var villageField = document.getElementById("div_" + village.id) || village.parentNode;
  var districtPlaceholder = district.querySelector("option[value='']").textContent;
  var answers = {};

  // Out of the way, so that Enter in a text field sends the form instead of refreshing it.
  var refreshPlace = refresh.nextSibling;
  refresh.remove();

  function districtsOf(code) {
    if (!answers[code]) {
      var url = box.dataset.districtsUrl + "?kabupaten=" + encodeURIComponent(code);
      answers[code] = fetch(url, { headers: { Accept: "application/json" } }).then(
        function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.json();
        }
      );
      answers[code].catch(function () {
        delete answers[code];
      });
    }
    return answers[code];
  }

  function fill(select, placeholder, items) {
    var chosen = select.value;
    var options = [new Option(placeholder, "")].concat(
      items.map(function (item) {
        return new Option(item.name, item.id);
      })
    );
    select.replaceChildren.apply(select, options);
    select.value = chosen;
    if (select.selectedIndex < 0) {
      select.value = "";
    }
  }

  function showVillages(districts) {
    var chosen = districts.find(function (item) {
      return String(item.id) === district.value;
    });
    // Desa are recorded for Kabupaten Tangerang only: elsewhere none is asked.
    var asked = districts.some(function (item) {
      return item.villages.length > 0;
    });
    villageField.classList.toggle("d-none", !asked);
    fill(
      village,
      chosen ? box.dataset.villagePlaceholder : box.dataset.districtFirst,
      chosen ? chosen.villages : []
    );
  }

  // If the lists cannot be fetched, the button does their work again.
  function fallBack() {
    if (!refresh.isConnected) {
      box.insertBefore(refresh, refreshPlace);
    }
  }

  regency.addEventListener("change", function () {
    fill(district, districtPlaceholder, []);
    fill(village, box.dataset.districtFirst, []);
    var code = regency.value;
    if (!code) {
      return;
    }
    districtsOf(code)
      .then(function (answer) {
        // A slower answer for a kabupaten/kota chosen before is not shown.
        if (regency.value === code) {
          fill(district, districtPlaceholder, answer.districts);
          showVillages(answer.districts);
        }
      })
      .catch(fallBack);
  });

  district.addEventListener("change", function () {
    if (!regency.value) {
      return;
    }
    districtsOf(regency.value)
      .then(function (answer) {
        showVillages(answer.districts);
      })
      .catch(fallBack);
  });
})();
