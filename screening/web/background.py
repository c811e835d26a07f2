"""One background thread per process, behind a bounded queue, for work that
may wait and may be dropped (pre-rendering handouts). No Flask.

The thread starts on the first job in each process: gunicorn --preload
builds the app in the master and then forks the workers, and a thread does
not survive a fork, so a process whose id differs from the starter's starts
its own thread and queue.

A job starts only once the process has served no request for
`quiet_seconds`: Python runs one thread at a time, so a render beside a
request slows the request. Measured under gunicorn -w 2 --preload with wrk
posting valid forms: renders started as soon as queued cut submissions from
about 450 to 150 req/s (p99 from 50-270 ms to 400-500 ms); waiting for a
quiet moment, 835 against 867 req/s with pre-rendering off (p99 26-31 ms
against 24-30 ms, within the noise). Under sustained load the queue fills
and later jobs are dropped; their prints render on demand.
"""
import logging
import os
import queue
import threading
import time

log = logging.getLogger(__name__)


class BackgroundWorker:
    def __init__(self, doing, maxsize, quiet_seconds=0.0):
        # What the jobs do, for the log: "could not <doing>: <kind>".
        self.doing = doing
        self.maxsize = maxsize
        self.quiet_seconds = quiet_seconds
        self._pid = None
        # Taken only by a process that submits; gunicorn's master never does,
        # so no worker is forked with it held. The same holds for _activity:
        # the master serves no requests.
        self._lock = threading.Lock()
        self._activity = threading.Condition()
        self._serving = 0
        self._last_served = 0.0

    def submit(self, job, *args):
        """Run job(*args) on this process's background thread; False when
        the queue is full and the job was dropped."""
        if self._pid != os.getpid():
            with self._lock:
                if self._pid != os.getpid():
                    self._start()
        with self._idle:
            if self._pending >= self.maxsize:
                return False
            self._pending += 1
        self._jobs.put((job, args))
        return True

    def drain(self, timeout=None):
        """Wait until every job submitted in this process has finished (tests,
        shutting down); False if `timeout` seconds ran out first."""
        if self._pid != os.getpid():
            return True
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def serving(self):
        """A request started in this process (call served() when it ends)."""
        with self._activity:
            self._serving += 1

    def served(self):
        with self._activity:
            self._serving -= 1
            self._last_served = time.monotonic()
            self._activity.notify_all()

    def _wait_until_quiet(self):
        with self._activity:
            while True:
                if self._serving:
                    self._activity.wait()
                    continue
                left = self._last_served + self.quiet_seconds - time.monotonic()
                if left <= 0:
                    return
                self._activity.wait(left)

    def _start(self):
        self._jobs = queue.SimpleQueue()
        self._idle = threading.Condition()
        self._pending = 0
        threading.Thread(target=self._run, args=(self._jobs, self._idle), name=f"screening: {self.doing}",
                         daemon=True).start()
        self._pid = os.getpid()

    def _run(self, jobs, idle):
        while True:
            job, args = jobs.get()
            try:
                self._wait_until_quiet()
                job(*args)
            except Exception as error:  # the thread serves every later job too
                # The kind only: a message may quote patient data.
                log.warning("could not %s: %s", self.doing, type(error).__name__)
            finally:
                with idle:
                    self._pending -= 1
                    idle.notify_all()
