// A form that came back with errors opens on its error summary: it is scrolled to the top of
// the screen and focused, so screen readers read it and a phone shows it even when the field at
// fault lies far below. The links inside move to their fields without any script.
(function () {
  "use strict";

  var summary = document.querySelector("[data-error-summary]");
  if (!summary) {
    return;
  }
  // At once: Bootstrap makes scrolling smooth, which would leave the summary half-way.
  summary.scrollIntoView({ block: "start", behavior: "instant" });
  summary.focus({ preventScroll: true });
})();
