/* The scorecard saves itself a moment after typing stops; without script the Save button does it. */
(function () {
  var form = document.querySelector("form[data-scorecard]");
  if (!form || !window.fetch) { return; }
  var status = form.querySelector("[data-autosave-status]");
  var timer = null;
  function save() {
    var data = new FormData(form);
    data.set("action", "save");
    // form.action would be the button named "action"; the attribute is the address.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Autosave": "1", "X-CSRFToken": data.get("csrfmiddlewaretoken") || "" }
    }).then(function (response) {
      if (status) { status.textContent = response.ok ? status.dataset.saved : status.dataset.failed; }
    }).catch(function () {
      if (status) { status.textContent = status.dataset.failed; }
    });
  }
  function later() {
    if (status) { status.textContent = ""; }
    window.clearTimeout(timer);
    timer = window.setTimeout(save, 1500);
  }
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  form.addEventListener("submit", function () { window.clearTimeout(timer); });
})();
