/* Filters the stories index with chips: any of the pressed themes, in any of the pressed settings.
   The choice lives in the URL (?theme=ownership&theme=initiative&setting=Retail) so a facilitator
   can share it; the heading, the status line and each chip's count say what is shown.
   The page holds the cards of the first stories only; every story is in index-data.js (a script,
   so it loads from file:// too), and the list grows by "Show more" a page at a time, so the index
   stays small with thousands of stories. Without JavaScript the form stays hidden, the first
   stories are listed and the theme pages list every story. */
(function () {
  "use strict";

  function init() {
    var form = document.querySelector("form[data-ss-filter]");
    var list = document.querySelector("[data-ss-filterable]");
    var data = window.ssStories;
    if (!form || !list || !data) return;
    var say = window.serviceStoriesLabels(form);
    var pageSize = data.pageSize;
    var stories = data.stories.map(function (row) {
      return {
        slug: row[0], title: row[1], summary: row[2],
        setting: row[3] === null ? "" : data.settings[row[3]],
        accent: row[4], themes: row[5].map(function (i) { return data.themes[i]; }), quote: row[6],
        picture: row[7], video: row[8]
      };
    });
    var chips = Array.prototype.slice.call(form.querySelectorAll(".ss-filter__chip"));
    var heading = document.querySelector("[data-ss-heading]");
    var status = form.querySelector(".ss-filter__status");
    var reset = form.querySelector(".ss-filter__reset");
    var more = document.querySelector("[data-ss-more]");
    var title = heading ? heading.textContent : "";
    var matching = stories;
    var shownCount = 0;

    function kind(chip) { return chip.hasAttribute("data-ss-theme") ? "theme" : "setting"; }
    function value(chip) { return chip.getAttribute("data-ss-" + kind(chip)); }
    function label(chip) { return chip.firstChild.textContent.trim(); }
    function pressed(name) {
      return chips.filter(function (chip) {
        return kind(chip) === name && chip.getAttribute("aria-pressed") === "true";
      });
    }
    function matches(story, themes, settings) {
      var themeOk = !themes.length || themes.some(function (t) { return story.themes.indexOf(t) !== -1; });
      var settingOk = !settings.length || settings.indexOf(story.setting) !== -1;
      return themeOk && settingOk;
    }
    function either(words) {
      if (words.length < 2) return words.join("");
      return words.slice(0, -1).join(", ") + say("or") + words[words.length - 1];
    }
    function element(tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    }

    /* The same markup as templates/pages/_story_card.html.j2, built as text nodes; only the
       picture comes as HTML, written by the build as the page would write it. */
    function card(story) {
      var item = element("li", "ss-card" + (story.accent === null ? "" : " ss-accent-" + story.accent));
      item.setAttribute("data-themes", story.themes.join(" "));
      item.setAttribute("data-setting", story.setting);
      if (story.picture) {
        var holder = document.createElement("template");
        holder.innerHTML = story.picture;
        item.appendChild(holder.content);
      }
      if (story.setting) item.appendChild(element("p", "ss-card__setting", story.setting));
      var titleNode = element("h2", "ss-card__title");
      var link = element("a", "", story.title);
      link.href = story.slug + ".html";
      titleNode.appendChild(link);
      item.appendChild(titleNode);
      item.appendChild(element("p", "ss-card__summary", story.summary));
      if (story.quote) item.appendChild(element("p", "ss-card__quote", "\u201c" + story.quote + "\u201d"));
      var meta = element("p", "ss-card__meta", story.themes.map(function (slug) {
        return data.themeTitles[data.themes.indexOf(slug)];
      }).join(", "));
      if (story.video) {
        meta.appendChild(document.createTextNode(" \u00b7 "));
        meta.appendChild(element("span", "ss-card__video", story.video));
      }
      item.appendChild(meta);
      return item;
    }

    function showMore() {
      var next = matching.slice(shownCount, shownCount + pageSize);
      var fragment = document.createDocumentFragment();
      next.forEach(function (story) { fragment.appendChild(card(story)); });
      list.appendChild(fragment);
      shownCount += next.length;
      var left = matching.length - shownCount;
      if (more) {
        more.hidden = left <= 0;
        more.textContent = say("more", { count: Math.min(left, pageSize) });
      }
      return next.length;
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

    function describe(filtered) {
      if (!matching.length) return say("none");
      var listed = shownCount < matching.length ? " " + say("listed", { count: shownCount }) : "";
      if (!filtered) return say("all", { count: stories.length }) + listed;
      return say("some", { count: matching.length, total: stories.length }) + listed;
    }

    function apply(updateUrl) {
      var themeChips = pressed("theme");
      var settingChips = pressed("setting");
      var themes = themeChips.map(value);
      var settings = settingChips.map(value);
      matching = stories.filter(function (story) { return matches(story, themes, settings); });
      list.textContent = "";
      shownCount = 0;
      showMore();
      /* Each chip counts the stories it would show, given the other group's choice. */
      chips.forEach(function (chip) {
        var count = stories.filter(function (story) {
          return kind(chip) === "theme"
            ? story.themes.indexOf(value(chip)) !== -1 && matches(story, [], settings)
            : story.setting === value(chip) && matches(story, themes, []);
        }).length;
        chip.querySelector(".ss-filter__count").textContent = String(count);
        chip.toggleAttribute("data-ss-empty", count === 0);
      });
      var named = { themes: either(themeChips.map(label)), settings: either(settingChips.map(label)) };
      var which = themeChips.length ? (settingChips.length ? "about_in" : "about") : settingChips.length ? "in" : "";
      if (heading) heading.textContent = which ? say(which, named) : title;
      var filtered = themeChips.length + settingChips.length > 0;
      status.textContent = describe(filtered);
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
    if (more) {
      more.addEventListener("click", function () {
        var first = shownCount;
        if (showMore()) {
          status.textContent = describe(pressed("theme").length + pressed("setting").length > 0);
          var link = list.children[first].querySelector("a");
          if (link) link.focus(); /* keyboard users go on from the first new story */
        }
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      chips.forEach(function (chip) { chip.setAttribute("aria-pressed", "false"); });
      apply(true);
      if (chips.length) chips[0].focus(); /* the reset button just disappeared */
    });
    var note = document.querySelector("[data-ss-more-note]");
    if (note) note.hidden = true; /* the list grows with "Show more" instead */
    form.hidden = false;
    apply(false);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
