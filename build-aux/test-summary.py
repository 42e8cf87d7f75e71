#!/usr/bin/env python3
"""Counts the individual GLib test cases (TAP lines) of a meson test run and
prints the closing line 'N passed, N failed' that CI reads."""
import json
import re
import sys

passed = failed = skipped = 0
with open(sys.argv[1], encoding="utf-8") as log:
    for line in log:
        entry = json.loads(line)
        cases = entry_failed = 0
        for tap in entry.get("stdout", "").splitlines():
            if re.match(r"^ok \d+", tap):
                cases += 1
                if "# SKIP" in tap:
                    skipped += 1
                else:
                    passed += 1
            elif re.match(r"^not ok \d+", tap):
                cases += 1
                if "# TODO" in tap:
                    skipped += 1
                else:
                    failed += 1
                    entry_failed += 1
        # A test that printed no TAP (a validator, or a crash) counts once.
        if cases == 0:
            if entry.get("result") == "OK":
                passed += 1
            elif entry.get("result") == "SKIP":
                skipped += 1
            else:
                failed += 1
        elif entry.get("result") not in ("OK", "SKIP") and entry_failed == 0:
            # It crashed or timed out after the cases it reported.
            failed += 1

print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
