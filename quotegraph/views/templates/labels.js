/* quotegraph: node labels placed the way a map places names. Runs before graph.js.
   At every zoom the visible nodes are taken biggest (most quoted) first, then in the backbone's order
   (node.rank), and each label is drawn only if its box on screen stays clear of
   the labels already placed; the rest wait until zooming in makes room (or show on hover). Placed
   labels are at least `px` pixels high on screen (`leadPx` for the leading nodes), so the opening
   view of a big page shows its backbone named and readable, never a pile of overlapping names. */
(function () {
  "use strict";
  var HIDDEN = 0.25;  // font size (graph units) that vis-network never draws: below its drawThreshold at any zoom
  var CELL = 48;  // px: grid cell of the collision index
  var LEAD_PX = 14;  // on-screen size of the leading labels (the most central nodes) at the first fit
  var SMALL_PX = 11;  // on-screen size, at least, of the other labels placed
  function leadCount(nodes) { return Math.min(25, Math.max(6, Math.round(1.5 * Math.sqrt(nodes)))); }
  // Who gets a label first: the biggest nodes (the most quoted, drawn largest), then the backbone's
  // order (node.rank) or centrality. Page records in, ids out.
  function order(nodes) {
    return nodes.slice().sort(function (a, b) {
      var rank = typeof a.rank === "number" && typeof b.rank === "number" ? a.rank - b.rank
        : (b.centrality || 0) - (a.centrality || 0);
      return b.quote_count - a.quote_count || rank || (a.id < b.id ? -1 : 1);
    }).map(function (n) { return n.id; });
  }

  function create(cfg) {
    // cfg: network, nodes (DataSet), visibleIds(), ranked (ids, most important first), leading (ids), leadPx, px,
    //      base (font size in graph units of labels drawn at their own size), colour, face.
    var network = cfg.network, order = {}, sizes = {}, widths = {}, pending = null, boxes = [];
    cfg.ranked.forEach(function (id, i) { order[id] = i; });
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = "100px " + cfg.face;

    var lead = {};
    cfg.leading.forEach(function (id) { lead[id] = true; });
    function wanted(id) { return lead[id] ? cfg.leadPx : cfg.px; }
    function width(id, label, px) {  // text width at 1 px, measured once per node
      if (widths[id] === undefined) { widths[id] = measure.measureText(String(label || "")).width / 100; }
      return widths[id] * px;
    }

    var placedAt = null;  // the scale of the last placement
    function place() {
      pending = null;
      // Never while the view is animating (vis-network's easingTime runs from 0 to 1): wait for the end.
      if (network.view && network.view.easingTime > 0) { schedule(); return boxes.length; }
      var s = network.getScale() || 1, grid = {}, updates = [];
      placedAt = s;
      boxes = [];
      var ids = cfg.visibleIds().slice().sort(function (a, b) { return order[a] - order[b]; });
      ids.forEach(function (id) {
        var body = network.body.nodes[id];
        if (!body) { return; }
        var px = Math.max(wanted(id), cfg.base * s);
        var w = width(id, body.options.label, px) + 4;  // the label's white halo included
        // Where vis-network puts the label of a shape: from y + radius + 4 + font / 2, one font high.
        var top = (body.y + radius(body) + 4) * s + px / 2;
        var box = { id: id, x0: body.x * s - w / 2, x1: body.x * s + w / 2, y0: top - 2, y1: top + px + 2 };
        var free = !hits(grid, box);
        if (free) { add(grid, box); boxes.push(box); }
        var font = free ? px / s : HIDDEN;
        if (sizes[id] === undefined || Math.abs(sizes[id] - font) > 1e-3 * font) {
          sizes[id] = font;
          updates.push({ id: id, font: { color: cfg.colour, size: font } });
        }
      });
      if (updates.length) { cfg.nodes.update(updates); }
      return boxes.length;
    }
    function radius(body) { return body.shape && body.shape.radius ? body.shape.radius : body.options.size; }
    function cells(box, visit) {
      for (var cx = Math.floor(box.x0 / CELL); cx <= Math.floor(box.x1 / CELL); cx++) {
        for (var cy = Math.floor(box.y0 / CELL); cy <= Math.floor(box.y1 / CELL); cy++) {
          if (visit(cx + ":" + cy)) { return true; }
        }
      }
      return false;
    }
    function hits(grid, box) {
      return cells(box, function (key) {
        return (grid[key] || []).some(function (o) {
          return box.x0 < o.x1 && o.x0 < box.x1 && box.y0 < o.y1 && o.y0 < box.y1;
        });
      });
    }
    function add(grid, box) { cells(box, function (key) { (grid[key] = grid[key] || []).push(box); return false; }); }

    // Every drawing checks the scale, so moves made by the page itself (fit, focus on a search hit)
    // are followed as well as the reader's. A zoom or an animation draws many frames: place once
    // they have stopped for a moment, never in the middle.
    function schedule() {
      window.clearTimeout(pending);
      pending = window.setTimeout(place, 120);
    }
    network.on("afterDrawing", function () {
      var s = network.getScale();
      if (placedAt !== null && Math.abs(s - placedAt) > 0.01 * placedAt) { schedule(); }
    });
    function size(id) { return sizes[id] === undefined ? cfg.base : sizes[id]; }
    function hover(id, on) {
      var s = network.getScale() || 1;
      var px = on ? Math.max(size(id), cfg.leadPx / s) : size(id);
      cfg.nodes.update({ id: id, font: { color: cfg.colour, size: px } });
    }
    return { place: place, schedule: schedule, size: size, hover: hover,
      placed: function () { return { ids: boxes.map(function (b) { return b.id; }), scale: placedAt }; } };
  }

  // Before the first drawing of a big page: push apart the backbone nodes whose labels would overlap at
  // the scale the opening fit will have (as Gephi's "Label Adjust" does), so that most of them can be
  // placed. Each overlapping pair moves apart along the axis where it overlaps least; the fit scale is
  // estimated again after each round, as the drawing grows. Nodes off the backbone follow the mean
  // move of their backbone neighbours, so "Show more" finds them beside their links.
  function declutter(cfg) {
    // cfg: nodes (page records with x, y, label, rank, quote_count), shown (node -> bool), ranked-first
    //      sizes: lead, leadPx, px; box (the network element), face, neighbours (id -> [id]).
    var core = cfg.nodes.filter(function (n) { return cfg.shown(n) && n.x !== null && n.y !== null; });
    var first = {};
    order(core).forEach(function (id, i) { first[id] = i; });
    if (core.length < 2 || !cfg.box || !cfg.box.clientWidth) { return 0; }
    var measure = document.createElement("canvas").getContext("2d");
    measure.font = "100px " + cfg.face;
    var values = core.map(function (n) { return Math.sqrt(Math.max(n.quote_count, 0)); });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values);
    var items = core.map(function (n, i) {
      var lead = first[n.id] < cfg.lead, px = lead ? cfg.leadPx : cfg.px;
      return { n: n, first: first[n.id], lead: lead, startX: n.x, startY: n.y, px: px, w: measure.measureText(String(n.label || "")).width / 100 * px + 8,
        r: 9 + 33 * (hi > lo ? (values[i] - lo) / (hi - lo) : 0.35) };
    });
    var started = Date.now(), log = [];
    // The opening fit's scale is kept: pushing pairs apart would otherwise only grow the drawing (and
    // shrink the fit) while the labels stay the same size on screen. Each round is brought back to
    // the first extent, so nodes move into the emptier parts of the frame instead.
    var s = fitScale(items, cfg.box), extent = bounds(items);
    for (var round = 0; round < 8 && Date.now() - started < 700; round++) {
      var pushed = 0;
      for (var step = 0; step < 25; step++) { pushed = separate(items, s); if (!pushed) { break; } }
      log.push([s, step, pushed]);
      fill(items, cfg.box);
      if (!pushed) { break; }
      fit(items, extent);
    }
    follow(cfg, items);
    return { ms: Date.now() - started, rounds: log };  // [scale, steps, pairs still overlapping] per round
  }
  function fitScale(items, box) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    items.forEach(function (it) {
      x0 = Math.min(x0, it.n.x - it.r); x1 = Math.max(x1, it.n.x + it.r);
      y0 = Math.min(y0, it.n.y - it.r); y1 = Math.max(y1, it.n.y + it.r);
    });
    // vis-network's fit leaves a margin and counts the labels in; aim a little smaller.
    var height = box.clientHeight - 70;  // big pages keep a "Show more" bar at the bottom
    return 0.9 * Math.min(box.clientWidth / Math.max(x1 - x0, 1), height / Math.max(y1 - y0, 1));
  }
  // Labels are wide and short, so pairs mostly part vertically and the drawing grows tall: stretch it
  // back to the window's shape. Only ever stretching, so no pair comes closer.
  function fill(items, box) {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    items.forEach(function (it) {
      x0 = Math.min(x0, it.n.x); x1 = Math.max(x1, it.n.x); y0 = Math.min(y0, it.n.y); y1 = Math.max(y1, it.n.y);
    });
    var w = Math.max(x1 - x0, 1), h = Math.max(y1 - y0, 1), want = box.clientWidth / box.clientHeight;
    var kx = Math.max(1, want * h / w), ky = Math.max(1, w / (want * h)), cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    items.forEach(function (it) { it.n.x = cx + (it.n.x - cx) * kx; it.n.y = cy + (it.n.y - cy) * ky; });
  }
  function bounds(items) {
    var b = { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
    items.forEach(function (it) {
      b.x0 = Math.min(b.x0, it.n.x); b.x1 = Math.max(b.x1, it.n.x); b.y0 = Math.min(b.y0, it.n.y); b.y1 = Math.max(b.y1, it.n.y);
    });
    return b;
  }
  function fit(items, extent) {  // scale about the centre back into the extent (never enlarging)
    var b = bounds(items), cx = (b.x0 + b.x1) / 2, cy = (b.y0 + b.y1) / 2;
    var kx = Math.min(1, (extent.x1 - extent.x0) / Math.max(b.x1 - b.x0, 1e-9));
    var ky = Math.min(1, (extent.y1 - extent.y0) / Math.max(b.y1 - b.y0, 1e-9));
    var ex = (extent.x0 + extent.x1) / 2, ey = (extent.y0 + extent.y1) / 2;
    items.forEach(function (it) { it.n.x = ex + (it.n.x - cx) * kx; it.n.y = ey + (it.n.y - cy) * ky; });
  }
  function separate(items, s) {  // one pass over overlapping pairs; returns how many were pushed
    var grid = new Map(), size = 0, pushed = 0, i, j, k;
    for (i = 0; i < items.length; i++) {  // the label below the node (and the node's lower half), at scale s
      var it = items[i], half = Math.max(it.w / s / 2, it.r);
      it.x0 = it.n.x - half; it.x1 = it.n.x + half;
      it.y0 = it.n.y; it.y1 = it.n.y + it.r + 4 + (1.5 * it.px + 2) / s;
      size = Math.max(size, it.x1 - it.x0, it.y1 - it.y0);
    }
    for (i = 0; i < items.length; i++) {
      items[i].gx = Math.floor(items[i].x0 / size); items[i].gy = Math.floor(items[i].y0 / size);
      var key = items[i].gx * 65536 + items[i].gy;
      if (!grid.has(key)) { grid.set(key, []); }
      grid.get(key).push(items[i]);
    }
    for (i = 0; i < items.length; i++) {
      var a = items[i];
      for (j = -1; j <= 1; j++) {
        for (k = -1; k <= 1; k++) {
          var cell = grid.get((a.gx + j) * 65536 + a.gy + k);
          if (cell) { pushed += push(a, cell, s); }
        }
      }
    }
    return pushed;
  }
  // a and each less important item of the cell move apart where they overlap least; a leading node
  // stays put and the other yields the whole way, so the main names keep their places.
  function push(a, cell, s) {
    var pushed = 0;
    for (var i = 0; i < cell.length; i++) {
      var b = cell[i];
      if (b === a || b.first < a.first) { continue; }  // each pair once
      var ox = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), oy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      if (ox <= 0 || oy <= 0) { continue; }
      pushed += 1;
      var share = a.lead && !b.lead ? 0 : 0.5;
      if (ox < oy) {
        var sx = (a.n.x < b.n.x || (a.n.x === b.n.x && a.first < b.first) ? -1 : 1) * (ox + 2 / s);
        a.n.x += share * sx; b.n.x -= (1 - share) * sx;
      } else {
        var sy = (a.n.y < b.n.y || (a.n.y === b.n.y && a.first < b.first) ? -1 : 1) * (oy + 2 / s);
        a.n.y += share * sy; b.n.y -= (1 - share) * sy;
      }
    }
    return pushed;
  }
  function follow(cfg, items) {
    var shift = {};
    items.forEach(function (it) {
      shift[it.n.id] = [it.n.x - it.startX, it.n.y - it.startY];
      it.n.x = Math.round(10 * it.n.x) / 10; it.n.y = Math.round(10 * it.n.y) / 10;
    });
    cfg.nodes.forEach(function (n) {
      if (shift[n.id] || n.x === null || n.y === null) { return; }
      var around = (cfg.neighbours[n.id] || []).filter(function (m) { return shift[m]; });
      if (!around.length) { return; }
      var dx = 0, dy = 0;
      around.forEach(function (m) { dx += shift[m][0] / around.length; dy += shift[m][1] / around.length; });
      n.x = Math.round(10 * (n.x + dx)) / 10; n.y = Math.round(10 * (n.y + dy)) / 10;
    });
  }

  window.qgLabels = { create: create, declutter: declutter, leadCount: leadCount, order: order, LEAD_PX: LEAD_PX, SMALL_PX: SMALL_PX };
})();
