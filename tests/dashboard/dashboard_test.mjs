// The dashboard in Debian's chromium (playwright-core, no downloaded browser) against the
// quickstart's demo data. Checks every goal's status against the API's own answer for the same
// query and against demo facts known by hand, that level and year switch what is shown, that a
// board sees only its own board, that nothing is loaded from elsewhere; saves screenshots.
//
//   node dashboard_test.mjs BASE_URL CREDENTIALS_FILE ARTIFACT_DIR PROFILE_DIR
import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import assert from 'node:assert/strict';

const require = createRequire(process.env.SWV_BROWSER_TEST_DIR + '/package.json');
const { chromium } = require('playwright-core');

const [base, credentialsFile, artifacts, profile] = process.argv.slice(2);
const secrets = Object.fromEntries(readFileSync(credentialsFile, 'utf8').trim().split('\n').map((l) => l.split(' ')));
const SWV = 'PO2203';
const YEAR = new Date().getFullYear();
const STATUS = {
  GOAL_STATUS_VALUE_MET: ['met', 'Gehaald'],
  GOAL_STATUS_VALUE_NOT_MET: ['not_met', 'Niet gehaald'],
  GOAL_STATUS_VALUE_NO_DATA: ['no_data', 'Geen gegevens'],
  GOAL_STATUS_VALUE_NO_TARGET: ['no_target', 'Geen doel dit jaar'],
};

