"""Charts of the analyses, drawn with matplotlib's Agg canvas (no display needed).

Each function draws the rows its reader returned, writes PNG or SVG (by the suffix) and
RETURNS what it drew, so that a test can hold the picture to the numbers.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..errors import TidingsError
from .series import QUAD_CLASS_COLUMNS

PLOT_SUFFIXES = (".png", ".svg")
DPI = 100
# inches at DPI: the PNG's size in pixels is these times 100
SERIES_SIZE, NETWORK_SIZE, TIMELINE_SIZE = (10, 5), (9, 8), (12, 5)

QUAD_CLASS_LABELS = {1: "1 verbal cooperation", 2: "2 material cooperation",
                     3: "3 verbal conflict", 4: "4 material conflict"}
QUAD_CLASS_COLOURS = {1: "#8fd18a", 2: "#1b7a2f", 3: "#f5a25d", 4: "#c8102e"}
GOLDSTEIN_RANGE = (-10, 10)
# bar width in days, so that a period's bar fills most of it on the date axis
BAR_DAYS = {"day": 0.8, "week": 5, "month": 24, "year": 300}


class PlotError(TidingsError):
    """A plot file that cannot be written."""


def check_plot_path(path: str | Path) -> Path:
    """The plot's path once it can be written: a known suffix, in a writable folder."""
    path = Path(path)
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise PlotError(f"{path}: unknown plot type {path.suffix or '(no suffix)'!r}; "
                        f"name a {' or '.join(PLOT_SUFFIXES)} file")
    if path.is_dir():
        raise PlotError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise PlotError(f"{path}: folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise PlotError(f"{path}: cannot write in folder {path.parent}")
    return path


def _figure(size: tuple[float, float]):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    figure = Figure(figsize=size, dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _save(figure, path: str | Path) -> None:
    path = check_plot_path(path)
    try:
        figure.savefig(path, dpi=DPI, format=path.suffix[1:].lower())
    except OSError as err:
        raise PlotError(f"{path}: cannot write ({err.strerror or err})") from None


def _date_axis(axis) -> None:
    import matplotlib.dates as mdates
    locator = mdates.AutoDateLocator()
    axis.xaxis.set_major_locator(locator)
    axis.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def plot_dyad_series(rows: list[tuple], path: str | Path, *, by: str, title: str) -> dict:
    """Stacked bars of the events per QuadClass and the Goldstein mean as a line on a
    second axis. rows: from `dyad_series`. RETURNS (dict) the plotted columns."""
    from matplotlib.lines import Line2D
    check_plot_path(path)
    figure = _figure(SERIES_SIZE)
    counts_axis = figure.add_subplot()
    goldstein_axis = counts_axis.twinx()
    periods = [row[0] for row in rows]
    plotted: dict = {"period": periods}
    bottom = [0] * len(rows)
    for quad_class, column in enumerate(QUAD_CLASS_COLUMNS, start=1):
        counts = [row[1 + quad_class] for row in rows]
        counts_axis.bar(periods, counts, bottom=bottom, width=BAR_DAYS[by],
                        color=QUAD_CLASS_COLOURS[quad_class],
                        label=QUAD_CLASS_LABELS[quad_class])
        bottom = [b + c for b, c in zip(bottom, counts)]
        plotted[column] = counts
    plotted["goldstein_mean"] = [row[7] for row in rows]
    goldstein_axis.plot(periods, plotted["goldstein_mean"], color="black", marker="o",
                        linewidth=1.5)
    goldstein_axis.axhline(0, color="grey", linewidth=0.5, linestyle=":")
    goldstein_axis.set_ylim(*GOLDSTEIN_RANGE)
    goldstein_axis.set_ylabel("mean Goldstein score")
    counts_axis.set_ylabel("events")
    counts_axis.set_xlabel(by)
    counts_axis.set_title(title)
    if not rows:
        counts_axis.text(0.5, 0.5, "no events", ha="center", transform=counts_axis.transAxes)
    else:
        _date_axis(counts_axis)
    handles = counts_axis.get_legend_handles_labels()[0] + [
        Line2D([], [], color="black", marker="o", label="mean Goldstein score")]
    counts_axis.legend(handles=handles, loc="upper left", fontsize="small")
    _save(figure, path)
    return plotted


def plot_network(dyads: list[tuple], path: str | Path, *, title: str) -> list[tuple]:
    """The dyads as a directed graph: edge width by number of events, colour by mean
    Goldstein score on a diverging colormap with a colourbar. dyads: from
    `strongest_dyads`. RETURNS (list) the drawn edges (source, target, events, mean)."""
    import matplotlib
    import networkx as nx
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import Normalize
    from matplotlib.lines import Line2D

    from .network import graph
    check_plot_path(path)
    figure = _figure(NETWORK_SIZE)
    axis = figure.add_subplot()
    axis.set_title(title)
    axis.set_axis_off()
    colormap, norm = matplotlib.colormaps["RdBu"], Normalize(*GOLDSTEIN_RANGE)
    network = graph(dyads)
    drawn = [(s, t, d["events"], d["goldstein_mean"]) for s, t, d in network.edges(data=True)]
    most = max((events for _, _, events, _ in drawn), default=1)
    width = lambda events: 1 + 5 * events / most  # noqa: E731
    if drawn:
        layout = nx.spring_layout(network, seed=10, k=1.5 / max(len(network), 1) ** 0.5)
        nx.draw_networkx_nodes(network, layout, ax=axis, node_color="#e8e8e8",
                               edgecolors="#555555", node_size=900)
        nx.draw_networkx_labels(network, layout, ax=axis, font_size=9)
        nx.draw_networkx_edges(
            network, layout, ax=axis, edgelist=[(s, t) for s, t, _, _ in drawn],
            edge_color=[colormap(norm(mean)) for _, _, _, mean in drawn],
            width=[width(events) for _, _, events, _ in drawn], arrows=True,
            arrowsize=14, node_size=900, connectionstyle="arc3,rad=0.12")
        sizes = sorted({1, most})
        axis.legend(handles=[Line2D([], [], color="grey", linewidth=width(n),
                                    label=f"{n} event" + ("s" if n > 1 else "")) for n in sizes],
                    loc="lower left", fontsize="small", title="edge width")
    else:
        axis.text(0.5, 0.5, "no dyads", ha="center", transform=axis.transAxes)
    figure.colorbar(ScalarMappable(norm=norm, cmap=colormap), ax=axis, shrink=0.7,
                    label="mean Goldstein score (-10 conflict, +10 cooperation)")
    _save(figure, path)
    return drawn


def short_label(event: dict, width: int = 34) -> str:
    """The start of the event's sentence, cut at a word, with its dyad."""
    sentence = " ".join(event["sentence"].split())
    if len(sentence) > width:
        sentence = sentence[:width].rsplit(" ", 1)[0] + "…"
    return f"{event['source'][:3]}→{(event['target'] or '-')[:3]} {sentence}"


def plot_timeline(events: list[dict], path: str | Path, *, title: str) -> list[tuple]:
    """A strip of the key events on a date axis: one mark each, coloured by QuadClass,
    labelled with its dyad and the start of its sentence; labels alternate above and
    below the axis. events: from `key_events`. RETURNS (list) (date, quad_class, label)."""
    from matplotlib.lines import Line2D
    check_plot_path(path)
    figure = _figure(TIMELINE_SIZE)
    axis = figure.add_subplot()
    levels = (1, -1, 2, -2, 3, -3)
    drawn = []
    for n, event in enumerate(events):
        day, level = event["date"], levels[n % len(levels)]
        label = short_label(event)
        axis.vlines(day, 0, level, color="#bbbbbb", linewidth=0.8)
        axis.plot(day, 0, "o", color=QUAD_CLASS_COLOURS[event["quad_class"]], markersize=8,
                  markeredgecolor="black", markeredgewidth=0.5, zorder=3)
        axis.annotate(label, (day, level), fontsize=7, ha="left",
                      va="bottom" if level > 0 else "top")
        drawn.append((day, event["quad_class"], label))
    axis.axhline(0, color="black", linewidth=0.8)
    axis.set_ylim(-4, 4)
    axis.set_yticks([])
    axis.set_xlabel("date")
    axis.set_title(title)
    if events:
        first, last = events[0]["date"], events[-1]["date"]
        margin = max((last - first).days * 0.05, 1)
        axis.set_xlim(first - dt.timedelta(days=margin),
                      last + dt.timedelta(days=margin * 4))  # room for the last label
        _date_axis(axis)
    else:
        axis.text(0.5, 0.5, "no events", ha="center", transform=axis.transAxes)
    axis.legend(handles=[Line2D([], [], marker="o", linestyle="", color=colour,
                                markeredgecolor="black", label=QUAD_CLASS_LABELS[n])
                         for n, colour in QUAD_CLASS_COLOURS.items()],
                loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=4, fontsize="small",
                title="QuadClass", frameon=False)
    for side in ("left", "right", "top"):
        axis.spines[side].set_visible(False)
    _save(figure, path)
    return drawn
