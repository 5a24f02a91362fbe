"""How long the queue waits before sending a filing again."""


def backoff_seconds(attempt: int, base: int, cap: int) -> int:
    """The delay after the `attempt`-th failed attempt (1 for the first): `base`
    doubled at each attempt, never more than `cap` seconds.

    >>> [backoff_seconds(n, 30, 600) for n in range(1, 7)]
    [30, 60, 120, 240, 480, 600]
    """
    if attempt < 1 or base < 0 or cap < 0:
        raise ValueError("attempt >= 1, base >= 0 and cap >= 0")
    # 2 ** 30 seconds is 34 years: beyond that the cap has long applied
    return min(cap, base * 2 ** min(attempt - 1, 30))
