// The dashboard's charts: each <canvas data-chart="{...}"> is drawn from the JSON in that
// attribute (data, not code: nothing the CSP must allow). The table under each chart says the
// same for screen readers and without JavaScript.
(function () {
  "use strict";
  if (typeof Chart === "undefined") {
    return;
  }
  var palette = ["#0b5d3b", "#f0a202", "#2b6cb0", "#c0392b", "#6b46c1", "#2f855a", "#718096", "#d53f8c"];

  function draw(canvas) {
    var spec = JSON.parse(canvas.dataset.chart);
    var horizontal = spec.type === "hbar";
    var type = horizontal ? "bar" : spec.type;
    var round = type === "doughnut";
    var datasets = spec.datasets.map(function (dataset, index) {
      var colour = palette[index % palette.length];
      return {
        label: dataset.label,
        data: dataset.data,
        backgroundColor: round ? palette : colour,
        borderColor: round ? "#fff" : colour,
        tension: 0.2,
        fill: false
      };
    });
    if (round) {
      // A doughnut shows one series: the first.
      datasets = datasets.slice(0, 1);
    }
    new Chart(canvas, {
      type: type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: round || datasets.length > 1, position: "bottom" } },
        scales: round ? {} : {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
  }

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
