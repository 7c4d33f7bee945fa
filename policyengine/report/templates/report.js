(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  var counter = document.getElementById("findings-counter");
  if (!table || !counter) { return; }
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.finding"));
  var code = document.getElementById("filter-code");
  var tier = document.getElementById("filter-tier");
  var severity = document.getElementById("filter-severity");
  var search = document.getElementById("filter-text");
  var template = counter.getAttribute("data-template");
  function apply() {
    var query = search.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var keep = (!code.value || row.getAttribute("data-code") === code.value) &&
                 (!tier.value || row.getAttribute("data-tier") === tier.value) &&
                 (!severity.value || row.getAttribute("data-severity") === severity.value) &&
                 (!query || row.textContent.toLowerCase().indexOf(query) !== -1);
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    counter.textContent = template.replace("{n}", String(shown)).replace("{m}", String(rows.length));
  }
  [code, tier, severity].forEach(function (el) { el.addEventListener("change", apply); });
  search.addEventListener("input", apply);
  apply();
}());
