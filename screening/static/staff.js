/* The live queue: asks the server for the queue's changing part every few
   seconds (an unchanged queue answers 304 to the ETag) and swaps it in,
   also while its tab is hidden, where it slows to every 5 s but never stops:
   a desk whose queue is in a background tab must still hear of an emergency.
   An open alert is unmissable: the page title, a desktop notification where
   staff allowed them, and a sound where staff turned it on. An emergency
   sounds again and again until someone presses "Seen"; a new urgent case
   chimes once (not at every refresh). Without this script the page still
   works: reload it to see new cases. */
(function () {
  "use strict";
  var live = document.getElementById("queue-live");
  if (!live) {
    return;
  }
  var url = live.getAttribute("data-poll-url");
  var every = Number(live.getAttribute("data-poll-ms")) || 5000;
  var HIDDEN_MS = Math.max(every, 5000);
  // How often an open emergency sounds again.
  var ALARM_MS = 4000;
  var baseTitle = live.getAttribute("data-base-title");
  var etag = null;
  var nextPoll = 0;
  var polling = false;
  var lastAlarm = 0;
  var audio = null;
  var ticker = null;
  var soundKey = "screening-staff-sound";
  var notifyKey = "screening-staff-notify";
  // Alerts already announced in this tab, kept across the reload after "Seen".
  var announcedKey = "screening-staff-announced";
  var soundButton = document.getElementById("sound-toggle");
  var notifyButton = document.getElementById("notify-toggle");

  function stored(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function store(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }

  function announced() {
    try { return JSON.parse(window.sessionStorage.getItem(announcedKey)) || {}; } catch (e) { return {}; }
  }

  function saveAnnounced(keys) {
    try { window.sessionStorage.setItem(announcedKey, JSON.stringify(keys)); } catch (e) { /* private mode */ }
  }

  // --- sound --------------------------------------------------------------

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

  // --- desktop notifications ----------------------------------------------

  function notifyAllowed() {
    return "Notification" in window && window.Notification.permission === "granted" && stored(notifyKey) === "on";
  }

  function showNotify() {
    if (!notifyButton || !("Notification" in window)) { return; }
    showToggle(notifyButton, notifyAllowed(), window.Notification.permission === "denied");
  }

  function notify(alert) {
    if (!notifyAllowed()) { return; }
    try {
      var shown = new window.Notification(alert.notice, {
        tag: alert.key, requireInteraction: alert.loud, renotify: true
      });
      shown.onclick = function () { window.focus(); shown.close(); };
    } catch (e) { /* the banner, the title and the sound still say it */ }
  }

  // --- the alerts ----------------------------------------------------------

  function openAlerts() {
    return Array.prototype.map.call(live.querySelectorAll(".alert-item"), function (item) {
      var emergency = item.getAttribute("data-level") === "emergency";
      return {
        key: item.getAttribute("data-reference"),
        loud: emergency,
        notice: item.getAttribute("data-notice")
      };
    });
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
    fresh.forEach(notify);
    if (fresh.some(function (alert) { return alert.loud; })) {
      alarm();
    } else if (fresh.length) {
      sound("chime");
    }
  }

  function alarm() {
    lastAlarm = Date.now();
    sound("alarm");
  }

  // --- live updates ----------------------------------------------------------

  function focusKey() {
    var active = document.activeElement;
    return active && live.contains(active) ? active.getAttribute("data-focus-key") : null;
  }

  function swap(html) {
    var key = focusKey();
    live.innerHTML = html;
    if (key) {
      // The same control in the new rows, so a keyboard user is not thrown
      // back to the top of the page by a refresh.
      var again = live.querySelector('[data-focus-key="' + key + '"]');
      if (again) { again.focus({preventScroll: true}); }
    }
    showAlerts();
  }

  function poll() {
    polling = true;
    var headers = {"Accept": "text/html"};
    if (etag) { headers["If-None-Match"] = etag; }
    window.fetch(url, {headers: headers, credentials: "same-origin", cache: "no-store"})
      .then(function (response) {
        if (response.redirected || response.status === 401 || response.status === 403) {
          // Signed out (idle, or everywhere): the page itself shows the sign-in.
          window.location.reload();
          return null;
        }
        if (response.status === 304 || !response.ok) { return null; }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html !== null && html !== undefined) { swap(html); }
      })
      .catch(function () { /* offline for a moment: try again next time */ })
      .then(function () {
        polling = false;
        nextPoll = Date.now() + (document.visibilityState === "visible" ? every : HIDDEN_MS);
      });
  }

  function tick() {
    var now = Date.now();
    if (!polling && now >= nextPoll) { poll(); }
    if (openAlerts().some(function (alert) { return alert.loud; }) && now - lastAlarm >= ALARM_MS) { alarm(); }
  }

  if (soundButton) {
    showToggle(soundButton, soundOn());
    soundButton.addEventListener("click", function () {
      store(soundKey, soundOn() ? "off" : "on");
      showToggle(soundButton, soundOn());
      if (soundOn()) { sound("chime"); }
    });
  }
  if (notifyButton && "Notification" in window) {
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
  // Two clocks saying the same: the worker keeps time in a hidden tab; the
  // page's own timer is there where workers are not (a host's CSP, say).
  try {
    ticker = new window.Worker(live.getAttribute("data-ticker-url"));
    ticker.onmessage = tick;
  } catch (e) { /* the page's own timer below */ }
  window.setInterval(tick, 1000);
  showAlerts();
  nextPoll = Date.now() + every;
}());
