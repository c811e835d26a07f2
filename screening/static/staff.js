/* The staff pages' script. Without it every page still works (reload the
   queue to see new cases); with it:

   - The live queue asks the server for its changing part every few seconds
     (an unchanged queue answers 304 to the ETag) and swaps it in, also while
     its tab is hidden, where it slows to every 5 s but never stops: a desk
     whose queue is in a background tab must still hear of an emergency.
     An open alert is unmissable: the page title, a desktop notification
     where staff allowed them, and a sound where staff turned it on. An
     emergency sounds again and again until someone presses "Seen"; a new
     urgent case chimes once (not at every refresh).
   - The idle sign-out is never silent: a warning a minute before it, with
     "Stay signed in", and once it happened a full screen that says so (on
     the queue: that alerts have stopped) and keeps sounding. A click or a
     key on the page counts as activity; the queue's own refreshes do not,
     so a screen nobody uses still signs out, for privacy. A decision's
     reason typed but not sent when it happened is back in its box after
     signing in again (kept in the tab's sessionStorage until sent). */
(function () {
  "use strict";
  var live = document.getElementById("queue-live");
  var sessionInfo = document.getElementById("staff-session");
  if (!live && !sessionInfo) {
    return;
  }
  var soundKey = "screening-staff-sound";
  var notifyKey = "screening-staff-notify";
  // Alerts already announced in this tab, kept across the reload after "Seen".
  var announcedKey = "screening-staff-announced";
  var audio = null;
  var ticker = null;

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  // --- sound ----------------------------------------------------------------

  function soundOn() {
    return stored(soundKey) === "on";
  }

  function showToggle(button, on, blocked) {
    button.hidden = false;
    button.setAttribute("aria-pressed", on ? "true" : "false");
    button.textContent = button.getAttribute(blocked ? "data-blocked" : on ? "data-on" : "data-off");
  }

  // Each tone: [start in s, frequency in Hz, length in s]. The chime is soft
  // and falls once; the alarm is harsh, fast and rises, so the two are told
  // apart without looking.
  var TONES = {
    chime: {wave: "sine", gain: 0.25, notes: [[0, 880, 0.2], [0.3, 660, 0.3]]},
    alarm: {wave: "square", gain: 0.3, notes: [[0, 988, 0.12], [0.16, 1319, 0.12], [0.32, 988, 0.12], [0.48, 1319, 0.12]]}
  };

  function sound(kind) {
    // Browsers allow sound only after a click on the page, which the sound
    // button gives.
    if (!soundOn() || !window.AudioContext) { return; }
    audio = audio || new window.AudioContext();
    var tone = TONES[kind];
    tone.notes.forEach(function (note) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.type = tone.wave;
      oscillator.frequency.value = note[1];
      gain.gain.value = tone.gain;
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(audio.currentTime + note[0]);
      oscillator.stop(audio.currentTime + note[0] + note[2]);
    });
  }

  // --- desktop notifications --------------------------------------------------

  function notifyAllowed() {
    return "Notification" in window && window.Notification.permission === "granted" && stored(notifyKey) === "on";
  }

  function notify(text, tag, loud) {
    if (!notifyAllowed()) { return; }
    try {
      var shown = new window.Notification(text, {tag: tag, requireInteraction: loud, renotify: true});
      shown.onclick = function () { window.focus(); shown.close(); };
    } catch (e) { /* the banner, the title and the sound still say it */ }
  }

  // --- the session: warn before the idle sign-out, say when it happened --------

  var session = null;
  if (sessionInfo) {
    session = {
      stamp: sessionInfo.getAttribute("data-stamp"),
      deadline: Date.now() + Number(sessionInfo.getAttribute("data-left-ms")),
      warningMs: Number(sessionInfo.getAttribute("data-warning-ms")),
      // The page's own load was activity.
      lastPing: Date.now(),
      pinging: false,
      checking: false,
      signedOut: false,
      lastSound: 0
    };
  }
  var warning = document.getElementById("idle-warning");
  var countdown = warning && warning.querySelector("[data-idle-countdown]");
  var signedOutScreen = document.getElementById("signed-out");
  var SIGNED_OUT_SOUND_MS = 10000;
  // A click or a key counts as activity at most once a minute (one small request).
  var PING_MS = 60000;

  // Requests are made with redirect: "manual": a signed-out answer is the
  // redirect itself, and the sign-in page is left for the person to open
  // (it says why they were signed out only once).
  function goneOut(response) {
    return response.type === "opaqueredirect" || response.redirected || response.status === 401 || response.status === 403;
  }

  // What the server says of this session. Its stamp changes only with
  // activity (here or in another tab): then the time left is the server's.
  // Otherwise this page's own clock keeps counting down.
  function learn(response, trust) {
    if (!session) { return; }
    var stamp = response.headers.get("Screening-Idle-Stamp");
    var left = response.headers.get("Screening-Idle-Left-Ms");
    if (stamp && left !== null && (trust || stamp !== session.stamp)) {
      session.stamp = stamp;
      session.deadline = Date.now() + Number(left);
    }
  }

  function signedOut() {
    if (!session || session.signedOut) {
      if (!session) { window.location.reload(); }
      return;
    }
    session.signedOut = true;
    keepUnsent();
    // Nothing of a patient stays on a screen nobody is signed in at.
    var main = document.getElementById("main");
    if (main) { main.innerHTML = ""; }
    if (warning) { warning.hidden = true; }
    signedOutScreen.hidden = false;
    var title = document.getElementById("signed-out-title").textContent;
    document.title = title;
    document.getElementById("signed-out-sign-in").focus();
    notify(title, "signed-out", true);
    session.lastSound = Date.now();
    sound("alarm");
  }

  function check() {
    session.checking = true;
    window.fetch(sessionInfo.getAttribute("data-check-url"), {credentials: "same-origin", cache: "no-store", redirect: "manual"})
      .then(function (response) {
        if (goneOut(response)) { signedOut(); } else if (response.ok) { learn(response, true); }
      })
      .catch(function () { /* offline for a moment: ask again at the next tick */ })
      .then(function () { session.checking = false; });
  }

  function stillHere() {
    if (!session || session.signedOut || session.pinging) { return; }
    session.pinging = true;
    session.lastPing = Date.now();
    var body = new window.URLSearchParams();
    body.set("csrf_token", sessionInfo.getAttribute("data-csrf"));
    window.fetch(sessionInfo.getAttribute("data-still-here-url"), {
      method: "POST", body: body, credentials: "same-origin", redirect: "manual"
    })
      .then(function (response) {
        if (goneOut(response)) { signedOut(); } else if (response.ok) { learn(response, true); }
      })
      .catch(function () { /* the warning stays until it works */ })
      .then(function () { session.pinging = false; });
  }

  function remainingText(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function sessionTick(now) {
    if (!session) { return; }
    if (session.signedOut) {
      if (now - session.lastSound >= SIGNED_OUT_SOUND_MS) {
        session.lastSound = now;
        sound("alarm");
      }
      return;
    }
    var left = session.deadline - now;
    if (left <= 0 && !session.checking) { check(); }
    if (warning) {
      var show = left <= session.warningMs;
      if (show && warning.hidden) { sound("chime"); }
      warning.hidden = !show;
      if (countdown) { countdown.textContent = "(" + remainingText(left) + ")"; }
    }
  }

  // --- a decision typed but not sent, through an idle sign-out -------------------
  // The reason (and level) a clinician was writing when the session ended
  // waits in this tab's sessionStorage, keyed by the case, and goes back in
  // the box once they sign in again and return to the case. It never leaves
  // the browser, goes with the tab, and is forgotten once the form is sent.

  var unsentForm = document.querySelector("form[data-unsent-key]");
  var unsentKey = unsentForm && "screening-staff-unsent:" + unsentForm.getAttribute("data-unsent-key");

  function forgetUnsent() {
    try { window.sessionStorage.removeItem(unsentKey); } catch (e) { /* private mode */ }
  }

  function keepUnsent() {
    if (!unsentForm || !unsentForm.elements.reason.value.trim()) { return; }
    var kept = {reason: unsentForm.elements.reason.value, level: unsentForm.elements.level.value};
    try { window.sessionStorage.setItem(unsentKey, JSON.stringify(kept)); } catch (e) { /* private mode */ }
  }

  function restoreUnsent() {
    var kept = null;
    try { kept = JSON.parse(window.sessionStorage.getItem(unsentKey)); } catch (e) { /* nothing kept */ }
    if (kept && kept.reason) {
      unsentForm.elements.reason.value = kept.reason;
      if (kept.level) { unsentForm.elements.level.value = kept.level; }
      var details = unsentForm.closest("details");
      if (details) { details.open = true; }
    }
    unsentForm.addEventListener("submit", forgetUnsent);
  }

  if (unsentForm) { restoreUnsent(); }

  if (session) {
    ["pointerdown", "keydown"].forEach(function (name) {
      window.addEventListener(name, function () {
        if (Date.now() - session.lastPing >= PING_MS) { stillHere(); }
      }, {passive: true, capture: true});
    });
    document.getElementById("idle-stay").addEventListener("click", function () {
      warning.hidden = true;
      stillHere();
    });
  }

  // --- the live queue ----------------------------------------------------------

  var url = live && live.getAttribute("data-poll-url");
  var every = live && Number(live.getAttribute("data-poll-ms")) || 5000;
  var HIDDEN_MS = Math.max(every, 5000);
  // How often an open emergency sounds again.
  var ALARM_MS = 4000;
  var baseTitle = live && live.getAttribute("data-base-title");
  // The page itself is the first refresh: its tag and moment come with it.
  var etag = live && live.getAttribute("data-etag") || null;
  var since = live && live.getAttribute("data-since") || null;
  var lastWhole = Date.now();
  var WHOLE_MS = 60000;
  var nextPoll = Date.now() + every;
  var polling = false;
  var lastAlarm = 0;
  // Refreshes that failed in a row (the server answered an error, or did not
  // answer): after two, the queue says it is out of date, loudly, because
  // an emergency would not show on it.
  var failures = 0;
  var STALE_AFTER = 2;
  var stale = document.getElementById("queue-stale");

  function refreshed(ok) {
    failures = ok ? 0 : failures + 1;
    if (!stale) { return; }
    var was = !stale.hidden;
    var now = failures >= STALE_AFTER;
    if (now === was) { return; }
    stale.hidden = !now;
    if (now) {
      var text = stale.getAttribute("data-title");
      document.title = text + " · " + baseTitle;
      notify(stale.textContent.trim(), "stale", true);
      alarm();
    } else {
      showAlerts();
    }
  }

  function announced() {
    try { return JSON.parse(window.sessionStorage.getItem(announcedKey)) || {}; } catch (e) { return {}; }
  }

  function saveAnnounced(keys) {
    try { window.sessionStorage.setItem(announcedKey, JSON.stringify(keys)); } catch (e) { /* private mode */ }
  }

  function openAlerts() {
    return Array.prototype.map.call(live.querySelectorAll(".alert-item"), function (item) {
      return {
        key: item.getAttribute("data-reference"),
        // An emergency, or a case overdue for its level, sounds until someone acts on it.
        loud: ["emergency", "overdue"].indexOf(item.getAttribute("data-level")) >= 0,
        notice: item.getAttribute("data-notice")
      };
    });
  }

  function alarm() {
    lastAlarm = Date.now();
    sound("alarm");
  }

  function showAlerts() {
    var body = live.querySelector(".queue-body");
    var title = body ? body.getAttribute("data-alert-title") : "";
    document.title = title ? title + " · " + baseTitle : baseTitle;
    var before = announced();
    var now = {};
    var fresh = [];
    openAlerts().forEach(function (alert) {
      now[alert.key] = true;
      if (!before[alert.key]) { fresh.push(alert); }
    });
    saveAnnounced(now);
    fresh.forEach(function (alert) { notify(alert.notice, alert.key, alert.loud); });
    if (fresh.some(function (alert) { return alert.loud; })) {
      alarm();
    } else if (fresh.length) {
      sound("chime");
    }
  }

  // The same control after the queue's part is swapped, so a keyboard user
  // is not thrown back to the top of the page by a refresh: found again by
  // its data-focus-key, else its id, else (a case's link) its place among
  // the links to the same page (the banner's, then the table's), else the
  // last of them.
  function keepFocus(replace) {
    var active = document.activeElement;
    var inside = active && active !== live && live.contains(active);
    var key = inside && active.getAttribute("data-focus-key");
    var id = inside && active.id;
    var href = inside && active.getAttribute("href");
    var links = function () {
      return Array.prototype.filter.call(live.querySelectorAll("a[href]"), function (link) {
        return link.getAttribute("href") === href;
      });
    };
    var place = href ? links().indexOf(active) : -1;
    replace();
    if (!inside) { return; }
    var again = key ? live.querySelector('[data-focus-key="' + window.CSS.escape(key) + '"]')
      : id ? document.getElementById(id)
      : href ? links()[place] || links().pop() : null;
    if (again && live.contains(again)) { again.focus({preventScroll: true}); }
  }

  // A refresh sends the rows changed since the last one, and for each other
  // row only its place (<tr data-keep>): the row shown now goes there. Should
  // one be missing, nothing is swapped and the next refresh asks for all.
  function withKeptRows(html) {
    var fresh = document.createElement("template");
    fresh.innerHTML = html;
    var complete = true;
    Array.prototype.forEach.call(fresh.content.querySelectorAll("tr[data-keep]"), function (place) {
      var shown = live.querySelector('tr[data-row="' + window.CSS.escape(place.getAttribute("data-keep")) + '"]');
      if (shown) { place.replaceWith(shown); } else { complete = false; }
    });
    return complete ? fresh.content : null;
  }

  function swap(html) {
    var content = withKeptRows(html);
    if (!content) {
      since = null;
      etag = null;
      nextPoll = Date.now();
      return;
    }
    keepFocus(function () { live.replaceChildren(content); });
    showWaits(Date.now());
    showAlerts();
  }

  function poll() {
    polling = true;
    var headers = {"Accept": "text/html"};
    if (etag) { headers["If-None-Match"] = etag; }
    // Every row again now and then, whatever the server thinks the page has.
    if (since && Date.now() - lastWhole < WHOLE_MS) { headers["X-Queue-Since"] = since; }
    var whole = !headers["X-Queue-Since"];
    window.fetch(url, {headers: headers, credentials: "same-origin", cache: "no-store", redirect: "manual"})
      .then(function (response) {
        if (goneOut(response)) {
          signedOut();
          return null;
        }
        learn(response, false);
        refreshed(response.status === 304 || response.ok);
        if (response.status === 304 || !response.ok) { return null; }
        etag = response.headers.get("ETag");
        since = response.headers.get("X-Queue-Since");
        if (whole) { lastWhole = Date.now(); }
        return response.text();
      })
      .then(function (html) {
        if (html !== null && html !== undefined) { swap(html); }
      })
      .catch(function () { refreshed(false); })
      .then(function () {
        polling = false;
        nextPoll = Date.now() + (document.visibilityState === "visible" ? every : HIDDEN_MS);
      });
  }

  // The running waits: counted here from each row's arrival time, so an
  // unchanged queue (a 304) still shows the minutes going by.
  var lastWaits = 0;
  function showWaits(now) {
    lastWaits = now;
    Array.prototype.forEach.call(live.querySelectorAll(".wait[data-since]"), function (wait) {
      var minutes = Math.max(0, Math.floor((now - Number(wait.getAttribute("data-since"))) / 60000));
      var text = wait.getAttribute("data-words").replace("{n}", String(minutes));
      if (wait.textContent !== text) { wait.textContent = text; }
    });
  }

  function queueTick(now) {
    if (!live || (session && session.signedOut)) { return; }
    if (now - lastWaits >= 15000) { showWaits(now); }
    if (!polling && now >= nextPoll) { poll(); }
    if (openAlerts().some(function (alert) { return alert.loud; }) && now - lastAlarm >= ALARM_MS) { alarm(); }
  }

  if (live) {
    var soundButton = document.getElementById("sound-toggle");
    var notifyButton = document.getElementById("notify-toggle");
    if (soundButton) {
      showToggle(soundButton, soundOn());
      soundButton.addEventListener("click", function () {
        store(soundKey, soundOn() ? "off" : "on");
        showToggle(soundButton, soundOn());
        if (soundOn()) { sound("chime"); }
      });
    }
    if (notifyButton && "Notification" in window) {
      var showNotify = function () {
        showToggle(notifyButton, notifyAllowed(), window.Notification.permission === "denied");
      };
      showNotify();
      notifyButton.addEventListener("click", function () {
        if (notifyAllowed()) {
          store(notifyKey, "off");
          showNotify();
          return;
        }
        store(notifyKey, "on");
        window.Notification.requestPermission().then(showNotify, showNotify);
      });
    }
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && !polling) { poll(); }
    });
    showAlerts();
  }

  function tick() {
    var now = Date.now();
    sessionTick(now);
    queueTick(now);
  }

  // Two clocks saying the same: the worker keeps time in a hidden tab; the
  // page's own timer is there where workers are not (a host's CSP, say).
  var tickerUrl = document.querySelector("script[data-ticker-url]");
  try {
    ticker = new window.Worker(tickerUrl.getAttribute("data-ticker-url"));
    ticker.onmessage = tick;
  } catch (e) { /* the page's own timer below */ }
  window.setInterval(tick, 1000);
}());
