/* Service Stories package page: tells the package's launch page (index.html, which talks to
   the LMS) that this page is open. A message, not a call: pages opened from disk (file://)
   may not reach into each other. Opened on its own, the page does nothing. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var story = document.body.getAttribute("data-story") || "";
  try {
    window.parent.postMessage({ serviceStories: "opened", story: story }, "*");
  } catch (e) {
    /* no launch page to tell: the page still reads as it is */
  }
})();
