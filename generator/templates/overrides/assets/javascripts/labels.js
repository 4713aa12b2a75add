/* The site's words for its scripts. A page gives the labels a script needs as JSON in a
   data-ss-labels attribute, from the course's catalogue (generator/locales/<language>.yml): no
   label is written in a script. A label that counts something has one form per plural category
   of the page's language ({one: "...", other: "..."}), chosen with Intl.PluralRules. */
(function () {
  "use strict";

  function read(element) {
    try {
      var labels = JSON.parse((element && element.getAttribute("data-ss-labels")) || "{}");
      return labels && typeof labels === "object" ? labels : {};
    } catch (error) {
      return {};
    }
  }

  function plural(count) {
    var language = document.documentElement.lang || "en";
    try {
      return new Intl.PluralRules(language).select(count);
    } catch (error) {
      return count === 1 ? "one" : "other";
    }
  }

  /* say("saved") or say("answers", {count: 3}): the label with its {names} filled in. */
  window.serviceStoriesLabels = function (element) {
    var labels = read(element);
    return function say(key, values) {
      values = values || {};
      var label = labels[key];
      if (label && typeof label === "object") label = label[plural(values.count)] || label.other;
      if (typeof label !== "string") return key;
      return label.replace(/\{([a-z_]+)\}/g, function (whole, name) {
        return name in values ? String(values[name]) : whole;
      });
    };
  };
})();
