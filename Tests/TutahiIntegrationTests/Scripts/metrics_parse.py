"""Parses Prometheus text (standard input) with prometheus-client's own parser and prints every
sample as JSON: [{"name", "labels", "value", "type", "help"}]. An unparsable exposition fails."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

samples = []
for family in text_string_to_metric_families(sys.stdin.read()):
    for sample in family.samples:
        samples.append({"name": sample.name, "labels": sample.labels, "value": sample.value,
                        "type": family.type, "help": family.documentation})
json.dump(samples, sys.stdout)
