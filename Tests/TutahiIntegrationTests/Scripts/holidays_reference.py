#!/usr/bin/env python3
"""An independent reference for New Zealand's public holidays, for the calendar tests.

The `holidays` package (installed by scripts/test) lists the national holidays and, with a
region code, that region's anniversary day, each with the day it is kept ("(observed)").

argv: FIRST_YEAR LAST_YEAR REGION...
stdout: JSON {"": [["2026-01-01", "New Year's Day"], ...], "AUK": [...], ...}: every holiday of
the years, nationally ("") and for each region (national holidays included).
"""
import json
import sys

import holidays

first, last = int(sys.argv[1]), int(sys.argv[2])
years = range(first, last + 1)
result = {}
for region in [""] + sys.argv[3:]:
    calendar = holidays.NZ(subdiv=region or None, years=years)
    result[region] = sorted([day.isoformat(), name] for day, names in calendar.items() for name in names.split("; "))
json.dump(result, sys.stdout)
