// Dashboard passend onderwijs, the signals: the children who wait (thuiszitters, potential ones,
// TLV and arrangement applications past their term, waiting lists, escalations), every category of
// absence side by side and the support profiles of the schools, as cards with lists. Loaded before
// dashboard.js, which calls window.SwvSignals with its helpers and gets { load, render }. Plain JS,
// no build step; the API decides what the credential sees.
'use strict';

window.SwvSignals = function ({ $, el, api, listAll, orNull, nf0, schoolName, formatEuroCents, state }) {
  const CATEGORY = {
    THUISZITTER_CATEGORY_RELATIVE_4W_3M: 'Relatief verzuim, 4 weken tot 3 maanden',
    THUISZITTER_CATEGORY_RELATIVE_OVER_3M: 'Relatief verzuim, langer dan 3 maanden',
    THUISZITTER_CATEGORY_ABSOLUTE: 'Absoluut verzuim (niet ingeschreven)',
    THUISZITTER_CATEGORY_POTENTIAL: 'Potentiële thuiszitter (nog geen 4 weken)',
    THUISZITTER_CATEGORY_UNSPECIFIED: 'Onbekend',
  };
  const ESCALATION_LEVEL = {
    ESCALATION_LEVEL_SCHOOL: 'School en bestuur',
    ESCALATION_LEVEL_SWV: 'Samenwerkingsverband',
    ESCALATION_LEVEL_DOORZETTINGSKRACHT: 'Doorzettingskracht',
    ESCALATION_LEVEL_DOORZETTINGSMACHT: 'Doorzettingsmacht',
  };


  const WAITING_KIND = { WAITING_KIND_SO: 'SO', WAITING_KIND_SBO: 'SBO', WAITING_KIND_YOUTH_CARE: 'Jeugdhulp' };
  function schoolsInScope(level, levelId) {
    if (level === 'LEVEL_SWV' || !levelId) return null;  // everything the credential sees
    if (level === 'LEVEL_SCHOOL') return new Set([levelId]);
    const key = level === 'LEVEL_WIJK' ? 'wijk' : 'board';
    return new Set(state.schools.filter((s) => (s[key] || '').toUpperCase() === levelId).map((s) => s.code));
  }

  let signalLists = {};
  async function loadSignals(level, levelId) {
    const scope = schoolsInScope(level, levelId);
    const inScope = (school) => !scope || scope.has((school || '').toUpperCase());
    const year = isoToday().slice(0, 4);
    const [cases, tlvs, arrangements, escalations, register, waiting, overview, plans] = await Promise.all([
      orNull(listAll('/thuiszitters', 'thuiszitters', { status: 'CASE_STATUS_OPEN' }), [403]),
      orNull(listAll('/tlvs', 'tlvs', { overdueOnly: true }), [403]),
      orNull(listAll('/arrangements', 'arrangements'), [403]),
      orNull(listAll('/escalations', 'escalations', { status: 'CASE_STATUS_OPEN' }), [403]),
      // Every category of absence on this day (the office's: tenant-wide counts).
      orNull(api('/register-statistics', { from: isoToday(), to: isoToday() }), [403]),
      orNull(listAll('/waiting-entries', 'entries', { status: 'WAITING_STATUS_WAITING' }), [403]),
      // Every school's support profile of this school year, per wijk (shared SWV data).
      orNull(api('/wijk-support-overview'), [403]),
      // The wijken's yearly plans of this year (the office's, or the wijken of one's schools).
      orNull(listAll('/wijk-plans', 'wijkPlans', { year }), [403]),
    ]);
    // The wijken in view: those of the schools the credential sees, or the one chosen.
    const wijken = level === 'LEVEL_WIJK' && levelId ? [levelId]
      : [...new Set(state.schools.filter((x) => x.wijk && inScope(x.code)).map((x) => x.wijk.toUpperCase()))];
    signalLists = {
      thuiszitters: cases && cases.filter((c) => inScope(c.school)),
      // An escalation of a child without a school is the office's: it shows at SWV level only.
      escalaties: escalations && escalations.filter((e) => (!scope && !e.school) || (e.school && inScope(e.school))),
      wachtlijsten: waiting && waiting.filter((w) => inScope(w.school)),
      jaarplannen: plans && { year, wijken, plans: plans.filter((p) => wijken.includes(p.wijk)) },
      profielen: overview && (overview.wijken || []).flatMap((w) =>
        (w.schools || []).map((s) => Object.assign({ wijk: w.wijk }, s))).filter((s) => inScope(s.school)),
      verzuim: register && !scope && register.groups && register.groups[0] ? register.groups[0].absenceAtEnd || {} : null,
      tlvs: tlvs && tlvs.filter((t) => inScope(t.referringSchool)),
      arrangementen: arrangements && arrangements.filter((a) => a.overdue && inScope(a.school)),
    };
    return signalLists;
  }

  function card(key, title, count, extra, attention) {
    const body = count === null
      ? [el('p', { text: 'Niet beschikbaar voor deze sleutel (alleen het SWV-bureau).' })]
      : [el('p', { class: 'getal', text: nf0.format(count) }), extra,
        count > 0 ? el('a', { href: '#lijst-' + key, 'data-lijst': key, text: 'Bekijk de lijst', onclick: openList }) : null];
    return el('div', { class: 'kaart' + (attention && count > 0 ? ' let-op' : ''), 'data-signaal': key },
      el('h3', { text: title }), ...body);
  }

  function renderSignals(s) {
    const cards = [];
    const open = s.thuiszitters;
    if (open === null) {
      cards.push(card('thuiszitters', 'Thuiszitters (open)', null));
    } else {
      const byCat = new Map();
      for (const c of open) byCat.set(c.category, (byCat.get(c.category) || 0) + 1);
      cards.push(card('thuiszitters', 'Thuiszitters (open)', open.length,
        el('ul', {}, [...byCat].map(([cat, n]) => el('li', { text: (CATEGORY[cat] || cat) + ': ' + nf0.format(n) }))), false));
      cards.push(card('thuiszitters-1m', 'Langer dan 1 maand thuis', open.filter((c) => c.pastOneMonth).length, null, true));
      cards.push(card('thuiszitters-3m', 'Langer dan 3 maanden thuis', open.filter((c) => c.pastThreeMonths).length, null, true));
    }
    cards.push(card('tlvs', 'TLV-aanvragen over de beslistermijn', s.tlvs === null ? null : s.tlvs.length, null, true));
    cards.push(card('arrangementen', 'Arrangementaanvragen over de termijn',
      s.arrangementen === null ? null : s.arrangementen.length, null, true));
    if (s.verzuim) {
      const a = s.verzuim;
      const rows = [['Relatief verzuim, 4 weken tot 3 maanden', a.relative4w3m], ['Relatief verzuim, langer dan 3 maanden', a.relativeOver3m],
        ['Absoluut verzuim', a.absolute], ['Vrijstellingen', a.exemptions], ['Ziek maar leerbaar', a.sickFitForEducation],
        ['Monitorkinderen', a.monitorkinderen], ['Potentiële thuiszitters', a.potential]];
      const total = rows.reduce((n, r) => n + (r[1] || 0), 0);
      const overview = card('verzuim', 'Verzuim in beeld (vandaag)', total,
        el('ul', {}, rows.map(([label, n]) => el('li', { 'data-categorie': label, text: label + ': ' + nf0.format(n || 0) }))), false);
      overview.querySelector('a')?.remove();  // counts only: the lists are on the other cards
      cards.push(overview);
    }
    if (s.wachtlijsten === null) {
      cards.push(card('wachtlijsten', 'Wachtlijsten (nu wachtend)', null));
    } else {
      const byKind = new Map();
      for (const w of s.wachtlijsten) byKind.set(w.kind, (byKind.get(w.kind) || 0) + 1);
      cards.push(card('wachtlijsten', 'Wachtlijsten (nu wachtend)', s.wachtlijsten.length,
        el('ul', {}, Object.keys(WAITING_KIND).map((k) => el('li', { text: WAITING_KIND[k] + ': ' + nf0.format(byKind.get(k) || 0) }))), true));
    }
    if (s.profielen) {
      const withProfile = s.profielen.filter((p) => p.supportLevel > 0);
      const count = (f) => nf0.format(withProfile.filter(f).length);
      const coverage = card('profielen', 'Ondersteuningsprofielen (dit schooljaar)', withProfile.length,
        el('ul', {},
          el('li', { text: 'Zonder profiel: ' + nf0.format(s.profielen.length - withProfile.length) }),
          el('li', { text: 'Niveau 3 of hoger: ' + count((p) => p.supportLevel >= 3) }),
          el('li', { text: 'Niveau 4: ' + count((p) => p.supportLevel >= 4) }),
          el('li', { text: 'Update te laat: ' + count((p) => p.updateOverdue) })), false);
      if (s.profielen.length > 0 && !coverage.querySelector('a')) {
        coverage.append(el('a', { href: '#lijst-profielen', 'data-lijst': 'profielen', text: 'Bekijk de lijst', onclick: openList }));
      }
      cards.push(coverage);
    }
    if (s.jaarplannen && s.jaarplannen.wijken.length > 0) {
      const { year, wijken, plans } = s.jaarplannen;
      cards.push(card('jaarplannen', 'Jaarplannen van de wijken (' + year + ')', plans.length,
        el('ul', {},
          el('li', { text: 'Wijken zonder jaarplan: ' + nf0.format(wijken.length - plans.length) }),
          el('li', { text: 'Op kind-, school- en wijkniveau: ' + nf0.format(plans.filter((p) => p.coversEveryLevel).length) }),
          el('li', { text: 'Afgestemd met de jeugdhulp: ' + nf0.format(plans.filter((p) => p.alignedWithYouthCare).length) })), false));
    }
    if (s.escalaties === null) {
      cards.push(card('escalaties', 'Escalaties (open)', null));
    } else {
      const byLevel = new Map();
      for (const e of s.escalaties) byLevel.set(e.currentLevel, (byLevel.get(e.currentLevel) || 0) + 1);
      cards.push(card('escalaties', 'Escalaties (open)', s.escalaties.length,
        el('ul', {}, [...byLevel].map(([level, n]) => el('li', { text: (ESCALATION_LEVEL[level] || level) + ': ' + nf0.format(n) }))), false));
      cards.push(card('escalaties-termijn', 'Escalaties over de termijn', s.escalaties.filter((e) => e.overdue).length, null, true));
    }
    $('signaalkaarten').replaceChildren(...cards);
    $('lijst').hidden = true;
  }

  const tail = (name) => (name || '').split('/').pop();
  function isoToday() {
    const d = new Date();
    return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'), String(d.getDate()).padStart(2, '0')].join('-');
  }
  function openList(event) {
    event.preventDefault();
    const key = event.currentTarget.dataset.lijst;
    let title, head, rows;
    if (key.startsWith('thuiszitters')) {
      let list = signalLists.thuiszitters || [];
      if (key === 'thuiszitters-1m') list = list.filter((c) => c.pastOneMonth);
      if (key === 'thuiszitters-3m') list = list.filter((c) => c.pastThreeMonths);
      title = { thuiszitters: 'Open thuiszittersdossiers', 'thuiszitters-1m': 'Dossiers langer dan 1 maand',
        'thuiszitters-3m': 'Dossiers langer dan 3 maanden' }[key];
      head = ['Dossier', 'School', 'Categorie', 'Thuis sinds', 'Dagen'];
      rows = list.map((c) => [tail(c.name), schoolName(c.school), CATEGORY[c.category] || c.category,
        c.absenceStart || '', nf0.format(c.daysAbsent || 0)]);
    } else if (key === 'tlvs') {
      title = 'TLV-aanvragen over de beslistermijn';
      head = ['Aanvraag', 'Verwijzende school', 'Beslistermijn', 'Status'];
      rows = (signalLists.tlvs || []).map((t) => [tail(t.name), schoolName(t.referringSchool), t.decisionDeadline || '',
        (t.status || '').replace(/^TLV_STATUS_/, '').toLowerCase()]);
    } else if (key === 'wachtlijsten') {
      title = 'Leerlingen op een wachtlijst';
      head = ['Aanmelding', 'School', 'Wacht op', 'Bij', 'Sinds', 'Dagen'];
      rows = (signalLists.wachtlijsten || []).map((w) => [tail(w.name), schoolName(w.school), WAITING_KIND[w.kind] || w.kind,
        w.receivingSchool ? schoolName(w.receivingSchool) : (w.organisation || ''), w.waitingSince || '', nf0.format(w.daysWaiting || 0)]);
    } else if (key === 'jaarplannen') {
      title = 'Jaarplannen van de wijken';
      head = ['Wijk', 'Vastgesteld op', 'Door', 'Kind-, school- en wijkniveau', 'Afgestemd met jeugdhulp'];
      rows = (signalLists.jaarplannen ? signalLists.jaarplannen.plans : []).map((p) => [p.wijk, p.adoptedOn || '',
        p.adoptedBy || '', p.coversEveryLevel ? 'ja' : 'nee', p.alignedWithYouthCare ? 'ja' : 'nee']);
    } else if (key === 'profielen') {
      title = 'Ondersteuningsprofielen per school';
      head = ['School', 'Wijk', 'Niveau', 'Aanbod', 'Update te laat'];
      rows = (signalLists.profielen || []).map((p) => [schoolName(p.school), p.wijk || '',
        p.supportLevel > 0 ? String(p.supportLevel) : 'geen profiel', (p.offers || []).join(', '), p.updateOverdue ? 'ja' : 'nee']);
    } else if (key.startsWith('escalaties')) {
      let list = signalLists.escalaties || [];
      if (key === 'escalaties-termijn') list = list.filter((e) => e.overdue);
      title = key === 'escalaties' ? 'Open escalaties' : 'Escalaties over de termijn';
      head = ['Escalatie', 'School', 'Niveau', 'Houder', 'Termijn', 'Over de termijn'];
      rows = list.map((e) => {
        const step = (e.steps || [])[(e.steps || []).length - 1] || {};
        const deadline = e.bindingDecision ? e.bindingDecision.placeBy : step.deadline;
        return [tail(e.name), e.school ? schoolName(e.school) : 'geen school', ESCALATION_LEVEL[e.currentLevel] || e.currentLevel,
          step.holder || '', deadline || '', e.overdue ? 'ja' : 'nee'];
      });
    } else {
      title = 'Arrangementaanvragen over de termijn';
      head = ['Aanvraag', 'School', 'Besluit uiterlijk', 'Bedrag'];
      rows = (signalLists.arrangementen || []).map((a) => [tail(a.name), schoolName(a.school), a.decisionDue || '',
        formatEuroCents(a.amountCents)]);
    }
    $('lijst-kop').textContent = title + ' (' + rows.length + ')';
    $('lijst-inhoud').replaceChildren(el('table', {},
      el('thead', {}, el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: c })))))));
    $('lijst').hidden = false;
    $('lijst-kop').focus();
  }

  return { load: loadSignals, render: renderSignals };
};
