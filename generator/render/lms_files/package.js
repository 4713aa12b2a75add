/* Service Stories package page: tells the package's launch page (index.html, which talks to
   the LMS) that this page is open. A message, not a call: pages opened from disk (file://)
   may not reach into each other. Opened on its own, the page does nothing. Loaded in <head>,
   before the page shows, so a learner who clicks on at once is still counted. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var story = document.documentElement.getAttribute("data-story") || "";
  try {
    window.parent.postMessage({ serviceStories: "opened", story: story }, "*");
  } catch (e) {
    /* no launch page to tell: the page still reads as it is */
  }
})();
