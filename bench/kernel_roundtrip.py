"""Measures ipykernel's own cost of a trivial cell: execute_request -> execute_reply + idle, with jupyter_client.

Usage: kernel_roundtrip.py CELLS  -> prints the mean milliseconds per round trip.
"""
import sys
import time

from jupyter_client.manager import start_new_kernel


def main() -> None:
    cells = int(sys.argv[1])
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        for _ in range(20):  # warm up
            client.execute_interactive("x = 1", timeout=30, output_hook=lambda msg: None)
        start = time.perf_counter()
        for _ in range(cells):
            client.execute_interactive("x = 1", timeout=30, output_hook=lambda msg: None)
        elapsed = time.perf_counter() - start
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    print(f"{elapsed / cells * 1000:.3f}")


if __name__ == "__main__":
    main()
