// Narrow screens: the header menu folds behind a "Menu" button (style.css hides it only once this script ran).
(function () {
  "use strict";
  var header = document.querySelector("body > header");
  var button = header && header.querySelector(".menu-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) { return; }
  button.hidden = false;
  header.classList.add("menu-ready");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      button.setAttribute("aria-expanded", "false");
      header.classList.remove("menu-open");
      button.focus();
    }
  });
})();
