/* The room display: slides a facilitator projects, built from window.ssSession.

   A module's page names its module (data-room-module); room/session.html reads a session
   builder's plan from its address: #title=…&start=HH:MM&length=…&plan=slug,slug~12,~10 (a story
   at its minutes, a story with its minutes changed, a break), again on every change of the hash.
   The plan becomes agenda items (story, module discussion, break), each item one or more slides:
   a story's title and summary, then each question on its own; a break. Minutes come from the
   data (the model's), never worked out here.

   Keys: → ↓ PageDown Space next, ← ↑ PageUp previous (clickers send PageUp/PageDown), Home, End,
   F full screen, T starts or pauses the item's timer. The timer counts down the current item's
   minutes across its slides, each item keeping its own time, and shows time over as "+m:ss". */
(function () {
  "use strict";

  var body = document.body;
  var data = window.ssSession || {stories: [], modules: []};
  var say = window.serviceStoriesLabels(body);
  var part = function (name) { return document.querySelector('[data-room="' + name + '"]'); };
  var ui = {
    slides: part("slides"), progress: part("progress"), position: part("position"), announce: part("announce"),
    previous: part("previous"), next: part("next"), clock: part("clock"), timer: part("timer"), time: part("time"),
    state: part("state"), toggle: part("toggle"), reset: part("reset"), fullscreen: part("fullscreen"), back: part("back")
  };
  var plans = window.ssSessionPlan; /* session-plan.js: the builder's address, read as the builder reads it */

  var deck = {slides: [], items: [], current: 0};
  var timer = {item: -1, spent: {}, running: false, since: 0, tick: 0};

  /* ---- the plan ---- */

  function storiesBySlug() {
    var found = {};
    (data.stories || []).forEach(function (story) { found[story.slug] = story; });
    return found;
  }

  function withSlide(hash, number) {
    /* The address with the slide on screen in it (slide=N, from 1), so a reload, or a browser
       that restarts mid-session, comes back to the same slide; the first slide needs none. */
    var pairs = hash.replace(/^#/, "").split("&").filter(function (pair) {
      return pair && pair.split("=")[0] !== "slide";
    });
    if (number > 1) pairs.push("slide=" + number);
    return pairs.length ? "#" + pairs.join("&") : "";
  }

  function keepSlide(number) {
    var hash = withSlide(window.location.hash, number);
    if (hash === window.location.hash || (!hash && !window.location.hash)) return;
    try {
      window.history.replaceState(null, "", window.location.pathname + window.location.search + (hash || "#"));
    } catch (error) { /* a browser that refuses it here: the slide is just not kept */ }
  }

  function sessionPlan() {
    var stories = storiesBySlug();
    var plan = plans.read(window.location.hash, stories);
    var items = plan.items.map(function (item) {
      if (item.kind === "break") return item;
      return {kind: "story", story: stories[item.slug], minutes: item.minutes || stories[item.slug].minutes};
    });
    return {title: plan.title || say("session_title"), start: plan.start, items: items, missing: plan.unknown, agenda: null};
  }

  function modulePlan(slug) {
    var module = (data.modules || []).filter(function (item) { return item.slug === slug; })[0];
    var stories = storiesBySlug();
    var items = module.stories.filter(function (story) { return stories[story]; }).map(function (story) {
      return {kind: "story", story: stories[story], minutes: stories[story].minutes};
    });
    if (module.questions.length) {
      items.push({kind: "discussion", questions: module.questions, minutes: module.discussionMinutes});
    }
    return {title: module.title, start: null, items: items,
            missing: [], agenda: module.agenda, lead: module.duration};
  }

  /* ---- slides ---- */

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined && text !== null) made.textContent = text;
    return made;
  }

  function clockText(minutes) {
    var day = ((minutes % 1440) + 1440) % 1440;
    return Math.floor(day / 60) + ":" + String(day % 60).padStart(2, "0");
  }

  /* The line above a slide's title: where it comes from, then (muted) which one it is. */
  function kicker(source, which) {
    var line = element("p", "room-kicker");
    if (source) line.appendChild(element("span", "room-kicker__source", source));
    if (which) line.appendChild(element("span", "room-kicker__which", which));
    return line;
  }

  function slide(kind, item, title) {
    var section = element("section", "room-slide room-slide--" + kind);
    section.setAttribute("data-kind", kind);
    section.setAttribute("data-item", String(item));
    section.hidden = true;
    var inner = element("div", "room-slide__body");
    section.appendChild(inner);
    return {element: section, body: inner, item: item, title: title, kind: kind};
  }

  function agendaRows(plan) {
    if (plan.agenda) {
      return plan.agenda.map(function (row) {
        return {when: clockText(row[0]), what: row[2], minutes: row[1]};
      });
    }
    var at = plan.start === null ? 0 : plan.start;
    return plan.items.map(function (item) {
      var row = {when: clockText(at), what: item.kind === "break" ? say("break") : item.story.title, minutes: item.minutes,
                 pause: item.kind === "break"};
      at += item.minutes;
      return row;
    });
  }

  function totalMinutes(plan) {
    return plan.items.reduce(function (sum, item) { return sum + item.minutes; }, 0);
  }

  function titleSlide(plan) {
    var made = slide("title", -1, plan.title);
    var heading = made.body;
    heading.appendChild(kicker(body.getAttribute("data-room-kicker"), body.getAttribute("data-room-which")));
    heading.appendChild(element("h1", "room-title", plan.title));
    var minutes = plan.agenda ? plan.lead : totalMinutes(plan);
    var facts = say("minutes", {count: minutes});
    if (plan.start !== null && plan.items.length) {
      facts = say("times", {start: clockText(plan.start), end: clockText(plan.start + minutes), minutes: facts});
    }
    heading.appendChild(element("p", "room-facts", facts));
    var rows = agendaRows(plan);
    if (rows.length) {
      var card = element("div", "room-agenda");
      card.appendChild(element("h2", "room-agenda__title", say("agenda")));
      var list = element("ol", "room-agenda__list" + (rows.length > 6 ? " room-agenda__list--long" : ""));
      rows.forEach(function (row) {
        var entry = element("li", "room-agenda__row" + (row.pause ? " room-agenda__row--break" : ""));
        entry.appendChild(element("span", "room-agenda__when", row.when));
        entry.appendChild(element("span", "room-agenda__what", row.what));
        entry.appendChild(element("span", "room-agenda__minutes", say("minutes_short", {count: row.minutes})));
        list.appendChild(entry);
      });
      card.appendChild(list);
      made.element.appendChild(card);
      made.element.classList.add("room-slide--with-agenda");
    } else {
      heading.appendChild(element("p", "room-lead", say("empty")));
    }
    if (plan.missing.length) {
      heading.appendChild(element("p", "room-note", say("unknown", {slugs: plan.missing.join(", ")})));
    }
    heading.appendChild(element("p", "room-hint", say("hint")));
    return made;
  }

  function storySlide(item, index, number, total) {
    var story = item.story;
    var made = slide("story", index, story.title);
    made.body.appendChild(kicker(say("story_kicker", {number: number, total: total}), story.setting));
    made.body.appendChild(element("h2", "room-title room-title--story", story.title));
    made.body.appendChild(element("p", "room-lead", story.summary));
    var facts = [say("questions", {count: story.questions.length}), say("minutes", {count: item.minutes})];
    made.body.appendChild(element("p", "room-facts room-facts--story", facts.join(" · ")));
    return made;
  }

  function questionSlide(index, heading, question, number, total) {
    var which = say("question_kicker", {number: number, total: total});
    var made = slide("question", index, heading + ", " + which.charAt(0).toLowerCase() + which.slice(1));
    made.body.appendChild(kicker(heading, which));
    made.body.appendChild(element("p", "room-question", question));
    var dots = element("p", "room-dots");
    dots.setAttribute("aria-hidden", "true");
    for (var dot = 1; dot <= total; dot += 1) {
      dots.appendChild(element("span", "room-dots__dot" + (dot === number ? " room-dots__dot--now" : "")));
    }
    made.body.appendChild(dots);
    return made;
  }

  function breakSlide(item, index, startsAt) {
    var made = slide("break", index, say("break"));
    made.body.appendChild(kicker(say("minutes", {count: item.minutes})));
    made.body.appendChild(element("h2", "room-title room-title--break", say("break")));
    var clock = element("p", "room-break__clock");
    clock.setAttribute("data-room-mirror", "");
    clock.setAttribute("aria-hidden", "true");
    made.body.appendChild(clock);
    if (startsAt !== null) {
      made.body.appendChild(element("p", "room-lead room-break__back", say("back_at", {time: clockText(startsAt + item.minutes)})));
    }
    return made;
  }

  function slidesOf(plan) {
    var slides = [titleSlide(plan)];
    var stories = plan.items.filter(function (item) { return item.kind === "story"; }).length;
    var storyNumber = 0;
    var at = plan.start;
    plan.items.forEach(function (item, index) {
      if (item.kind === "story") {
        storyNumber += 1;
        slides.push(storySlide(item, index, storyNumber, stories));
        item.story.questions.forEach(function (question, n) {
          slides.push(questionSlide(index, item.story.title, question, n + 1, item.story.questions.length));
        });
      } else if (item.kind === "discussion") {
        item.questions.forEach(function (question, n) {
          slides.push(questionSlide(index, say("discussion"), question, n + 1, item.questions.length));
        });
      } else {
        slides.push(breakSlide(item, index, at));
      }
      if (at !== null) at += item.minutes;
    });
    return slides;
  }

  function build() {
    var module = body.getAttribute("data-room-module");
    var plan = module ? modulePlan(module) : sessionPlan();
    stopTicking();
    deck = {slides: slidesOf(plan), items: plan.items, current: 0};
    timer = {item: -1, spent: {}, running: false, since: 0, tick: 0};
    ui.slides.textContent = "";
    deck.slides.forEach(function (made) { ui.slides.appendChild(made.element); });
    document.title = plan.title + " · " + say("room");
    if (!module) ui.back.setAttribute("href", ui.back.getAttribute("href").split("#")[0] + withSlide(window.location.hash, 1));
    show((parseInt(plans.fields(window.location.hash).slide, 10) || 1) - 1, true);
  }

  /* ---- moving ---- */

  function fit(made) {
    /* A long question shrinks until it fits the slide, never below the stylesheet's smallest size. */
    var text = made.element.querySelector(".room-question");
    if (!text) return;
    text.style.fontSize = "";
    var size = parseFloat(window.getComputedStyle(text).fontSize);
    var floor = parseFloat(window.getComputedStyle(document.documentElement).fontSize) * 2.5;
    while (made.element.scrollHeight > made.element.clientHeight + 1 && size > floor) {
      size = Math.max(floor, size * 0.92);
      text.style.fontSize = size + "px";
    }
  }

  function show(index, quietly) {
    index = Math.max(0, Math.min(deck.slides.length - 1, index));
    var before = deck.slides[deck.current];
    if (before) before.element.hidden = true;
    deck.current = index;
    var made = deck.slides[index];
    made.element.hidden = false;
    fit(made);
    var total = deck.slides.length;
    ui.position.textContent = say("position", {current: index + 1, total: total});
    ui.progress.style.width = (total > 1 ? (index / (total - 1)) * 100 : 100) + "%";
    ui.previous.disabled = index === 0;
    ui.next.disabled = index === total - 1;
    if (document.activeElement === ui.next && ui.next.disabled) ui.previous.focus(); /* keep focus in the bar */
    if (document.activeElement === ui.previous && ui.previous.disabled) ui.next.focus();
    if (!quietly || ui.announce.textContent) {
      ui.announce.textContent = say("announce", {current: index + 1, total: total, title: made.title});
    }
    enterItem(made.item);
    keepSlide(index + 1);
  }

  function move(step) { show(deck.current + step); }

  /* ---- the timer ---- */

  function now() { return Date.now(); }

  function spent(item) {
    return (timer.spent[item] || 0) + (timer.running && item === timer.item ? now() - timer.since : 0);
  }

  function settle() {
    if (timer.running && timer.item >= 0) timer.spent[timer.item] = spent(timer.item);
    timer.since = now();
  }

  function enterItem(item) {
    if (item === timer.item) return;
    settle();
    timer.item = item;
    ui.clock.hidden = item < 0;
    paint();
  }

  function stopTicking() {
    if (timer.tick) window.clearInterval(timer.tick);
    timer.tick = 0;
  }

  function toggleTimer() {
    if (timer.item < 0) return;
    settle();
    timer.running = !timer.running;
    stopTicking();
    if (timer.running) timer.tick = window.setInterval(paint, 250);
    paint();
  }

  function resetTimer() {
    if (timer.item < 0) return;
    timer.spent[timer.item] = 0;
    timer.since = now();
    paint();
  }

  /* A button's words, shown and (where a narrow screen shows only its icon) in aria-label. */
  function name(button, words) {
    button.querySelector(".room-button__text").textContent = words;
    button.setAttribute("aria-label", words);
  }

  function duration(seconds) {
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function paint() {
    var item = deck.items[timer.item];
    if (!item) return;
    var left = item.minutes * 60000 - spent(timer.item);
    var over = left < 0;
    var text = over ? "+" + duration(Math.floor(-left / 1000)) : duration(Math.ceil(left / 1000));
    ui.time.textContent = text;
    ui.state.textContent = over ? say("overtime") : say(timer.running ? "left" : "paused");
    ui.timer.classList.toggle("room-timer--over", over);
    ui.timer.classList.toggle("room-timer--paused", !timer.running);
    name(ui.toggle, say(timer.running ? "pause" : "start"));
    ui.toggle.toggleAttribute("data-running", timer.running);
    body.classList.toggle("room--over", over);
    var mirror = deck.slides[deck.current].element.querySelector("[data-room-mirror]");
    if (mirror) mirror.textContent = text;
  }

  /* ---- full screen ---- */

  function toggleFullscreen() {
    if (!document.fullscreenEnabled) return;
    if (document.fullscreenElement) {
      document.exitFullscreen();
    } else {
      document.documentElement.requestFullscreen().catch(function () {});
    }
  }

  function paintFullscreen() {
    name(ui.fullscreen, say(document.fullscreenElement ? "exit_fullscreen" : "fullscreen"));
    body.classList.toggle("room--fullscreen", !!document.fullscreenElement);
  }

  /* ---- keys and buttons ---- */

  var KEYS = {
    ArrowRight: function () { move(1); }, ArrowDown: function () { move(1); }, PageDown: function () { move(1); },
    ArrowLeft: function () { move(-1); }, ArrowUp: function () { move(-1); }, PageUp: function () { move(-1); },
    Home: function () { show(0); }, End: function () { show(deck.slides.length - 1); },
    f: toggleFullscreen, t: toggleTimer
  };

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var onControl = event.target.closest && event.target.closest("button, a, input, select, textarea");
    var key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === " ") {
      if (onControl) return; /* Space presses the focused button */
      move(event.shiftKey ? -1 : 1);
    } else if (KEYS[key]) {
      KEYS[key]();
    } else {
      return;
    }
    event.preventDefault();
  });

  ui.previous.addEventListener("click", function () { move(-1); });
  ui.next.addEventListener("click", function () { move(1); });
  ui.toggle.addEventListener("click", toggleTimer);
  ui.reset.addEventListener("click", resetTimer);
  if (document.fullscreenEnabled) {
    ui.fullscreen.hidden = false;
    ui.fullscreen.addEventListener("click", toggleFullscreen);
    document.addEventListener("fullscreenchange", paintFullscreen);
  }
  window.addEventListener("resize", function () { fit(deck.slides[deck.current]); });
  if (!body.getAttribute("data-room-module")) window.addEventListener("hashchange", build);
  build();
})();
