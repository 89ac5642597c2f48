// Lightbox pages' one script (no build step; the Content-Security-Policy allows no inline script).
// Every page works without it; it only moves focus to a form's error summary, keeps live lists up to
// date, and ends an idle session on screen when the server has ended it.
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
    // Text items the checklist also needs (the contrast agent, batch and volume), named by their labels;
    // "name|other" is needed only while "other" is empty (a batch chosen from stock names agent and batch).
    var required = (form.getAttribute("data-checklist-fields") || "").split(",").filter(Boolean);
    function update() {
      var missing = [];
      form.querySelectorAll("fieldset[data-group]").forEach(function (group) {
        var name = group.getAttribute("data-group");
        var ticked = group.querySelectorAll("input:checked").length;
        // A group named with minimum 0 is optional (metformin stopped only when the eGFR calls for it).
        if (ticked < (name in minimum ? minimum[name] : 1)) {
          missing.push(group.querySelector("legend").textContent);
        }
      });
      required.forEach(function (rule) {
        var names = rule.split("|");
        var input = form.querySelector("[name='" + names[0] + "']");
        var other = names[1] ? form.querySelector("[name='" + names[1] + "']") : null;
        if (other && other.value.trim() !== "") {
          return;
        }
        if (input && input.value.trim() === "") {
          var label = form.querySelector("label[for='" + input.id + "']");
          missing.push(label ? label.textContent : names[0]);
        }
      });
      status.textContent = missing.length === 0
        ? "Every check is ticked."
        : "Still to check: " + missing.join("; ") + ".";
      status.classList.toggle("checklist-status--complete", missing.length === 0);
    }
    form.addEventListener("change", update);
    form.addEventListener("input", update);
    update();
  });

  // Live lists (server-sent events): the stream says only that something changed; the page then
  // fetches itself (audited like any read) and swaps in its live regions, so nothing is reloaded and
  // nothing typed elsewhere on the page is lost. Refreshes are coalesced and never overlap.
  var live = document.querySelector("[data-live]");
  if (live && window.EventSource && window.fetch && window.DOMParser) {
    var source = new EventSource(live.getAttribute("data-live"));
    var timer = null;
    var busy = false;
    var again = false;
    var refresh = function () {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      fetch(window.location.href, { headers: { "Lightbox-Refresh": "live" }, credentials: "same-origin" })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html");
          document.querySelectorAll("[data-live-region]").forEach(function (region) {
            var next = fresh.getElementById(region.id);
            if (next) {
              region.replaceChildren.apply(region, Array.prototype.map.call(next.childNodes, function (node) {
                return document.importNode(node, true);
              }));
            }
          });
          document.body.setAttribute("data-live-refreshed", String(Date.now()));
        })
        .catch(function () {})
        .then(function () {
          busy = false;
          if (again) {
            again = false;
            schedule();
          }
        });
    };
    var schedule = function () {
      if (timer === null) {
        timer = window.setTimeout(function () {
          timer = null;
          refresh();
        }, 100);
      }
    };
    source.addEventListener("open", function () {
      document.body.setAttribute("data-live-state", "open");
    });
    source.addEventListener("error", function () {
      document.body.setAttribute("data-live-state", source.readyState === EventSource.CLOSED ? "closed" : "reconnecting");
    });
    source.addEventListener("exam", schedule);
    source.addEventListener("reset", schedule);
  }

  // A catalogue import runs on the server: follow its status and show the result page when it ends.
  var running = document.querySelector("[data-import-status]");
  if (running) {
    var progress = document.getElementById("import-progress");
    var progressText = document.getElementById("import-progress-text");
    var poll = function () {
      fetch(running.getAttribute("data-import-status"), { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (job) {
          if (!job) {
            return;
          }
          progress.max = job.total;
          progress.value = job.processed;
          progressText.textContent = job.processed + " of " + job.total + " rows";
          if (job.state === "running") {
            window.setTimeout(poll, 500);
          } else {
            window.location.reload();
          }
        })
        .catch(function () {
          window.setTimeout(poll, 2000);
        });
    };
    window.setTimeout(poll, 500);
  }

  // The server ends a session unused for the idle timeout; show the sign-in page then rather than
  // leaving patient details on an unattended screen.
  var idle = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10);
  if (idle > 0) {
    window.setTimeout(function () {
      window.location.assign("/?timed-out=1");
    }, (idle + 2) * 1000);
  }

  // Appointment letters: a Print button (the browser's own print works as well; the stylesheet lays the
  // letter out for paper).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
});
