// Header search: an ARIA 1.2 combobox over /search/autocomplete/. Without JavaScript the form
// still submits to /search/.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autocomplete-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("[role=combobox]");
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var status = form.querySelector("[data-combobox-status]");
  var url = form.getAttribute("data-autocomplete-url");
  var active = -1;
  var timer = null;
  var latest = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) { item.setAttribute("aria-selected", i === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function render(suggestions) {
    list.innerHTML = "";
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "site-search-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.dataset.url = s.url;
      var title = document.createElement("span");
      title.textContent = s.title;
      var type = document.createElement("span");
      type.className = "combobox__type";
      type.textContent = " " + s.type;
      li.appendChild(title);
      li.appendChild(type);
      li.addEventListener("mousedown", function (event) { event.preventDefault(); window.location.href = s.url; });
      list.appendChild(li);
    });
    var open = suggestions.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = open ? suggestions.length + " suggestion" + (suggestions.length === 1 ? "" : "s") + " available." : "";
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    var ticket = ++latest;
    fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (ticket === latest) render(data.suggestions || []); })
      .catch(close);
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    var items = options();
    if (event.key === "ArrowDown" && items.length) { event.preventDefault(); highlight(active + 1); }
    else if (event.key === "ArrowUp" && items.length) { event.preventDefault(); highlight(active - 1); }
    else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.href = items[active].dataset.url;
    } else if (event.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 100); });
})();
