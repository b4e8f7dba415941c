// Enhancements for the program pages. Every page works without them: the share link can be
// copied by hand.
(function () {
  "use strict";

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