async function api(secret, path, params = {}) {
  const url = new URL(`/api/v1/swvs/${SWV}${path}`, base);
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) url.searchParams.set(k, v);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${secret}` } });
  return { status: response.status, body: await response.json().catch(() => null) };
}

let step = '';
const log = (s) => { step = s; console.log('- ' + s); };

// A fresh profile directory (playwright passes it as --user-data-dir); the office and the board
// each get their own tab, and so their own sessionStorage.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.SWV_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1280, height: 900 },
  locale: 'nl-NL',
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
mkdirSync(artifacts, { recursive: true });
const problems = [];

async function newPage() {
  const page = await browser.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) {
      problems.push('request to another origin: ' + r.url());
    }
  });
  // Chromium logs every failed fetch; a 403 is the API saying "not for this credential", which the
  // page probes on purpose (the role; TLV lists are the office's). Anything else is a problem.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 403/.test(m.text())) problems.push('console error: ' + m.text());
  });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  return page;
}

async function renderCount(page) {
  return Number(await page.evaluate(() => document.body.dataset.render || '0'));
}
async function waitRendered(page, after) {
  await page.waitForFunction((n) => document.body.dataset.state === 'ready' && Number(document.body.dataset.render) > n,
    after, { timeout: 60000 });
}
async function signIn(page, role) {
  await page.goto(base + '/dashboard/');
  await page.getByLabel('Samenwerkingsverband (code)').fill(SWV);
  await page.getByLabel('Sleutel').fill(secrets[role]);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await waitRendered(page, 0);
}
// What the page shows: goal id -> [status class, status text].
async function shownStatuses(page) {
  return page.$$eval('tr[data-goal]', (rows) => Object.fromEntries(rows.map((r) =>
    [r.dataset.goal, [r.dataset.status, r.querySelector('.badge').textContent.trim()]])));
}
async function compareWithApi(page, secret, query, label) {
  const reply = await api(secret, '/goal-statuses', query);
  assert.equal(reply.status, 200, `${label}: API ${JSON.stringify(reply.body)}`);
  const shown = await shownStatuses(page);
  const expected = reply.body.statuses.filter((s) => (s.levelId || '') === (query.levelId || ''));
  assert.ok(expected.length > 0, `${label}: the API has goal statuses`);
  assert.deepEqual(Object.keys(shown).sort(), expected.map((s) => s.goal).sort(), `${label}: the same goals`);
  for (const s of expected) assert.deepEqual(shown[s.goal], STATUS[s.status], `${label}: status of ${s.goal}`);
  return shown;
}

try {
  // ---- the office ----------------------------------------------------------------------------
  // The demo reports a score of 7.8; a newer report replaces it (8.0 against the target of 7.5).
  log('office reports a satisfaction score through the API');
  const submitted = await fetch(new URL(`/api/v1/swvs/${SWV}/goals/tevredenheid-tlv-procedure/measurements`, base), {
    method: 'POST',
    headers: { Authorization: `Bearer ${secrets.office}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ period: String(YEAR), level: 'LEVEL_SWV', valueE4: '80000' }),
  });
  assert.equal(submitted.status, 201, await submitted.text());

  log('office signs in');
  const page = await newPage();
  const response = await page.goto(base + '/dashboard/');
  assert.match(response.headers()['content-security-policy'], /default-src 'self'/);
  await signIn(page, 'office');
  assert.equal(await page.locator('html').getAttribute('lang'), 'nl');

  log('every goal of the demo SWV, with the API\'s status (SWV level, this year)');
  const goals = await api(secrets.office, '/goals');
  const swvGoals = goals.body.goals.filter((g) => g.levels.includes('LEVEL_SWV') &&
    g.targets.some((t) => t.year === YEAR)).map((g) => g.name.split('/').pop());
  const shown = await compareWithApi(page, secrets.office, { year: YEAR, level: 'LEVEL_SWV' }, `SWV ${YEAR}`);
  for (const id of swvGoals) assert.ok(shown[id], `goal ${id} is shown`);
  console.log(`  ${Object.keys(shown).length} goals shown; statuses: ` +
    JSON.stringify(Object.values(shown).reduce((a, [c]) => ({ ...a, [c]: (a[c] || 0) + 1 }), {})));

  log('no goal of the demo SWV says "geen gegevens"');
  // The demo (tools/demo/generate-demo.awk) fills every goal: the computed ones through its
  // registrations and allocation data, the reported ones through measurements.
  const statuses = await api(secrets.office, '/goal-statuses', { year: YEAR, level: 'LEVEL_SWV' });
  const noData = statuses.body.statuses.filter((s) => s.status === 'GOAL_STATUS_VALUE_NO_DATA')
    .map((s) => `${s.goal} (${s.provenance})`);
  assert.deepEqual(noData, [], 'goals without data in the demo');
  const emptyRows = await page.$$eval('tr[data-goal]', (rows) => rows.filter((r) =>
    /geen gegevens|geen waarde/i.test(r.textContent) || r.dataset.status === 'no_data').map((r) => r.dataset.goal));
  assert.deepEqual(emptyRows, [], 'rows that say "geen gegevens" or "geen waarde"');

  log('demo facts known by hand');
  const row = (id) => page.locator(`tr[data-goal="${id}"]`);
  // The reported score: met, in Dutch notation.
  assert.deepEqual(shown['tevredenheid-tlv-procedure'], ['met', 'Gehaald']);
  assert.match(await row('tevredenheid-tlv-procedure').locator('td.waarde').textContent(), /^8,0/);
  assert.equal(await row('tevredenheid-tlv-procedure').locator('td.doelwaarde').textContent(), '7,5');
  // Computed from the demo's waiting entries: two pupils on the SO waiting list, target exactly 0.
  assert.deepEqual(shown['wachtlijst-so'], ['not_met', 'Niet gehaald']);
  assert.match(await row('wachtlijst-so').locator('td.waarde').textContent(), /^2(\D|$)/);
  // Average duration is tracked (no target), with a value in days.
  assert.deepEqual(shown['thuiszitters-gemiddelde-duur'], ['no_target', 'Geen doel dit jaar']);
  assert.match(await row('thuiszitters-gemiddelde-duur').locator('td.waarde').textContent(), /^\d+,\d dagen/);
  // Seven of the eight boards sent last year's spending account before 1 February: 87,5%.
  assert.deepEqual(shown['verantwoording-voor-1-februari'], ['not_met', 'Niet gehaald']);
  assert.match(await row('verantwoording-voor-1-februari').locator('td.waarde').textContent(), /^87,5%/);
  assert.equal(await row('verantwoording-voor-1-februari').locator('td.doelwaarde').textContent(), '100,0%');
  // The demo has open thuiszitter cases past three months: "nobody more than 3 months at home" is not met.
  const open = await api(secrets.office, '/thuiszitters', { status: 'CASE_STATUS_OPEN', pageSize: 500 });
  const past3 = open.body.thuiszitters.filter((c) => c.pastThreeMonths).length;
  assert.deepEqual(shown['thuiszitters-langer-dan-3-maanden'], past3 > 0 ? ['not_met', 'Niet gehaald'] : ['met', 'Gehaald']);
  // Dutch numbers and labels.
  const cells = await page.$$eval('td.doelwaarde, td.waarde', (tds) => tds.map((t) => t.textContent));
  assert.ok(cells.some((c) => /^\d{1,3}(\.\d{3})*,\d%/.test(c)), 'a percentage in Dutch notation (75,0%): ' + cells.slice(0, 6));
  assert.ok(!cells.some((c) => /\d\.\d%/.test(c)), 'no English decimal point in percentages');
  // Signals: the open cases, without pupil numbers.
  const cardText = await page.locator('[data-signaal="thuiszitters"] .getal').textContent();
  assert.equal(cardText, String(open.body.thuiszitters.length), 'open thuiszitters on the card');
  assert.equal(await page.locator('[data-signaal="thuiszitters-3m"] .getal').textContent(), String(past3));
  await page.locator('[data-signaal="thuiszitters"] a').click();
  const listText = await page.locator('#lijst').textContent();
  for (const c of open.body.thuiszitters) assert.ok(!listText.includes(c.lvsPupilNumber), 'no pupil numbers in the list');
  // The potential thuiszitter (not yet 4 weeks) has its own line on the card.
  const potential = open.body.thuiszitters.filter((c) => c.category === 'THUISZITTER_CATEGORY_POTENTIAL').length;
  assert.ok(potential > 0, 'the demo has a potential thuiszitter');
  assert.match(await page.locator('[data-signaal="thuiszitters"]').textContent(),
    new RegExp('Potentiële thuiszitter \\(nog geen 4 weken\\): ' + potential));
  // Every category of absence side by side, as the register counts them today.
  const today = new Date().toISOString().slice(0, 10);
  const register = await api(secrets.office, '/register-statistics', { from: today, to: today });
  const absence = register.body.groups[0].absenceAtEnd;
  const verzuim = await page.locator('[data-signaal="verzuim"]').textContent();
  for (const [label, n] of [['Monitorkinderen', absence.monitorkinderen], ['Vrijstellingen', absence.exemptions],
    ['Potentiële thuiszitters', absence.potential], ['Absoluut verzuim', absence.absolute]]) {
    assert.ok(verzuim.includes(label + ': ' + (n || 0)), `${label}: ${n} in "${verzuim}"`);
  }
  assert.ok((absence.exemptions || 0) > 0 && (absence.monitorkinderen || 0) > 0, 'the demo has exemptions and monitorkinderen');
  // Waiting lists: the pupils waiting now, by what they wait for (SO, SBO, youth care).
  const waiting = (await api(secrets.office, '/waiting-entries', { status: 'WAITING_STATUS_WAITING', pageSize: 500 })).body.entries;
  assert.ok(waiting.length > 0, 'the demo has pupils waiting');
  assert.equal(await page.locator('[data-signaal="wachtlijsten"] .getal').textContent(), String(waiting.length));
  const so = waiting.filter((w) => w.kind === 'WAITING_KIND_SO').length;
  assert.match(await page.locator('[data-signaal="wachtlijsten"]').textContent(), new RegExp('SO: ' + so));
  // Support profiles (SOP) of this school year: coverage, levels and overdue updates per school.
  const overview = (await api(secrets.office, '/wijk-support-overview')).body;
  const profiles = overview.wijken.flatMap((w) => w.schools || []);
  const withProfile = profiles.filter((p) => p.supportLevel > 0);
  assert.ok(withProfile.length > 0, 'the demo has support profiles');
  assert.equal(await page.locator('[data-signaal="profielen"] .getal').textContent(), String(withProfile.length));
  const profileCard = await page.locator('[data-signaal="profielen"]').textContent();
  assert.ok(profileCard.includes('Niveau 3 of hoger: ' + withProfile.filter((p) => p.supportLevel >= 3).length), profileCard);
  assert.ok(profileCard.includes('Update te laat: ' + withProfile.filter((p) => p.updateOverdue).length), profileCard);
  await page.locator('[data-signaal="profielen"] a').click();
  assert.match(await page.locator('#lijst-kop').textContent(), /Ondersteuningsprofielen per school \(\d+\)/);
  // The wijken's yearly plans of this year: how many wijken have one.
  const plans = (await api(secrets.office, '/wijk-plans', { year: YEAR, pageSize: 500 })).body.wijkPlans || [];
  assert.ok(plans.length > 0, 'the demo has yearly plans');
  assert.equal(await page.locator('[data-signaal="jaarplannen"] .getal').textContent(), String(plans.length));
  assert.match(await page.locator('[data-signaal="jaarplannen"]').textContent(), /Wijken zonder jaarplan: 1/);
  // Escalations up to doorzettingsmacht: the open ones, the overdue ones apart, and their list.
  const escalations = await api(secrets.office, '/escalations', { status: 'CASE_STATUS_OPEN', pageSize: 500 });
  const openEsc = escalations.body.escalations;
  assert.ok(openEsc.length > 0, 'the demo has open escalations');
  assert.equal(await page.locator('[data-signaal="escalaties"] .getal').textContent(), String(openEsc.length));
  assert.equal(await page.locator('[data-signaal="escalaties-termijn"] .getal').textContent(),
    String(openEsc.filter((e) => e.overdue).length));
  await page.locator('[data-signaal="escalaties"] a').click();
  const escText = await page.locator('#lijst').textContent();
  assert.match(escText, /Doorzettingsmacht/);
  for (const e of openEsc) assert.ok(!e.lvsPupilNumber || !escText.includes(e.lvsPupilNumber), 'no pupil numbers');
  // Charts have text alternatives.
  assert.ok(await page.locator('svg.trend title').count() >= Object.keys(shown).length);
  await page.screenshot({ path: `${artifacts}/dashboard.png`, fullPage: true });

  log('switching the year changes what is shown');
  const nextYear = YEAR + 1;
  let before = await renderCount(page);
  await page.getByLabel('Jaar', { exact: true }).selectOption(String(nextYear));
  await waitRendered(page, before);
  assert.equal(await page.locator('#doelen').getAttribute('data-year'), String(nextYear));
  assert.ok(await page.getByRole('columnheader', { name: `Doel ${nextYear}` }).first().isVisible());
  await compareWithApi(page, secrets.office, { year: nextYear, level: 'LEVEL_SWV' }, `SWV ${nextYear}`);
  before = await renderCount(page);
  await page.getByLabel('Jaar', { exact: true }).selectOption(String(YEAR));
  await waitRendered(page, before);

  log('switching the level changes what is shown');
  before = await renderCount(page);
  await page.getByLabel('Niveau').selectOption('LEVEL_BOARD');
  await waitRendered(page, before);
  let levelId = await page.getByLabel('Wijk, bestuur of school').inputValue();
  assert.equal(await page.locator('#doelen').getAttribute('data-level'), 'LEVEL_BOARD');
  const boardShown = await compareWithApi(page, secrets.office, { year: YEAR, level: 'LEVEL_BOARD', levelId }, `board ${levelId}`);
  assert.ok(!boardShown['opdc-verlengingen'], 'an SWV-only goal is not shown at board level');
  before = await renderCount(page);
  await page.getByLabel('Niveau').selectOption('LEVEL_WIJK');
  await waitRendered(page, before);
  levelId = await page.getByLabel('Wijk, bestuur of school').inputValue();
  await compareWithApi(page, secrets.office, { year: YEAR, level: 'LEVEL_WIJK', levelId }, `wijk ${levelId}`);

  log('the CSV download of the kwartaalrapportage');
  before = await renderCount(page);
  await page.getByLabel('Niveau').selectOption('LEVEL_SWV');
  await waitRendered(page, before);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download/ }).click()]);
  assert.match(download.suggestedFilename(), /^kwartaalrapportage-PO2203-\d{4}(-Q\d)?\.csv$/);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.ok(csv.startsWith('period,level,level_id,goal,'), 'CSV header');

  // ---- a board -------------------------------------------------------------------------------
  log('a board sees only its own board');
  const directory = await api(secrets.office, '/schools', { pageSize: 1000 });
  const ownSchools = directory.body.schools.filter((x) => x.board === '41234').map((x) => x.code);
  assert.ok(ownSchools.includes('21AB00') && !ownSchools.includes('22CD01'), 'schools of board 41234: ' + ownSchools);
  const boardPage = await newPage();
  await signIn(boardPage, 'board');
  const levels = await boardPage.getByLabel('Niveau').locator('option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(levels, ['LEVEL_BOARD', 'LEVEL_WIJK', 'LEVEL_SCHOOL']);
  const boardIds = await boardPage.getByLabel('Wijk, bestuur of school').locator('option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(boardIds, ['41234']);
  await compareWithApi(boardPage, secrets.board, { year: YEAR, level: 'LEVEL_BOARD', levelId: '41234' }, 'own board');
  // The API refuses the other board's and the SWV's figures to this credential.
  assert.equal((await api(secrets.board, '/goal-statuses', { year: YEAR, level: 'LEVEL_BOARD', levelId: '41235' })).status, 404);
  assert.equal((await api(secrets.board, '/goal-statuses', { year: YEAR, level: 'LEVEL_SWV' })).status, 403);
  const allBoards = await api(secrets.board, '/goal-statuses', { year: YEAR, level: 'LEVEL_SCHOOL' });
  assert.ok(allBoards.body.statuses.every((s) => ownSchools.includes(s.levelId)), 'only its own schools');
  const boardText = await boardPage.locator('main').textContent();
  for (const other of ['41235', '22CD01', '25JK00']) assert.ok(!boardText.includes(other), `board page shows ${other}`);
  before = await renderCount(boardPage);
  await boardPage.getByLabel('Niveau').selectOption('LEVEL_SCHOOL');
  await waitRendered(boardPage, before);
  const schoolIds = await boardPage.getByLabel('Wijk, bestuur of school').locator('option').evaluateAll((o) => o.map((x) => x.value));
  assert.ok(schoolIds.length > 0 && schoolIds.every((id) => ownSchools.includes(id)), 'schools: ' + schoolIds);
  // Wijk steering: the board reads the wijken its schools are in, and no other.
  log('a board sees the wijken of its schools');
  const ownWijken = [...new Set(directory.body.schools.filter((x) => x.board === '41234' && x.wijk)
    .map((x) => x.wijk))].sort();
  assert.ok(ownWijken.length > 0, 'board 41234 has schools in a wijk');
  before = await renderCount(boardPage);
  await boardPage.getByLabel('Niveau').selectOption('LEVEL_WIJK');
  await waitRendered(boardPage, before);
  const wijkIds = await boardPage.getByLabel('Wijk, bestuur of school').locator('option').evaluateAll((o) => o.map((x) => x.value));
  assert.deepEqual(wijkIds, ownWijken);
  await compareWithApi(boardPage, secrets.board, { year: YEAR, level: 'LEVEL_WIJK', levelId: wijkIds[0] }, `own wijk ${wijkIds[0]}`);
  const otherWijk = directory.body.schools.map((x) => x.wijk).find((w) => w && !ownWijken.includes(w));
  if (otherWijk) {
    assert.equal((await api(secrets.board, '/goal-statuses', { year: YEAR, level: 'LEVEL_WIJK', levelId: otherWijk })).status, 404);
  }
  await boardPage.screenshot({ path: `${artifacts}/dashboard-board.png`, fullPage: true });

  assert.deepEqual(problems, [], 'no console errors, no requests elsewhere');
  console.log('dashboard_test.mjs: ok');
} catch (e) {
  console.error(`FAILED at "${step}": ${e.stack || e}`);
  if (problems.length) console.error(problems.join('\n'));
  process.exitCode = 1;
} finally {
  await browser.close();
}
