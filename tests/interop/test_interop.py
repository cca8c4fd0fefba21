"""The exports read by the tools people use: the XSDs, Gephi Lite's loaders, igraph, networkx.

Each reader skips cleanly when it is absent: the schemas live in ../shared, the
graphology loaders are installed by ``make test`` with npm (tests/interop/package.json),
igraph is in the ``test`` extra.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import networkx as nx
import pytest

from quotegraph.graph.build import SYMMETRIC_RELATIONS, build_speaker_graph
from quotegraph.graph.export import MAX_LIST_ITEMS, export_graph
from quotegraph.model import EntityMention, Quote, QuoteKind, Speaker, SpeakerKind

HERE = Path(__file__).resolve().parent
SCHEMAS = HERE.parent.parent.parent / "shared" / "schemas"
NO_SHARED = "evaluation data (../shared) not present"
GEXF = "{http://gexf.net/1.3}"
# The fields GEXF keeps in its own places (viz, the edge element), not as attvalues.
GEXF_ELSEWHERE_NODE = {"x", "y", "size", "color", "r", "g", "b"}
GEXF_ELSEWHERE_EDGE = {"directed"}


def _quotes() -> list[Quote]:
    """Two speakers of one organisation, quoted together, mentioning each other and it.

    Gives parallel edges (affiliated_with + mentions to one organisation; mentions +
    co_quoted between two people), a symmetric relation, and a speaker with 30 quotes
    so the per-edge lists exceed the cap.
    """
    council = "Harbour Council"
    ada = Speaker("Ada Brenner", kind=SpeakerKind.PERSON, role="chair", organisation=council)
    tom = Speaker("Tom Okoro", kind=SpeakerKind.PERSON, organisation=council)
    mentions_council = EntityMention(council, 0, 15, SpeakerKind.ORGANISATION, council)
    mentions_tom = EntityMention("Okoro", 0, 5, SpeakerKind.PERSON, "Tom Okoro")
    quotes = [
        Quote(f"d{n}", f"d{n}:0", "Harbour Council must act on the tolls.", 0, 38,
              QuoteKind.DIRECT, ada, topics=("tolls",), date=f"2026-03-{n + 1:02d}",
              source="Harbour Post", entities=(mentions_council, mentions_tom))
        for n in range(30)
    ]  # fmt: skip
    quotes += [
        Quote(f"d{n}", f"d{n}:1", "The tolls stay.", 40, 55, QuoteKind.DIRECT, tom,
              topics=("tolls",), date=f"2026-03-{n + 1:02d}", source="Harbour Post")
        for n in range(2)
    ]  # fmt: skip
    return quotes


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    return build_speaker_graph(_quotes())


@pytest.fixture(scope="module")
def files(graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("interop")
    return {path.name: path for path in export_graph(graph, out)}


def _schema(name: str):  # type: ignore[no-untyped-def]
    etree = pytest.importorskip("lxml.etree")
    path = SCHEMAS / name
    if not path.is_file():
        pytest.skip(NO_SHARED)
    return etree.XMLSchema(etree.parse(str(path)))


def _graphology(*paths: Path) -> list[dict]:  # type: ignore[type-arg]
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the graphology readers need Node.js")
    if not (HERE / "node_modules" / "graphology-gexf").is_dir():
        pytest.skip("graphology is not installed: `make test` runs npm ci in tests/interop")
    done = subprocess.run(
        [node, str(HERE / "read_graph.js"), *map(str, paths)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _gexf_edges(path: Path) -> list[dict[str, str]]:
    return [dict(e.attrib) for e in ET.parse(path).getroot().iter(f"{GEXF}edge")]


@pytest.mark.parametrize(
    ("file_name", "schema"),
    [("graph.gexf", "gexf-1.3/gexf.xsd"), ("graph.graphml", "graphml/graphml.xsd")],
    ids=["gexf-1.3", "graphml"],
)
def test_interop_files_validate_against_schema(
    files: dict[str, Path], file_name: str, schema: str
) -> None:
    from lxml import etree

    xsd = _schema(schema)
    ok = xsd.validate(etree.parse(str(files[file_name])))
    assert ok, "\n".join(str(error) for error in xsd.error_log)


def test_interop_gexf_graph_has_no_name_and_is_gexf_13(files: dict[str, Path]) -> None:
    root = ET.parse(files["graph.gexf"]).getroot()
    graph = root.find(f"{GEXF}graph")
    assert root.get("version") == "1.3" and graph is not None
    assert "name" not in graph.attrib and graph.get("defaultedgetype") == "directed"


def test_issue15_parallel_edges_have_distinct_kinds_and_co_quoted_is_undirected(
    graph: nx.MultiDiGraph, files: dict[str, Path]
) -> None:
    """In the GEXF and the graphology JSON: one kind per pair, symmetric relations undirected."""
    edges = _gexf_edges(files["graph.gexf"])
    kinds: dict[frozenset[str], list[str]] = defaultdict(list)
    for edge in edges:
        kinds[frozenset((edge["source"], edge["target"]))].append(edge["kind"])
        undirected = edge.get("type") == "undirected"
        assert undirected == (edge["kind"] in SYMMETRIC_RELATIONS), edge
    assert any(len(k) > 1 for k in kinds.values()), "the fixture must have parallel edges"
    assert all(len(k) == len(set(k)) for k in kinds.values()), kinds
    serialized = json.loads(files["graph.graphology.json"].read_text(encoding="utf-8"))
    for edge in serialized["edges"]:
        symmetric = edge["attributes"]["relation"] in SYMMETRIC_RELATIONS
        assert edge["undirected"] is symmetric, edge
    assert {e["id"] for e in edges} == {e["key"] for e in serialized["edges"]}
    assert len(edges) == graph.number_of_edges()


def test_interop_graphology_reads_gexf_and_json_like_graphml(files: dict[str, Path]) -> None:
    """Gephi Lite's loaders: the same counts, ids, kinds and directions as the GraphML."""
    gexf, serialized, graphml = _graphology(
        files["graph.gexf"], files["graph.graphology.json"], files["graph.graphml"]
    )
    counts = {(s["order"], s["size"]) for s in (gexf, serialized, graphml)}
    assert len(counts) == 1, counts
    for summary in (gexf, serialized):
        assert summary["type"] == "mixed" and summary["multi"] is True
        for edge in summary["edges"]:
            relation = edge["attributes"]["relation"]
            assert edge["undirected"] is (relation in SYMMETRIC_RELATIONS)
    ids = [sorted(e["key"] for e in s["edges"]) for s in (gexf, serialized, graphml)]
    assert ids[0] == ids[1] == ids[2]
    assert all(e["attributes"]["kind"] == e["attributes"]["relation"] for e in gexf["edges"])


