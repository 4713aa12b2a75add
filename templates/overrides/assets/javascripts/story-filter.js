/* Filters the stories index by theme and setting, and keeps the choice in the URL
   (?theme=ownership&setting=Retail) so a facilitator can share it. Without JavaScript
   the form stays hidden and the theme pages list every story. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form[data-ss-filter]");
    var list = document.querySelector("[data-ss-filterable]");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.children);
    var fields = ["theme", "setting"].filter(function (name) { return form.elements[name]; });
    var status = form.querySelector(".ss-filter__status");
    var params = new URLSearchParams(window.location.search);

    fields.forEach(function (name) {
      var wanted = params.get(name);
      var select = form.elements[name];
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
    });

    function keepInUrl() {
      var query = new URLSearchParams(window.location.search);
      fields.forEach(function (name) {
        var value = form.elements[name].value;
        if (value) query.set(name, value); else query.delete(name);
      });
      var text = query.toString();
      var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
      try {
        window.history.replaceState(null, "", url);
      } catch (error) {
        /* Some browsers refuse to rewrite file:// URLs; the filter still works. */
      }
    }

    function apply(updateUrl) {
      var theme = form.elements.theme ? form.elements.theme.value : "";
      var setting = form.elements.setting ? form.elements.setting.value : "";
      var shown = 0;
      cards.forEach(function (card) {
        var themes = (card.getAttribute("data-themes") || "").split(" ");
        var match = (!theme || themes.indexOf(theme) !== -1) &&
          (!setting || card.getAttribute("data-setting") === setting);
        card.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = shown === cards.length
        ? "Showing all " + shown + " stories."
        : "Showing " + shown + " of " + cards.length + " stories.";
      if (updateUrl) keepInUrl();
    }

    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(true); });
    form.addEventListener("reset", function () { window.setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
