// The editor keeps what was typed only when it is saved, and a long
// recommendation is edited a page at a time: ask before leaving the page
// (another page of lines, a finding's link, closing the tab) with changes
// that are not saved yet. The browser words the question itself.
(function () {
  "use strict";
  var form = document.querySelector("form[data-warn-unsaved]");
  if (!form) {
    return;
  }
  var changed = false;
  form.addEventListener("input", function () { changed = true; });
  form.addEventListener("change", function () { changed = true; });
  form.addEventListener("submit", function () { changed = false; });
  window.addEventListener("beforeunload", function (event) {
    if (changed) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
