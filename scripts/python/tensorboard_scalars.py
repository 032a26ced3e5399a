"""Prints, as JSON, every scalar TensorBoard's EventAccumulator reads from an event file: {tag: [[step, value], ...]}.

The tests' judge of the event files Labbook writes (src/exchange/tfevents, the run page's TensorBoard export).
JSON has no infinities: -inf and inf are printed as the strings "-inf" and "inf".
"""
import json
import math
import sys

from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def plain(value):
    return value if math.isfinite(value) or math.isnan(value) else ('inf' if value > 0 else '-inf')


accumulator = EventAccumulator(sys.argv[1])
accumulator.Reload()
print(json.dumps({tag: [[e.step, plain(e.value)] for e in accumulator.Scalars(tag)] for tag in accumulator.Tags()['scalars']}))
