/* Choosing an interview location fills the free-text location (P2); without script the server does it. */
(function () {
  var presets = JSON.parse(document.getElementById("location-presets").textContent);
  var select = document.getElementById("id_location_preset");
  var location = document.getElementById("id_location");
  if (!select || !location) { return; }
  select.addEventListener("change", function () {
    if (Object.prototype.hasOwnProperty.call(presets, select.value)) { location.value = presets[select.value]; }
  });
})();

/* The video link belongs to a video interview; shown for any type that already has one or an error. */
(function () {
  var type = document.getElementById("id_type");
  var link = document.getElementById("id_video_link");
  var wrapper = link ? link.closest(".video-link-field") : null;
  if (!type || !wrapper) { return; }
  function update() {
    var keep = type.value === "video" || link.value.trim() !== "" || wrapper.classList.contains("has-error");
    wrapper.style.display = keep ? "" : "none";
  }
  type.addEventListener("change", update);
  update();
})();

/* Subject, content and signature matter only for an email reminder, the days for any; without script all stay shown. */
(function () {
  var radios = document.querySelectorAll('input[name="reminder"]');
  var email = document.querySelector("[data-reminder-email]");
  var days = document.querySelector(".reminder-days");
  if (!radios.length || !email || !days) { return; }
  function update() {
    var chosen = document.querySelector('input[name="reminder"]:checked');
    var value = chosen ? chosen.value : "none";
    /* style, not the hidden attribute: the fields' own display rule would win over it */
    email.style.display = value === "email" || value === "email_sms" ? "" : "none";
    days.style.display = value === "none" ? "none" : "";
  }
  Array.prototype.forEach.call(radios, function (radio) { radio.addEventListener("change", update); });
  update();
})();
