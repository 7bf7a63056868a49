"""tally.py - the count of checks and failures a test script keeps.

Each script of the suite checks facts one at a time, prints the failed
ones as it goes, and ends with a summary line and its exit status (0 when
every check held).  Shared by tests/i18n.py, tests/ladder.py and
tests/parallel.py.
"""


class Tally:
    def __init__(self, fail_prefix="FAIL:"):
        self.checks = 0
        self.failures = 0
        self.fail_prefix = fail_prefix

    def check(self, ok, what):
        """Counts one check; prints `what` when `ok` is false."""
        self.checks += 1
        if not ok:
            self.failures += 1
            print(self.fail_prefix, what)
        return ok

    def finish(self, over=""):
        """Prints "N checks[ over], F failed"; the exit status."""
        print(f"{self.checks} checks{over}, {self.failures} failed")
        return 1 if self.failures else 0
