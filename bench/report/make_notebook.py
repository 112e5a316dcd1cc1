"""Writes an unexecuted notebook of N cells of what a report shows: markdown (headings, lists, a table, math) and
code cells whose outputs are text, an HTML table, markdown, LaTeX and a small PNG.

Usage: make_notebook.py N OUT.ipynb
"""
import json
import sys

n, out = int(sys.argv[1]), sys.argv[2]
png = "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4z8AARAwQCgAf7gP9i18U1AAAAABJRU5ErkJggg=="
code = [
    "from IPython.display import HTML, Markdown, Math, Image, display\nimport base64\nPNG = base64.b64decode('" + png + "')",
    "total = sum(range({i}))\nprint(f'step {i}: total={{total}}')",
    "rows = ''.join(f'<tr><td>{{k}}</td><td>{{k * {i}}}</td></tr>' for k in range(8))\nHTML(f'<table><thead><tr><th>k</th><th>value</th></tr></thead><tbody>{{rows}}</tbody></table>')",
    "display(Markdown('**Cell {i}**: a list\\n\\n- one\\n- two'))\nMath(r'x_{{{i}}} = \\frac{{1}}{{{i}}}')",
    "def f(x: int) -> int:\n    \"\"\"Square.\"\"\"\n    return x * x  # comment\nImage(PNG)",
]
markdown = "## Section {i}\n\nSome *text* with `code`, a [link](https://example.org) and $a^2 + b^2 = c^2$.\n\n| a | b |\n|---|---|\n| {i} | {j} |\n\n- item\n  - nested"
cells = [{"cell_type": "code", "metadata": {}, "source": code[0], "outputs": [], "execution_count": None, "id": "c0"}]
for i in range(1, n):
    if i % 4 == 0:
        cells.append({"cell_type": "markdown", "metadata": {}, "source": markdown.format(i=i, j=i * 2), "id": f"c{i}"})
    else:
        cells.append({"cell_type": "code", "metadata": {}, "source": code[1 + i % 4].format(i=i), "outputs": [],
                      "execution_count": None, "id": f"c{i}"})
nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
      "nbformat": 4, "nbformat_minor": 5}
with open(out, "w", encoding="utf-8") as f:
    json.dump(nb, f, indent=1)
