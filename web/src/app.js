// cronista dashboard: one page over the JSON API (docs/api.md).
// Plain JavaScript, no build step. Every piece of data reaches the page through
// textContent / attributes set by el() below (never innerHTML), and the few
// HTML strings ECharts tooltips need are built with escapeHtml().
'use strict';

(function () {
  // ---------------------------------------------------------------- helpers

  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  // el('tr', {class: 'x', title: 'y', dataset: {id: 3}, onclick: f}, child, 'text', ...)
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = String(value);
        else if (key === 'dataset') Object.assign(node.dataset, value);
        else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function escapeHtml(value) {
    return String(value === undefined || value === null ? '' : value).replace(/[&<>"']/g, (c) => ({
      '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
    })[c]);
  }

  function fmtList(value) {
    if (Array.isArray(value)) return value.join(' ');
    return value === undefined || value === null ? '' : String(value);
  }

  function fmtNum(value, digits) {
    if (value === undefined || value === null || value === '' || Number.isNaN(Number(value))) return '';
    const n = Number(value);
    return digits === undefined ? String(n) : n.toFixed(digits);
  }

  // Only http(s) links from data become hrefs (no javascript: URLs).
  function safeUrl(url) {
    if (typeof url !== 'string' || !url) return null;
    try {
      const u = new URL(url, location.href);
      return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  const QUADS = {
    1: 'verbal cooperation',
    2: 'material cooperation',
    3: 'verbal conflict',
    4: 'material conflict',
  };
  const QUAD_COLOURS = { 1: '#7fb3d5', 2: '#1f77b4', 3: '#f0a35e', 4: '#c0392b' };

  // ------------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status || 0;
    }
  }

  async function api(path, params) {
    const url = new URL(path, location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
    }
    let response;
    try {
      response = await fetch(url, { headers: { Accept: 'application/json' } });
    } catch (e) {
      throw new ApiError(`cannot reach the server (${e.message})`);
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      if (response.ok) throw new ApiError(`${url.pathname}: the answer is not JSON`, response.status);
    }
    if (!response.ok) {
      const message = body && body.error && body.error.message ? body.error.message
        : `${response.status} ${response.statusText}`.trim();
      throw new ApiError(`${url.pathname}: ${message}`, response.status);
    }
    return body || {};
  }

  // Each view shows its own errors in its .error box; a newer request of the
  // same view makes an older answer stale (sequence numbers).
  const sequence = {};
  function begin(name) {
    sequence[name] = (sequence[name] || 0) + 1;
    return sequence[name];
  }
  const current = (name, token) => sequence[name] === token;

  function setError(section, error) {
    const box = $('.error', section);
    if (!box) return;
    if (error) {
      box.textContent = error instanceof ApiError || error instanceof Error ? error.message : String(error);
      box.hidden = false;
    } else {
      box.textContent = '';
      box.hidden = true;
    }
  }

  function setLoading(section, on) {
    section.classList.toggle('loading', !!on);
  }

  // ----------------------------------------------------------------- charts

  const charts = {};
  function chart(id) {
    if (!window.echarts) throw new Error('the chart library did not load (/assets/echarts.min.js)');
    if (!charts[id]) charts[id] = window.echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    return charts[id];
  }
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => Object.values(charts).forEach((c) => c.resize()), 100);
  });

  function emptyOption(message) {
    return {
      title: {
        text: message, left: 'center', top: 'middle',
        textStyle: { color: '#888', fontSize: 14, fontWeight: 'normal' },
      },
      series: [],
    };
  }

  // ---------------------------------------------------------------- filters

  function splitCodes(value) {
    return value.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean).join(',');
  }

  function filterParams() {
    const p = {};
    const actor = splitCodes($('#f-actor').value).toUpperCase();
    const source = splitCodes($('#f-source').value).toUpperCase();
    const target = splitCodes($('#f-target').value).toUpperCase();
    const code = splitCodes($('#f-code').value);
    if (actor) p.actor = actor;
    if (source) p.source = source;
    if (target) p.target = target;
    if ($('#f-undirected').checked && (source || target)) p.undirected = '1';
    if (code) p.code = code;
    const quads = $$('#f-quad input:checked').map((i) => i.value);
    if (quads.length) p.quad = quads.join(',');
    const modalities = $$('#f-modality input:checked').map((i) => i.value);
    if (modalities.length) p.modality = modalities.join(',');
    if ($('#f-from').value) p.from = $('#f-from').value;
    if ($('#f-to').value) p.to = $('#f-to').value;
    return p;
  }

  function refreshFiltered() {
    state.events.offset = 0;
    loadEvents();
    loadTimeline();
    loadNetwork();
    loadMap();
  }

  // ----------------------------------------------------------------- events

  const state = {
    events: { offset: 0, limit: 50, total: 0 },
    search: { q: '', offset: 0, limit: 20, total: 0 },
    speaker: null,
  };

  async function loadEvents() {
    const section = $('#events-view');
    const token = begin('events');
    setLoading(section, true);
    try {
      const data = await api('/api/events', {
        ...filterParams(), limit: state.events.limit, offset: state.events.offset,
      });
      if (!current('events', token)) return;
      setError(section, null);
      renderEvents(data);
    } catch (e) {
      if (!current('events', token)) return;
      setError(section, e);
      $('#events-table tbody').replaceChildren();
      $('#events-total').textContent = '';
      $('#events-range').textContent = '';
    } finally {
      if (current('events', token)) setLoading(section, false);
    }
  }

  function renderEvents(data) {
    const rows = Array.isArray(data.rows) ? data.rows : [];
    const total = Number(data.total) || 0;
    state.events.total = total;
    $('#events-total').textContent = `(${total})`;
    const first = rows.length ? state.events.offset + 1 : 0;
    const last = state.events.offset + rows.length;
    $('#events-range').textContent = total ? `${first}–${last} of ${total}` : 'none';
    $('#events-prev').disabled = state.events.offset <= 0;
    $('#events-next').disabled = last >= total;
    const body = $('#events-table tbody');
    if (!rows.length) {
      body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 11, text: 'No events match the filters.' })));
      return;
    }
    body.replaceChildren(...rows.map((r) => {
      const open = () => { if (r.doc !== undefined && r.doc !== null) openArticle(r.doc, r.id); };
      const sentence = typeof r.sentence === 'string' ? r.sentence : '';
      return el('tr', {
        tabindex: 0,
        'data-testid': 'event-row',
        dataset: { event: r.id, doc: r.doc },
        title: sentence || 'Open the article',
        onclick: open,
        onkeydown: (ev) => { if (ev.key === 'Enter') open(); },
      },
      el('td', { class: 'nowrap', text: r.date || '' }),
      el('td', { class: 'code', text: r.source || '—' }),
      el('td', { class: 'code', text: r.target || '—' }),
      el('td', { class: 'code', text: r.code || '' }),
      el('td', { text: r.plover || '' }),
      el('td', { title: QUADS[r.quad] || '' }, el('span', { class: `quad quad${r.quad}`, text: r.quad || '' })),
      el('td', { class: 'num', text: fmtNum(r.goldstein, 1) }),
      el('td', { class: `modality m-${r.modality || ''}`, text: r.modality || '' }),
      el('td', { text: [r.place, r.country].filter(Boolean).join(', ') }),
      el('td', { class: 'num', text: [r.num_mentions, r.num_sources, r.num_articles].map((v) => fmtNum(v)).join(' / ') }),
      el('td', { class: 'rule', text: r.rule || '' }));
    }));
  }

  // --------------------------------------------------------------- timeline

  function monthsBetween(first, last) {
    const out = [];
    let [y, m] = first.split('-').map(Number);
    const [ly, lm] = last.split('-').map(Number);
    while ((y < ly || (y === ly && m <= lm)) && out.length < 1200) {
      out.push(`${y}-${String(m).padStart(2, '0')}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function daysBetween(first, last, step) {
    const out = [];
    const end = Date.parse(`${last}T00:00:00Z`);
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && out.length < 3000; t += step * 86400000) {
      out.push(new Date(t).toISOString().slice(0, 10));
    }
    return out;
  }

  // ISO weeks, as /api/series?by=week names them: 2024-W07.
  function isoWeekMonday(label) {
    const [y, w] = label.split('-W').map(Number);
    const jan4 = Date.UTC(y, 0, 4);
    const weekday = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
    return jan4 - weekday * 86400000 + (w - 1) * 7 * 86400000;
  }
  function isoWeekLabel(t) {
    const d = new Date(t);
    const thursday = t + (3 - ((d.getUTCDay() + 6) % 7)) * 86400000;
    const year = new Date(thursday).getUTCFullYear();
    const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / 86400000 / 7);
    return `${year}-W${String(week).padStart(2, '0')}`;
  }
  function weeksBetween(first, last) {
    const out = [];
    const end = isoWeekMonday(last);
    for (let t = isoWeekMonday(first); t <= end && out.length < 3000; t += 7 * 86400000) out.push(isoWeekLabel(t));
    return out;
  }

  // Periods with no events are missing from /api/series; put them back so the
  // time axis is linear (months, ISO weeks, or days given as dates).
  function fillPeriods(rows, by) {
    const periods = rows.map((r) => String(r.period));
    if (periods.length < 2) return periods;
    const first = periods[0];
    const last = periods[periods.length - 1];
    let all = null;
    if (/^\d{4}-\d{2}$/.test(first) && /^\d{4}-\d{2}$/.test(last)) all = monthsBetween(first, last);
    else if (/^\d{4}-W\d{2}$/.test(first) && /^\d{4}-W\d{2}$/.test(last)) all = weeksBetween(first, last);
    else if (/^\d{4}-\d{2}-\d{2}$/.test(first) && /^\d{4}-\d{2}-\d{2}$/.test(last)) {
      all = daysBetween(first, last, by === 'week' ? 7 : 1);
      if (!periods.every((p) => all.includes(p))) all = null;
    }
    if (!all || !periods.every((p) => all.includes(p))) return periods;
    return all;
  }

  async function loadTimeline() {
    const section = $('#timeline-view');
    const token = begin('timeline');
    setLoading(section, true);
    try {
      const by = $('#timeline-by').value;
      const data = await api('/api/series', { ...filterParams(), by });
      if (!current('timeline', token)) return;
      setError(section, null);
      renderTimeline(data, by);
    } catch (e) {
      if (!current('timeline', token)) return;
      setError(section, e);
    } finally {
      if (current('timeline', token)) setLoading(section, false);
    }
  }

  function renderTimeline(data, by) {
    const c = chart('timeline');
    const rows = (Array.isArray(data.rows) ? data.rows : []).filter((r) => r && r.period !== undefined && r.period !== null);
    rows.sort((a, b) => String(a.period).localeCompare(String(b.period)));
    if (!rows.length) {
      c.setOption(emptyOption('No dated events match the filters'), true);
      return;
    }
    const byPeriod = new Map(rows.map((r) => [String(r.period), r]));
    const periods = fillPeriods(rows, data.by || by);
    const pick = (key) => periods.map((p) => {
      const r = byPeriod.get(p);
      return r ? Number(r[key]) || 0 : 0;
    });
    const hasQuads = rows.some((r) => r.quad1 !== undefined);
    const bars = hasQuads
      ? [1, 2, 3, 4].map((q) => ({
        name: QUADS[q], type: 'bar', stack: 'events', data: pick(`quad${q}`),
        itemStyle: { color: QUAD_COLOURS[q] }, emphasis: { focus: 'series' },
      }))
      : [{ name: 'events', type: 'bar', data: pick('events'), itemStyle: { color: '#5b8def' } }];
    const mean = periods.map((p) => {
      const r = byPeriod.get(p);
      return r && r.goldstein_mean !== null && r.goldstein_mean !== undefined ? Number(Number(r.goldstein_mean).toFixed(2)) : null;
    });
    c.setOption({
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, type: 'scroll', itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 44, right: 44, top: 52, bottom: periods.length > 12 ? 56 : 28 },
      xAxis: { type: 'category', data: periods },
      yAxis: [
        { type: 'value', name: 'events', minInterval: 1 },
        { type: 'value', name: 'Goldstein', min: -10, max: 10, splitLine: { show: false } },
      ],
      dataZoom: periods.length > 12 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 6 }] : [],
      series: [
        ...bars,
        {
          name: 'Goldstein mean', type: 'line', yAxisIndex: 1, data: mean, connectNulls: true,
          symbolSize: 7, itemStyle: { color: '#333' }, lineStyle: { width: 2 },
        },
      ],
    }, true);
  }

  // ---------------------------------------------------------------- network

  function shareColour(coop, conflict) {
    const total = coop + conflict;
    if (!total) return '#999999';
    const t = coop / total; // 0 conflict .. 1 cooperation
    const from = [0xc0, 0x39, 0x2b];
    const to = [0x1f, 0x8a, 0x4c];
    const mix = from.map((f, i) => Math.round(f + (to[i] - f) * t));
    return `#${mix.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
  }

  // Fruchterman-Reingold force layout, deterministic (nodes start on a
  // circle, busiest first): repulsion between all nodes, attraction along
  // edges (stronger for more events), a little gravity so that separate
  // components stay in view. Returns the nodes with x in [0, width] and y in
  // [0, height].
  function layoutGraph(list, links, width, height) {
    const nodes = list.slice().sort((a, b) => b.events - a.events || a.name.localeCompare(b.name));
    const n = nodes.length;
    const index = new Map(nodes.map((node, i) => [node.name, i]));
    const x = nodes.map((_, i) => Math.cos((2 * Math.PI * i) / n) * (i === 0 && n > 1 ? 0.1 : 1));
    const y = nodes.map((_, i) => Math.sin((2 * Math.PI * i) / n) * (i === 0 && n > 1 ? 0.1 : 1));
    const edges = links.map((l) => [index.get(l.source), index.get(l.target), Math.log2(1 + l.value)]);
    const k = Math.sqrt(4 / Math.max(n, 1));
    const iterations = 300;
    for (let it = 0; it < iterations; it += 1) {
      const dx = new Array(n).fill(0);
      const dy = new Array(n).fill(0);
      for (let i = 0; i < n; i += 1) {
        for (let j = i + 1; j < n; j += 1) {
          let ex = x[i] - x[j];
          let ey = y[i] - y[j];
          let d2 = ex * ex + ey * ey;
          if (d2 < 1e-9) { ex = 0.01 * (i - j); ey = 0.01; d2 = ex * ex + ey * ey; }
          const f = (k * k) / d2;
          dx[i] += ex * f; dy[i] += ey * f;
          dx[j] -= ex * f; dy[j] -= ey * f;
        }
      }
      for (const [a, b, w] of edges) {
        const ex = x[a] - x[b];
        const ey = y[a] - y[b];
        const d = Math.sqrt(ex * ex + ey * ey) || 1e-6;
        const f = (d / k) * (0.6 + 0.2 * w);
        dx[a] -= ex * f; dy[a] -= ey * f;
        dx[b] += ex * f; dy[b] += ey * f;
      }
      const temperature = 0.1 * (1 - it / iterations) + 0.002;
      for (let i = 0; i < n; i += 1) {
        dx[i] -= x[i] * 0.12;
        dy[i] -= y[i] * 0.12;
        const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
        const step = Math.min(len, temperature);
        x[i] += (dx[i] / len) * step;
        y[i] += (dy[i] / len) * step;
      }
    }
    const span = (v) => [Math.min(...v), Math.max(...v)];
    const [x0, x1] = span(x);
    const [y0, y1] = span(y);
    // Stretched to the box's width and height in pixels: ECharts then maps
    // them 1:1, which keeps the symbols round.
    const sx = width / Math.max(x1 - x0, 1e-6);
    const sy = height / Math.max(y1 - y0, 1e-6);
    return nodes.map((node, i) => ({ ...node, x: (x[i] - x0) * sx, y: (y[i] - y0) * sy }));
  }

  async function loadNetwork() {
    const section = $('#network-view');
    const token = begin('network');
    setLoading(section, true);
    try {
      const data = await api('/api/dyads', {
        ...filterParams(), n: 60, country_level: $('#network-country').checked ? '1' : '0',
      });
      if (!current('network', token)) return;
      setError(section, null);
      renderNetwork(data);
    } catch (e) {
      if (!current('network', token)) return;
      setError(section, e);
    } finally {
      if (current('network', token)) setLoading(section, false);
    }
  }

  function renderNetwork(data) {
    const c = chart('network');
    const rows = (Array.isArray(data.rows) ? data.rows : []).filter((r) => r && r.source && r.target);
    const nodes = new Map();
    const node = (name) => {
      if (!nodes.has(name)) nodes.set(name, { name, events: 0, out: 0, in: 0, self: 0 });
      return nodes.get(name);
    };
    const links = [];
    let maxEvents = 1;
    for (const r of rows) {
      const events = Number(r.events) || 0;
      maxEvents = Math.max(maxEvents, events);
      const s = node(r.source);
      const t = node(r.target);
      if (r.source === r.target) {
        s.self += events;
        s.events += events;
        continue;
      }
      s.events += events;
      s.out += events;
      t.events += events;
      t.in += events;
      links.push({ source: r.source, target: r.target, value: events, row: r });
    }
    if (!nodes.size) {
      c.setOption(emptyOption('No dyads match the filters'), true);
      return;
    }
    let maxNode = 1;
    nodes.forEach((n) => { maxNode = Math.max(maxNode, n.events); });
    const box = { left: 30, right: 60, top: 24, bottom: 24 };
    const placed = layoutGraph(Array.from(nodes.values()), links,
      Math.max(c.getWidth() - box.left - box.right, 100), Math.max(c.getHeight() - box.top - box.bottom, 100));
    c.setOption({
      animation: false,
      tooltip: {
        formatter: (p) => {
          if (p.dataType === 'edge') {
            const r = p.data.row;
            return `<b>${escapeHtml(r.source)} → ${escapeHtml(r.target)}</b><br>${escapeHtml(r.events)} events: `
              + `${escapeHtml(r.cooperation)} cooperation, ${escapeHtml(r.conflict)} conflict<br>`
              + `Goldstein mean ${escapeHtml(fmtNum(r.goldstein_mean, 2))}`;
          }
          const n = p.data;
          return `<b>${escapeHtml(n.name)}</b><br>${escapeHtml(n.events)} events `
            + `(${escapeHtml(n.out)} as source, ${escapeHtml(n.in)} as target${n.self ? `, ${escapeHtml(n.self)} within` : ''})`;
        },
      },
      series: [{
        type: 'graph',
        // Positions computed here (layoutGraph): the same picture every
        // time, and ECharts fits a 'none' layout into the view.
        layout: 'none',
        roam: true,
        draggable: true,
        ...box,
        label: { show: true, position: 'right', fontSize: 12 },
        edgeSymbol: ['none', 'arrow'],
        edgeSymbolSize: 8,
        emphasis: { focus: 'adjacency', lineStyle: { width: 6 } },
        data: placed.map((n) => ({
          ...n,
          value: n.events,
          symbolSize: 12 + 30 * Math.sqrt(n.events / maxNode),
          itemStyle: { color: '#5470c6' },
        })),
        links: links.map((l) => ({
          ...l,
          lineStyle: {
            width: 1.5 + 6 * Math.sqrt(l.value / maxEvents),
            color: shareColour(Number(l.row.cooperation) || 0, Number(l.row.conflict) || 0),
            curveness: 0.18,
            opacity: 0.85,
          },
        })),
      }],
    }, true);
  }

  function bindNetworkClicks() {
    if (!window.echarts) return;
    chart('network').on('click', (p) => {
      if (p.dataType === 'edge' && p.data && p.data.row) {
        $('#f-actor').value = '';
        $('#f-source').value = p.data.row.source;
        $('#f-target').value = p.data.row.target;
        refreshFiltered();
      } else if (p.dataType === 'node' && p.data) {
        $('#f-source').value = '';
        $('#f-target').value = '';
        $('#f-actor').value = p.data.name;
        refreshFiltered();
      }
    });
  }

  // -------------------------------------------------------------------- map

  let worldMap = null;
  function loadWorld() {
    if (!worldMap) {
      worldMap = fetch('/assets/world.json').then((r) => {
        if (!r.ok) throw new Error(`/assets/world.json: ${r.status}`);
        return r.json();
      }).then((geo) => {
        window.echarts.registerMap('world', geo);
        return true;
      });
      worldMap.catch(() => { worldMap = null; });
    }
    return worldMap;
  }

  async function loadMap() {
    const section = $('#map-view');
    const token = begin('map');
    setLoading(section, true);
    try {
      const [, data] = await Promise.all([loadWorld(), api('/api/places', { ...filterParams(), n: 500 })]);
      if (!current('map', token)) return;
      setError(section, null);
      renderMap(data);
    } catch (e) {
      if (!current('map', token)) return;
      setError(section, e);
    } finally {
      if (current('map', token)) setLoading(section, false);
    }
  }

  function renderMap(data) {
    const c = chart('map');
    const rows = (Array.isArray(data.rows) ? data.rows : []).filter((r) => r
      && Number.isFinite(Number(r.lat)) && Number.isFinite(Number(r.lon)) && r.lat !== null && r.lon !== null);
    let max = 1;
    rows.forEach((r) => { max = Math.max(max, Number(r.events) || 0); });
    c.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          if (p.seriesType !== 'scatter') return escapeHtml(p.name);
          const r = p.data.row;
          return `<b>${escapeHtml(r.name)}</b> ${escapeHtml(r.country || '')} (${escapeHtml(r.kind || '')})<br>`
            + `${escapeHtml(r.events)} events · Goldstein mean ${escapeHtml(fmtNum(r.goldstein_mean, 2))}`;
        },
      },
      geo: {
        map: 'world',
        roam: true,
        scaleLimit: { min: 1, max: 40 },
        itemStyle: { areaColor: '#e9edf2', borderColor: '#a7b1bd', borderWidth: 0.5 },
        emphasis: { itemStyle: { areaColor: '#d5dde6' }, label: { show: false } },
        select: { disabled: true },
      },
      series: [{
        name: 'places',
        type: 'scatter',
        coordinateSystem: 'geo',
        data: rows.map((r) => ({
          name: r.name,
          value: [Number(r.lon), Number(r.lat), Number(r.events) || 0],
          row: r,
          itemStyle: { color: (Number(r.goldstein_mean) || 0) < 0 ? '#c0392b' : '#1f8a4c' },
        })),
        symbolSize: (v) => 6 + 22 * Math.sqrt((v[2] || 0) / max),
        itemStyle: { opacity: 0.8, borderColor: '#fff', borderWidth: 1 },
        emphasis: { label: { show: true, formatter: '{b}', position: 'right' } },
      }],
    }, true);
  }

  // ----------------------------------------------------------------- search

  async function runSearch(q, append) {
    const section = $('#search-results');
    if (!append) {
      state.search.q = q;
      state.search.offset = 0;
    }
    section.hidden = false;
    const token = begin('search');
    setLoading(section, true);
    try {
      const data = await api('/api/documents', {
        q: state.search.q, limit: state.search.limit, offset: state.search.offset,
      });
      if (!current('search', token)) return;
      setError(section, null);
      renderSearch(data, append);
    } catch (e) {
      if (!current('search', token)) return;
      setError(section, e);
      if (!append) $('#search-list').replaceChildren();
      $('#search-more').hidden = true;
    } finally {
      if (current('search', token)) setLoading(section, false);
    }
  }

  const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

  // A snippet may carry match markers: SQLite's snippet() puts the matched
  // words in [brackets] (taken as markers only around a word of the query, so
  // that a bracket of the article stays), others use <b>…</b>, <mark>…</mark>
  // or \u0002…\u0003. Matches become <mark> elements, everything else stays
  // text. Without markers the query's words are marked here.
  function snippetNodes(snippet, q) {
    const text = String(snippet || '');
    const folded = String(q || '').split(/\s+/).map((w) => fold(w.replace(/["*()]/g, ''))).filter(Boolean);
    if (folded.length && /\[[^[\]]+\]/.test(text)) {
      let marked = false;
      const out = text.split(/(\[[^[\]]{1,200}\])/).map((part) => {
        const m = /^\[([^[\]]+)\]$/.exec(part);
        const inner = m ? fold(m[1]) : '';
        if (m && folded.some((w) => inner.includes(w) || (inner.length > 1 && w.startsWith(inner)))) {
          marked = true;
          return el('mark', { text: m[1] });
        }
        return document.createTextNode(part);
      });
      if (marked) return out;
    }
    const markers = /<\/?(?:b|mark|em|strong)>|\u0002|\u0003/i;
    if (markers.test(text)) {
      const parts = text.split(/(<\/?(?:b|mark|em|strong)>|\u0002|\u0003)/i);
      const out = [];
      let open = false;
      for (const part of parts) {
        if (/^(<(?:b|mark|em|strong)>|\u0002)$/i.test(part)) open = true;
        else if (/^(<\/(?:b|mark|em|strong)>|\u0003)$/i.test(part)) open = false;
        else if (part) out.push(open ? el('mark', { text: part }) : document.createTextNode(part));
      }
      return out;
    }
    const words = String(q || '').split(/\s+/).map((w) => w.replace(/["*()]/g, '')).filter((w) => w.length > 1);
    if (!words.length) return [document.createTextNode(text)];
    const re = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'giu');
    return text.split(re).map((part, i) => (i % 2 ? el('mark', { text: part }) : document.createTextNode(part)));
  }

  function renderSearch(data, append) {
    const rows = Array.isArray(data.rows) ? data.rows : [];
    const total = Number(data.total);
    state.search.total = Number.isFinite(total) ? total : rows.length;
    const q = state.search.q;
    $('#search-heading').textContent = q
      ? `${state.search.total} article${state.search.total === 1 ? '' : 's'} matching “${q}”`
      : `All articles (${state.search.total})`;
    const items = rows.map((d) => {
      const open = () => openArticle(d.id);
      return el('li', { class: 'result', 'data-testid': 'search-result', dataset: { doc: d.id } },
        el('button', { type: 'button', class: 'link result-title', onclick: open, text: d.title || d.doc_id || `document ${d.id}` }),
        el('div', { class: 'muted small' },
          [d.date, d.lang, d.source, d.doc_id].filter(Boolean).join(' · '),
          ` · ${fmtNum(d.n_events) || 0} events · ${fmtNum(d.n_quotes) || 0} quotes`),
        d.snippet ? el('p', { class: 'snippet' }, snippetNodes(d.snippet, q)) : null);
    });
    if (!append && !items.length) {
      $('#search-list').replaceChildren(el('li', { class: 'empty muted', text: 'No article matches.' }));
    } else if (append) {
      $('#search-list').append(...items);
    } else {
      $('#search-list').replaceChildren(...items);
    }
    state.search.offset += rows.length;
    $('#search-more').hidden = state.search.offset >= state.search.total || !rows.length;
  }

  // ---------------------------------------------------------------- article

  const LAYER_ORDER = { quote: 0, mention: 1, place: 2, time: 3, event: 4 };

  function spanTitle(kind, items) {
    return items.map((x) => {
      if (kind === 'event') {
        const lines = [
          `Event ${x.code || ''}${x.plover ? ` ${x.plover}` : ''} (QuadClass ${x.quad ?? '?'}, Goldstein ${fmtNum(x.goldstein, 1)})`,
          `${x.source || '?'} → ${x.target || '—'}`,
          `modality: ${x.modality || '?'}${x.background ? ' (background)' : ''}`,
        ];
        if (x.date) lines.push(`date: ${typeof x.date === 'object' ? x.date.value || '' : x.date}`);
        lines.push(`rule: ${x.rule || '?'}`);
        return lines.join('\n');
      }
      if (kind === 'mention') {
        return `Mention “${x.text || ''}” (${x.kind || '?'})\nactor: ${x.actor || 'none'}\nrule: ${x.rule || '?'}`;
      }
      if (kind === 'quote') {
        const speaker = x.speaker_name || x.speaker_actor
          ? `${x.speaker_name || ''}${x.speaker_actor ? ` (${x.speaker_actor})` : ''}`.trim() : 'unknown';
        return `${x.scare ? 'Scare quote' : 'Quotation'}\nspeaker: ${speaker}\nrule: ${x.rule || '?'}`;
      }
      if (kind === 'place') {
        return `Place ${x.name || ''}${x.country ? ` (${x.country})` : ''}\n${fmtNum(x.lat, 3)}, ${fmtNum(x.lon, 3)}${x.place_id ? `\n${x.place_id}` : ''}`;
      }
      return `Time ${x.type || ''}: ${x.value || ''}`;
    }).join('\n\n');
  }

  // Spans of one kind over the same characters become one highlight (a paired
  // code 042:043 gives two events on one trigger).
  function collectSpans(doc, length) {
    const groups = new Map();
    const add = (kind, item) => {
      const start = Number(item.start);
      const end = Number(item.end);
      if (!Number.isInteger(start) || !Number.isInteger(end)) return;
      const s = Math.max(0, Math.min(start, length));
      const e = Math.max(0, Math.min(end, length));
      if (e <= s) return;
      const key = `${kind}:${s}:${e}`;
      if (!groups.has(key)) groups.set(key, { kind, start: s, end: e, items: [] });
      groups.get(key).items.push(item);
    };
    for (const m of doc.mentions || []) add('mention', m);
    for (const ev of doc.events || []) add('event', ev);
    for (const q of doc.quotes || []) add('quote', q);
    for (const p of doc.places || []) add('place', p);
    for (const t of doc.times || []) add('time', t);
    const spans = Array.from(groups.values());
    spans.sort((a, b) => a.start - b.start || b.end - a.end || LAYER_ORDER[a.kind] - LAYER_ORDER[b.kind]);
    spans.forEach((s, i) => { s.order = i; });
    return spans;
  }

  function spanElement(span) {
    const classes = [`hl`, `hl-${span.kind}`];
    const x = span.items[0];
    if (span.kind === 'event') {
      classes.push(`m-${x.modality || 'asserted'}`);
      if (span.items.every((i) => i.background)) classes.push('hl-background');
    }
    if (span.kind === 'mention' && !span.items.some((i) => i.actor)) classes.push('hl-noactor');
    if (span.kind === 'quote' && span.items.every((i) => i.scare)) classes.push('hl-scare');
    const attrs = {
      class: classes.join(' '),
      title: spanTitle(span.kind, span.items),
      'data-testid': `hl-${span.kind}`,
      dataset: { kind: span.kind, idx: span.items.map((i) => i.idx).join(' ') },
    };
    if (span.kind === 'event') attrs.dataset.event = span.items.map((i) => i.event).join(' ');
    if (span.kind === 'mention') attrs.dataset.actor = span.items.map((i) => i.actor || '').join(' ').trim();
    return el('span', attrs);
  }

  // Cuts the text at every span boundary; each piece is wrapped in the spans
  // covering it, outermost first. Properly nested spans (a mention inside a
  // quotation) stay single elements; crossing spans are split into pieces that
  // carry the same title.
  function renderHighlighted(container, text, spans) {
    const bounds = new Set([0, text.length]);
    for (const s of spans) { bounds.add(s.start); bounds.add(s.end); }
    const cuts = Array.from(bounds).sort((a, b) => a - b);
    const stack = []; // [{span, node}]
    const top = () => (stack.length ? stack[stack.length - 1].node : container);
    let active = [];
    let next = 0; // spans sorted by start: the next one to become active
    for (let i = 0; i + 1 < cuts.length; i += 1) {
      const a = cuts[i];
      const b = cuts[i + 1];
      while (next < spans.length && spans[next].start <= a) active.push(spans[next++]);
      active = active.filter((s) => s.end > a);
      const covering = active.filter((s) => s.start <= a && s.end >= b).sort((x, y) => x.order - y.order);
      let k = 0;
      while (k < stack.length && k < covering.length && stack[k].span === covering[k]) k += 1;
      stack.length = k;
      for (let j = k; j < covering.length; j += 1) {
        const node = spanElement(covering[j]);
        top().append(node);
        stack.push({ span: covering[j], node });
      }
      top().append(document.createTextNode(text.slice(a, b)));
    }
  }

  function scrollToEvent(eventId) {
    if (eventId === undefined || eventId === null || eventId === '') return;
    const target = $(`#article [data-event~="${CSS.escape(String(eventId))}"]`);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.classList.add('flash');
    setTimeout(() => target.classList.remove('flash'), 2000);
  }

  function openArticle(id, eventId) {
    const hash = `#article=${encodeURIComponent(id)}${eventId !== undefined && eventId !== null ? `&event=${encodeURIComponent(eventId)}` : ''}`;
    if (location.hash === hash) route();
    else location.hash = hash;
  }

  function closeArticle() {
    history.pushState(null, '', location.pathname + location.search);
    route();
  }

  let shownArticle = null;
  async function showArticle(id, eventId) {
    const section = $('#article-view');
    section.hidden = false;
    if (shownArticle === id && $('#article').childNodes.length) {
      scrollToEvent(eventId);
      if (eventId === undefined) section.scrollIntoView({ block: 'start' });
      return;
    }
    const token = begin('article');
    setLoading(section, true);
    $('#article-title').textContent = 'Loading…';
    try {
      const doc = await api(`/api/documents/${encodeURIComponent(id)}`);
      if (!current('article', token)) return;
      setError(section, null);
      renderArticle(doc);
      shownArticle = id;
      section.scrollIntoView({ block: 'start' });
      scrollToEvent(eventId);
    } catch (e) {
      if (!current('article', token)) return;
      shownArticle = null;
      setError(section, e);
      $('#article-title').textContent = 'Article';
      $('#article-meta').textContent = '';
      $('#article').replaceChildren();
      $('#article-events tbody').replaceChildren();
      $('#article-quotes').replaceChildren();
      $('#article-commitments').replaceChildren();
      section.scrollIntoView({ block: 'start' });
    } finally {
      if (current('article', token)) setLoading(section, false);
    }
  }

  function renderArticle(doc) {
    const text = typeof doc.text === 'string' ? doc.text : '';
    $('#article-title').textContent = doc.title || doc.doc_id || `Document ${doc.id}`;
    const meta = $('#article-meta');
    meta.replaceChildren([doc.date, doc.lang, doc.source, doc.doc_id].filter(Boolean).join(' · '));
    const href = safeUrl(doc.url);
    if (href) meta.append(' · ', el('a', { href, target: '_blank', rel: 'noopener noreferrer', text: doc.url }));
    const article = $('#article');
    article.replaceChildren();
    renderHighlighted(article, text, collectSpans(doc, text.length));

    const mentions = Array.isArray(doc.mentions) ? doc.mentions : [];
    const events = Array.isArray(doc.events) ? doc.events : [];
    $('#article-events tbody').replaceChildren(...(events.length ? events.map((e) => el('tr', {
      class: e.background ? 'background' : '',
      tabindex: 0,
      onclick: () => scrollToEvent(e.event),
      onkeydown: (ev) => { if (ev.key === 'Enter') scrollToEvent(e.event); },
    },
    el('td', { text: e.trigger || (Number.isInteger(e.start) ? text.slice(e.start, e.end) : '') }),
    el('td', { class: 'code', text: e.code || '' }),
    el('td', { text: e.plover || '' }),
    el('td', { class: 'code', text: `${e.source || '?'} → ${e.target || '—'}` }),
    el('td', { class: `modality m-${e.modality || ''}`, text: `${e.modality || ''}${e.background ? ' (bg)' : ''}` }),
    el('td', { class: 'nowrap', text: typeof e.date === 'object' && e.date ? e.date.value || '' : e.date || '' }),
    el('td', { class: 'rule', text: e.rule || '' })))
      : [el('tr', { class: 'empty' }, el('td', { colspan: 7, text: 'No events coded in this article.' }))]));

    const quotes = Array.isArray(doc.quotes) ? doc.quotes : [];
    $('#article-quotes').replaceChildren(...(quotes.length ? quotes.map((q) => el('li', { class: q.scare ? 'scare' : '' },
      el('q', { text: q.text || '' }),
      el('span', { class: 'muted small' }, ` — ${q.speaker_name || 'unknown speaker'}${q.speaker_actor ? ` (${q.speaker_actor})` : ''}`,
        q.rule ? ` · ${q.rule}` : ''))) : [el('li', { class: 'muted', text: 'No quotations.' })]));

    const commitments = Array.isArray(doc.commitments) ? doc.commitments : [];
    $('#article-commitments').replaceChildren(...(commitments.length ? commitments.map((c) => el('li', {},
      el('b', { text: `${c.type || ''}` }), ` ${fmtList(c.parties)}${c.mutual ? ' (mutual)' : ''}`,
      c.condition ? ` — on ${c.condition}` : '',
      c.date ? el('span', { class: 'muted small', text: ` · ${typeof c.date === 'object' ? c.date.value || '' : c.date}` }) : null))
      : [el('li', { class: 'muted', text: 'No commitments.' })]));
    if (!mentions.length && !events.length && !quotes.length) {
      article.append(el('p', { class: 'muted small', text: '(nothing was coded in this article)' }));
    }
  }

  // ----------------------------------------------------------------- quotes

  async function loadSpeakers() {
    const section = $('#quotes-view');
    const token = begin('speakers');
    setLoading(section, true);
    try {
      const filter = $('#speaker-filter').value.trim();
      const data = await api('/api/speakers', { speaker: filter, n: 50 });
      if (!current('speakers', token)) return;
      setError(section, null);
      const rows = Array.isArray(data.rows) ? data.rows : [];
      const list = $('#speakers');
      if (!rows.length) {
        list.replaceChildren(el('li', { class: 'muted', text: 'No speaker found.' }));
        $('#quotes').replaceChildren();
        return;
      }
      list.replaceChildren(...rows.map((r) => {
        const key = r.speaker_actor || r.speaker_name || '';
        return el('li', {},
          el('button', {
            type: 'button', class: 'speaker', 'data-testid': 'speaker', dataset: { speaker: key },
            onclick: (ev) => selectSpeaker(r, ev.currentTarget),
          },
          el('span', { text: r.speaker_name || r.speaker_actor || '(unknown)' }),
          r.speaker_actor && r.speaker_name ? el('span', { class: 'code muted', text: ` ${r.speaker_actor}` }) : null,
          el('span', { class: 'count', text: fmtNum(r.quotes) })));
      }));
      const first = $('#speakers button');
      if (first) selectSpeaker(rows[0], first);
    } catch (e) {
      if (!current('speakers', token)) return;
      setError(section, e);
    } finally {
      if (current('speakers', token)) setLoading(section, false);
    }
  }

  async function selectSpeaker(row, button) {
    $$('#speakers button').forEach((b) => b.classList.toggle('selected', b === button));
    const section = $('#quotes-view');
    const token = begin('quotes');
    try {
      // A speaker is asked for by actor code when it has one, else by name.
      const speaker = row.speaker_actor || row.speaker_name || '';
      const data = await api('/api/quotes', { speaker, limit: 100 });
      if (!current('quotes', token)) return;
      setError(section, null);
      let rows = Array.isArray(data.rows) ? data.rows : [];
      if (!row.speaker_actor) {
        // Asked by name (or, for quotations without a speaker, not at all):
        // keep exactly that speaker's quotations.
        rows = rows.filter((q) => !q.speaker_actor && (q.speaker_name || '') === (row.speaker_name || ''));
      }
      $('#quotes').replaceChildren(...(rows.length ? rows.map((q) => el('li', { class: q.scare ? 'scare' : '', 'data-testid': 'quote' },
        el('q', { text: q.text || '' }),
        el('div', { class: 'muted small' },
          `${q.speaker_name || ''}${q.speaker_actor ? ` (${q.speaker_actor})` : ''}`,
          q.date ? ` · ${q.date}` : '', ' · ',
          el('button', {
            type: 'button', class: 'link', text: q.doc_title || `document ${q.doc}`,
            onclick: () => openArticle(q.doc),
          }),
          q.rule ? el('span', { class: 'rule', text: ` · ${q.rule}` }) : null)))
        : [el('li', { class: 'muted', text: 'No quotation.' })]));
    } catch (e) {
      if (!current('quotes', token)) return;
      setError(section, e);
    }
  }

  // ------------------------------------------------------------ commitments

  async function loadCommitments() {
    const section = $('#commitments-view');
    const token = begin('commitments');
    setLoading(section, true);
    try {
      const data = await api('/api/commitments', {
        on: $('#commitments-date').value,
        party: $('#commitments-party').value.trim().toUpperCase(),
        type: $('#commitments-type').value,
      });
      if (!current('commitments', token)) return;
      setError(section, null);
      const rows = Array.isArray(data.rows) ? data.rows : [];
      const body = $('#commitments-table tbody');
      if (!rows.length) {
        body.replaceChildren(el('tr', { class: 'empty' }, el('td', { colspan: 8, text: `No commitment in force on ${data.on || $('#commitments-date').value}.` })));
        return;
      }
      body.replaceChildren(...rows.map((c) => el('tr', { 'data-testid': 'commitment' },
        el('td', { class: 'code', text: fmtList(c.committed) }),
        el('td', { class: 'code', text: fmtList(c.parties) }),
        el('td', { text: c.type || '' }),
        el('td', { text: c.condition || '' }),
        el('td', { text: c.mutual ? 'yes' : 'no' }),
        el('td', { class: 'nowrap', text: typeof c.date === 'object' && c.date ? c.date.value || '' : c.date || '' }),
        el('td', { class: 'num', text: fmtNum(c.num_articles) }),
        el('td', {},
          c.first_doc !== undefined && c.first_doc !== null
            ? el('button', { type: 'button', class: 'link', text: 'article', onclick: () => openArticle(c.first_doc) }) : null,
          typeof c.sentence === 'string' && c.sentence ? el('div', { class: 'small muted', text: c.sentence }) : null))));
    } catch (e) {
      if (!current('commitments', token)) return;
      setError(section, e);
      $('#commitments-table tbody').replaceChildren();
    } finally {
      if (current('commitments', token)) setLoading(section, false);
    }
  }

  // ---------------------------------------------------------------- routing

  function route() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const id = params.get('article');
    if (id) {
      showArticle(id, params.get('event') || undefined);
    } else {
      $('#article-view').hidden = true;
    }
  }

  async function loadHealth() {
    try {
      const h = await api('/api/health');
      $('#health').textContent = `${fmtNum(h.documents) || 0} articles · ${fmtNum(h.events) || 0} events · v${h.version || '?'}`;
      $('#global-error').hidden = true;
    } catch (e) {
      const banner = $('#global-error');
      banner.textContent = `The API is not answering: ${e.message}`;
      banner.hidden = false;
    }
  }

  function today() {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }

  function init() {
    $('#search-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      runSearch($('#search').value.trim(), false);
    });
    $('#search-more').addEventListener('click', () => runSearch(state.search.q, true));
    $('#search-close').addEventListener('click', () => { $('#search-results').hidden = true; });
    $('#article-close').addEventListener('click', closeArticle);
    $('#home').addEventListener('click', (ev) => { ev.preventDefault(); closeArticle(); });
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && !$('#article-view').hidden) closeArticle();
    });
    $$('#article-legend input[data-layer]').forEach((box) => box.addEventListener('change', () => {
      $('#article').classList.toggle(`hide-${box.dataset.layer}`, !box.checked);
    }));

    $('#filters').addEventListener('submit', (ev) => { ev.preventDefault(); refreshFiltered(); });
    $('#f-reset').addEventListener('click', () => { $('#filters').reset(); refreshFiltered(); });
    $('#events-prev').addEventListener('click', () => {
      state.events.offset = Math.max(0, state.events.offset - state.events.limit);
      loadEvents();
    });
    $('#events-next').addEventListener('click', () => {
      if (state.events.offset + state.events.limit < state.events.total) {
        state.events.offset += state.events.limit;
        loadEvents();
      }
    });
    $('#events-limit').addEventListener('change', (ev) => {
      state.events.limit = Number(ev.target.value) || 50;
      state.events.offset = 0;
      loadEvents();
    });
    $('#timeline-by').addEventListener('change', loadTimeline);
    $('#network-country').addEventListener('change', loadNetwork);

    let speakerTimer = null;
    $('#speaker-filter').addEventListener('input', () => {
      clearTimeout(speakerTimer);
      speakerTimer = setTimeout(loadSpeakers, 250);
    });
    $('#commitments-date').value = today();
    $('#commitments-form').addEventListener('submit', (ev) => { ev.preventDefault(); loadCommitments(); });
    $('#commitments-date').addEventListener('change', loadCommitments);
    window.addEventListener('hashchange', route);

    if (!window.echarts) {
      const message = new Error('The chart library did not load (/assets/echarts.min.js).');
      ['#timeline-view', '#network-view', '#map-view'].forEach((s) => setError($(s), message));
    } else {
      bindNetworkClicks();
    }
    loadHealth();
    loadEvents();
    if (window.echarts) {
      loadTimeline();
      loadNetwork();
      loadMap();
    }
    loadSpeakers();
    loadCommitments();
    route();
  }

  // For the end-to-end test and for debugging in the console.
  window.cronista = { charts, api, state };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
