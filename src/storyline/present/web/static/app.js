// storyline: the little script the pages use. Served from /static (CSP: script-src 'self').
"use strict";
document.documentElement.dataset.js = "on";  // lets a test see that the app's own script ran
document.addEventListener("DOMContentLoaded", function () {
  // Filters: submit on a change of sort order; leave empty fields out of the URL.
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.requestSubmit(); });
  });
  var filters = document.getElementById("filters");
  if (filters) {
    filters.addEventListener("submit", function () {
      filters.querySelectorAll("input, select").forEach(function (field) {
        if (!field.value) { field.disabled = true; }
      });
    });
  }
  // Article text: hovering an entity lights up its other mentions.
  var text = document.getElementById("text");
  if (text) {
    text.addEventListener("mouseover", function (event) {
      var target = event.target.closest("a.ent");
      text.querySelectorAll("a.ent.lit").forEach(function (el) { el.classList.remove("lit"); });
      if (!target) { return; }
      text.querySelectorAll("a.ent").forEach(function (el) {
        if (el.getAttribute("href") === target.getAttribute("href")) { el.classList.add("lit"); }
      });
    });
  }
});
