// A form that comes back with errors (or with values to confirm) takes the focus to its summary, so keyboard
// and screen-reader users hear it first; the summary's links focus the field they name (an anchor only scrolls).
(function () {
  const summary = document.getElementById("error-summary") || document.getElementById("proposals");
  if (summary) summary.focus();
  document.querySelectorAll("#error-summary a[href^='#']").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      field.focus();
      field.scrollIntoView({block: "center"});
    });
  });
})();
