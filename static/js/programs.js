// Enhancements for the program pages. Every page works without them: the filter panel opens
// and closes by itself, and the share link can be copied by hand.
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
})();
