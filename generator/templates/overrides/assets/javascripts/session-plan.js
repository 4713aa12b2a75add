/* A session's plan as its address carries it: the one reading of the format, for the session
   builder (which writes it) and the room display (which shows it).

     #title=<encodeURIComponent>&start=HH:MM&length=<minutes>&plan=<items>

   items comma-separated: <slug> (a story at its own minutes), <slug>~<minutes> (minutes
   changed), ~<minutes> (a break). Other fields (the room's slide=N) are the reader's own. */
(function () {
  "use strict";

  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
  var MAX_MINUTES = 600; /* an item */
  var MAX_LENGTH = 1440; /* a session */

  function whole(text, low, high) {
    if (!/^\d+$/.test(String(text).trim())) return null;
    var number = parseInt(text, 10);
    return number >= low && number <= high ? number : null;
  }

  /* "09:30" -> 570 (minutes after midnight), or null */
  function readClock(text) {
    var match = CLOCK.exec(String(text || "").trim());
    return match ? parseInt(match[1], 10) * 60 + parseInt(match[2], 10) : null;
  }

  function fields(hash) {
    var found = {};
    hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var at = pair.indexOf("=");
      if (at < 1) return;
      var value = pair.slice(at + 1);
      try { value = decodeURIComponent(value); } catch (error) { /* a stray %: kept as written */ }
      found[pair.slice(0, at)] = value;
    });
    return found;
  }

  /* The plan in `hash`, against `stories` (slug -> story): start and length null when absent or
     wrong; each item a break {kind, minutes} or a story {kind, slug, minutes}, minutes null when
     the address gives none; `unknown` the tokens that are neither. */
  function read(hash, stories) {
    var values = fields(hash);
    var plan = {title: values.title || "", start: readClock(values.start),
                length: whole(values.length || "", 1, MAX_LENGTH), items: [], unknown: []};
    (values.plan || "").split(",").forEach(function (token) {
      token = token.trim();
      if (!token) return;
      var parts = token.split("~");
      var minutes = parts.length === 2 ? whole(parts[1], 1, MAX_MINUTES) : null;
      if (parts.length === 2 && parts[0] === "" && minutes !== null) {
        plan.items.push({kind: "break", minutes: minutes});
      } else if (parts.length <= 2 && SLUG.test(parts[0]) && stories[parts[0]]) {
        plan.items.push({kind: "story", slug: parts[0], minutes: minutes});
      } else {
        plan.unknown.push(token);
      }
    });
    return plan;
  }

  window.ssSessionPlan = {read: read, fields: fields, whole: whole, readClock: readClock,
                          MAX_MINUTES: MAX_MINUTES, MAX_LENGTH: MAX_LENGTH};
})();
