"""Writes an nbformat 4.5 notebook of N trivial code cells ('x = 1', 'x = 2', ...). Usage: make_notebook.py N PATH"""
import json
import sys

count, path = int(sys.argv[1]), sys.argv[2]
cells = [
    {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": f"x = {i + 1}"}
    for i in range(count)
]
notebook = {
    "cells": cells,
    "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}
with open(path, "w", encoding="utf-8") as f:
    json.dump(notebook, f, indent=1)
