/* Kiosk mode on the front-desk tablet: the next patient must never see the
   last one's answers or result.
   - Idle for a while: warn, then go to the start screen with location.replace,
     so this page leaves the history and Back cannot bring it back.
   - Links marked data-kiosk-replace (Done, Start over, the language buttons)
     navigate the same way.
   - A page restored from the back/forward cache is wiped the same way.
   Settings come from data attributes on <body>; the pages work without this
   script (the server still closes result pages after a few minutes). */
(function () {
  "use strict";
  var body = document.body;

  function replaceWith(url) {
    window.location.replace(url);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-kiosk-replace]");
    if (link && !event.defaultPrevented && event.button === 0) {
      event.preventDefault();
      replaceWith(link.href);
    }
  });

  var home = body.getAttribute("data-kiosk-home");
  if (!home) {
    return; // a page with no patient data: no timer
  }
  var idleMs = Number(body.getAttribute("data-kiosk-idle-ms"));
  var warningMs = Number(body.getAttribute("data-kiosk-warning-ms"));
  var warning = document.getElementById("kiosk-warning");
  var keep = document.getElementById("kiosk-keep");
  var countdown = document.querySelector("[data-kiosk-countdown]");
  var deadline = 0;
  var ticker = null;
  // A touch on the warning keeps it on screen until its click lands on it:
  // hidden at once, the tap would go through to the answer underneath.
  var holding = false;

  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      replaceWith(home);
    }
  });

  function remainingText(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function tick() {
    var left = deadline - Date.now();
    if (left <= 0) {
      window.clearInterval(ticker);
      replaceWith(home);
      return;
    }
    if (warning) {
      warning.hidden = !holding && left > warningMs;
    }
    if (countdown) {
      countdown.textContent = countdown.getAttribute("data-kiosk-countdown").replace("{time}", remainingText(left));
    }
  }

  function stillHere(event) {
    deadline = Date.now() + idleMs;
    if (warning && !warning.hidden && event && event.type !== "keydown" && event.type !== "click") {
      holding = true;
    }
    tick();
  }

  if (warning) {
    warning.addEventListener("click", function () {
      holding = false;
      stillHere();
    });
  }

  ["pointerdown", "keydown", "input", "scroll", "touchstart"].forEach(function (name) {
    window.addEventListener(name, stillHere, { passive: true, capture: true });
  });
  if (keep) {
    keep.addEventListener("click", stillHere);
  }
  stillHere();
  ticker = window.setInterval(tick, 250);
})();
