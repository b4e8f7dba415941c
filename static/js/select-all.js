// "Select all" checkboxes of the manager's lists: <input type="checkbox" data-select-all="name">
// ticks every checkbox called "name" in the same form. Hidden until this script runs, since
// without it each row is ticked by hand.
(function () {
  "use strict";

  document.querySelectorAll("input[data-select-all]").forEach(function (master) {
    var boxes = master.form.querySelectorAll(
      'input[type="checkbox"][name="' + master.dataset.selectAll + '"]'
    );
    master.hidden = false;
    master.addEventListener("change", function () {
      boxes.forEach(function (box) {
        box.checked = master.checked;
      });
    });
    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var ticked = Array.prototype.filter.call(boxes, function (b) { return b.checked; });
        master.checked = ticked.length === boxes.length;
        master.indeterminate = ticked.length > 0 && ticked.length < boxes.length;
      });
    });
  });
})();
