"""What one simulated buyer does, in a process of its own (multiprocessing, one
process per buyer: ``Pool(maxtasksperchild=1)``), with its own HTTP session.

* ``login``: /web/session/authenticate; returns the session id (the buyer's);
* ``floor``: one plain create over the same path and auth (the floor);
* ``pick``: pick rooms until one is confirmed or the buyer is told to stop,
  choosing another free room after a refusal; a transport failure (a killed
  worker, a restarting database) is retried with the same token.

Each returns plain data (lists of ``(code, seconds, token, room_id, deal_id)``).
"""

import random
import time
import uuid

import requests

PASSWORD = "bench"
STOP_CODES = {
    "ok",
    "not_eligible",
    "sold_out",
    "ERR_OPENING_SOLD_OUT",
    "ERR_OPENING_LIMIT",
    "ERR_OPENING_PAUSED",
    "ERR_NO_SINCERITY",
}
BUSY_CODES = {"ERR_OPENING_BUSY"}  # the family's other pick: the same room, shortly
MAX_ATTEMPTS = 12
TRANSPORT_RETRIES = 20  # with RETRY_PAUSE: ~30 s, longer than a database restart
RETRY_PAUSE = 0.5


def _session(cookie):
    session = requests.Session()
    if cookie:
        session.cookies.set("session_id", cookie)
    return session


def _rpc(session, url, params, timeout=60):
    """(result or None, error code or None, seconds)."""
    started = time.perf_counter()
    try:
        resp = session.post(
            url,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=timeout,
        )
        elapsed = time.perf_counter() - started
        if resp.status_code != 200:
            return None, f"http_{resp.status_code}", elapsed
        body = resp.json()
    except (requests.RequestException, ValueError) as exc:
        return None, f"transport_{type(exc).__name__}", time.perf_counter() - started
    if "error" in body:
        name = body["error"].get("data", {}).get("name", "error").rsplit(".", 1)[-1]
        return None, f"rpc_{name}", elapsed
    return body["result"], None, elapsed


def login(job):
    base, db, login_name = job
    session = _session(None)
    for _ in range(TRANSPORT_RETRIES):
        result, error, _elapsed = _rpc(
            session,
            f"{base}/web/session/authenticate",
            {"db": db, "login": login_name, "password": PASSWORD},
        )
        if not error:
            return login_name, session.cookies.get("session_id"), result.get("uid")
        time.sleep(RETRY_PAUSE)
    return login_name, None, None


def _plain(session, url, params, timeout=60):
    """The opening product's pick: plain JSON in and out (not JSON-RPC)."""
    started = time.perf_counter()
    try:
        resp = session.post(url, json=params, timeout=timeout)
        elapsed = time.perf_counter() - started
        if resp.status_code not in (200, 400, 403):
            return None, f"http_{resp.status_code}", elapsed
        body = resp.json()
    except (requests.RequestException, ValueError) as exc:
        return None, f"transport_{type(exc).__name__}", time.perf_counter() - started
    body["code"] = "ok" if body.get("ok") else body.get("code") or "refused"
    return body, None, elapsed


def floor(job):
    base, cookie = job
    session = _session(cookie)
    token = uuid.uuid4().hex
    result, error, elapsed = _rpc(
        session, f"{base}/realty_bench/floor", {"token": token}
    )
    return [("ok" if result else error, elapsed, token, None, None)]


def pick(job):
    """job: (base, cookie, path, wishes, seed). Returns the attempts."""
    base, cookie, path, wishes, seed = job
    rng = random.Random(seed)
    session = _session(cookie)
    refused, free, attempts = set(), [], []
    while len(attempts) < MAX_ATTEMPTS:
        candidates = [r for r in wishes if r not in refused] or [
            r for r in free if r not in refused
        ]
        if not candidates:
            break
        # the first wish; after a refusal, a room the grid shows free
        room = (
            candidates[0]
            if not refused or rng.random() < 0.8
            else rng.choice(candidates)
        )
        token = uuid.uuid4().hex
        for _retry in range(TRANSPORT_RETRIES):
            call = _plain if path.startswith("/realty/opening/") else _rpc
            result, error, elapsed = call(
                session, f"{base}{path}", {"room_id": room, "token": token}
            )
            if error:  # nobody knows whether it was done: ask again, same token
                attempts.append((error, elapsed, token, room, None))
                time.sleep(min(RETRY_PAUSE * (1 + _retry), 2.0))
                continue
            break
        else:
            return attempts
        code = result["code"]
        attempts.append((code, elapsed, token, room, result.get("deal_id")))
        if code in STOP_CODES:
            break
        if code in BUSY_CODES:
            time.sleep(0.2)
            continue
        refused.add(room)
        free = result.get("free") or []
        wishes = [r for r in free if r not in refused] + wishes
    return attempts


def wishlists(room_ids, buyers, seed=17, size=6, hot=60):
    """Each buyer's rooms in order of preference: most want one of the `hot`
    rooms (the good floors), which makes them contend."""
    rng = random.Random(seed)
    hot_rooms, rest = room_ids[:hot], room_ids[hot:]
    lists = []
    for _ in range(buyers):
        pool = hot_rooms if rng.random() < 0.6 else rest
        first = rng.sample(pool, min(3, len(pool)))
        others = rng.sample(room_ids, size)
        lists.append(list(dict.fromkeys(first + others)))
    return lists
