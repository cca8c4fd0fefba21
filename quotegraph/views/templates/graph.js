/* quotegraph graph page. Every string from the data is set with textContent or as a
   vis-network label/title (drawn on the canvas or set with innerText): never parsed as HTML.
   The only HTML handed to the browser is the article view, rendered and escaped in Python,
   shown in an iframe sandboxed without scripts. */
(function () {
  "use strict";
  var DATA = window.qgScale.load();  // scale.js: unpacks big pages, keeps the backbone
  var PAGE = 30;  // quotes shown in the panel before "show more"
  var FONT = { color: "#1f2430" };
  var LABEL_PX = window.qgLabels.LEAD_PX;  // on-screen size of the most central labels at the first fit (and on hover)
  var BASE_FONT = 14;  // other labels, in graph units: drawn once zoomed to the threshold
  var DASHES = { solid: false, dotted: [2, 5], dashed: [10, 6] };

  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  DATA.edges.forEach(function (e) { edgeById[e.id] = e; });
  var kindInfo = {};
  DATA.kinds.forEach(function (k) { kindInfo[k.kind] = k; });
  var relInfo = {};
  DATA.relations.forEach(function (r) { relInfo[r.relation] = r; });

  var state = { kinds: {}, relations: {}, minQuotes: 0, sources: null, from: "", to: "",
    colourBy: "kind", selected: null };
  DATA.kinds.forEach(function (k) { state.kinds[k.kind] = true; });
  DATA.relations.forEach(function (r) { state.relations[r.relation] = true; });
  var visibleNode = {};
  var visibleEdge = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : (many || one + "s")); }
  function fold(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\/[^\s<>"']+$/i.test(url) ? url : null; }

  // ---- colours and the vis items ----------------------------------------------------
  function baseColour(n) {
    var c = state.colourBy === "community" && n.community !== null
      ? DATA.community_colours[Math.abs(n.community) % DATA.community_colours.length]
      : state.colourBy === "gender" ? DATA.gender_colours[n.gender || "none"]
      : (kindInfo[n.kind] || kindInfo.unknown || { colour: "#bab0ac" }).colour;
    return { background: c, border: shade(c), highlight: { background: c, border: "#1f2430" },
      hover: { background: c, border: "#1f2430" } };
  }
  function shade(hex) {
    var v = parseInt(hex.slice(1), 16);
    var r = Math.round(((v >> 16) & 255) * 0.72), g = Math.round(((v >> 8) & 255) * 0.72), b = Math.round((v & 255) * 0.72);
    return "#" + ((1 << 24) + (r << 16) + (g << 8) + b).toString(16).slice(1);
  }
  function nodeTitle(n) {
    var lines = [n.label];
    var kind = (kindInfo[n.kind] || { singular: n.kind }).singular;
    var who = [n.role, n.organisation].filter(Boolean).join(", ");
    lines.push(kind + (who ? " · " + who : ""));
    var said = n.said.length ? " (" + n.said.length + " said)" : "";
    lines.push(plural(n.quote_count, "quote") + said + " · " + plural(n.article_count, "article"));
    if (n.aliases.length) { lines.push("Also: " + n.aliases.slice(0, 4).join(", ")); }
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var a = byId[e.from].label, b = byId[e.to].label;
    var rel = relInfo[e.relation] || { name: e.relation };
    var arrow = rel.directed ? " → " : " — ";
    var count = e.relation === "co_quoted" ? plural(e.weight, "article") : plural(e.quotes.length, "quote");
    return a + arrow + b + "\n" + rel.name + " · " + count;
  }
  var nodeItems = DATA.nodes.map(function (n) {
    var item = { id: n.id, label: n.label, title: nodeTitle(n), value: Math.sqrt(Math.max(n.quote_count, 0)),
      shape: (kindInfo[n.kind] || { shape: "dot" }).shape, color: baseColour(n),
      font: { color: FONT.color, size: BASE_FONT } };
    if (n.x !== null && n.y !== null) { item.x = n.x; item.y = n.y; }
    return item;
  });
  var edgeItems = DATA.edges.map(function (e) {
    var rel = relInfo[e.relation] || { colour: "#9aa5b1", directed: true, line: "solid" };
    var item = { id: e.id, from: e.from, to: e.to, value: e.weight, title: edgeTitle(e),
      color: { color: rel.colour, highlight: rel.strong, hover: rel.strong },
      arrows: { to: { enabled: rel.directed, scaleFactor: 0.45 } }, dashes: DATA.big ? false : (DASHES[rel.line] || false) };
    if (e.curve) { item.smooth = { enabled: true, type: "curvedCW", roundness: e.curve }; }
    return item;
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return visibleNode[item.id] === true; } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return visibleEdge[item.id] === true; } });

  // ---- filters ---------------------------------------------------------------------
  // Dates and sources filter quotes; a link shows when a quote behind it passes, and a
  // node when it keeps a visible link or said a quote that passes (not when its
  // first-to-last-seen span merely overlaps the dates).
  function datesOn() {
    return !!((state.from && state.from !== DATA.dates[0]) || (state.to && state.to !== DATA.dates[1]));
  }
  function quotePasses(q) {
    if (state.sources && !state.sources[q.source || ""]) { return false; }
    if (!datesOn()) { return true; }
    if (!q.date) { return false; }  // a narrowed range keeps only quotes known to be in it
    return !(state.from && q.date < state.from) && !(state.to && q.date > state.to);
  }
  function nodePasses(n) {
    return !!state.kinds[n.kind] && n.quote_count >= state.minQuotes && window.qgScale.shown(n);
  }
  function edgePasses(e, candidate, byQuotes) {
    if (!state.relations[e.relation] || !candidate[e.from] || !candidate[e.to]) { return false; }
    return !byQuotes || e.quotes.some(function (i) { return quotePasses(DATA.quotes[i]); });
  }
  function applyFilters() {
    keepPositions();  // first, while the view still matches what is drawn
    var shown = 0, candidate = {}, linked = {}, byQuotes = !!state.sources || datesOn();
    DATA.nodes.forEach(function (n) { candidate[n.id] = nodePasses(n); });
    DATA.edges.forEach(function (e) {
      visibleEdge[e.id] = edgePasses(e, candidate, byQuotes);
      if (visibleEdge[e.id]) { linked[e.from] = true; linked[e.to] = true; }
    });
    DATA.nodes.forEach(function (n) {
      var on = candidate[n.id] && (!byQuotes || linked[n.id] === true ||
        n.said.some(function (i) { return quotePasses(DATA.quotes[i]); }));
      visibleNode[n.id] = on;
      if (on) { shown += 1; }
    });
    nodeView.refresh();
    edgeView.refresh();
    $("qg-visible").textContent = "Showing " + shown + " of " + plural(DATA.nodes.length, "node") + ".";
    showDiversity();
    window.qgScale.update(shown);
    if (state.selected && state.selected.type === "node" && !visibleNode[state.selected.id]) { clearSelection(); }
    markToggles();
    if (api.ready) { labels.schedule(); }  // other nodes, other room
    return shown;
  }
  // ---- who is quoted: women among the people quoted, following the filters ----------------
  function wilson(k, n) {
    if (!n) { return [0, 1]; }
    var z = 1.959964, p = k / n, d = 1 + z * z / n;
    var c = (p + z * z / (2 * n)) / d, h = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d;
    return [Math.max(0, c - h), Math.min(1, c + h)];
  }
  function pct(x) { return Math.round(100 * x) + "%"; }
  function shareText(c) {
    var n = c.female + c.male + c.unknown;
    if (!n) { return "no people quoted"; }
    var ci = wilson(c.female, n);
    return pct(c.female / n) + " women of " + plural(n, "person", "people") + " (95% " + pct(ci[0]) + "–" + pct(ci[1]) +
      "; " + plural(c.male, "man", "men") + ", " + c.unknown + " unknown: " + pct(c.female / n) + "–" + pct((c.female + c.unknown) / n) + ")";
  }
  function diversityCounts() {
    var seen = {}, all = { female: 0, male: 0, unknown: 0 }, outlets = {};
    DATA.quotes.forEach(function (q) {
      if (!q.gender || !visibleNode[q.speaker_id] || !quotePasses(q)) { return; }
      var key = q.doc_id + "\u0000" + q.speaker_id;
      if (seen[key]) { return; }
      seen[key] = true;
      var outlet = q.source || "(no outlet)";
      outlets[outlet] = outlets[outlet] || { female: 0, male: 0, unknown: 0 };
      all[q.gender] += 1;
      outlets[outlet][q.gender] += 1;
    });
    return { all: all, outlets: outlets };
  }
  function showDiversity() {
    var counts = diversityCounts();
    $("qg-women").textContent = shareText(counts.all);
    var list = $("qg-women-outlets");
    list.replaceChildren();
    Object.keys(counts.outlets).sort().forEach(function (name) {
      var li = el("li", null);
      li.dataset.outlet = name;
      li.appendChild(el("strong", null, name + ": "));
      li.appendChild(el("span", null, shareText(counts.outlets[name])));
      list.appendChild(li);
    });
    api.diversity = counts;
  }

  function markToggles() {
    document.querySelectorAll(".qg-toggles li").forEach(function (li) {
      var box = li.querySelector("input");
      li.classList.toggle("qg-off", box ? !box.checked : false);
    });
  }

  // Filtering takes nodes out of the network and puts them back: write the drawn
  // positions into the data first, so every node comes back where it was.
  function keepPositions() {
    if (!network) { return; }
    hideTooltip();
    var at = network.getPositions();
    var moved = Object.keys(at).map(function (id) { return { id: id, x: at[id].x, y: at[id].y }; });
    if (moved.length) { nodes.update(moved); }
  }
  function hideTooltip() {  // vis-network leaves its tooltip where the node was
    var handler = network && network.interactionHandler;
    if (!handler || !handler.popup) { return; }
    window.clearTimeout(handler.popupTimer);
    handler.popupObj = undefined;
    handler.popup.hide();
  }

  // ---- the network ---------------------------------------------------------------------
  var network = null;
  var options = DATA.options;
  options.nodes.font = Object.assign({}, options.nodes.font, FONT);
  options.nodes.scaling.customScalingFunction = function (min, max, total, value) {
    return max === min ? 0.35 : (value - min) / (max - min);
  };
  var api = {};
  applyFilters();
  network = new vis.Network($("qg-network"), { nodes: nodeView, edges: edgeView }, options);
  Object.assign(api, { network: network, nodes: nodes, edges: edges, data: DATA, ready: false, draws: 0,
    visibleNodeIds: function () { return nodeView.getIds(); }, byId: function (id) { return byId[id]; } });
  window.quotegraph = api;

  function markReady() {
    if (api.ready) { return; }
    api.ready = true;  // first: sizing labels redraws, and drawing calls this again
    $("qg-loading").classList.add("qg-done");
    // Placed labels are bigger in graph units than the ones vis-network fitted: fit them in, then
    // place again at that scale.
    labels.place();
    fitView();
    labels.place();
  }
  ["dragStart", "zoom", "startStabilizing", "resize"].forEach(function (ev) { network.on(ev, hideTooltip); });

  // ---- labels: placed by importance, never over one another (labels.js) ----------------
  var ranked = window.qgLabels.order(DATA.nodes);  // biggest first, then the backbone's order
  var leading = ranked.filter(function (id) { return visibleNode[id]; })  // of the opening view
    .slice(0, window.qgLabels.leadCount(ranked.length));
  var labels = window.qgLabels.create({ network: network, nodes: nodes, ranked: ranked, leading: leading,
    leadPx: LABEL_PX, px: window.qgLabels.SMALL_PX, base: BASE_FONT, colour: FONT.color, face: options.nodes.font.face,
    visibleIds: function () { return nodeView.getIds(); } });
  network.on("hoverNode", function (p) { labels.hover(p.node, true); });
  network.on("blurNode", function (p) { labels.hover(p.node, false); });
  api.leading = function () { return leading.slice(); };
  api.labelsPlaced = labels.placed;
  network.on("afterDrawing", function () {
    api.draws += 1;
    if (!api.ready && (!options.physics.enabled || api.stabilized)) { markReady(); }
  });
  network.on("stabilizationProgress", function (p) {
    $("qg-loading-text").textContent = "Laying out the graph… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    // The layout is done: freeze it, so filters and clicks never move the graph
    // (the Physics switch turns it back on).
    network.setOptions({ physics: { enabled: false } });
    $("qg-physics").checked = false;
    api.stabilized = true;
    network.fit();
    markReady();
  });
  if (options.physics.enabled && DATA.nodes.length === 0) { api.stabilized = true; }

  // Fit the visible graph in the frame, above the "Show more" bar of big pages when there is one.
  function fitView(animation) {
    var was = { position: network.getViewPosition(), scale: network.getScale() };
    network.fit();
    var bar = $("qg-more"), box = $("qg-network"), s = network.getScale(), at = network.getViewPosition();
    var room = box.clientHeight - (bar && !bar.hidden ? bar.offsetHeight + 20 : 0);
    if (room < box.clientHeight && room > 150) {
      var scale = s * room / box.clientHeight;
      at = { x: at.x, y: at.y + (box.clientHeight - room) / 2 / scale };
      s = scale;
    }
    if (animation) { network.moveTo(was); }  // and glide from there
    network.moveTo({ position: at, scale: s, animation: animation || false });
  }
  api.fitView = fitView;

  // ---- selection: neighbourhood highlight and side panel -------------------------------
  // The neighbourhood is highlighted by veiling the whole frame and drawing the few
  // focused nodes and links again on top: the cost grows with the neighbourhood,
  // not with the graph (recolouring 5,000 nodes takes a second).
  var focus = null;
  function veil(ctx) {
    var body = network.body, labels = [];
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "rgba(244,246,249,0.8)";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
    focus.edges.forEach(function (id) {
      var edge = body.edges[id];
      if (edge && edge.connected) { edge.draw(ctx); edge.drawArrows(ctx); }
    });
    focus.nodes.forEach(function (id) {
      var node = body.nodes[id];
      if (!node) { return; }
      var drawn = node.draw(ctx);
      if (drawn && drawn.drawExternalLabel) { labels.push(drawn.drawExternalLabel); }
    });
    labels.forEach(function (draw) { draw(); });
  }
  network.on("afterDrawing", function (ctx) { if (focus) { veil(ctx); } });
  function setFocus(nodeIds, edgeIds) {
    focus = nodeIds ? { nodes: nodeIds, edges: edgeIds } : null;
    network.redraw();
  }
  function paint() {  // base colours, after a switch between kind and community
    nodes.update(DATA.nodes.map(function (n) { return { id: n.id, color: baseColour(n) }; }));
  }
  function selectNode(id) {
    var n = byId[id];
    if (!n) { return; }
    state.selected = { type: "node", id: id };
    network.selectNodes([id]);
    var edgeIds = network.getConnectedEdges(id), nodeIds = [id];
    edgeIds.forEach(function (eid) {
      var e = edgeById[eid];
      nodeIds.push(e.from === id ? e.to : e.from);
    });
    setFocus(nodeIds, edgeIds);
    showNodePanel(n);
  }
  function selectEdge(id) {
    var e = edgeById[id];
    if (!e) { return; }
    state.selected = { type: "edge", id: id };
    network.selectEdges([id]);
    setFocus([e.from, e.to], [id]);
    showEdgePanel(e);
  }
  function clearSelection() {
    if (!state.selected) { return; }
    state.selected = null;
    setFocus(null, null);
    network.unselectAll();
    $("qg-panel").hidden = true;
    network.setSize("100%", "100%");
  }
  api.focused = function () { return focus ? focus.nodes.slice() : []; };
  network.on("click", function (p) {
    if (p.nodes.length) { selectNode(p.nodes[0]); zoomTo(p.nodes[0]); }
    else if (p.edges.length) { selectEdge(p.edges[0]); }
    else { clearSelection(); }
  });
  $("qg-panel-close").addEventListener("click", clearSelection);

  function swatch(kind, colour, size) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    var s = size || 14, h = s / 2, shape = (kindInfo[kind] || { shape: "dot" }).shape, mark;
    svg.setAttribute("width", s); svg.setAttribute("height", s); svg.setAttribute("viewBox", "0 0 " + s + " " + s);
    svg.setAttribute("aria-hidden", "true");
    if (shape === "dot" || shape === "line") {
      mark = document.createElementNS(ns, "circle");
      mark.setAttribute("cx", h); mark.setAttribute("cy", h); mark.setAttribute("r", h - 1);
    } else {
      var pts = { square: [[1, 1], [s - 1, 1], [s - 1, s - 1], [1, s - 1]],
        triangle: [[h, 1], [s - 1, s - 1], [1, s - 1]],
        diamond: [[h, 0.5], [s - 0.5, h], [h, s - 0.5], [0.5, h]],
        hexagon: [[h, 0.5], [s - 1, s * 0.27], [s - 1, s * 0.73], [h, s - 0.5], [1, s * 0.73], [1, s * 0.27]],
        star: [[h, 0.5], [s * 0.62, s * 0.38], [s - 0.5, s * 0.4], [s * 0.68, s * 0.62], [s * 0.8, s - 0.5],
          [h, s * 0.78], [s * 0.2, s - 0.5], [s * 0.32, s * 0.62], [0.5, s * 0.4], [s * 0.38, s * 0.38]] }[shape] || [];
      mark = document.createElementNS(ns, "polygon");
      mark.setAttribute("points", pts.map(function (p) { return p.join(","); }).join(" "));
    }
    mark.setAttribute("fill", colour);
    mark.setAttribute("stroke", shade(colour));
    svg.appendChild(mark);
    return svg;
  }

  function facts(pairs) {
    var dl = el("dl", "qg-facts");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") { return; }
      dl.appendChild(el("dt", null, p[0]));
      dl.appendChild(el("dd", null, p[1]));
    });
    return dl;
  }
  function showNodePanel(n) {
    var body = $("qg-panel-body");
    body.replaceChildren();
    body.appendChild(el("h2", null, n.label));
    var line = el("p", "qg-kindline");
    line.appendChild(swatch(n.kind, baseColour(n).background));
    var kind = (kindInfo[n.kind] || { singular: n.kind }).singular;
    line.appendChild(el("span", null, [kind, n.role, n.organisation].filter(Boolean).join(" · ")));
    body.appendChild(line);
    var seen = n.first_seen ? (n.first_seen === n.last_seen ? n.first_seen : n.first_seen + " – " + n.last_seen) : null;
    body.appendChild(facts([["Quotes", n.quote_count], ["Articles", n.article_count],
      ["Also named", n.aliases.join(", ")], ["Sources", n.sources.join(", ")], ["Seen", seen],
      ["Gender", genderText(n)], ["Community", n.community], ["Centrality", n.centrality]]));
    if (n.said.length) { quoteList(body, "Quotes by " + n.label, n.said, false); }
    if (n.linked.length) { quoteList(body, n.said.length ? "Other quotes linked to " + n.label : "Quotes about or linked to " + n.label, n.linked, true); }
    openPanel();
  }
  function genderText(n) {
    if (!n.gender) { return null; }
    var why = n.gender_evidence === "corrected" ? "corrected by hand" : n.gender_evidence ? "from " + n.gender_evidence : "no evidence";
    var votes = n.gender_text_female || n.gender_text_male
      ? "; text: " + plural(n.gender_text_female, "article") + " she, " + n.gender_text_male + " he" : "";
    return n.gender + " (" + why + votes + ")";
  }
  function showEdgePanel(e) {
    var body = $("qg-panel-body");
    var rel = relInfo[e.relation] || { name: e.relation, directed: true };
    body.replaceChildren();
    body.appendChild(el("h2", null, byId[e.from].label + (rel.directed ? " → " : " — ") + byId[e.to].label));
    body.appendChild(el("p", "qg-kindline", rel.name + (e.role ? " · " + e.role : "")));
    body.appendChild(facts([["Weight", e.weight], ["Quotes", e.quotes.length], ["Articles", e.article_count],
      ["Topics", e.topics.join(", ")]]));
    quoteList(body, "Quotes behind this link", e.quotes, true);
    openPanel();
  }
  function openPanel() {
    var panel = $("qg-panel"), opening = panel.hidden;
    panel.hidden = false;
    panel.scrollTop = 0;
    if (opening) { network.setSize("100%", "100%"); }  // the canvas just got narrower
  }
  function quoteList(parent, heading, indexes, withSpeaker) {
    parent.appendChild(el("h3", null, heading + " (" + indexes.length + ")"));
    var list = el("ul", "qg-quotes");
    parent.appendChild(list);
    var shown = 0;
    var more = el("button", "qg-more");
    function addPage() {
      indexes.slice(shown, shown + PAGE).forEach(function (i) { list.appendChild(quoteCard(DATA.quotes[i], withSpeaker)); });
      shown = Math.min(indexes.length, shown + PAGE);
      more.textContent = "Show " + Math.min(PAGE, indexes.length - shown) + " more of " + (indexes.length - shown);
      more.hidden = shown >= indexes.length;
    }
    more.type = "button";
    more.addEventListener("click", addPage);
    addPage();
    parent.appendChild(more);
  }
  // Texts of big archives arrive from the file beside the page (scale.js) the first time they are shown.
  function quoteText(q) {
    var box = el("blockquote", null, q.text === undefined ? "Loading the quote…" : q.text);
    if (q.text !== undefined) { return box; }
    box.classList.add("qg-pending");
    window.qgScale.withTexts(function (ok) {
      box.classList.remove("qg-pending");
      box.textContent = ok ? q.text : "The quote texts did not load: " + DATA.quote_file.src +
        " must lie beside this page, from the same build.";
      if (!ok) { box.classList.add("qg-failed"); }
    });
    return box;
  }
  function quoteCard(q, withSpeaker) {
    var li = el("li", "qg-quote");
    var speaker = byId[q.speaker_id];
    if (speaker) { li.style.setProperty("--c", baseColour(speaker).background); }
    li.appendChild(quoteText(q));
    var who = el("div", "qg-who", withSpeaker ? q.speaker : "");
    who.appendChild(el("span", "qg-type", (withSpeaker ? " · " : "") + q.type + " quote"));
    if (q.corrected && q.corrected.length) {
      who.appendChild(el("span", "qg-corrected", "corrected: " + q.corrected.join(", ")));
    }
    li.appendChild(who);
    var article = DATA.articles[q.doc_id];
    var title = q.title || (article && article.title) || q.doc_id;
    li.appendChild(el("div", "qg-meta", [title, q.source, q.date].filter(Boolean).join(" · ")));
    var links = el("div", "qg-links");
    if (article && article.html) {
      var show = el("button", null, "Show in article");
      show.type = "button";
      show.addEventListener("click", function () { openArticle(q.doc_id, q.anchor); });
      links.appendChild(show);
    } else if (article && article.page) {  // too many articles to embed: the view beside the page
      var view = el("a", null, "Show in article ↗");
      view.href = DATA.article_dir + "/" + encodeURIComponent(article.page) + "#" + encodeURIComponent(q.anchor);
      view.target = "_blank"; view.rel = "noopener";
      links.appendChild(view);
    }
    var url = safeUrl(q.url);
    if (url) {
      var a = el("a", null, "Original ↗");
      a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
      links.appendChild(a);
    }
    if (links.childNodes.length) { li.appendChild(links); }
    return li;
  }

  // ---- the article reader (HTML rendered and escaped in Python; sandboxed, no scripts) ---
  function openArticle(docId, anchor) {
    var article = DATA.articles[docId];
    var frame = $("qg-reader-frame");
    if (!article || !article.html) { return; }
    $("qg-reader-title").textContent = article.title || docId;
    frame.onload = function () {
      var doc = frame.contentDocument;
      var target = doc && doc.getElementById(anchor);
      if (target) { target.classList.add("qg-flash"); target.scrollIntoView({ block: "center" }); }
    };
    frame.srcdoc = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>' + DATA.article_css +
      '</style></head><body><main class="qg-article">' + article.html + "</main></body></html>";
    $("qg-reader").hidden = false;
    $("qg-reader-close").focus();
  }
  function closeArticle() { $("qg-reader").hidden = true; $("qg-reader-frame").removeAttribute("srcdoc"); }
  $("qg-reader-close").addEventListener("click", closeArticle);
  $("qg-reader").addEventListener("click", function (ev) { if (ev.target === $("qg-reader")) { closeArticle(); } });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { if (!$("qg-reader").hidden) { closeArticle(); } else { clearSelection(); } }
  });
  api.openArticle = openArticle;
  api.selectNode = selectNode;
  api.selectEdge = selectEdge;

  // ---- search --------------------------------------------------------------------------
  var index = DATA.nodes.map(function (n) {
    return { id: n.id, names: [n.label].concat(n.aliases).map(fold) };
  });
  function findNodes(text) {
    var q = fold(text.trim());
    if (!q) { return []; }
    var hits = [];
    index.forEach(function (entry) {
      var best = -1, alias = null;
      entry.names.forEach(function (name, i) {
        var at = name.indexOf(q);
        if (at < 0) { return; }
        var score = (at === 0 ? 2 : (name.indexOf(" " + q) >= 0 ? 1 : 0)) + (i === 0 ? 0.5 : 0);
        if (score > best) { best = score; alias = i === 0 ? null : byId[entry.id].aliases[i - 1]; }
      });
      if (best >= 0) { hits.push({ node: byId[entry.id], score: best, alias: alias }); }
    });
    hits.sort(function (a, b) { return b.score - a.score || b.node.quote_count - a.node.quote_count || (a.node.label < b.node.label ? -1 : 1); });
    return hits.slice(0, 10);
  }
  var suggest = $("qg-suggest"), search = $("qg-search"), hits = [], cursor = 0;
  function renderSuggestions() {
    suggest.replaceChildren();
    if (!search.value.trim()) { suggest.hidden = true; return; }
    if (!hits.length) { suggest.appendChild(el("li", "qg-empty", "No node matches")); }
    hits.forEach(function (hit, i) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === cursor ? "true" : "false");
      li.appendChild(swatch(hit.node.kind, baseColour(hit.node).background, 12));
      li.appendChild(el("span", "qg-name", hit.node.label));
      var sub = (kindInfo[hit.node.kind] || { singular: hit.node.kind }).singular + (hit.alias ? " · “" + hit.alias + "”" : "");
      li.appendChild(el("span", "qg-sub", sub));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); focusNode(hit.node.id); });
      suggest.appendChild(li);
    });
    suggest.hidden = false;
  }
  search.addEventListener("input", function () { hits = findNodes(search.value); cursor = 0; renderSuggestions(); });
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      cursor = (cursor + (ev.key === "ArrowDown" ? 1 : -1) + hits.length) % Math.max(hits.length, 1);
      renderSuggestions(); ev.preventDefault();
    } else if (ev.key === "Enter" && hits.length) { focusNode(hits[cursor].node.id); }
    else if (ev.key === "Escape") { suggest.hidden = true; }
  });
  search.addEventListener("blur", function () { suggest.hidden = true; });
  function focusNode(id) {
    var n = byId[id];
    if (!n) { return; }
    suggest.hidden = true;
    window.qgScale.reveal(id);  // search reaches nodes outside the backbone
    if (!visibleNode[id]) { applyFilters(); }
    if (!visibleNode[id]) { resetFilters(); state.kinds[n.kind] = true; syncControls(); applyFilters(); }
    selectNode(id);
    zoomTo(id);
  }
  // Centre on a node, zoomed so that its neighbours fit around it (never zooming out).
  function zoomTo(id) {
    var at = network.getPositions([id])[id];
    if (!at) { return; }
    var reach = 0, box = $("qg-network");
    network.getConnectedNodes(id).slice(0, 200).forEach(function (other) {
      var p = network.getPositions([other])[other];
      if (p) { reach = Math.max(reach, Math.abs(p.x - at.x), Math.abs(p.y - at.y)); }
    });
    var room = 0.42 * Math.min(box.clientWidth || 600, box.clientHeight || 400);
    var scale = Math.max(network.getScale(), Math.min(1.4, reach ? room / reach : 1.1));
    hideTooltip();
    network.moveTo({ position: at, scale: scale, animation: { duration: 450, easingFunction: "easeInOutQuad" } });
  }
  api.findNodes = findNodes;
  api.focusNode = focusNode;

  // ---- legend, filters and tools -----------------------------------------------------------
  function toggleRow(list, name, count, checked, onChange, icon) {
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); applyFilters(); });
    label.appendChild(box);
    if (icon) { label.appendChild(icon); }
    label.appendChild(el("span", null, name));
    label.appendChild(el("span", "qg-count", count));
    li.appendChild(label);
    list.appendChild(li);
    return box;
  }
  var kindBoxes = {}, relBoxes = {}, sourceBoxes = {};
  DATA.kinds.forEach(function (k) {
    if (!k.count) { return; }
    kindBoxes[k.kind] = toggleRow($("qg-legend"), k.name, k.count, true,
      function (on) { state.kinds[k.kind] = on; }, swatch(k.kind, k.colour));
    kindBoxes[k.kind].closest("li").dataset.kind = k.kind;
  });
  DATA.relations.forEach(function (r) {
    if (!r.count) { return; }
    var icon = el("span", "qg-line");
    icon.style.borderTop = "3px " + (DATA.big ? "solid" : (r.line || "solid")) + " " + r.strong;
    relBoxes[r.relation] = toggleRow($("qg-relations"), r.name, r.count, true,
      function (on) { state.relations[r.relation] = on; }, icon);
    var row = relBoxes[r.relation].closest("li");
    row.dataset.relation = r.relation;
    if (r.description) {
      row.title = r.description;
      row.appendChild(el("p", "qg-about", r.description));
    }
  });
  function updateSources() {
    var picked = {}, all = true;
    DATA.sources.forEach(function (s) { picked[s.name] = sourceBoxes[s.name].checked; all = all && picked[s.name]; });
    picked[""] = all;
    state.sources = all ? null : picked;
  }
  DATA.sources.forEach(function (s) {
    sourceBoxes[s.name] = toggleRow($("qg-sources"), s.name, s.count, true, updateSources);
  });
  if (!DATA.sources.length) { $("qg-sources").appendChild(el("li", "qg-note", "No source recorded")); }
  var maxQuotes = DATA.nodes.reduce(function (m, n) { return Math.max(m, n.quote_count); }, 0);
  $("qg-min").max = String(Math.max(maxQuotes, 1));
  $("qg-min").addEventListener("input", function () {
    state.minQuotes = Number($("qg-min").value); $("qg-min-out").textContent = String(state.minQuotes); applyFilters();
  });
  ["from", "to"].forEach(function (key) {
    var input = $("qg-" + key);
    if (DATA.dates.length) {
      input.min = DATA.dates[0]; input.max = DATA.dates[1]; input.value = DATA.dates[key === "from" ? 0 : 1];
    } else { input.disabled = true; }
    input.addEventListener("change", function () { state[key] = input.value; applyFilters(); });
  });
  function resetFilters() {
    state.minQuotes = 0; state.from = ""; state.to = ""; state.sources = null;
    Object.keys(state.kinds).forEach(function (k) { state.kinds[k] = true; });
    Object.keys(state.relations).forEach(function (r) { state.relations[r] = true; });
  }
  function syncControls() {
    Object.keys(kindBoxes).forEach(function (k) { kindBoxes[k].checked = state.kinds[k]; });
    Object.keys(relBoxes).forEach(function (r) { relBoxes[r].checked = state.relations[r]; });
    Object.keys(sourceBoxes).forEach(function (s) { sourceBoxes[s].checked = !state.sources || !!state.sources[s]; });
    $("qg-min").value = String(state.minQuotes); $("qg-min-out").textContent = String(state.minQuotes);
    $("qg-from").value = state.from || DATA.dates[0] || ""; $("qg-to").value = state.to || DATA.dates[1] || "";
  }
  $("qg-reset").addEventListener("click", function () { resetFilters(); syncControls(); applyFilters(); });
  $("qg-min-out").textContent = "0";
  $("qg-colour").addEventListener("change", function () {
    state.colourBy = $("qg-colour").value;
    $("qg-colour-note").hidden = state.colourBy !== "community";
    $("qg-gender-legend").hidden = state.colourBy !== "gender";
    paint();
    if (state.selected) { network.redraw(); }
  });
  if (!DATA.has_communities) { $("qg-colour").querySelector("option[value=community]").disabled = true; }
  [["female", "Women"], ["male", "Men"], ["unknown", "People of unknown gender"], ["none", "Not a person"]]
    .forEach(function (g) {
      var li = el("li", null), label = el("label", null);
      label.appendChild(swatch("person", DATA.gender_colours[g[0]]));
      label.appendChild(el("span", null, g[1]));
      li.appendChild(label);
      $("qg-gender-legend").appendChild(li);
    });
  $("qg-physics").checked = options.physics.enabled;
  $("qg-physics").addEventListener("change", function () {
    network.setOptions({ physics: { enabled: $("qg-physics").checked } });
  });
  $("qg-fit").addEventListener("click", function () { fitView({ duration: 400 }); });
  $("qg-menu").addEventListener("click", function () {
    var narrow = window.matchMedia("(max-width: 900px)").matches;
    var cls = narrow ? "qg-side-open" : "qg-side-hidden";
    document.body.classList.toggle(cls);
    $("qg-menu").setAttribute("aria-expanded", String(narrow === document.body.classList.contains(cls)));
    window.setTimeout(function () { network.redraw(); }, 50);
  });
  var counts = DATA.kinds.filter(function (k) { return k.count; }).map(function (k) { return k.count + " " + k.name.toLowerCase(); });
  var head = DATA.quotes.length ? [plural(DATA.quotes.length, "quote") + " from " + plural(DATA.article_count, "article")] : [];
  $("qg-stats").textContent = head.concat(counts, [plural(DATA.edges.length, "link")]).join(" · ");
  markToggles();
  window.qgScale.attach(api, applyFilters);
})();
