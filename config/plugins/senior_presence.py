#!/usr/bin/env python3
"""Tūtahi exec plugin: how often an agency's senior leaders come to hui.

Reads one tutahi.plugin/1 request on standard input and writes {"results": [...]} on standard
output. Anything written to standard error goes to Tūtahi's log under this indicator's id.
Keys of the indicator other than `command` and `timeout` arrive in request["indicator"]; this
plugin reads `kinds` (default [hui]).
"""
import json
import sys

request = json.load(sys.stdin)
if request.get("protocol") != "tutahi.plugin/1":
    sys.exit(f"unsupported protocol {request.get('protocol')!r}")
kinds = set(request["indicator"].get("kinds", ["hui"]))

results = []
for relationship in request["relationships"]:
    agency = relationship["agency"]["id"]
    gatherings = [e for e in relationship["interactions"] if e["kind"] in kinds]
    if not gatherings:
        continue  # left out: Tūtahi shows no_data
    senior = sum(1 for e in gatherings if e["attributes"].get("senior") == "yes")
    share = senior / len(gatherings)
    results.append({"agency": agency, "partner": relationship["partner"]["id"],
                    "value": share, "score": 100 * share, "n": len(gatherings),
                    "detail": {"senior": senior}})

print(f"scored {len(results)} of {len(request['relationships'])} relationships", file=sys.stderr)
json.dump({"results": results}, sys.stdout)
