// The main menu (base.html) is an open <details>, so it works without JavaScript.
// On a narrow screen this closes it behind its menu button; on a wide one it stays
// open. A group's list closes on Escape (focus back on its summary) and on a
// click outside it.
(function () {
  var menu = document.querySelector("[data-km-menu]");
  if (!menu) return;
  var narrow = window.matchMedia("(max-width: 48rem)");
  function fit() {
    menu.open = !narrow.matches;
  }
  fit();
  narrow.addEventListener("change", fit);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var group = document.querySelector(".km-menu__group[open]");
    if (!group) return;
    group.open = false;
    group.querySelector("summary").focus();
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".km-menu__group[open]").forEach(function (group) {
      if (!group.contains(event.target)) group.open = false;
    });
  });
})();
