// Behaviour shared by every page; no inline scripts anywhere (Content-Security-Policy).
document.addEventListener("submit", function (event) {
  // <form data-confirm="Вопрос?"> asks before an irreversible action.
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// A table wider than a phone scrolls sideways: keyboard users must be able to focus the scrolling box
// to scroll it (WCAG 2.1.1; axe «scrollable-region-focusable»).
function focusableScrollers(root) {
  (root || document).querySelectorAll(".table-responsive").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute("tabindex", "0");
    } else {
      box.removeAttribute("tabindex");
    }
  });
}
document.addEventListener("DOMContentLoaded", function () {
  focusableScrollers();
});
window.addEventListener("resize", function () {
  focusableScrollers();
});
document.addEventListener("htmx:afterSwap", function (event) {
  focusableScrollers(event.target);
});
