"""The bench's checks and its reading of the server log decide right (run with
the pure tests of `make test` and `make test-fast`)."""

import unittest

from bench.opening import checks, servers


class TestChecks(unittest.TestCase):
    def test_sold_twice(self):
        self.assertEqual(checks.sold_twice([1, 2, 2, 3, 3, 3]), [2, 3])
        self.assertEqual(checks.sold_twice([1, 2, 3]), [])

    def test_over_limit(self):
        limits = {10: 1, 20: 2}
        self.assertEqual(checks.over_limit([10, 20, 20], limits), [])
        self.assertEqual(checks.over_limit([10, 10, 20, 20, 20], limits), [10, 20])
        self.assertEqual(checks.over_limit([30], limits), [30])  # unknown family

    def test_half_taken(self):
        rooms = {1: "available", 2: "small_deposit", 3: "small_deposit", 4: "available"}
        self.assertEqual(checks.half_taken(rooms, [2, 4]), [3, 4])

    def test_tokens(self):
        self.assertEqual(checks.tokens_with_several_deals(["a", "b", "a", None]), ["a"])

    def test_lost(self):
        before = {1: 11, 2: 12}
        self.assertEqual(checks.lost(before, {1: 11, 2: 12, 3: 13}), [])
        self.assertEqual(checks.lost(before, {1: 11}), [2])

    def test_request_costs(self):
        log = (
            '2026-12-04 15:00:00,000 1 INFO db werkzeug: 127.0.0.1 - - [x] "POST '
            '/realty/opening/7/pick HTTP/1.1" 200 - 9 0.004 0.010\n'
            '2026-12-04 15:00:00,000 1 INFO db werkzeug: 127.0.0.1 - - [x] "POST '
            '/realty/opening/7/pick HTTP/1.1" 200 - 5 0.002 0.006\n'
            '2026-12-04 15:00:00,000 1 INFO db werkzeug: 127.0.0.1 - - [x] "POST '
            '/realty_bench/floor HTTP/1.1" 200 - 4 0.001 0.005\n'
            '2026-12-04 15:00:00,000 1 INFO db werkzeug: 127.0.0.1 - - [x] "GET '
            '/web/health HTTP/1.1" 200 - 0 0.000 0.001\n'
        )
        self.assertEqual(
            servers.request_costs(log),
            {"pick": (2, 7.0, 3.0, 8.0), "floor": (1, 4.0, 1.0, 5.0)},
        )
