/* The start times "one interview each" gives, updated while typing; without script the server shows them after "Next". */
(function () {
  var names = JSON.parse(document.getElementById("candidate-names").textContent);
  var output = document.getElementById("spacing-times");
  var time = document.getElementById("id_time");
  var duration = document.getElementById("id_duration_minutes");
  var spacing = document.getElementById("id_spacing_minutes");
  var box = document.querySelector("[data-spacing]");
  if (!output || !time || !duration || !spacing) { return; }
  var heading = JSON.parse(document.getElementById("spacing-label").textContent);
  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function update() {
    var mode = document.querySelector('input[name="mode"]:checked');
    var group = mode && mode.value === "group";
    box.style.display = group ? "none" : "";
    var match = /^(\d{1,2}):(\d{2})$/.exec(time.value.trim());
    var minutes = spacing.value.trim() === "" ? parseInt(duration.value, 10) : parseInt(spacing.value, 10);
    if (group || !match || isNaN(minutes) || minutes < 0) { return; }
    var start = parseInt(match[1], 10) * 60 + parseInt(match[2], 10);
    var parts = names.map(function (name, index) {
      var at = (start + minutes * index) % (24 * 60);
      return pad(Math.floor(at / 60)) + ":" + pad(at % 60) + " " + name;
    });
    output.textContent = heading + " " + parts.join(" · ");
  }
  [time, duration, spacing].forEach(function (input) { input.addEventListener("input", update); });
  Array.prototype.forEach.call(document.querySelectorAll('input[name="mode"]'), function (radio) {
    radio.addEventListener("change", update);
  });
  update();
})();
