// Seed 004: the "include a confirm link" box follows the content as it is edited (unticked when
// every language's content holds {confirmlink}), until the user ticks or unticks it. The server
// applies the same rule (web/forms/messaging.py), so the page works the same without this file.
"use strict";
document.querySelectorAll("form[data-confirm-link-rule]").forEach((form) => {
  const box = form.querySelector('input[name="include_confirm_link"]');
  const shown = form.querySelector('input[name="confirm_link_shown"]');
  const chosen = form.querySelector('input[name="confirm_link_chosen"]');
  const bodies = Array.from(form.querySelectorAll('textarea[name="body"], textarea[name^="body_"]'));
  if (!box || !shown || !chosen || bodies.length === 0) {
    return;
  }
  const follow = () => {
    if (chosen.value === "1") {
      return;
    }
    box.checked = !bodies.every((body) => body.value.includes("{confirmlink}"));
    shown.value = box.checked ? "1" : "0";
  };
  box.addEventListener("change", () => {
    chosen.value = "1";
    shown.value = box.checked ? "1" : "0";
  });
  bodies.forEach((body) => body.addEventListener("input", follow));
});
