// Reads graph files with the loaders Gephi Lite uses (its core/file/utils.ts) and prints
// one JSON summary per file: counts, graph type, attribute names and every edge.
// Usage: node read_graph.js FILE...   (.gexf, .graphml or .json)
"use strict";
const fs = require("fs");
const Graph = require("graphology");
const gexf = require("graphology-gexf");
const graphml = require("graphology-graphml");

function load(path) {
  const text = fs.readFileSync(path, "utf8");
  if (path.endsWith(".gexf")) {
    return gexf.parse(Graph, text, { allowUndeclaredAttributes: true, addMissingNodes: true });
  }
  if (path.endsWith(".graphml")) {
    return graphml.parse(Graph, text, { addMissingNodes: true });
  }
  return Graph.from(JSON.parse(text));
}

function names(records) {
  const seen = new Set();
  records.forEach((attributes) => Object.keys(attributes).forEach((k) => seen.add(k)));
  return Array.from(seen).sort();
}

const summaries = process.argv.slice(2).map((path) => {
  const graph = load(path);
  return {
    path: path,
    type: graph.type,
    multi: graph.multi,
    order: graph.order,
    size: graph.size,
    nodeAttributes: names(graph.mapNodes((_, a) => a)),
    edgeAttributes: names(graph.mapEdges((_, a) => a)),
    nodes: graph.mapNodes((key, a) => ({ key: key, attributes: a })),
    edges: graph.mapEdges((key, a, source, target, _sa, _ta, undirected) => ({
      key: key, source: source, target: target, undirected: undirected, attributes: a,
    })),
  };
});
process.stdout.write(JSON.stringify(summaries));
