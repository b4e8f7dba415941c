// The dashboard's charts: each <canvas data-chart="{...}"> is drawn from the JSON in that
// attribute (data, not code: nothing the CSP must allow). The table under each chart says the
// same for screen readers and without JavaScript.
//
// Numbers are written in the page's language (<html lang>): "1.505" and "77,7%" in
// Indonesian, "1,505" and "77.7%" in English; Rupiah always the Indonesian way, as the
// server writes it. Rates ("percent") sit on a 0–100% axis, their counts in the tooltip.
// Horizontal bars ("hbar") show every category, labels wrapped, and grow with their rows.
// A year not yet held ("planned") is drawn hollow and dashed.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var palette = ["#0b5d3b", "#f0a202", "#2b6cb0", "#c0392b", "#6b46c1", "#2f855a", "#718096", "#d53f8c"];
  var locale = document.documentElement.lang || "id";
  var counts = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  var percents = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var rupiahs = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 });
  var LABEL_LINE = 28; // characters on one line of a category label
  var ROW_HEIGHT = 16; // pixels per bar of a horizontal bar chart
  var LINE_HEIGHT = 14; // pixels per line of a category label
  var ROW_GAP = 8; // pixels between two categories

  function rupiah(value) {
    return "Rp " + rupiahs.format(value);
  }

  function shown(value, money, percent) {
    if (value === null || value === undefined) {
      return "–";
    }
    if (money) {
      return rupiah(value);
    }
    return percent ? percents.format(value) + "%" : counts.format(value);
  }

  // A long label as lines of at most LABEL_LINE characters, cut between words.
  function wrap(label) {
    var lines = [];
    var line = "";
    String(label).split(" ").forEach(function (word) {
      if (line && (line + " " + word).length > LABEL_LINE) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + " " + word : word;
      }
    });
    lines.push(line);
    return lines.length > 1 ? lines : lines[0];
  }

  function faded(colour) {
    return colour + "33";
  }

  function draw(canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    var horizontal = spec.type === "hbar";
    var type = horizontal ? "bar" : spec.type;
    var round = type === "doughnut";
    var planned = spec.planned || [];
    var mixed = spec.datasets.some(function (d) { return d.money; }) &&
      spec.datasets.some(function (d) { return !d.money; });
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = palette[index % palette.length];
      var drawn = {
        label: dataset.label,
        data: dataset.data,
        money: dataset.money,
        backgroundColor: round ? palette : colour,
        borderColor: round ? "#fff" : colour,
        tension: 0.2,
        fill: false
      };
      if (!round && mixed && dataset.money) {
        drawn.yAxisID = "money";
      }
      if (planned.length && type === "bar") {
        drawn.backgroundColor = spec.labels.map(function (_label, row) {
          return planned[row] ? faded(colour) : colour;
        });
        drawn.borderWidth = 1.5;
      }
      if (planned.length && type === "line") {
        drawn.pointBackgroundColor = spec.labels.map(function (_label, row) {
          return planned[row] ? "#fff" : colour;
        });
        drawn.pointRadius = 4;
        drawn.segment = {
          borderDash: function (context) {
            return planned[context.p1DataIndex] ? [6, 4] : undefined;
          }
        };
      }
      return drawn;
    });
    if (round) {
      // A doughnut shows one series: the first.
      datasets = datasets.slice(0, 1);
    }

    function tick(value) {
      if (spec.percent) {
        return counts.format(value) + "%";
      }
      return shown(value, !mixed && spec.datasets.every(function (d) { return d.money; }), false);
    }
    var values = { beginAtZero: true, ticks: { precision: 0, callback: tick } };
    if (spec.percent) {
      values.min = 0;
      values.max = 100;
      values.ticks = { stepSize: 20, callback: tick };
    }
    var categories = {
      ticks: {
        autoSkip: false,
        callback: function (value, index) {
          var label = spec.labels[index];
          return horizontal ? wrap(label) : label;
        }
      }
    };
    var scales = {};
    if (!round) {
      scales[horizontal ? "x" : "y"] = values;
      scales[horizontal ? "y" : "x"] = categories;
      if (mixed) {
        scales.money = {
          axis: horizontal ? "x" : "y",
          position: horizontal ? "top" : "right",
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { callback: rupiah }
        };
      }
    }

    if (horizontal) {
      // Room for every bar and its wrapped label: the box grows with the rows (a height set
      // through the CSSOM, which the CSP allows, unlike a style attribute).
      var height = spec.labels.reduce(function (total, label) {
        var wrapped = wrap(label);
        var lines = Array.isArray(wrapped) ? wrapped.length : 1;
        return total + Math.max(lines * LINE_HEIGHT, datasets.length * ROW_HEIGHT) + ROW_GAP;
      }, 0);
      canvas.parentNode.style.height = Math.max(160, height + 70) + "px";
    }

    new Chart(canvas, {
      type: type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: locale,
        plugins: {
          legend: { display: round || datasets.length > 1, position: "bottom" },
          tooltip: {
            callbacks: {
              title: function (items) {
                return items.length ? spec.labels[items[0].dataIndex] : "";
              },
              label: function (context) {
                var text = shown(context.raw, context.dataset.money, spec.percent);
                if (spec.details) {
                  text += " · " + spec.details[context.dataIndex];
                }
                return datasets.length > 1 || round ? context.dataset.label + ": " + text : text;
              }
            }
          }
        },
        scales: scales
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
