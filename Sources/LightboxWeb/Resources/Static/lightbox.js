// Lightbox pages' one script (no build step; the Content-Security-Policy allows no inline script).
// Every page works without it; it only moves focus to a form's error summary and ends an idle
// session on screen when the server has ended it.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // NHS design system "Error summary": focus it so screen readers announce it first.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // Pause and Check: say, as boxes are ticked, which items are still missing. The server checks
  // again when the form is sent; this only tells the radiographer early.
  document.querySelectorAll("form[data-checklist]").forEach(function (form) {
    var status = form.querySelector(".checklist-status");
    var minimum = {};
    form.getAttribute("data-checklist").split(",").forEach(function (rule) {
      var parts = rule.split(":");
      minimum[parts[0]] = parseInt(parts[1], 10);
    });
    function update() {
      var missing = [];
      form.querySelectorAll("fieldset[data-group]").forEach(function (group) {
        var name = group.getAttribute("data-group");
        var ticked = group.querySelectorAll("input:checked").length;
        if (ticked < (minimum[name] || 1)) {
          missing.push(group.querySelector("legend").textContent);
        }
      });
      status.textContent = missing.length === 0
        ? "Every check is ticked."
        : "Still to check: " + missing.join("; ") + ".";
      status.classList.toggle("checklist-status--complete", missing.length === 0);
    }
    form.addEventListener("change", update);
    update();
  });

  // The server ends a session unused for the idle timeout; show the sign-in page then rather than
  // leaving patient details on an unattended screen.
  var idle = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10);
  if (idle > 0) {
    window.setTimeout(function () {
      window.location.assign("/?timed-out=1");
    }, (idle + 2) * 1000);
  }
});
