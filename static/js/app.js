// Behaviour shared by every page; no inline scripts anywhere (Content-Security-Policy).
document.addEventListener("submit", function (event) {
  // <form data-confirm="Вопрос?"> asks before an irreversible action.
  var form = event.target;
  var question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
