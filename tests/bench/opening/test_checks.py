"""The bench's checks decide right: `python -m pytest tests/bench/opening`."""

import unittest

from . import checks


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
