#!/usr/bin/env python3
"""An independent reference for cron fire times, for the cron tests.

croniter says which local wall times an expression names; zoneinfo turns them into instants
by the contract's rules: a wall time that happens twice runs once, at its first occurrence; one
skipped by a DST change runs at the first instant after the gap.

stdin: JSON [{"cron": "30 2 * * *", "zone": "Pacific/Auckland", "after": EPOCH_SECONDS, "count": N}]
stdout: JSON [[EPOCH_SECONDS, ...], ...], the next N fire instants after `after` for each query.
"""
import datetime
import json
import sys
from zoneinfo import ZoneInfo

from croniter import croniter

UTC = datetime.timezone.utc
MINUTE = datetime.timedelta(minutes=1)


def wall(instant, zone):
    return instant.astimezone(zone).replace(tzinfo=None)


def first_instant_at_or_after(naive, zone):
    earlier = naive.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if wall(earlier, zone) == naive:
        return earlier
    # A gap: step back to the first instant whose wall time is at or after `naive`.
    instant = earlier
    while wall(instant - MINUTE, zone) >= naive:
        instant -= MINUTE
    return instant


def fires(expression, zone, after, count):
    start = datetime.datetime.fromtimestamp(after, UTC)
    iterator = croniter(expression, wall(start, zone))
    found = []
    while len(found) < count:
        instant = first_instant_at_or_after(iterator.get_next(datetime.datetime), zone)
        if instant > start and (not found or instant > found[-1]):
            found.append(instant)
    return [int(instant.timestamp()) for instant in found]


queries = json.load(sys.stdin)
json.dump([fires(q["cron"], ZoneInfo(q["zone"]), q["after"], q["count"]) for q in queries], sys.stdout)
