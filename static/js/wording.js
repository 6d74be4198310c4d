// The wording editor of orders: a click on a placeholder inserts it where the cursor is (CSP: a file, no inline script).
(function () {
  var lastField = null;
  document.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-wording-form] textarea, [data-wording-form] input[type=text]")) {
      lastField = el;
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-insert-placeholder]");
    if (!button) return;
    var field = lastField || document.querySelector("[data-wording-form] textarea");
    if (!field) return;
    var text = button.getAttribute("data-insert-placeholder");
    var start = field.selectionStart != null ? field.selectionStart : field.value.length;
    var end = field.selectionEnd != null ? field.selectionEnd : start;
    field.value = field.value.slice(0, start) + text + field.value.slice(end);
    field.focus();
    field.selectionStart = field.selectionEnd = start + text.length;
    field.dispatchEvent(new Event("input", { bubbles: true })); // the live preview follows
  });
})();
