// Dashboard passend onderwijs: a read-only page over the public REST API (/api/v1). Plain JS, no
// build step, nothing from the internet. The credential stays in sessionStorage of this tab and is
// sent as "Authorization: Bearer"; the API decides what this credential may see (docs/dashboard.md).
'use strict';

(function () {
  const STORE_KEY = 'swv-dashboard';
  const LEVELS = {
    LEVEL_SWV: 'Samenwerkingsverband',
    LEVEL_WIJK: 'Wijk',
    LEVEL_BOARD: 'Bestuur',
    LEVEL_SCHOOL: 'School',
  };
  const STATUS = {
    GOAL_STATUS_VALUE_MET: ['met', 'Gehaald'],
    GOAL_STATUS_VALUE_NOT_MET: ['not_met', 'Niet gehaald'],
    GOAL_STATUS_VALUE_NO_DATA: ['no_data', 'Geen gegevens'],
    GOAL_STATUS_VALUE_NO_TARGET: ['no_target', 'Geen doel dit jaar'],
  };
  const TREND = {
    TREND_IMPROVING: 'verbetert',
    TREND_WORSENING: 'verslechtert',
    TREND_UNCHANGED: 'gelijk',
    TREND_NO_PREVIOUS: 'geen vorige periode',
  };
  const nf = (min, max) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: min, maximumFractionDigits: max });
  const nf0 = nf(0, 0);
  const nf1 = nf(1, 1);
  const nfScore = nf(1, 2);
  const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', currencyDisplay: 'code' });

  // A value in 1/10,000 of the goal's unit, in Dutch notation: 75,0% / 12 / 7,5 / 3,0 dagen.
  function formatE4(e4, unit) {
    if (e4 === undefined || e4 === null || e4 === '') return '';
    const v = Number(e4) / 10000;
    switch (unit) {
      case 'UNIT_PERCENT': return nf1.format(v) + '%';
      case 'UNIT_COUNT': return nf0.format(v);
      case 'UNIT_SCORE': return nfScore.format(v);
      case 'UNIT_DAYS': return nf1.format(v) + ' dagen';
      case 'UNIT_PER_1000_PUPILS': return nf1.format(v) + ' per 1.000 leerlingen';
      default: return nf(0, 4).format(v);
    }
  }
  function formatEuroCents(cents) {
    // "EUR 1.234,56" (Intl puts a no-break space after the code).
    return euro.format(Number(cents || 0) / 100).replace(/\u00a0/g, ' ');
  }

  const $ = (id) => document.getElementById(id);
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }
  const SVG_NS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  }

  // ---- API ---------------------------------------------------------------------------------
  let session = null;  // {swv, secret}
  class ApiError extends Error {
    constructor(status, problem) {
      super((problem && (problem.detail || problem.title)) || ('HTTP ' + status));
      this.status = status;
      this.reason = problem && problem.reason;
    }
  }
  async function api(path, params) {
    const url = new URL('/api/v1/swvs/' + encodeURIComponent(session.swv) + path, location.origin);
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, v);
    }
    const response = await fetch(url, { headers: { Authorization: 'Bearer ' + session.secret, Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch (e) { body = null; }
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }
  async function listAll(path, field, params) {
    const rows = [];
    let token = '';
    for (let page = 0; page < 50; page++) {
      const reply = await api(path, Object.assign({ pageSize: 500, pageToken: token }, params));
      rows.push(...(reply[field] || []));
      token = reply.nextPageToken || '';
      if (!token) break;
    }
    return rows;
  }
  async function orNull(promise, allowed) {
    try { return await promise; } catch (e) {
      if (e instanceof ApiError && allowed.includes(e.status)) return null;
      throw e;
    }
  }

  // ---- state -------------------------------------------------------------------------------
  const state = {
    role: null,          // 'office' | 'board' | 'school'
    levels: [],          // levels this credential may choose
    goals: new Map(),    // goal id -> Goal
    years: [],
    schools: [],         // directory rows visible to this credential
    render: 0,
  };

  function setBusy(text) {
    document.body.dataset.state = 'loading';
    $('status').textContent = text;
  }
  function setReady(text) {
    state.render += 1;
    document.body.dataset.render = String(state.render);
    document.body.dataset.state = 'ready';
    $('status').textContent = text;
  }
  function showError(e) {
    document.body.dataset.state = 'error';
    $('status').textContent = 'Er ging iets mis: ' + e.message;
    if (e instanceof ApiError && e.status === 401) signOut('Uw sleutel is niet (meer) geldig. Meld u opnieuw aan.');
  }

  // ---- sign in -----------------------------------------------------------------------------
  function signOut(message) {
    sessionStorage.removeItem(STORE_KEY);
    session = null;
    $('dashboard').hidden = true;
    $('afmelden').hidden = true;
    $('wie').hidden = true;
    $('aanmelden').hidden = false;
    $('aanmeldfout').textContent = message || '';
    $('sleutel').value = '';
    $('sleutel').focus();
  }

  async function signIn(swv, secret) {
    session = { swv: swv.trim().toUpperCase(), secret: secret.trim() };
    const year = new Date().getFullYear();
    // Which role: the API answers by what this credential may see.
    let role = null;
    let probe = await orNull(api('/goal-statuses', { year, level: 'LEVEL_SWV' }), [403]);
    if (probe) role = 'office';
    else if (await orNull(api('/goal-statuses', { year, level: 'LEVEL_BOARD' }), [403])) role = 'board';
    else role = 'school';
    state.role = role;
    state.levels = role === 'office' ? ['LEVEL_SWV', 'LEVEL_WIJK', 'LEVEL_BOARD', 'LEVEL_SCHOOL']
      // Boards and schools also see the wijken of their schools (aggregates only).
      : role === 'board' ? ['LEVEL_BOARD', 'LEVEL_WIJK', 'LEVEL_SCHOOL'] : ['LEVEL_SCHOOL', 'LEVEL_WIJK'];
    const [goals, schools] = await Promise.all([
      api('/goals'),
      orNull(listAll('/schools', 'schools'), [403]),
    ]);
    state.goals = new Map((goals.goals || []).map((g) => [g.name.split('/').pop(), g]));
    const years = new Set();
    for (const g of state.goals.values()) for (const t of g.targets || []) years.add(t.year);
    state.years = [...years].sort((a, b) => a - b);
    if (!state.years.length) state.years = [year];
    state.schools = schools || [];
    sessionStorage.setItem(STORE_KEY, JSON.stringify(session));

    const roleText = { office: 'SWV-bureau', board: 'schoolbestuur', school: 'school' }[role];
    $('wie').textContent = 'Aangemeld als ' + roleText + ' van ' + session.swv;
    $('wie').hidden = false;
    $('afmelden').hidden = false;
    $('aanmelden').hidden = true;
    $('dashboard').hidden = false;

    const levelSelect = $('niveau');
    levelSelect.replaceChildren(...state.levels.map((l) => el('option', { value: l, text: LEVELS[l] })));
    const yearSelect = $('jaar');
    yearSelect.replaceChildren(...state.years.map((y) => el('option', { value: String(y), text: String(y) })));
    const current = state.years.includes(year) ? year : state.years.filter((y) => y <= year).pop() || state.years[0];
    yearSelect.value = String(current);
    await refresh(true);
    $('inhoud').focus();
  }

  // ---- goal statuses -----------------------------------------------------------------------
  function schoolName(code) {
    const s = state.schools.find((x) => x.code === code);
    return s && s.displayName ? code + ' – ' + s.displayName : code;
  }

  let lastRows = [];
  async function refresh(levelChanged) {
    const level = $('niveau').value;
    const year = Number($('jaar').value);
    setBusy('Gegevens worden geladen…');
    try {
      const unitSelect = $('eenheid');
      if (level === 'LEVEL_SWV') {
        unitSelect.replaceChildren(el('option', { value: '', text: 'Heel het samenwerkingsverband' }));
        unitSelect.disabled = true;
      }
      // Every level id of this level that the credential may see, with this year's rows.
      const all = await api('/goal-statuses', { year, level });
      const rows = all.statuses || [];
      if (level !== 'LEVEL_SWV') {
        const ids = [...new Set(rows.map((r) => r.levelId))].sort();
        const previous = unitSelect.value;
        unitSelect.replaceChildren(...ids.map((id) =>
          el('option', { value: id, text: level === 'LEVEL_SCHOOL' ? schoolName(id) : id })));
        unitSelect.disabled = ids.length < 2;
        if (!levelChanged && ids.includes(previous)) unitSelect.value = previous;
      }
      const levelId = level === 'LEVEL_SWV' ? '' : unitSelect.value;
      $('download').textContent = level === 'LEVEL_SWV' ? 'Download kwartaalrapportage (CSV)'
        : 'Download overzicht ' + LEVELS[level].toLowerCase() + ' (CSV)';
      const shown = rows.filter((r) => (r.levelId || '') === levelId);
      // The trend: the same level id in every plan year.
      const series = new Map();
      await Promise.all(state.years.map(async (y) => {
        const reply = y === year ? { statuses: shown }
          : await api('/goal-statuses', { year: y, level, levelId: levelId || undefined });
        for (const r of reply.statuses || []) {
          if ((r.levelId || '') !== levelId) continue;
          if (!series.has(r.goal)) series.set(r.goal, new Map());
          series.get(r.goal).set(y, r);
        }
      }));
      lastRows = shown;
      renderGoals(shown, series, year);
      signals.render(await signals.load(level, levelId));
      const scope = level === 'LEVEL_SWV' ? session.swv : LEVELS[level].toLowerCase() + ' ' +
        (level === 'LEVEL_SCHOOL' ? schoolName(levelId) : levelId);
      $('doelen').dataset.level = level;
      $('doelen').dataset.levelId = levelId;
      $('doelen').dataset.year = String(year);
      setReady(shown.length + ' doelen voor ' + scope + ' in ' + year + '.');
    } catch (e) {
      showError(e);
    }
  }

  function targetText(row, goal) {
    if (row.targetE4 !== undefined) return formatE4(row.targetE4, goal && goal.unit);
    const t = row.target || {};
    if (t.kind === 'TARGET_KIND_MILESTONE') return t.milestone || 'mijlpaal';
    if (t.kind === 'TARGET_KIND_TRACKED') return 'geen (alleen gevolgd)';
    return row.displayTarget || '';
  }
  function valueText(row, goal) {
    if (row.valueE4 !== undefined) return formatE4(row.valueE4, goal && goal.unit);
    if (row.done !== undefined) return row.done ? 'Gereed' : 'Niet gereed';
    return 'geen waarde';
  }

  function trendChart(goalId, indicator, unit, perYear, year) {
    const years = state.years;
    const pts = years.map((y) => {
      const r = perYear && perYear.get(y);
      return {
        y,
        value: r && r.valueE4 !== undefined ? Number(r.valueE4) : null,
        target: r && r.targetE4 !== undefined ? Number(r.targetE4) : null,
      };
    });
    const numbers = pts.flatMap((p) => [p.value, p.target]).filter((n) => n !== null);
    const descParts = pts.map((p) => p.y + ': waarde ' + (p.value === null ? 'geen' : formatE4(p.value, unit)) +
      ', doel ' + (p.target === null ? 'geen' : formatE4(p.target, unit)));
    const id = 'grafiek-' + goalId;
    const W = 180, H = 56, P = 6;
    const chart = svg('svg', { class: 'trend', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img',
      'aria-labelledby': id + '-t ' + id + '-d' });
    chart.append(svg('title', { id: id + '-t' }, 'Verloop ' + years[0] + '–' + years[years.length - 1] + ': ' + indicator));
    chart.append(svg('desc', { id: id + '-d' }, descParts.join('; ') + '.'));
    chart.append(svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#fafafa', stroke: '#d0d0d0' }));
    if (numbers.length) {
      let lo = Math.min(...numbers), hi = Math.max(...numbers);
      if (lo === hi) { lo -= 1; hi += 1; }
      const x = (i) => P + (years.length === 1 ? (W - 2 * P) / 2 : i * (W - 2 * P) / (years.length - 1));
      const yv = (v) => H - P - (v - lo) * (H - 2 * P) / (hi - lo);
      const line = (key, cls) => {
        let d = '';
        pts.forEach((p, i) => {
          if (p[key] === null) return;
          d += (d && pts[i - 1] && pts[i - 1][key] !== null ? ' L' : ' M') + x(i).toFixed(1) + ' ' + yv(p[key]).toFixed(1);
        });
        if (d) chart.append(svg('path', { d: d.trim(), class: cls }));
      };
      line('target', 'doel');
      line('value', 'waarde');
      pts.forEach((p, i) => {
        if (p.value !== null) {
          chart.append(svg('circle', { cx: x(i), cy: yv(p.value), r: p.y === year ? 4 : 2.5,
            class: p.y === year ? 'punt dit-jaar' : 'punt' }));
        }
      });
    } else {
      chart.append(svg('text', { x: W / 2, y: H / 2 + 4, 'text-anchor': 'middle', 'font-size': 11, fill: '#4a4a4a' },
        'nog geen waarden'));
    }
    const table = el('table', {},
      el('caption', { class: 'skip-caption', text: 'Waarden en doelen per jaar' }),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Jaar' }), el('th', { scope: 'col', text: 'Waarde' }),
        el('th', { scope: 'col', text: 'Doel' }))),
      el('tbody', {}, pts.map((p) => el('tr', {}, el('th', { scope: 'row', text: String(p.y) }),
        el('td', { class: 'getal', text: p.value === null ? '–' : formatE4(p.value, unit) }),
        el('td', { class: 'getal', text: p.target === null ? '–' : formatE4(p.target, unit) })))));
    return el('div', {}, chart, el('details', {}, el('summary', { text: 'Tabel bij grafiek' }), table));
  }

  function renderGoals(rows, series, year) {
    const container = $('thema-s');
    container.replaceChildren();
    if (!rows.length) {
      container.append(el('p', { text: 'Geen doelen met een status voor deze keuze.' }));
      return;
    }
    const themes = new Map();
    for (const r of rows) {
      if (!themes.has(r.theme)) themes.set(r.theme, []);
      themes.get(r.theme).push(r);
    }
    let n = 0;
    for (const [theme, list] of themes) {
      n += 1;
      const headId = 'thema-' + n;
      const table = el('table', { class: 'doelen', 'aria-labelledby': headId },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'Doel' }),
          el('th', { scope: 'col', class: 'getal', text: 'Doel ' + year }),
          el('th', { scope: 'col', class: 'getal', text: 'Waarde nu' }),
          el('th', { scope: 'col', text: 'Status' }),
          el('th', { scope: 'col', text: 'Verloop' }))),
        el('tbody', {}, list.map((r) => {
          const goal = state.goals.get(r.goal);
          const [cls, text] = STATUS[r.status] || ['no_data', 'Geen gegevens'];
          return el('tr', { 'data-goal': r.goal, 'data-status': cls },
            el('td', { class: 'indicator' }, r.indicator, el('span', { class: 'id', text: r.goal })),
            el('td', { class: 'getal doelwaarde', text: targetText(r, goal) }),
            el('td', { class: 'getal waarde' }, valueText(r, goal),
              r.trend && TREND[r.trend] ? el('span', { class: 'id', text: 'trend: ' + TREND[r.trend] }) : null),
            el('td', {}, el('span', { class: 'badge status ' + cls, text: text })),
            el('td', {}, trendChart(r.goal, r.indicator, goal && goal.unit, series.get(r.goal), year)));
        })));
      container.append(el('section', { class: 'thema' }, el('h3', { id: headId, text: theme }), table));
    }
  }

  // ---- signals: children who wait (signals.js) ----------------------------------------------
  const signals = window.SwvSignals({ $, el, api, listAll, orNull, nf0, schoolName, formatEuroCents, state });

  // ---- CSV ---------------------------------------------------------------------------------
  function reportPeriod(year) {
    const now = new Date();
    if (year !== now.getFullYear()) return String(year);
    return year + '-Q' + (Math.floor(now.getMonth() / 3) + 1);
  }
  function csvCell(v) {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function plainE4(e4) {
    if (e4 === undefined || e4 === null) return '';
    return String(Number(e4) / 10000);
  }
  function saveFile(filename, content) {
    const url = URL.createObjectURL(new Blob([content], { type: 'text/csv;charset=utf-8' }));
    const a = el('a', { href: url, download: filename });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
  async function download() {
    const level = $('niveau').value;
    const year = Number($('jaar').value);
    const period = reportPeriod(year);
    try {
      if (level === 'LEVEL_SWV') {
        // The kwartaalrapportage itself (SWV and every wijk), as the API exports it.
        const csv = await api('/reports/' + period + '/export');
        saveFile(csv.filename, csv.content);
        $('status').textContent = 'Kwartaalrapportage ' + period + ' gedownload (' + csv.filename + ').';
        return;
      }
      // Other levels: the same columns, for the shown wijk, bestuur or school.
      const levelId = $('eenheid').value;
      const reply = await api('/goal-statuses', { year, level, levelId });
      const header = 'period,level,level_id,goal,theme,indicator,unit,direction,target_kind,target,value,done,status,trend,previous_value,provenance';
      const lines = [header];
      for (const r of reply.statuses || []) {
        const g = state.goals.get(r.goal) || {};
        const t = r.target || {};
        lines.push([r.period || String(year), (r.level || '').replace('LEVEL_', '').toLowerCase(), r.levelId, r.goal,
          r.theme, r.indicator, (g.unit || '').replace('UNIT_', '').toLowerCase(),
          (g.direction || '').replace('DIRECTION_', '').toLowerCase(), (t.kind || '').replace('TARGET_KIND_', '').toLowerCase(),
          t.kind === 'TARGET_KIND_MILESTONE' ? t.milestone : plainE4(r.targetE4), plainE4(r.valueE4),
          r.done === undefined ? '' : (r.done ? 'yes' : 'no'), (STATUS[r.status] || ['no_data'])[0],
          (r.trend || '').replace('TREND_', '').toLowerCase(), plainE4(r.previousValueE4), r.provenance].map(csvCell).join(','));
      }
      const filename = 'kwartaalrapportage-' + session.swv + '-' + year + '-' +
        level.replace('LEVEL_', '').toLowerCase() + '-' + levelId + '.csv';
      saveFile(filename, lines.join('\r\n') + '\r\n');
      $('status').textContent = 'Overzicht ' + year + ' gedownload (' + filename + ').';
    } catch (e) {
      showError(e);
    }
  }

  // ---- wiring ------------------------------------------------------------------------------
  document.addEventListener('DOMContentLoaded', () => {
    document.body.dataset.state = 'signin';
    $('aanmeldformulier').addEventListener('submit', async (event) => {
      event.preventDefault();
      const swv = $('swv').value, secret = $('sleutel').value;
      if (!swv.trim() || !secret.trim()) {
        $('aanmeldfout').textContent = 'Vul de code van het samenwerkingsverband en uw sleutel in.';
        return;
      }
      $('aanmeldfout').textContent = '';
      try {
        await signIn(swv, secret);
      } catch (e) {
        signOut(e instanceof ApiError && e.status === 401 ? 'Deze sleutel is onbekend, verlopen of ingetrokken.'
          : e instanceof ApiError && e.status === 404 ? 'Dit samenwerkingsverband hoort niet bij deze sleutel.'
            : 'Aanmelden lukte niet: ' + e.message);
        document.body.dataset.state = 'signin';
      }
    });
    $('afmelden').addEventListener('click', () => signOut('U bent afgemeld.'));
    $('niveau').addEventListener('change', () => refresh(true));
    $('eenheid').addEventListener('change', () => refresh(false));
    $('jaar').addEventListener('change', () => refresh(false));
    $('download').addEventListener('click', download);
    $('lijst-sluiten').addEventListener('click', (e) => { e.preventDefault(); $('lijst').hidden = true; });
    const saved = sessionStorage.getItem(STORE_KEY);
    if (saved) {
      const s = JSON.parse(saved);
      $('swv').value = s.swv;
      signIn(s.swv, s.secret).catch(() => signOut('Meld u opnieuw aan.'));
    }
  });
})();
