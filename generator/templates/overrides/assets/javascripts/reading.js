/* Story pages and "My reflections".

   - A story reached from a module (its link ends in #in-module-<slug>) offers that module's next
     story under "Read next", and only that module's previous/next strip.
   - Each reflection question gets a box to answer in. Answers are kept in this browser only
     (localStorage, under a key of this site's folder, so two courses never mix); nothing is sent
     anywhere. "My reflections" lists them, prints them, downloads them as Markdown or text, and
     clears them after asking. Without JavaScript the questions read as a plain list. */
(function () {
  "use strict";

  var SAVE_DELAY = 400; /* ms after the last key press */

  function storageKey(element) {
    var root = new URL(element.getAttribute("data-ss-root") || "index.html", window.location.href);
    return "service-stories:reflections:" + root.pathname.replace(/[^/]*$/, "");
  }

  /* Answers: a list of {story, title, path, n, question, answer, saved}, in the order they were first
     written. `null` when this browser refuses to keep anything (storage off or full). */
  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(key) || "[]");
      return Array.isArray(data) ? data : [];
    } catch (error) {
      return error instanceof SyntaxError ? [] : null;
    }
  }

  function store(key, answers) {
    try {
      if (answers.length) window.localStorage.setItem(key, JSON.stringify(answers));
      else window.localStorage.removeItem(key);
      return true;
    } catch (error) {
      return false;
    }
  }

  /* ---- Story pages: which module the reader came from ---- */
  function followModule() {
    var match = /^#in-module-([a-z0-9-]+)$/.exec(window.location.hash);
    if (!match) return;
    var choice = document.querySelector('.ss-next__choice[data-ss-module="' + match[1] + '"]');
    if (!choice) return;
    Array.prototype.forEach.call(document.querySelectorAll(".ss-next__choice"), function (other) {
      other.hidden = other !== choice;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".ss-module-strip"), function (strip) {
      strip.hidden = strip.id !== "in-module-" + match[1];
    });
  }

  /* ---- Story pages: a box under each question ---- */
  function journal(list) {
    var key = storageKey(list);
    var say = window.serviceStoriesLabels(list);
    var story = list.getAttribute("data-ss-story");
    var note = document.querySelector("[data-ss-journal-note]");
    var saved = document.createElement("p");
    saved.className = "ss-reflect__saved";
    saved.setAttribute("role", "status");
    var canKeep = load(key) !== null;

    function find(answers, question) {
      for (var i = 0; i < answers.length; i += 1) {
        if (answers[i].story === story && answers[i].question === question) return i;
      }
      return -1;
    }

    function save(number, question, text) {
      var answers = load(key);
      if (answers === null) return false;
      var at = find(answers, question);
      if (!text.trim()) {
        if (at !== -1) answers.splice(at, 1);
      } else {
        var entry = {
          story: story,
          title: list.getAttribute("data-ss-title"),
          path: list.getAttribute("data-ss-path"),
          n: number,
          question: question,
          answer: text,
          saved: new Date().toISOString()
        };
        if (at === -1) answers.push(entry); else answers[at] = entry;
      }
      return store(key, answers);
    }

    var kept = load(key) || [];
    Array.prototype.forEach.call(list.querySelectorAll("li"), function (item, index) {
      var question = item.querySelector(".ss-question");
      var box = document.createElement("textarea");
      box.className = "ss-answer";
      box.id = "answer-" + (index + 1);
      box.rows = 3;
      box.setAttribute("aria-labelledby", question.id);
      box.placeholder = say("placeholder");
      var at = find(kept, question.textContent);
      if (at !== -1) box.value = kept[at].answer;
      var timer = null;
      function flush() {
        window.clearTimeout(timer);
        timer = null;
        saved.textContent = save(index + 1, question.textContent, box.value) ? say("saved") : say("not_kept");
      }
      box.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(flush, SAVE_DELAY);
      });
      box.addEventListener("blur", function () { if (timer !== null) flush(); });
      window.addEventListener("pagehide", function () { if (timer !== null) flush(); });
      item.appendChild(box);
    });
    list.parentNode.insertBefore(saved, list.nextSibling);
    if (note) note.hidden = false;
    if (!canKeep) saved.textContent = say("cannot_keep");
  }

  /* ---- My reflections ---- */
  function byStory(answers) {
    var groups = [];
    var index = {};
    answers.forEach(function (entry) {
      if (!(entry.story in index)) {
        index[entry.story] = groups.length;
        groups.push({ title: entry.title, path: entry.path, answers: [] });
      }
      groups[index[entry.story]].answers.push(entry);
    });
    groups.forEach(function (group) {
      group.answers.sort(function (a, b) { return a.n - b.n; });
    });
    return groups;
  }

  function day(iso) {
    var date = new Date(iso);
    var language = document.documentElement.lang || undefined;
    return isNaN(date) ? "" : date.toLocaleDateString(language, { year: "numeric", month: "long", day: "numeric" });
  }

  function asMarkdown(heading, groups) {
    var lines = ["# " + heading, ""];
    groups.forEach(function (group) {
      lines.push("## " + group.title, "");
      group.answers.forEach(function (entry) {
        lines.push("**" + entry.question + "**", "", entry.answer.trim(), "");
      });
    });
    return lines.join("\n");
  }

  function asText(head, groups) {
    var lines = [head, new Array(head.length + 1).join("="), ""];
    groups.forEach(function (group) {
      lines.push(group.title, new Array(group.title.length + 1).join("-"), "");
      group.answers.forEach(function (entry) {
        lines.push(entry.question, "", entry.answer.trim(), "");
      });
    });
    return lines.join("\n");
  }

  function journalPage(page) {
    var key = storageKey(page);
    var say = window.serviceStoriesLabels(page);
    var heading = say("heading", { course: page.getAttribute("data-ss-course") || "" });
    var root = page.getAttribute("data-ss-root").replace(/[^/]*$/, "");
    var entries = page.querySelector("[data-ss-entries]");
    var empty = page.querySelector("[data-ss-empty]");
    var actions = page.querySelector("[data-ss-journal-actions]");
    var status = page.querySelector("[data-ss-journal-status]");
    var downloads = Array.prototype.slice.call(page.querySelectorAll("[data-ss-download]"));
    var urls = [];
    page.querySelector("[data-ss-journal-nojs]").hidden = true;

    function element(name, className, text) {
      var made = document.createElement(name);
      if (className) made.className = className;
      if (text !== undefined) made.textContent = text;
      return made;
    }

    function show() {
      var answers = load(key);
      urls.forEach(function (url) { URL.revokeObjectURL(url); });
      urls = [];
      entries.textContent = "";
      if (answers === null) {
        status.textContent = say("nothing_kept");
        actions.hidden = true;
        return;
      }
      var groups = byStory(answers);
      groups.forEach(function (group, number) {
        var section = element("section", "ss-journal__story");
        var heading = element("h2");
        heading.id = "story-" + (number + 1);
        var link = element("a", "", group.title);
        link.href = root + group.path;
        heading.appendChild(link);
        section.setAttribute("aria-labelledby", heading.id);
        section.appendChild(heading);
        var list = element("dl");
        group.answers.forEach(function (entry) {
          list.appendChild(element("dt", "", entry.question));
          var answer = element("dd", "", entry.answer.trim());
          var when = day(entry.saved);
          if (when) answer.appendChild(element("span", "ss-journal__date", say("written", { date: when })));
          list.appendChild(answer);
        });
        section.appendChild(list);
        entries.appendChild(section);
      });
      empty.hidden = groups.length > 0;
      actions.hidden = groups.length === 0;
      status.textContent = groups.length
        ? say("summary", {
          answers: say("answers", { count: answers.length }),
          stories: say("stories", { count: groups.length })
        })
        : "";
      downloads.forEach(function (link) {
        var markdown = link.getAttribute("data-ss-download") === "md";
        var text = markdown ? asMarkdown(heading, groups) : asText(heading, groups);
        var url = URL.createObjectURL(new Blob([text], { type: (markdown ? "text/markdown" : "text/plain") + ";charset=utf-8" }));
        urls.push(url);
        link.href = url;
        link.download = say("file_name") + "." + (markdown ? "md" : "txt");
      });
    }

    page.querySelector("[data-ss-print]").addEventListener("click", function () { window.print(); });
    page.querySelector("[data-ss-clear]").addEventListener("click", function () {
      var count = (load(key) || []).length;
      if (!window.confirm(say("confirm", { answers: say("answers", { count: count }) }))) return;
      store(key, []);
      show();
      status.textContent = say("deleted");
      empty.querySelector("a").focus();
    });
    window.addEventListener("storage", function (event) { if (event.key === key) show(); });
    show();
  }

  function init() {
    followModule();
    var list = document.querySelector("[data-ss-journal]");
    if (list) journal(list);
    var page = document.querySelector("[data-ss-journal-page]");
    if (page) journalPage(page);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
