/* A small calendar next to every day-first date field (seed 003): the field stays a text box that
   takes dd-mm-yyyy; the calendar only fills it. Weeks start on Monday; names in the page's language.
   Keys in the calendar: arrows move a day or a week, Page Up/Down a month, Home/End the week,
   Enter or Space picks, Escape closes. Without script the typed date works the same. */
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  var counter = 0;

  function pad(number) { return (number < 10 ? "0" : "") + number; }
  function format(day) { return pad(day.getDate()) + "-" + pad(day.getMonth() + 1) + "-" + day.getFullYear(); }
  function sameDay(a, b) { return a && b && a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate(); }
  function addDays(day, count) { return new Date(day.getFullYear(), day.getMonth(), day.getDate() + count); }
  function addMonths(day, count) {
    var target = new Date(day.getFullYear(), day.getMonth() + count, 1);
    var last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
    return new Date(target.getFullYear(), target.getMonth(), Math.min(day.getDate(), last));
  }

  /* The same formats the server reads: d-m-yyyy, dd/mm/yyyy, dd.mm.yyyy and yyyy-mm-dd. */
  function parse(text) {
    var value = (text || "").trim();
    var match = /^(\d{1,2})([-\/.])(\d{1,2})\2(\d{4})$/.exec(value);
    var year, month, day;
    if (match) { day = +match[1]; month = +match[3]; year = +match[4]; }
    else {
      match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
      if (!match) { return null; }
      year = +match[1]; month = +match[2]; day = +match[3];
    }
    var result = new Date(year, month - 1, day);
    return result.getMonth() === month - 1 && result.getDate() === day ? result : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function enhance(input) {
    counter += 1;
    var id = "datepicker-" + counter;
    var row = element("span", "datepicker-row");
    input.parentNode.insertBefore(row, input);
    row.appendChild(input);

    var toggle = element("button", "button datepicker-toggle");
    toggle.type = "button";
    toggle.setAttribute("aria-label", input.dataset.labelOpen || "Choose a date");
    toggle.title = input.dataset.labelOpen || "Choose a date";
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", id);
    toggle.innerHTML = '<svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24" fill="none" ' +
      'stroke="currentColor" stroke-width="2" stroke-linecap="round"><rect x="3" y="5" width="18" height="16" rx="2"></rect>' +
      '<path d="M3 10h18M8 3v4M16 3v4"></path></svg>';
    row.appendChild(toggle);

    var dialog = element("div", "datepicker");
    dialog.id = id;
    dialog.hidden = true;
    dialog.setAttribute("role", "dialog");
    dialog.setAttribute("aria-modal", "false");
    var header = element("div", "datepicker-header");
    var previous = element("button", "button small datepicker-previous");
    previous.type = "button";
    previous.setAttribute("aria-label", input.dataset.labelPrevious || "Previous month");
    previous.innerHTML = '<span aria-hidden="true">\u2039</span>';
    var title = element("h2", "datepicker-title");
    title.id = id + "-title";
    title.setAttribute("aria-live", "polite");
    var next = element("button", "button small datepicker-next");
    next.type = "button";
    next.setAttribute("aria-label", input.dataset.labelNext || "Next month");
    next.innerHTML = '<span aria-hidden="true">\u203A</span>';
    var close = element("button", "button small datepicker-close");
    close.type = "button";
    close.setAttribute("aria-label", input.dataset.labelClose || "Close");
    close.innerHTML = '<span aria-hidden="true">\u00D7</span>';
    header.appendChild(previous); header.appendChild(title); header.appendChild(next); header.appendChild(close);
    dialog.setAttribute("aria-labelledby", title.id);
    var grid = element("table", "datepicker-grid");
    grid.setAttribute("role", "grid");
    grid.setAttribute("aria-labelledby", title.id);
    var head = element("thead");
    var headRow = element("tr");
    var shortDay = new Intl.DateTimeFormat(lang, { weekday: "short" });
    var longDay = new Intl.DateTimeFormat(lang, { weekday: "long" });
    for (var weekday = 0; weekday < 7; weekday += 1) {
      var monday = new Date(2024, 0, 1 + weekday); /* 1 January 2024 was a Monday */
      var th = element("th", "", shortDay.format(monday).replace(".", ""));
      th.scope = "col";
      th.abbr = longDay.format(monday);
      headRow.appendChild(th);
    }
    head.appendChild(headRow);
    var body = element("tbody");
    grid.appendChild(head); grid.appendChild(body);
    dialog.appendChild(header); dialog.appendChild(grid);
    row.appendChild(dialog);

    var monthName = new Intl.DateTimeFormat(lang, { month: "long", year: "numeric" });
    var fullDate = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    var focused = new Date();

    function render(moveFocus) {
      title.textContent = monthName.format(focused);
      body.textContent = "";
      var first = new Date(focused.getFullYear(), focused.getMonth(), 1);
      var start = addDays(first, -((first.getDay() + 6) % 7)); /* back to Monday */
      var chosen = parse(input.value);
      var today = new Date();
      for (var week = 0; week < 6; week += 1) {
        var tr = element("tr");
        for (var index = 0; index < 7; index += 1) {
          var day = addDays(start, week * 7 + index);
          var td = element("td");
          var button = element("button", "datepicker-day", String(day.getDate()));
          button.type = "button";
          button.dataset.date = format(day);
          button.setAttribute("aria-label", fullDate.format(day));
          button.tabIndex = sameDay(day, focused) ? 0 : -1;
          if (day.getMonth() !== focused.getMonth()) { button.classList.add("other-month"); }
          if (sameDay(day, today)) { button.classList.add("today"); button.setAttribute("aria-current", "date"); }
          if (sameDay(day, chosen)) { button.classList.add("chosen"); button.setAttribute("aria-pressed", "true"); }
          td.appendChild(button);
          tr.appendChild(td);
        }
        if (week < 5 || addDays(start, week * 7).getMonth() === focused.getMonth()) { body.appendChild(tr); }
      }
      if (moveFocus) {
        var current = body.querySelector('button[tabindex="0"]');
        if (current) { current.focus(); }
      }
    }

    function open() {
      focused = parse(input.value) || new Date();
      dialog.hidden = false;
      toggle.setAttribute("aria-expanded", "true");
      render(true);
    }

    function shut(returnFocus) {
      if (dialog.hidden) { return; }
      dialog.hidden = true;
      toggle.setAttribute("aria-expanded", "false");
      if (returnFocus) { toggle.focus(); }
    }

    function pick(text) {
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
      shut(false);
      input.focus();
    }

    toggle.addEventListener("click", function () { if (dialog.hidden) { open(); } else { shut(true); } });
    previous.addEventListener("click", function () { focused = addMonths(focused, -1); render(false); });
    next.addEventListener("click", function () { focused = addMonths(focused, 1); render(false); });
    close.addEventListener("click", function () { shut(true); });
    body.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-date]");
      if (button) { pick(button.dataset.date); }
    });
    body.addEventListener("keydown", function (event) {
      var moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };
      if (Object.prototype.hasOwnProperty.call(moves, event.key)) {
        focused = addDays(focused, moves[event.key]);
      } else if (event.key === "PageUp" || event.key === "PageDown") {
        focused = addMonths(focused, event.key === "PageUp" ? -1 : 1);
      } else if (event.key === "Home") {
        focused = addDays(focused, -((focused.getDay() + 6) % 7));
      } else if (event.key === "End") {
        focused = addDays(focused, 6 - ((focused.getDay() + 6) % 7));
      } else if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        pick(format(focused));
        return;
      } else {
        return;
      }
      event.preventDefault();
      render(true);
    });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); shut(true); }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { shut(false); }
      if (event.key === "ArrowDown" && event.altKey) { event.preventDefault(); open(); }
    });
    document.addEventListener("click", function (event) {
      if (!row.contains(event.target)) { shut(false); }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("input[data-datepicker]"), enhance);
})();
