// A background job's progress bar (the participant import, the dashboard's export): polls the
// job's progress JSON and reloads the page (which then shows the result) once the job is
// finished. Without JavaScript the page offers a reload link instead.
//
// The page marks a section with data-progress-url; its id (say "import-progress") names the
// elements inside: "<id>-bar" (a <progress>), "<id>-label" and, optionally, "<id>-text" for
// the rows counted so far.
(function () {
  "use strict";
  var section = document.querySelector("[data-progress-url]");
  if (!section) {
    return;
  }
  var bar = document.getElementById(section.id + "-bar");
  var label = document.getElementById(section.id + "-label");
  var text = document.getElementById(section.id + "-text");
  var url = section.getAttribute("data-progress-url");
  var delay = 1500;

  function show(progress) {
    bar.value = progress.percent;
    bar.setAttribute("aria-valuenow", String(progress.percent));
    bar.textContent = progress.percent + "%";
    label.textContent = progress.status_label + "…";
    if (text && progress.total) {
      text.textContent = progress.processed + " / " + progress.total;
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (progress) {
        show(progress);
        if (progress.done) {
          window.location.assign(progress.url);
        } else {
          window.setTimeout(poll, delay);
        }
      })
      .catch(function () {
        // A network hiccup: try again a little later; the reload link stays there.
        window.setTimeout(poll, delay * 4);
      });
  }

  window.setTimeout(poll, delay);
})();
