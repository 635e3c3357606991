"""Commands that draw networks: ``network`` (GraphML, GEXF, JSON, CSV or metrics) and
``viz`` (an offline HTML page, PNG or SVG)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plankg.cli.common import document_of, open_store
from plankg.cli.options import add_reader
from plankg.errors import PlankgError
from plankg.formats import FORMATS, render

KINDS = ("responsibility", "co-responsibility", "place-body", "slogan-section")


def _options(args: argparse.Namespace, doc: str | None):  # noqa: ANN202
    from plankg.network import NetworkOptions

    return NetworkOptions(
        doc=doc,
        level=args.level,
        stated_only=args.stated_only,
        inferred_only=args.inferred_only,
        min_confidence=args.min_confidence,
        include_issuer=args.include_issuer,
    )


def cmd_network(args: argparse.Namespace) -> int:
    from plankg.files import write_text_atomically
    from plankg.network import (
        GRAPH_FORMATS,
        METRIC_COLUMNS,
        annotate_metrics,
        build_network,
        graph_to_string,
        network_metrics,
    )

    store = open_store(args)
    graph = build_network(store, args.kind, _options(args, document_of(store, args)))
    if args.metrics:
        fmt = args.format or "table"
        if fmt not in FORMATS:
            raise PlankgError(f"--metrics prints {', '.join(FORMATS)}, not {fmt}")
        text = render(network_metrics(graph), METRIC_COLUMNS, fmt)
    else:
        fmt = args.format or "graphml"
        if fmt not in GRAPH_FORMATS:
            raise PlankgError(f"a graph is written as {', '.join(GRAPH_FORMATS)}, not {fmt}")
        text = graph_to_string(annotate_metrics(graph), fmt)
    if args.output:
        write_text_atomically(Path(args.output), text)
        print(
            f"wrote {args.output}: {graph.number_of_nodes()} nodes, "
            f"{graph.number_of_edges()} edges",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def cmd_viz(args: argparse.Namespace) -> int:
    if not (args.output or args.png or args.svg):
        raise PlankgError("say where to write: -o FILE.html, --png FILE and/or --svg FILE")
    from plankg.network import annotate_metrics, build_network
    from plankg.viz import view_title, write_figure, write_html

    store = open_store(args)
    doc = document_of(store, args)
    graph = annotate_metrics(build_network(store, args.kind, _options(args, doc)))
    title = view_title(store, args.kind, doc)
    if args.output:
        write_html(graph, Path(args.output), title)
        print(f"wrote {args.output}", file=sys.stderr)
    for target, fmt in ((args.png, "png"), (args.svg, "svg")):
        if target:
            write_figure(graph, Path(target), title, fmt)
            print(f"wrote {target}", file=sys.stderr)
    return 0


def _network_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--kind", choices=KINDS, default="responsibility",
                         help="which network: bodies–commitments, bodies sharing commitments, "
                         "places–bodies, or slogans–sections")
    command.add_argument(
        "--level",
        choices=("item", "sentence", "all"),
        default="item",
        help="item: item- and paragraph-level commitments; sentence: single sentences; all",
    )
    basis = command.add_mutually_exclusive_group()
    basis.add_argument("--stated-only", action="store_true",
                       help="only responsibilities the text states")
    basis.add_argument("--inferred-only", action="store_true",
                       help="only inferred responsibilities")
    command.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                         help="leave out responsibilities below this confidence (0 to 1)")
    command.add_argument(
        "--include-issuer",
        action="store_true",
        help="keep the issuing government (accountable for everything; left out by default)",
    )
    add_reader(command, formats=False, doc="only this document's")


def register(sub: argparse._SubParsersAction) -> None:
    network = sub.add_parser(
        "network",
        help="a responsibility network as GraphML, GEXF, JSON or CSV, or its metrics",
        description="A responsibility network as GraphML, GEXF, JSON (node-link) or CSV "
        "(edges), for Gephi or Cytoscape, or its node metrics.",
    )
    network.set_defaults(handler=cmd_network)
    network.add_argument(
        "--format",
        choices=("graphml", "gexf", "json", "csv", "table", "tsv", "markdown"),
        help="graphml (default), gexf, json (node-link) or csv (edges); "
        "with --metrics: table (default), csv, tsv, json or markdown",
    )
    network.add_argument("--metrics", action="store_true", help="print node metrics instead")
    network.add_argument("-o", "--output", metavar="FILE",
                         help="write here (default: standard output)")
    _network_options(network)

    viz = sub.add_parser(
        "viz",
        help="a responsibility network as an offline interactive HTML page, PNG or SVG",
        description="A responsibility network as an offline interactive HTML page, a PNG or "
        "an SVG figure.",
    )
    viz.set_defaults(handler=cmd_viz)
    viz.add_argument("-o", "--output", metavar="FILE.html", help="the interactive page")
    viz.add_argument("--png", metavar="FILE", help="a static PNG figure")
    viz.add_argument("--svg", metavar="FILE", help="a static SVG figure")
    _network_options(viz)