def test_interop_graphology_sees_the_same_attribute_names(files: dict[str, Path]) -> None:
    gexf, serialized, graphml = _graphology(
        files["graph.gexf"], files["graph.graphology.json"], files["graph.graphml"]
    )
    node_names = set(serialized["nodeAttributes"])
    assert "weighted_degree" in node_names and "degree" not in node_names
    # GEXF puts colour, size and position in viz, which graphology reads as color/size/x/y.
    assert set(gexf["nodeAttributes"]) == node_names - {"r", "g", "b"}
    assert set(gexf["edgeAttributes"]) - {"kind"} == set(serialized["edgeAttributes"])
    # graphology-graphml folds r/g/b into color; the `id` data repeats the edge key.
    assert set(graphml["nodeAttributes"]) == node_names - {"r", "g", "b"}
    graphml_edges = set(graphml["edgeAttributes"]) - {"directed", "id"}
    assert graphml_edges == set(serialized["edgeAttributes"])
    assert not any(name.startswith("edge_") for name in graphml["edgeAttributes"])


def test_interop_igraph_reads_graphml(graph: nx.MultiDiGraph, files: dict[str, Path]) -> None:
    igraph = pytest.importorskip("igraph", reason="igraph is not installed (the `test` extra)")
    with warnings.catch_warnings():
        # igraph 1.0 warns that the edge `id` data shadows its own (wrong) edge ids.
        warnings.filterwarnings("ignore", message="Could not add edge ids")
        read = igraph.Graph.Read_GraphML(str(files["graph.graphml"]))
    assert (read.vcount(), read.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    flat_nodes = {k for _, d in graph.nodes(data=True) for k in d} - {"aliases", "articles"}
    assert flat_nodes | {"id"} <= set(read.vs.attributes())
    edge_names = set(read.es.attributes())
    assert {"relation", "weight", "topics", "quote_ids_count", "directed"} <= edge_names
    assert not [n for n in read.es.attributes() if n.startswith("edge_") or n == "networkx_key"]
    assert read.es["id"] == [f"e{i}" for i in range(read.ecount())]
    assert all(isinstance(t, str) for t in read.es["topics"]), "an empty topic must be '', not NaN"
    assert set(read.vs["id"]) == set(graph.nodes)


def test_interop_lists_are_capped_with_full_counts(files: dict[str, Path]) -> None:
    data = json.loads(files["graph.json"].read_text(encoding="utf-8"))
    long = [e for e in data["edges"] if e["quote_ids_count"] > MAX_LIST_ITEMS]
    assert long, "the fixture must have a list longer than the cap"
    assert all(len(e["quote_ids"]) == MAX_LIST_ITEMS for e in long)
    edges_csv = files["edges.csv"].read_text(encoding="utf-8")
    assert "d29:0" in edges_csv  # the CSV keeps every quote id
    assert "d29:0" not in files["graph.gexf"].read_text(encoding="utf-8")


@pytest.mark.model
def test_interop_demo_exports_validate_and_agree(
    tmp_path: Path, examples_dir: Path, nlp: object
) -> None:
    """The demo corpus (examples/articles): valid GEXF and GraphML; every reader's counts agree."""
    import quotegraph
    from lxml import etree

    from quotegraph.config import PipelineConfig

    built = quotegraph.from_paths(examples_dir, config=PipelineConfig(workers=1))
    written = {p.name: p for p in export_graph(built.graph, tmp_path)}
    schemas = {"graph.gexf": "gexf-1.3/gexf.xsd", "graph.graphml": "graphml/graphml.xsd"}
    for name, schema in schemas.items():
        xsd = _schema(schema)
        assert xsd.validate(etree.parse(str(written[name]))), str(xsd.error_log)
    expected = (built.graph.number_of_nodes(), built.graph.number_of_edges())
    back = nx.read_graphml(written["graph.graphml"])
    assert (back.number_of_nodes(), back.number_of_edges()) == expected
    summaries = _graphology(written["graph.gexf"], written["graph.graphology.json"])
    assert [(s["order"], s["size"]) for s in summaries] == [expected, expected]
