/* quotegraph: what makes a big graph readable. Runs before graph.js.
   - load(): parses the page data and unpacks the compact rows of big pages (quotegraph/graph/pack.py).
   - the backbone: a big page opens on its DATA.backbone most important nodes (node.rank, from
     quotegraph/graph/backbone.py); "Show more" grows the view; search reveals any node.
   - communities are drawn as soft coloured regions behind the visible nodes.
   - withTexts(): quote texts of big archives, from the script file beside the page. */
(function () {
  "use strict";
  var data = null, limit = null, revealed = {}, neighbours = null, bar = null, api = null, rerun = null;

  function unpack(d) {
    var p = d.packed, defaults = p.node_defaults;
    d.nodes.forEach(function (n) {
      Object.keys(defaults).forEach(function (k) {
        if (!(k in n)) { n[k] = Array.isArray(defaults[k]) ? [] : defaults[k]; }
      });
    });
    d.edges = p.edges.map(function (r, i) {
      var rel = d.relations[r[2]].relation;
      var e = { id: "e" + i, from: d.nodes[r[0]].id, to: d.nodes[r[1]].id, key: rel, relation: rel };
      p.edge_keys.forEach(function (k, j) { e[k] = r[3 + j]; });
      return e;
    });
    d.quotes = p.quotes.map(function (r) {
      var doc = p.docs[r[0]];
      var q = { doc_id: doc[0], title: doc[1], source: doc[2], date: doc[3], url: doc[4],
        speaker: p.names[r[1]], speaker_id: p.names[r[2]] };
      p.quote_keys.forEach(function (k, j) { q[k] = r[3 + j]; });
      return q;
    });
    // node.linked: the quotes behind its links (co-quoted links aside), less its own (page.py's rule).
    var linked = {};
    d.edges.forEach(function (e) {
      if (e.relation === "co_quoted") { return; }
      [e.from, e.to].forEach(function (id) {
        var set = linked[id] = linked[id] || {};
        e.quotes.forEach(function (i) { set[i] = true; });
      });
    });
    d.nodes.forEach(function (n) {
      var own = {};
      n.said.forEach(function (i) { own[i] = true; });
      n.linked = Object.keys(linked[n.id] || {}).map(Number).filter(function (i) { return !own[i]; })
        .sort(function (a, b) { return a - b; });
    });
    delete d.packed;
  }

  function load() {
    data = JSON.parse(document.getElementById("qg-data").textContent);
    if (data.packed) { unpack(data); }
    limit = data.backbone || null;
    if (limit !== null) {
      var box = document.getElementById("qg-network");
      spread(data.nodes, limit, box);
      data.declutter = window.qgLabels.declutter({ nodes: data.nodes, shown: shown, lead: window.qgLabels.leadCount(data.nodes.length),
        leadPx: window.qgLabels.LEAD_PX, px: window.qgLabels.SMALL_PX,
        box: box, face: data.options.nodes.font.face, neighbours: neighbourhoods() });
    }
    return data;
  }

  // The layout leaves a backbone crowded in the middle (the hubs) and thin at the rim, and round in a
  // wide window: too little room for its labels (labels.js). Move every node along its ray from the
  // backbone's centre so that backbone nodes lie evenly (SPREAD of the way), and stretch the drawing
  // to the window's shape. Directions and the order of distances stay, so neighbourhoods and
  // communities keep their places; nodes beyond the backbone's rim move with it, as a whole.
  var SPREAD = 0.8;
  function spread(nodes, size, box) {
    var core = nodes.filter(function (n) { return n.rank < size && n.x !== null && n.y !== null; });
    if (core.length < 20) { return; }
    var cx = 0, cy = 0;
    core.forEach(function (n) { cx += n.x / core.length; cy += n.y / core.length; });
    var radii = core.map(function (n) { return Math.hypot(n.x - cx, n.y - cy); }).sort(function (a, b) { return a - b; });
    var m = radii.length, rim = radii[m - 1] || 1;
    function even(r) {  // piecewise linear through (i-th radius, rim * sqrt(i / m)): even density in a disc
      var lo = 0, hi = m - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (radii[mid] <= r) { lo = mid; } else { hi = mid - 1; } }
      if (lo >= m - 1) { return r; }
      var a = radii[lo], b = radii[lo + 1], f = b > a ? (r - a) / (b - a) : 0;
      return rim * Math.sqrt((lo + 1 + f) / m);
    }
    var wide = box && box.clientHeight ? Math.min(2.5, Math.max(0.4, box.clientWidth / box.clientHeight)) : 1;
    var ax = Math.sqrt(wide), ay = 1 / ax;
    nodes.forEach(function (n) {
      if (n.x === null || n.y === null) { return; }
      var dx = n.x - cx, dy = n.y - cy, r = Math.hypot(dx, dy);
      var k = r > 0 && r < rim ? (SPREAD * even(r) + (1 - SPREAD) * r) / r : 1;
      n.x = Math.round(10 * (cx + dx * k * ax)) / 10;
      n.y = Math.round(10 * (cy + dy * k * ay)) / 10;
    });
  }

  function shown(n) { return limit === null || n.rank < limit || revealed[n.id] === true; }

  function neighbourhoods() {
    if (!neighbours) {
      neighbours = {};
      data.edges.forEach(function (e) {
        (neighbours[e.from] = neighbours[e.from] || []).push(e.to);
        (neighbours[e.to] = neighbours[e.to] || []).push(e.from);
      });
    }
    return neighbours;
  }

  function reveal(id) {
    if (limit === null || revealed[id]) { return; }
    neighbourhoods();
    revealed[id] = true;
    var around = neighbours[id] || [];
    if (around.length <= 60) { around.forEach(function (m) { revealed[m] = true; }); }
  }

  function update(visible) {
    if (!bar) { return; }
    var total = data.nodes.length, more = Math.min(data.backbone, total - limit);
    bar.querySelector("span").textContent = "Showing " + visible.toLocaleString("en") + " of " +
      total.toLocaleString("en") + " nodes, the most central and most quoted first";
    bar.querySelector("button").hidden = more <= 0;
    bar.querySelector("button").textContent = "Show " + more.toLocaleString("en") + " more";
  }

  function addBar() {
    bar = document.createElement("div");
    bar.id = "qg-more";
    bar.setAttribute("aria-live", "polite");
    bar.appendChild(document.createElement("span"));
    var button = document.createElement("button");
    button.type = "button";
    button.addEventListener("click", function () { limit += data.backbone; rerun(); });
    bar.appendChild(button);
    document.getElementById("qg-stage").appendChild(bar);
  }

  function noteArticles() {
    var linked = Object.keys(data.articles).filter(function (k) { return data.articles[k].page; }).length;
    if (!linked) { return; }
    var note = document.createElement("p");
    note.className = "qg-note";
    note.id = "qg-articles-note";
    note.textContent = linked.toLocaleString("en") + " article views are not embedded in this page " +
      "(too many articles): they open from the " + data.article_dir + "/ folder beside it.";
    document.getElementById("qg-side").appendChild(note);
  }

  // Big archives keep quote texts in a script beside the page (quotegraph/views/quotefile.py), added
  // on first need: file:// pages may not fetch() or XHR local files, but may load a <script src>.
  var texts = { state: "missing", waiting: [] };
  function withTexts(done) {
    if (!data.quote_file || texts.state === "loaded" || texts.state === "failed") {
      done(texts.state !== "failed"); return;
    }
    texts.waiting.push(done);
    if (texts.state === "loading") { return; }
    texts.state = "loading";
    var file = data.quote_file, script = document.createElement("script");
    function finish(ok) {
      texts.state = ok ? "loaded" : "failed";
      texts.waiting.splice(0).forEach(function (callback) { callback(ok); });
    }
    script.onload = function () {
      var got = window.qgQuoteTexts;
      var ok = !!got && got.build === file.build && got.order.length === data.quotes.length;
      if (ok) { data.quotes.forEach(function (q, i) { q.text = got.texts[got.order[i]]; }); }
      window.qgQuoteTexts = undefined;
      finish(ok);
    };
    script.onerror = function () { finish(false); };
    script.src = file.src;
    document.head.appendChild(script);
  }

  function noteQuotes() {
    if (!data.quote_file) { return; }
    var note = document.createElement("p");
    note.className = "qg-note";
    note.id = "qg-quotes-note";
    note.textContent = "The texts of the " + data.quote_file.count.toLocaleString("en") + " quotes are not " +
      "embedded in this page (too many articles): they load from " + data.quote_file.src +
      " beside it when you first open a node or a link. Keep that file with the page.";
    document.getElementById("qg-side").appendChild(note);
  }

  // Andrew's monotone chain: the convex hull of a community's visible nodes.
  function hull(points) {
    points.sort(function (a, b) { return a.x - b.x || a.y - b.y; });
    function cross(o, a, b) { return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x); }
    function half(list) {
      var out = [];
      list.forEach(function (p) {
        while (out.length >= 2 && cross(out[out.length - 2], out[out.length - 1], p) <= 0) { out.pop(); }
        out.push(p);
      });
      out.pop();
      return out;
    }
    return half(points).concat(half(points.slice().reverse()));
  }

  // The 80% of a community's nodes nearest its centre: one far member would stretch the region.
  function core(points) {
    var cx = 0, cy = 0;
    points.forEach(function (p) { cx += p.x / points.length; cy += p.y / points.length; });
    var far = points.map(function (p) { return Math.hypot(p.x - cx, p.y - cy); }).sort(function (a, b) { return a - b; });
    var limit = far[Math.floor(0.8 * (far.length - 1))];
    var kept = points.filter(function (p) { return Math.hypot(p.x - cx, p.y - cy) <= limit; });
    return kept.length >= 3 ? kept : points;
  }

  function drawRegions(ctx) {
    var ids = api.visibleNodeIds(), groups = {};
    var positions = api.network.getPositions(ids);
    ids.forEach(function (id) {
      var c = api.byId(id).community;
      if (c === null || c === undefined) { return; }
      (groups[c] = groups[c] || []).push(positions[id]);
    });
    var colours = data.community_colours;
    Object.keys(groups).sort(function (a, b) { return groups[b].length - groups[a].length; })
      .slice(0, colours.length).forEach(function (c) {
        if (groups[c].length < 3) { return; }
        var shape = hull(core(groups[c]));
        ctx.save();
        ctx.beginPath();
        shape.forEach(function (p, i) { if (i) { ctx.lineTo(p.x, p.y); } else { ctx.moveTo(p.x, p.y); } });
        ctx.closePath();
        ctx.globalAlpha = 0.1;
        ctx.fillStyle = colours[Number(c) % colours.length];
        ctx.strokeStyle = ctx.fillStyle;
        ctx.lineJoin = "round";
        ctx.lineWidth = 60;
        ctx.fill();
        ctx.stroke();
        ctx.restore();
      });
  }

  function attach(pageApi, applyFilters) {
    api = pageApi;
    rerun = applyFilters;
    noteArticles();
    noteQuotes();
    if (limit === null) { return; }
    addBar();
    api.network.on("beforeDrawing", drawRegions);
    applyFilters();
  }

  window.qgScale = { load: load, shown: shown, reveal: reveal, update: update, attach: attach, withTexts: withTexts };
})();
