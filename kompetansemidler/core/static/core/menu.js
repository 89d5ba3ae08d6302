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
  // A group's list opens below its summary; at the end of a row it opens towards
  // the left (app.css), and here it is moved to whichever side keeps it on the page.
  document.querySelectorAll(".km-menu__group").forEach(function (group) {
    group.addEventListener("toggle", function () {
      var list = group.querySelector("ul");
      if (!group.open || getComputedStyle(list).position !== "absolute") return;
      list.style.left = "";
      list.style.right = "";
      var box = list.getBoundingClientRect();
      var width = document.documentElement.clientWidth;
      if (box.right > width) {
        list.style.left = "auto";
        list.style.right = "0";
      } else if (box.left < 0) {
        list.style.left = "0";
        list.style.right = "auto";
      }
    });
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".km-menu__group[open]").forEach(function (group) {
      if (!group.contains(event.target)) group.open = false;
    });
  });
})();
