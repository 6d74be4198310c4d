// Monitoring charts: each <canvas data-chart="id"> reads its data from the JSON that Django's
// json_script put beside it (data, not script — allowed by the Content-Security-Policy).
(function () {
  "use strict";
  var PALETTE = ["#0d6efd", "#198754", "#ffc107", "#dc3545", "#6f42c1", "#20c997", "#fd7e14", "#6c757d", "#0dcaf0", "#d63384"];

  function render(canvas) {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var kind = canvas.getAttribute("data-kind") || "bar";
    var datasets;
    if (data.series) {
      datasets = data.series.map(function (s, i) {
        return { label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] };
      });
    } else {
      datasets = [{
        label: data.title,
        data: data.values,
        backgroundColor: kind === "bar" ? PALETTE[0] : PALETTE.slice(0, data.values.length)
      }];
    }
    new window.Chart(canvas, {
      type: kind,
      data: { labels: data.labels, datasets: datasets },
      options: {
        animation: false,
        responsive: true,
        aspectRatio: kind === "doughnut" ? 1.6 : 2,
        plugins: { legend: { display: Boolean(data.series) || kind === "doughnut", position: "bottom" } },
        scales: kind === "bar" ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : {}
      }
    });
    canvas.setAttribute("data-rendered", "1");
  }

  function renderAll(root) {
    var canvases = (root || document).querySelectorAll("canvas[data-chart]");
    Array.prototype.forEach.call(canvases, render);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { renderAll(document); });
  } else {
    renderAll(document);
  }
})();
