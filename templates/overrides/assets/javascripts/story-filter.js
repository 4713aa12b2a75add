/* Filters the stories index with chips: any of the pressed themes, in any of the pressed settings.
   The choice lives in the URL (?theme=ownership&theme=initiative&setting=Retail) so a facilitator
   can share it; the heading, the status line and each chip's count say what is shown. Without
   JavaScript the form stays hidden and the theme pages list every story. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form[data-ss-filter]");
    var list = document.querySelector("[data-ss-filterable]");
    if (!form || !list) return;
    var cards = Array.prototype.slice.call(list.children).map(function (card) {
      return {
        element: card,
        themes: (card.getAttribute("data-themes") || "").split(" "),
        setting: card.getAttribute("data-setting") || ""
      };
    });
    var chips = Array.prototype.slice.call(form.querySelectorAll(".ss-filter__chip"));
    var heading = document.querySelector("[data-ss-heading]");
    var status = form.querySelector(".ss-filter__status");
    var reset = form.querySelector(".ss-filter__reset");
    var title = heading ? heading.textContent : "Stories";

    function kind(chip) { return chip.hasAttribute("data-ss-theme") ? "theme" : "setting"; }
    function value(chip) { return chip.getAttribute("data-ss-" + kind(chip)); }
    function label(chip) { return chip.firstChild.textContent.trim(); }
    function pressed(name) {
      return chips.filter(function (chip) {
        return kind(chip) === name && chip.getAttribute("aria-pressed") === "true";
      });
    }
    function matches(card, themes, settings) {
      var themeOk = !themes.length || themes.some(function (t) { return card.themes.indexOf(t) !== -1; });
      var settingOk = !settings.length || settings.indexOf(card.setting) !== -1;
      return themeOk && settingOk;
    }
    function either(words) {
      if (words.length < 2) return words.join("");
      return words.slice(0, -1).join(", ") + " or " + words[words.length - 1];
    }

    function keepInUrl(themes, settings) {
      var query = new URLSearchParams(window.location.search);
      query.delete("theme");
      query.delete("setting");
      themes.forEach(function (t) { query.append("theme", t); });
      settings.forEach(function (s) { query.append("setting", s); });
      var text = query.toString();
      var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
      try {
        window.history.replaceState(null, "", url);
      } catch (error) {
        /* Some browsers refuse to rewrite file:// URLs; the filter still works. */
      }
    }

    function apply(updateUrl) {
      var themeChips = pressed("theme");
      var settingChips = pressed("setting");
      var themes = themeChips.map(value);
      var settings = settingChips.map(value);
      var shown = 0;
      cards.forEach(function (card) {
        var match = matches(card, themes, settings);
        card.element.hidden = !match;
        if (match) shown += 1;
      });
      /* Each chip counts the stories it would show, given the other group's choice. */
      chips.forEach(function (chip) {
        var count = cards.filter(function (card) {
          return kind(chip) === "theme"
            ? card.themes.indexOf(value(chip)) !== -1 && matches(card, [], settings)
            : card.setting === value(chip) && matches(card, themes, []);
        }).length;
        chip.querySelector(".ss-filter__count").textContent = String(count);
        chip.toggleAttribute("data-ss-empty", count === 0);
      });
      var about = themeChips.length ? " about " + either(themeChips.map(label)) : "";
      var where = settingChips.length ? (about ? ", in " : " in ") + either(settingChips.map(label)) : "";
      if (heading) heading.textContent = about || where ? "Stories" + about + where : title;
      var filtered = themeChips.length + settingChips.length > 0;
      if (!filtered) {
        status.textContent = "Showing all " + cards.length + " stories.";
      } else if (shown === 0) {
        status.textContent = "No story matches all of that. Remove a choice or clear the filters.";
      } else {
        status.textContent = "Showing " + shown + " of " + cards.length + (cards.length === 1 ? " story." : " stories.");
      }
      reset.hidden = !filtered;
      if (updateUrl) keepInUrl(themes, settings);
    }

    var params = new URLSearchParams(window.location.search);
    chips.forEach(function (chip) {
      if (params.getAll(kind(chip)).indexOf(value(chip)) !== -1) chip.setAttribute("aria-pressed", "true");
      chip.addEventListener("click", function () {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        apply(true);
      });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      chips.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
      apply(true);
      if (chips.length) chips[0].focus(); /* the reset button just disappeared */
    });
    form.hidden = false;
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
