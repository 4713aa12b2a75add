/* The session builder (facilitator edition, session/index.html).

   - The course comes from session/session-data.js (window.ssSession): stories with their minutes
     as the build computed them (facilitator minutes, else reading time plus discussion), never
     recomputed here, so the agenda agrees with the guides.
   - The whole plan lives in the address's hash, which the room display reads too:
       #title=<encodeURIComponent>&start=HH:MM&length=<minutes>&plan=<items>
     items comma-separated: <slug> (a story at its minutes), <slug>~<minutes> (minutes changed),
     ~<minutes> (a break). Unknown slugs are left out, with a note. Small edits replace the
     address; starting from a module and clearing add a history entry, so Back undoes them.
   - Order by dragging an item's handle (pointer events: mouse, pen and touch) or by its Move up /
     Move down buttons; focus stays on the moved item and a live region says where it went.
   - Printing shows a guide for the plan only (the site's chrome and the builder are hidden): the
     agenda, then each story on a new page with its text, its questions with lines to write on and
     what to listen for. A story's text arrives by a script, session/stories/<slug>.js, loaded
     when the story joins the plan (file:// cannot fetch). */
(function () {
  "use strict";

  var plans = window.ssSessionPlan; /* session-plan.js: the address's format, read as the room reads it */
  var whole = plans.whole;
  var readClock = plans.readClock;
  var DEFAULTS = { start: 9 * 60, length: 60 };
  var MAX_MINUTES = plans.MAX_MINUTES; /* an item */
  var MAX_LENGTH = plans.MAX_LENGTH; /* a session */
  var RESULTS_SHOWN = 40;
  var LINES = 3; /* writing lines under each question in print */

  function pad(number) { return (number < 10 ? "0" : "") + number; }

  function clock(minutes) {
    var day = ((minutes % 1440) + 1440) % 1440;
    return pad(Math.floor(day / 60)) + ":" + pad(day % 60);
  }

  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text !== undefined) made.textContent = text;
    return made;
  }

  /* ---- The plan and its address ---- */

  function serialize(state) {
    var items = state.items.map(function (item) {
      if (item.kind === "break") return "~" + item.minutes;
      return item.minutes === null ? item.slug : item.slug + "~" + item.minutes;
    });
    return "title=" + encodeURIComponent(state.title) + "&start=" + clock(state.start) +
      "&length=" + state.length + "&plan=" + items.join(",");
  }

  function parse(hash, stories) {
    var plan = plans.read(hash, stories);
    if (plan.start === null) plan.start = DEFAULTS.start;
    if (plan.length === null) plan.length = DEFAULTS.length;
    plan.items.forEach(function (item) { /* a story at its own minutes keeps none of its own */
      if (item.kind === "story" && item.minutes === stories[item.slug].minutes) item.minutes = null;
    });
    return plan;
  }

  function builder(root, data) {
    var say = window.serviceStoriesLabels(root);
    var stories = {};
    data.stories.forEach(function (story) { stories[story.slug] = story; });
    var themeTitles = data.themes.map(function (theme) { return theme[1]; });
    var site = root.getAttribute("data-ss-root").replace(/[^/]*$/, "");
    var scriptPattern = root.getAttribute("data-ss-story-script");
    var course = root.getAttribute("data-ss-course") || "";
    var find = function (selector) { return root.querySelector(selector); };
    var fields = { title: find("[data-ss-title]"), start: find("[data-ss-start]"), length: find("[data-ss-length]") };
    var search = find("[data-ss-search]");
    var chips = Array.prototype.slice.call(root.querySelectorAll("[data-ss-theme]"));
    var results = find("[data-ss-results]");
    var resultsStatus = find("[data-ss-results-status]");
    var list = find("[data-ss-items]");
    var empty = find("[data-ss-empty]");
    var end = find("[data-ss-end]");
    var fit = find("[data-ss-fit]");
    var unknownNote = find("[data-ss-unknown]");
    var breakMinutes = find("[data-ss-break-minutes]");
    var breakWhere = find("[data-ss-break-where]");
    var roomLink = find("[data-ss-room-link]");
    var jump = find("[data-ss-jump]");
    var guide = root.querySelector("[data-ss-print-guide]");
    var announcer = root.querySelector("[data-ss-announce]");
    var pageStyle = document.createElement("style");
    document.head.appendChild(pageStyle);
    var state;
    var nextId = 1;
    var texts = {}; /* slug -> {html, credit} once its script ran */
    var requested = {}; /* slug -> true | "failed" */
    var printWhenReady = false;

    function minutesText(count) { return say("minutes", { count: count }); }
    function minutesOf(item) { return item.minutes !== null ? item.minutes : stories[item.slug].minutes; }
    function withIds(items) { return items.map(function (item) { item.id = nextId++; return item; }); }

    function timeline() {
      var at = 0;
      return state.items.map(function (item) {
        var row = { item: item, start: at, minutes: minutesOf(item) };
        at += row.minutes;
        return row;
      });
    }
    function planned() { return state.items.reduce(function (sum, item) { return sum + minutesOf(item); }, 0); }
    function startOf(item) {
      var rows = timeline();
      for (var i = 0; i < rows.length; i += 1) if (rows[i].item === item) return state.start + rows[i].start;
      return state.start;
    }
    function nameOf(item) {
      return item.kind === "break" ? say("break_name", { time: clock(startOf(item)) })
        : say("story_name", { title: stories[item.slug].title });
    }
    function announce(text) {
      /* the same words twice in a row are still read: the region's text must change */
      announcer.textContent = announcer.textContent === text ? text + "\u00a0" : text;
    }

    /* ---- The address ---- */
    function writeAddress(push) {
      var hash = "#" + serialize(state);
      if (window.location.hash !== hash) {
        try {
          window.history[push ? "pushState" : "replaceState"](null, "", hash);
        } catch (error) { /* some browsers refuse history on file://: the hash still works */
          window.location.hash = hash;
        }
      }
      roomLink.href = root.getAttribute("data-ss-room") + hash;
    }

    function readAddress() {
      state = parse(window.location.hash, stories);
      withIds(state.items);
      fields.title.value = state.title;
      fields.start.value = clock(state.start);
      fields.length.value = String(state.length);
      unknownNote.hidden = !state.unknown.length;
      unknownNote.textContent = state.unknown.length ? say("unknown", { slugs: state.unknown.join(", ") }) : "";
      renderAll();
    }

    /* ---- Choosing stories ---- */
    function pressedThemes() {
      return chips.filter(function (chip) { return chip.getAttribute("aria-pressed") === "true"; })
        .map(function (chip) { return parseInt(chip.getAttribute("data-ss-theme"), 10); });
    }

    function inPlan(slug) {
      return state.items.some(function (item) { return item.kind === "story" && item.slug === slug; });
    }

    function renderResults() {
      var words = fold(search.value).split(/\s+/).filter(Boolean);
      var themes = pressedThemes();
      var matching = data.stories.filter(function (story) {
        var themeOk = !themes.length || themes.some(function (t) { return story.themes.indexOf(t) !== -1; });
        if (!themeOk) return false;
        var text = fold([story.title, story.summary].concat(story.themes.map(function (t) { return themeTitles[t]; })).join(" "));
        return words.every(function (word) { return text.indexOf(word) !== -1; });
      });
      results.textContent = "";
      matching.slice(0, RESULTS_SHOWN).forEach(function (story) {
        var item = element("li", "ss-result");
        item.setAttribute("data-ss-result", story.slug);
        var text = element("div", "ss-result__text");
        var title = element("p", "ss-result__title");
        var link = element("a", "", story.title);
        link.href = site + story.url;
        title.appendChild(link);
        text.appendChild(title);
        text.appendChild(element("p", "ss-result__summary", story.summary));
        var facts = [say("min", { count: story.minutes }), say("questions", { count: story.questions.length })]
          .concat(story.themes.map(function (t) { return themeTitles[t]; }));
        text.appendChild(element("p", "ss-result__facts", facts.join(" · ")));
        item.appendChild(text);
        var button = element("button", "md-button ss-result__add");
        button.type = "button";
        button.setAttribute("data-ss-add", story.slug);
        item.appendChild(button);
        results.appendChild(item);
      });
      markAdded();
      var total = data.stories.length;
      var filtered = words.length || themes.length;
      var status = !matching.length ? say("none")
        : !filtered ? say("all", { count: total })
          : say("some", { count: matching.length, total: total });
      if (matching.length > RESULTS_SHOWN) status += " " + say("first", { count: RESULTS_SHOWN });
      resultsStatus.textContent = status;
    }

    function markAdded() {
      Array.prototype.forEach.call(results.querySelectorAll("[data-ss-add]"), function (button) {
        var slug = button.getAttribute("data-ss-add");
        var added = inPlan(slug);
        var name = say("story_name", { title: stories[slug].title });
        button.textContent = added ? say("added") : say("add");
        button.setAttribute("aria-label", added ? say("added_name", { name: name }) : say("add_name", { name: name }));
        button.setAttribute("aria-disabled", added ? "true" : "false");
        button.classList.toggle("ss-result__add--done", added);
      });
    }

    /* ---- The agenda ---- */
    function iconButton(action, label, icon) {
      var button = element("button", "ss-item__button ss-item__button--" + icon);
      button.type = "button";
      button.setAttribute("data-ss-action", action);
      button.setAttribute("aria-label", label);
      button.title = label;
      return button;
    }

    function defaultNote(item) {
      return item.minutes === null ? "" : " · " + say("by_default", { minutes: say("min", { count: stories[item.slug].minutes }) });
    }

    function renderItem(row, index, count) {
      var item = row.item;
      var story = item.kind === "story" ? stories[item.slug] : null;
      var name = nameOf(item);
      var entry = element("li", "ss-item ss-item--" + item.kind);
      entry.setAttribute("data-ss-id", String(item.id));
      entry.setAttribute("data-ss-kind", item.kind);
      if (story) entry.setAttribute("data-ss-slug", item.slug);
      var handle = element("span", "ss-item__handle");
      handle.setAttribute("aria-hidden", "true");
      handle.title = say("drag");
      entry.appendChild(handle);
      var time = element("time", "ss-item__time", clock(state.start + row.start));
      time.setAttribute("data-ss-time", "");
      entry.appendChild(time);
      var main = element("div", "ss-item__main");
      if (story) {
        var link = element("a", "ss-item__title", story.title);
        link.href = site + story.url;
        main.appendChild(link);
        var facts = [say("questions", { count: story.questions.length })];
        if (story.setting) facts.unshift(story.setting);
        var meta = element("span", "ss-item__meta", facts.join(" · "));
        meta.appendChild(element("span", "ss-item__default", defaultNote(item)));
        main.appendChild(meta);
      } else {
        main.appendChild(element("span", "ss-item__title", say("break")));
      }
      entry.appendChild(main);
      var minutes = element("span", "ss-item__minutes");
      var input = element("input", "ss-item__input");
      input.type = "number";
      input.min = "1";
      input.max = String(MAX_MINUTES);
      input.inputMode = "numeric";
      input.value = String(row.minutes);
      input.setAttribute("aria-label", say("minutes_for", { name: item.kind === "break" ? say("break") : name }));
      input.setAttribute("data-ss-minutes", "");
      minutes.appendChild(input);
      var unit = element("span", "ss-item__unit", say("min", { count: "" }).trim());
      unit.setAttribute("aria-hidden", "true");
      minutes.appendChild(unit);
      entry.appendChild(minutes);
      var buttons = element("span", "ss-item__buttons");
      var up = iconButton("up", say("move_up", { name: name }), "up");
      var down = iconButton("down", say("move_down", { name: name }), "down");
      if (index === 0) up.setAttribute("aria-disabled", "true");
      if (index === count - 1) down.setAttribute("aria-disabled", "true");
      buttons.appendChild(up);
      buttons.appendChild(down);
      buttons.appendChild(iconButton("remove", say("remove", { name: name }), "remove"));
      entry.appendChild(buttons);
      return entry;
    }

    function renderPlan(focusId, focusAction) {
      var rows = timeline();
      list.textContent = "";
      rows.forEach(function (row, index) { list.appendChild(renderItem(row, index, rows.length)); });
      empty.hidden = rows.length > 0;
      renderBreakPlaces();
      renderTotals();
      if (focusId !== undefined) {
        var target = list.querySelector('[data-ss-id="' + focusId + '"] [data-ss-action="' + focusAction + '"]');
        if (target) target.focus();
      }
    }

    /* Times, totals and names that change with minutes, without rebuilding the list (a minutes
       box being typed in keeps its focus). */
    function renderTimes() {
      timeline().forEach(function (row) {
        var entry = list.querySelector('[data-ss-id="' + row.item.id + '"]');
        if (!entry) return;
        entry.querySelector("[data-ss-time]").textContent = clock(state.start + row.start);
        if (row.item.kind === "story") {
          entry.querySelector(".ss-item__default").textContent = defaultNote(row.item);
        } else {
          var name = nameOf(row.item);
          entry.querySelector('[data-ss-action="up"]').setAttribute("aria-label", say("move_up", { name: name }));
          entry.querySelector('[data-ss-action="down"]').setAttribute("aria-label", say("move_down", { name: name }));
          entry.querySelector('[data-ss-action="remove"]').setAttribute("aria-label", say("remove", { name: name }));
          Array.prototype.forEach.call(entry.querySelectorAll(".ss-item__button"), function (button) {
            button.title = button.getAttribute("aria-label");
          });
        }
      });
      renderBreakPlaces();
      renderTotals();
    }

    function renderBreakPlaces() {
      var chosen = breakWhere.value;
      breakWhere.textContent = "";
      var count = state.items.length;
      if (count) breakWhere.appendChild(new Option(say("where_start"), "0"));
      state.items.slice(0, -1).forEach(function (item, index) {
        breakWhere.appendChild(new Option(say("where_after", { name: nameOf(item) }), String(index + 1)));
      });
      breakWhere.appendChild(new Option(say("where_end"), String(count)));
      breakWhere.value = chosen !== "" && parseInt(chosen, 10) < count ? chosen : String(count);
    }

    function renderTotals() {
      var total = planned();
      var length = state.length;
      var lengthText = minutesText(length);
      fit.classList.remove("ss-builder__fit--over", "ss-builder__fit--spare", "ss-builder__fit--exact");
      var message;
      if (!state.items.length) {
        message = say("nothing", { length: lengthText });
      } else if (total > length) {
        message = say("over", { over: minutesText(total - length), planned: minutesText(total), length: lengthText });
        fit.classList.add("ss-builder__fit--over");
      } else if (total < length) {
        message = say("spare", { spare: minutesText(length - total), planned: minutesText(total), length: lengthText });
        fit.classList.add("ss-builder__fit--spare");
      } else {
        message = say("exact", { length: lengthText });
        fit.classList.add("ss-builder__fit--exact");
      }
      fit.textContent = message;
      fit.setAttribute("data-ss-over", String(Math.max(0, total - length)));
      end.textContent = state.items.length ? say("end", { time: clock(state.start + total), planned: minutesText(total) }) : "";
      jump.textContent = say("jump", { count: state.items.length, time: clock(state.start + total) }) +
        (total > length ? " · " + say("over_short", { count: total - length }) : "");
      jump.classList.toggle("ss-builder__jump--over", total > length);
      renderGuide();
    }

    function renderAll() {
      renderPlan();
      renderResults();
    }

    /* Something in the plan changed: the address, the stories' texts, the marks on the results. */
    function changed(push) {
      writeAddress(push);
      loadTexts();
      markAdded();
      unknownNote.hidden = true;
    }

    /* ---- Editing ---- */
    function indexOfId(id) {
      for (var i = 0; i < state.items.length; i += 1) if (state.items[i].id === id) return i;
      return -1;
    }

    function add(slug, button) {
      if (inPlan(slug)) {
        announce(say("already", { name: say("story_name", { title: stories[slug].title }) }));
        return;
      }
      var item = withIds([{ kind: "story", slug: slug, minutes: null }])[0];
      state.items.push(item);
      changed();
      renderPlan();
      if (button) button.focus();
      announce(say("added_to", { name: nameOf(item), time: clock(startOf(item)), minutes: minutesText(minutesOf(item)) }));
    }

    function move(id, delta, action) {
      var from = indexOfId(id);
      var to = from + delta;
      var item = state.items[from];
      if (to < 0 || to >= state.items.length) {
        announce(say(delta < 0 ? "first_already" : "last_already", { name: nameOf(item) }));
        return;
      }
      state.items.splice(from, 1);
      state.items.splice(to, 0, item);
      changed();
      renderPlan(id, action);
      announceMove(item);
    }

    function announceMove(item) {
      announce(say("moved", { name: nameOf(item), place: indexOfId(item.id) + 1, count: state.items.length,
        time: clock(startOf(item)) }));
    }

    function remove(id) {
      var at = indexOfId(id);
      var item = state.items[at];
      var name = nameOf(item);
      state.items.splice(at, 1);
      changed();
      renderPlan();
      var next = state.items[Math.min(at, state.items.length - 1)];
      if (next) list.querySelector('[data-ss-id="' + next.id + '"] [data-ss-action="remove"]').focus();
      else search.focus();
      announce(say("removed", { name: name }));
    }

    function setMinutes(id, text) {
      var item = state.items[indexOfId(id)];
      var minutes = whole(text, 1, MAX_MINUTES);
      if (!item || minutes === null) return;
      if (item.kind === "break") item.minutes = minutes;
      else item.minutes = minutes === stories[item.slug].minutes ? null : minutes;
      changed();
      renderTimes();
    }

    function addBreak() {
      var minutes = whole(breakMinutes.value, 1, MAX_MINUTES) || 10;
      var at = Math.min(parseInt(breakWhere.value, 10) || 0, state.items.length);
      var item = withIds([{ kind: "break", minutes: minutes }])[0];
      state.items.splice(at, 0, item);
      changed();
      renderPlan();
      announce(say("break_added", { minutes: minutesText(minutes), time: clock(startOf(item)) }));
    }

    function startFrom(slug) {
      var module = data.modules.filter(function (m) { return m.slug === slug; })[0];
      if (!module) return;
      var moduleTitles = data.modules.map(function (m) { return m.title; });
      if (!state.title || moduleTitles.indexOf(state.title) !== -1) state.title = module.title;
      state.length = module.duration;
      state.items = withIds(module.stories.filter(function (s) { return stories[s]; })
        .map(function (s) { return { kind: "story", slug: s, minutes: null }; }));
      fields.title.value = state.title;
      fields.length.value = String(state.length);
      changed(true);
      renderPlan();
      announce(say("module_loaded", { count: state.items.length, number: module.number }));
    }

    /* ---- Dragging an item by its handle ---- */
    function drag(event) {
      var handle = event.target.closest(".ss-item__handle");
      if (!handle || event.button !== 0) return;
      event.preventDefault();
      var entry = handle.closest(".ss-item");
      var id = parseInt(entry.getAttribute("data-ss-id"), 10);
      var others = Array.prototype.filter.call(list.children, function (other) { return other !== entry; });
      var startY = event.clientY;
      var place = indexOfId(id);
      entry.classList.add("ss-item--dragging");
      list.classList.add("ss-builder__items--dragging");

      function mark() {
        others.forEach(function (other) { other.classList.remove("ss-item--drop-before", "ss-item--drop-after"); });
        if (place < others.length) others[place].classList.add("ss-item--drop-before");
        else if (others.length) others[others.length - 1].classList.add("ss-item--drop-after");
      }
      function follow(moveEvent) {
        entry.style.transform = "translateY(" + (moveEvent.clientY - startY) + "px)";
        place = others.filter(function (other) {
          var box = other.getBoundingClientRect();
          return box.top + box.height / 2 < moveEvent.clientY;
        }).length;
        mark();
        if (moveEvent.clientY < 40) window.scrollBy(0, -12);
        else if (moveEvent.clientY > window.innerHeight - 40) window.scrollBy(0, 12);
      }
      function drop(upEvent) {
        window.removeEventListener("pointermove", follow);
        window.removeEventListener("pointerup", drop);
        window.removeEventListener("pointercancel", drop);
        entry.style.transform = "";
        entry.classList.remove("ss-item--dragging");
        list.classList.remove("ss-builder__items--dragging");
        others.forEach(function (other) { other.classList.remove("ss-item--drop-before", "ss-item--drop-after"); });
        var from = indexOfId(id);
        if (upEvent.type === "pointercancel" || place === from) return;
        var item = state.items.splice(from, 1)[0];
        state.items.splice(place, 0, item);
        changed();
        renderPlan();
        announceMove(item);
      }
      mark();
      window.addEventListener("pointermove", follow);
      window.addEventListener("pointerup", drop);
      window.addEventListener("pointercancel", drop);
    }

    /* ---- The printed guide ---- */
    function cssText(text) { return '"' + String(text).replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/[\n\r\f]/g, " ") + '"'; }

    function cssContent(label, values) {
      return label.split(/\{([a-z_]+)\}/).map(function (piece, index) {
        return index % 2 ? values[piece] : piece ? cssText(piece) : "";
      }).filter(Boolean).join(" ");
    }

    function storySection(row, number, total) {
      var story = stories[row.item.slug];
      var from = state.start + row.start;
      var span = say("span", { from: clock(from), to: clock(from + row.minutes) });
      /* A table, so the browser repeats the running head (the story's title) on every page the
         story fills: its questions are never on a page without its title. */
      var table = element("table", "ss-sp__story");
      table.setAttribute("role", "presentation");
      table.setAttribute("data-ss-print-story", story.slug);
      var head = element("thead");
      var headCell = element("td", "ss-sp__run");
      var runLine = headCell.appendChild(element("div", "ss-sp__run-line"));
      runLine.appendChild(element("span", "ss-sp__run-title", story.title));
      runLine.appendChild(element("span", "ss-sp__run-place",
        say("story_of", { number: number, total: total }) + " · " + span + " · " + say("min", { count: row.minutes })));
      head.appendChild(element("tr")).appendChild(headCell);
      table.appendChild(head);
      var cell = element("td", "ss-sp__story-cell");
      table.appendChild(element("tbody")).appendChild(element("tr")).appendChild(cell);
      if (story.setting) cell.appendChild(element("p", "ss-sp__kicker", story.setting));
      cell.appendChild(element("h2", "ss-sp__story-title", story.title));
      cell.appendChild(element("p", "ss-sp__lead", story.summary));
      var text = element("div", "ss-sp__text");
      var loaded = texts[story.slug];
      if (loaded) {
        text.innerHTML = loaded.html; /* the build's own HTML, as the story's page shows it */
      } else if (requested[story.slug] === "failed") {
        text.appendChild(element("p", "ss-sp__missing", say("text_missing")));
      }
      cell.appendChild(text);
      if (loaded && loaded.credit) {
        var credit = element("p", "ss-sp__credit");
        credit.innerHTML = loaded.credit;
        cell.appendChild(credit);
      }
      var questions = element("div", "ss-sp__questions");
      questions.appendChild(element("h3", "ss-sp__questions-title", say("reflection")));
      var listed = element("ol", "ss-sp__question-list");
      story.questions.forEach(function (question) {
        var entry = element("li", "ss-sp__question");
        entry.appendChild(element("p", "ss-sp__question-text", question));
        for (var i = 0; i < LINES; i += 1) entry.appendChild(element("span", "ss-sp__line"));
        listed.appendChild(entry);
      });
      questions.appendChild(listed);
      cell.appendChild(questions);
      if (story.listen.length) {
        var listen = element("aside", "ss-sp__listen");
        listen.appendChild(element("p", "ss-sp__listen-title", say("listen")));
        var points = element("ul");
        story.listen.forEach(function (point) { points.appendChild(element("li", "", point)); });
        listen.appendChild(points);
        cell.appendChild(listen);
      }
      return table;
    }

    function renderGuide() {
      var rows = timeline();
      var total = planned();
      var title = state.title || say("untitled");
      var storyRows = rows.filter(function (row) { return row.item.kind === "story"; });
      guide.textContent = "";
      var cover = element("section", "ss-sp__cover");
      cover.appendChild(element("p", "ss-sp__kicker", say("guide_kicker", { course: course })));
      cover.appendChild(element("h2", "ss-sp__title", title));
      var facts = element("dl", "ss-sp__facts");
      [["facts_start", clock(state.start)], ["facts_length", minutesText(state.length)],
        ["facts_planned", minutesText(total)], ["facts_stories", String(storyRows.length)]].forEach(function (fact) {
        var group = element("div");
        group.appendChild(element("dt", "", say(fact[0])));
        group.appendChild(element("dd", "", fact[1]));
        facts.appendChild(group);
      });
      cover.appendChild(facts);
      if (total > state.length) cover.appendChild(element("p", "ss-sp__over", fit.textContent));
      var table = element("table", "ss-sp__agenda");
      var headRow = element("thead").appendChild(element("tr"));
      ["col_time", "col_minutes", "col_activity"].forEach(function (key) { headRow.appendChild(element("th", "", say(key))); });
      table.appendChild(headRow.parentNode);
      var body = element("tbody");
      rows.forEach(function (row) {
        var line = element("tr", row.item.kind === "break" ? "ss-sp__break" : "");
        line.appendChild(element("td", "ss-sp__time", clock(state.start + row.start)));
        line.appendChild(element("td", "ss-sp__minutes", String(row.minutes)));
        var activity = element("td");
        if (row.item.kind === "break") {
          activity.textContent = say("break");
        } else {
          var story = stories[row.item.slug];
          activity.appendChild(element("strong", "", story.title));
          activity.appendChild(element("span", "ss-sp__summary", story.summary));
        }
        line.appendChild(activity);
        body.appendChild(line);
      });
      var last = element("tr", "ss-sp__end");
      last.appendChild(element("td", "ss-sp__time", clock(state.start + total)));
      last.appendChild(element("td", "ss-sp__minutes", String(total)));
      last.appendChild(element("td", "", say("end_row")));
      body.appendChild(last);
      table.appendChild(body);
      cover.appendChild(table);
      guide.appendChild(cover);
      storyRows.forEach(function (row, index) { guide.appendChild(storySection(row, index + 1, storyRows.length)); });
      pageStyle.textContent = "@page { @bottom-left { content: " + cssText(title) + "; } " +
        "@bottom-right { content: " + cssContent(say("page_of"), { page: "counter(page)", pages: "counter(pages)" }) + "; } }";
      var ready = storyRows.every(function (row) { return texts[row.item.slug] || requested[row.item.slug] === "failed"; });
      guide.setAttribute("data-ss-ready", ready ? "true" : "false");
      if (ready && printWhenReady) {
        printWhenReady = false;
        window.setTimeout(function () { window.print(); }, 0);
      }
    }

    /* Each story of the plan gets its text by a script of its own, once. */
    function loadTexts() {
      state.items.forEach(function (item) {
        if (item.kind !== "story" || requested[item.slug]) return;
        requested[item.slug] = true;
        var script = document.createElement("script");
        script.src = scriptPattern.replace("{slug}", item.slug);
        script.onerror = function () {
          requested[item.slug] = "failed";
          renderGuide();
        };
        document.body.appendChild(script);
      });
    }

    window.ssSessionStory = function (story) {
      if (!story || !stories[story.slug]) return;
      texts[story.slug] = { html: String(story.html || ""), credit: String(story.credit || "") };
      renderGuide();
    };

    /* ---- Wiring ---- */
    fields.title.addEventListener("input", function () {
      state.title = fields.title.value;
      writeAddress();
      renderGuide();
    });
    function readStart() {
      var start = readClock(fields.start.value);
      if (start === null) return;
      state.start = start;
      writeAddress();
      renderTimes();
    }
    fields.start.addEventListener("input", readStart);
    fields.start.addEventListener("change", readStart);
    fields.length.addEventListener("input", function () {
      var length = whole(fields.length.value, 1, MAX_LENGTH);
      if (length === null) return;
      state.length = length;
      writeAddress();
      renderTotals();
    });
    search.addEventListener("input", renderResults);
    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        renderResults();
      });
    });
    results.addEventListener("click", function (event) {
      var button = event.target.closest("[data-ss-add]");
      if (button) add(button.getAttribute("data-ss-add"), button);
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-ss-module]"), function (button) {
      button.addEventListener("click", function () { startFrom(button.getAttribute("data-ss-module")); });
    });
    list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-ss-action]");
      if (!button) return;
      var id = parseInt(button.closest(".ss-item").getAttribute("data-ss-id"), 10);
      var action = button.getAttribute("data-ss-action");
      if (action === "remove") remove(id);
      else move(id, action === "up" ? -1 : 1, action);
    });
    list.addEventListener("input", function (event) {
      if (!event.target.hasAttribute("data-ss-minutes")) return;
      setMinutes(parseInt(event.target.closest(".ss-item").getAttribute("data-ss-id"), 10), event.target.value);
    });
    list.addEventListener("pointerdown", drag);
    find("[data-ss-add-break]").addEventListener("click", addBreak);
    jump.addEventListener("click", function () {
      var heading = document.getElementById("session-agenda");
      heading.setAttribute("tabindex", "-1");
      heading.focus();
      heading.scrollIntoView();
    });
    find("[data-ss-clear]").addEventListener("click", function () {
      state.items = [];
      changed(true);
      renderPlan();
      search.focus();
      announce(say("cleared"));
    });
    find("[data-ss-copy]").addEventListener("click", function () {
      var address = window.location.href;
      var copied = navigator.clipboard && navigator.clipboard.writeText ? navigator.clipboard.writeText(address) : Promise.reject();
      copied.then(function () { announce(say("copied")); }, function () { announce(say("copy_failed")); });
    });
    find("[data-ss-print]").addEventListener("click", function () {
      loadTexts();
      if (guide.getAttribute("data-ss-ready") === "true") {
        window.print();
      } else {
        printWhenReady = true;
        announce(say("preparing"));
      }
    });
    function followAddress() {
      if (window.location.hash.indexOf("=") === -1) {
        /* a link to a place on the page (the skip link): the plan stays in the address */
        writeAddress();
      } else if (window.location.hash !== "#" + serialize(state)) {
        readAddress();
        loadTexts();
        writeAddress();
      }
    }
    window.addEventListener("hashchange", followAddress);
    window.addEventListener("popstate", followAddress);

    root.querySelector("[data-ss-builder-nojs]").hidden = true;
    find("[data-ss-builder-app]").hidden = false;
    readAddress();
    loadTexts();
    roomLink.href = root.getAttribute("data-ss-room") + "#" + serialize(state);
  }

  function init() {
    var root = document.querySelector("[data-ss-builder]");
    if (root && window.ssSession && window.serviceStoriesLabels) builder(root, window.ssSession);
  }

  /* labels.js comes after this script in the page: wait for every deferred script. */
  if (document.readyState === "complete") {
    init();
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
