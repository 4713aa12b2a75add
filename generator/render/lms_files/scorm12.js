/* Service Stories SCORM 1.2 runtime, run by the package's launch page (index.html).

   Finds the LMS's API object (window.API in a parent frame or an opener), calls LMSInitialize,
   reports cmi.core.lesson_status "incomplete" on open and "completed" once every story of the
   module has been opened, keeps the opened stories in cmi.suspend_data, commits after each
   change and calls LMSFinish when the page goes away. The story pages live in the frame below
   and say which story is open by a message (package.js), so the LMS session lasts as long as
   the launch page does, however the learner moves between pages.

   No API (opened from disk or a plain web server): nothing is reported and nothing fails;
   progress is kept in localStorage when the browser allows it. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("ss-package").textContent);
  var stories = data.stories;
  var frame = document.getElementById("ss-content");
  var progress = document.getElementById("ss-progress");
  var storageKey = "service-stories:" + data.id;
  var started = new Date().getTime();
  var api = findApi();
  var connected = false;
  var finished = false;
  var completed = false;
  var opened = [];

  function apiIn(win) {
    for (var depth = 0; win && depth < 20; depth++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === "function") return win.API;
        if (win.parent === win) return null;
        win = win.parent;
      } catch (e) {
        return null; /* a frame of another site: the API is not there */
      }
    }
    return null;
  }

  function findApi() {
    var api = apiIn(window);
    try {
      if (!api && window.opener) api = apiIn(window.opener);
      if (!api && window.top && window.top.opener) api = apiIn(window.top.opener);
    } catch (e) {
      /* an opener of another site */
    }
    return api;
  }

  function call(name) {
    try {
      return String(api[name].apply(api, Array.prototype.slice.call(arguments, 1)));
    } catch (e) {
      return "";
    }
  }

  function known(list) {
    var kept = [];
    for (var i = 0; i < list.length; i++) {
      if (stories.indexOf(list[i]) >= 0 && kept.indexOf(list[i]) < 0) kept.push(list[i]);
    }
    return kept;
  }

  function load() {
    var saved = "";
    if (connected) {
      saved = call("LMSGetValue", "cmi.suspend_data");
    } else {
      try {
        saved = window.localStorage.getItem(storageKey) || "";
      } catch (e) {
        saved = "";
      }
    }
    return known(saved ? saved.split(",") : []);
  }

  function save() {
    var value = opened.join(",");
    if (connected) {
      call("LMSSetValue", "cmi.suspend_data", value);
    } else {
      try {
        window.localStorage.setItem(storageKey, value);
      } catch (e) {
        /* storage turned off: progress lasts as long as the page */
      }
    }
  }

  function show() {
    var count = opened.length;
    progress.textContent = completed || count === stories.length
      ? "Module completed: all " + stories.length + " stories opened"
      : count + " of " + stories.length + " stories opened";
  }

  function sessionTime() {
    var seconds = Math.floor((new Date().getTime() - started) / 1000);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    var hours = Math.floor(seconds / 3600);
    return (hours < 1000 ? ("000" + hours).slice(-4) : String(hours)) + ":" + two(Math.floor(seconds / 60) % 60) +
      ":" + two(seconds % 60);
  }

  function storyOpened(slug) {
    if (finished || stories.indexOf(slug) < 0 || opened.indexOf(slug) >= 0) return;
    opened.push(slug);
    save();
    if (connected && !completed && opened.length === stories.length) {
      call("LMSSetValue", "cmi.core.lesson_status", "completed");
      completed = true;
    }
    if (connected) call("LMSCommit", "");
    show();
  }

  function finish() {
    if (!connected || finished) return;
    finished = true;
    call("LMSSetValue", "cmi.core.exit", completed ? "" : "suspend");
    call("LMSSetValue", "cmi.core.session_time", sessionTime());
    call("LMSCommit", "");
    call("LMSFinish", "");
  }

  if (api) connected = call("LMSInitialize", "") === "true";
  opened = load();
  if (connected) {
    var status = call("LMSGetValue", "cmi.core.lesson_status");
    completed = status === "completed" || status === "passed";
    if (!completed) {
      completed = opened.length === stories.length; /* every story was opened in an earlier session */
      call("LMSSetValue", "cmi.core.lesson_status", completed ? "completed" : "incomplete");
    }
    call("LMSCommit", "");
  }
  show();

  window.addEventListener("message", function (event) {
    var message = event.data;
    if (event.source !== frame.contentWindow || !message || message.serviceStories !== "opened") return;
    storyOpened(String(message.story || ""));
  });
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
