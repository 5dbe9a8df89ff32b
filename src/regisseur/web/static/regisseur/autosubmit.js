/* Choosing a template loads it at once; without script the button does the same. */
(function () {
  document.querySelectorAll("[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
})();
