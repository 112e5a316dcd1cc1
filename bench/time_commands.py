"""Fallback when hyperfine is missing: times shell commands like `hyperfine --warmup 1 --runs N --export-json`.

Usage: time_commands.py RUNS OUT.json NAME1 CMD1 [NAME2 CMD2 ...]  (same JSON shape as hyperfine's export)
"""
import json
import statistics
import subprocess
import sys
import time

runs, out, pairs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
results = []
for name, command in zip(pairs[::2], pairs[1::2]):
    subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, shell=True, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    mean, stddev = statistics.mean(times), statistics.stdev(times) if len(times) > 1 else 0.0
    print(f"{name}: {mean:.3f} s ± {stddev:.3f} s ({runs} runs)", file=sys.stderr)
    results.append({"command": name, "mean": mean, "stddev": stddev, "times": times})
with open(out, "w", encoding="utf-8") as f:
    json.dump({"results": results}, f)
