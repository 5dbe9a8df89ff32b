// The "/" key jumps to the top bar's search box, unless the user is typing somewhere.
(function () {
  "use strict";
  function typing(element) {
    if (!element) { return false; }
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) { return; }
    if (typing(document.activeElement)) { return; }
    var box = document.getElementById("site-search");
    if (!box) { return; }
    event.preventDefault();
    box.focus();
    box.select();
  });
})();
