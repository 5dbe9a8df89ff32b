// The candidate overview's selection: "Select all" and "Select none" tick the boxes in place
// (without JavaScript they are links that load the page ticked or not) and the bar counts them.
"use strict";
(() => {
  const form = document.querySelector("form.bulk-form");
  const counter = form ? form.querySelector("[data-count]") : null;
  if (!form || !counter) {
    return;
  }
  const boxes = () => Array.from(form.querySelectorAll('input[name="application"]:not(:disabled)'));
  const recount = () => {
    counter.textContent = String(boxes().filter((box) => box.checked).length);
  };
  form.querySelectorAll("[data-select]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const all = link.dataset.select === "all";
      boxes().forEach((box) => {
        box.checked = all;
      });
      recount();
    });
  });
  form.addEventListener("change", recount);
  recount();
})();
