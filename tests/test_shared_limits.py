"""Two real gunicorn workers share one rate limit through Redis."""
import json
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import redis

from tests.gunicorn_helpers import app_module, gunicorn
from tests.helpers import contract_record

LIMIT = 10


def post_api(base):
    request = urllib.request.Request(
        base + "/api/v1/triage", data=json.dumps(contract_record()).encode(),
        headers={"Content-Type": "application/json", "Connection": "close"}, method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def flush(storage_url):
    # The limits URL (redis+unix://PATH) as redis-py spells it (unix://PATH).
    redis.Redis.from_url(storage_url.replace("redis+unix://", "unix://")).flushdb()


def test_two_workers_count_against_one_limit(redis_url, tmp_path):
    flush(redis_url)
    app = app_module(tmp_path, {
        "SECRET_KEY": "test",
        "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/cases.sqlite3",
        "SCREENING_RATELIMIT_STORAGE_URI": redis_url,
        "SCREENING_RATELIMIT_API": f"{LIMIT} per minute",
    })
    with gunicorn({}, tmp_path, workers=2, options=["--preload"], app=app) as (base, access_log):
        with ThreadPoolExecutor(6) as pool:
            statuses = list(pool.map(lambda _: post_api(base), range(3 * LIMIT)))
    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == 2 * LIMIT
    # Both workers answered: with counters per worker each would have let 10 through.
    posts = [line.split() for line in access_log.read_text().splitlines() if "POST" in line]
    assert len({pid for pid, *_ in posts}) == 2
