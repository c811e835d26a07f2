/* The live queue: asks the server for the queue's changing part every few
   seconds while the page is visible (an unchanged queue answers 304 to the
   ETag), swaps it in, and keeps the alert unmissable: the page title, an
   optional beep, and the banner the server draws until someone
   acknowledges the case. Without this script the page still works: reload
   it to see new cases. */
(function () {
  "use strict";
  var live = document.getElementById("queue-live");
  if (!live) {
    return;
  }
  var url = live.getAttribute("data-poll-url");
  var every = Number(live.getAttribute("data-poll-ms")) || 5000;
  var baseTitle = live.getAttribute("data-base-title");
  var etag = null;
  var timer = null;
  var audio = null;
  var soundKey = "screening-staff-sound";
  var soundButton = document.getElementById("sound-toggle");

  function soundOn() {
    try { return window.localStorage.getItem(soundKey) === "on"; } catch (e) { return false; }
  }

  function showSound() {
    if (!soundButton) { return; }
    var on = soundOn();
    soundButton.hidden = false;
    soundButton.setAttribute("aria-pressed", on ? "true" : "false");
    soundButton.textContent = soundButton.getAttribute(on ? "data-on" : "data-off");
  }

  function beep() {
    // Two short tones; browsers allow sound only after a click on the page,
    // which the sound button gives.
    if (!soundOn() || !window.AudioContext) { return; }
    audio = audio || new window.AudioContext();
    [0, 0.3].forEach(function (start) {
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.25;
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start(audio.currentTime + start);
      tone.stop(audio.currentTime + start + 0.18);
    });
  }

  function alerts() {
    var body = live.querySelector(".queue-body");
    return body ? Number(body.getAttribute("data-alerts")) || 0 : 0;
  }

  function showAlerts() {
    var body = live.querySelector(".queue-body");
    var count = alerts();
    document.title = count ? body.getAttribute("data-alert-title") + " · " + baseTitle : baseTitle;
    if (count) { beep(); }
  }

  function schedule() {
    window.clearTimeout(timer);
    if (document.visibilityState === "visible") {
      timer = window.setTimeout(poll, every);
    }
  }

  function poll() {
    var headers = {"Accept": "text/html"};
    if (etag) { headers["If-None-Match"] = etag; }
    window.fetch(url, {headers: headers, credentials: "same-origin", cache: "no-store"})
      .then(function (response) {
        if (response.redirected || response.status === 401 || response.status === 403) {
          // Signed out (idle, or everywhere): the page itself shows the sign-in.
          window.location.reload();
          return null;
        }
        if (response.status === 304) {
          if (alerts()) { beep(); }
          return null;
        }
        if (!response.ok) { return null; }
        etag = response.headers.get("ETag");
        return response.text();
      })
      .then(function (html) {
        if (html !== null && html !== undefined) {
          live.innerHTML = html;
          showAlerts();
        }
      })
      .catch(function () { /* offline for a moment: try again next time */ })
      .then(schedule);
  }

  if (soundButton) {
    showSound();
    soundButton.addEventListener("click", function () {
      try { window.localStorage.setItem(soundKey, soundOn() ? "off" : "on"); } catch (e) { /* private mode */ }
      showSound();
      if (soundOn()) { beep(); }
    });
  }
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { window.clearTimeout(timer); }
  });
  showAlerts();
  schedule();
}());
