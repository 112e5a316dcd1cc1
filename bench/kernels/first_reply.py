"""Seconds from a kernelspec being chosen to the first cell's execute_reply, with jupyter_client (as JupyterLab).

Usage: first_reply.py KERNEL_NAME RUNS  -> one line per run, then the median.
"""
import statistics
import sys
import time

from jupyter_client.manager import KernelManager


def once(name: str) -> float:
    start = time.perf_counter()
    manager = KernelManager(kernel_name=name)
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=600)
        reply = client.execute_interactive("1 + 1", timeout=600, output_hook=lambda msg: None)
        assert reply["content"]["status"] == "ok", reply
        return time.perf_counter() - start
    finally:
        client.stop_channels()
        manager.shutdown_kernel()


def main() -> None:
    name, runs = sys.argv[1], int(sys.argv[2])
    times = [once(name) for _ in range(runs)]
    for t in times:
        print(f"{name}: {t:.2f} s", file=sys.stderr)
    print(f"{statistics.median(times):.2f}")


if __name__ == "__main__":
    main()
