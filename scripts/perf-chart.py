#!/usr/bin/env python3
"""Draws docs/perf-chart.svg from a JMH JSON result file (java -jar benchmarks.jar -rf json).

One horizontal bar per ns/op benchmark and parameter set, on a log scale, interpreter, JIT
and magic ('M') entries in their own colours, so a ratio reads as a distance. Standard library only: no plotting package needed.

    scripts/perf-chart.py benchmarks/results/jmh.json docs/perf-chart.svg
"""
import json
import math
import sys
from xml.sax.saxutils import escape


def rows(results):
    for r in results:
        if r["primaryMetric"]["scoreUnit"] != "ns/op":
            continue  # one axis, one unit: compile latency (us/op, single shot) is tabled in the docs
        name = r["benchmark"].rsplit(".", 2)[-2:]
        params = r.get("params", {})
        engine = params.get("engine") or params.get("handlers") or ""
        rest = ", ".join(f"{k}={v}" for k, v in sorted(params.items()) if k not in ("engine", "handlers"))
        label = f"{name[0]}.{name[1]}" + (f" ({rest})" if rest else "")
        m = r["primaryMetric"]
        yield label, engine, m["score"], m.get("scoreError") or 0.0, m["scoreUnit"]


def main(src, dst):
    data = list(rows(json.load(open(src))))
    if not data:
        sys.exit(f"{src}: no results")
    bar_h, gap, left, width = 16, 10, 430, 420
    lo = min(s for _, _, s, _, _ in data if s > 0)
    hi = max(s for _, _, s, _, _ in data)
    lo_exp, hi_exp = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
    span = max(hi_exp - lo_exp, 1)

    def x(v):
        return left + width * (math.log10(max(v, 10 ** lo_exp)) - lo_exp) / span

    colors = {"interp": "#c0504d", "jit": "#4f81bd", "magic": "#9bbb59"}
    height = 40 + len(data) * (bar_h + gap) + 40
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{left + width + 140}" height="{height}" '
           'font-family="sans-serif" font-size="12">',
           f'<text x="10" y="20" font-size="14" font-weight="bold">binfmt-bpf: JMH, lower is better (log scale)</text>']
    y = 40
    for label, engine, score, err, unit in data:
        out.append(f'<text x="{left - 8}" y="{y + 12}" text-anchor="end">{escape(label)} {escape(engine)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{x(score) - left:.1f}" height="{bar_h}" '
                   f'fill="{colors.get(engine, "#808080")}"/>')
        out.append(f'<text x="{x(score) + 4:.1f}" y="{y + 12}">{score:,.1f} {escape(unit)}</text>')
        y += bar_h + gap
    for e in range(lo_exp, hi_exp + 1):
        gx = x(10 ** e)
        out.append(f'<line x1="{gx:.1f}" y1="34" x2="{gx:.1f}" y2="{y}" stroke="#ddd"/>')
        out.append(f'<text x="{gx:.1f}" y="{y + 16}" text-anchor="middle">1e{e}</text>')
    out.append("</svg>")
    with open(dst, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
