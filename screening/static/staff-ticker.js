/* The live queue's clock, in a worker of its own: browsers slow a hidden
   tab's own timers to once a minute after a while (Chromium's intensive
   wake-up throttling applies to windows, not to dedicated workers), and a
   queue in a background tab must still hear of an emergency within seconds.
   It only says "tick"; the page decides what to do (staff.js). */
"use strict";
setInterval(function () { postMessage("tick"); }, 1000);
