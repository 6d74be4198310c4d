// Selection bar of the people lists (participants/_bulk_bar.html); no inline scripts (CSP).
(function () {
  var form = document.querySelector("form[data-bulk]");
  if (!form) return;
  var items = function () { return document.querySelectorAll("input[data-bulk-item]"); };
  var pageBox = document.querySelector("input[data-bulk-page]");
  var allMatching = form.querySelector("[data-bulk-all-matching]");
  var count = form.querySelector("[data-bulk-count]");
  var action = form.querySelector("[data-bulk-action]");

  function refresh() {
    var ticked = 0;
    items().forEach(function (box) { if (box.checked) ticked += 1; });
    count.textContent = allMatching.checked ? "Отмечены все по фильтру" : "Отмечено: " + ticked;
    if (pageBox) {
      pageBox.checked = ticked > 0 && ticked === items().length;
      pageBox.indeterminate = ticked > 0 && ticked < items().length;
    }
  }
  function showParams() {
    form.querySelectorAll("[data-bulk-param]").forEach(function (block) {
      var wanted = block.getAttribute("data-bulk-param").split(" ");
      block.classList.toggle("d-none", wanted.indexOf(action.value) === -1);
    });
  }
  if (pageBox) {
    pageBox.addEventListener("change", function () {
      items().forEach(function (box) { box.checked = pageBox.checked; });
      refresh();
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && (event.target.matches("input[data-bulk-item]") || event.target === allMatching)) refresh();
  });
  action.addEventListener("change", showParams);
  showParams();
  refresh();
})();
