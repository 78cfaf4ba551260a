// Drives the admin dashboard in headless Chromium (the system's /usr/bin/chromium through
// playwright-core; no browser download). Run by DashboardIT, which prepares the data and passes it
// in the environment; also runnable by hand against any Gangway:
//
//   GANGWAY_URL=http://127.0.0.1:8080 GANGWAY_ADMIN_TOKEN=… DIRECTORY_ID=… DIRECTORY_TOKEN=… \
//   COMPANY_KEY=… PROJECT_KEY=… GROUP_NAME=… USER_ID=… USER_NAME=… node dashboard.test.mjs
//
// During the run it provisions a burst of users and sends one malformed request with the directory
// token, and checks that the open directory page shows both within seconds, without a reload.
// Prints one line per step and "N passed, N failed"; exits non-zero on any failure. Never prints
// a token.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, stepRunner } from './harness.mjs';
import { mkdtempSync, mkdirSync, rmSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') { console.error(`dashboard test: set ${name}`); process.exit(2); }
  return v;
};
const BASE = env('GANGWAY_URL').replace(/\/$/, '');
const ADMIN_TOKEN = env('GANGWAY_ADMIN_TOKEN');
const DIRECTORY_ID = env('DIRECTORY_ID');
const DIRECTORY_TOKEN = env('DIRECTORY_TOKEN');
const COMPANY_KEY = env('COMPANY_KEY');
const PROJECT_KEY = env('PROJECT_KEY');
const GROUP_NAME = env('GROUP_NAME');
const USER_ID = env('USER_ID');
const USER_NAME = env('USER_NAME');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const SHOTS = resolve(env('SCREENSHOT_DIR', join(here, '../../../target/screenshots')));
const BURST = Number(env('BURST_USERS', '20'));
/** The dashboard polls every 2.5 s; the issue asks for "within seconds". */
const FRESH_WITHIN_MS = 10_000;
const SECRETS = [ADMIN_TOKEN, DIRECTORY_TOKEN];
const WRONG_TOKEN = 'not-the-admin-token';

const started = Date.now();
const results = [];
const notes = [];
const problems = []; // things seen by listeners: token leaks, page errors

if (!existsSync(CHROMIUM)) {
  console.error(`dashboard test: no Chromium at ${CHROMIUM}. Install it: apt-get update && apt-get install -y chromium`);
  process.exit(2);
}
mkdirSync(SHOTS, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'gangway-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 860 },
  acceptDownloads: true,
});
context.setDefaultTimeout(10_000);
const page = context.pages()[0] || await context.newPage();

const leaks = (text) => SECRETS.some((s) => text && text.includes(s));
page.on('request', (r) => {
  if (leaks(r.url())) problems.push(`a token appeared in a request URL: ${r.method()} ${redact(r.url())}`);
  if (r.url().startsWith(BASE + '/admin/api/')) {
    const auth = r.headers().authorization || '';
    if (auth && auth !== 'Bearer ' + ADMIN_TOKEN && auth !== 'Bearer ' + WRONG_TOKEN) problems.push(`unexpected Authorization on ${r.url()}`);
  }
});
page.on('console', (m) => {
  if (leaks(m.text())) problems.push('a token appeared in the browser console');
  // 4xx answers are expected: forms show the server's refusal (401, 404, 400, 409) next to the field.
  if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push('console error: ' + redact(m.text()));
});
page.on('pageerror', (e) => problems.push('uncaught page error: ' + redact(e.message)));

function redact(text) {
  let out = String(text);
  for (const s of SECRETS) out = out.split(s).join('‹token›');
  return out;
}

const step = stepRunner({
  results,
  redact,
  onFailure: async (name) => {
    const file = join(SHOTS, 'failure-' + name.replace(/[^a-z0-9]+/gi, '-').toLowerCase() + '.png');
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    // A confirmation left open would block the next steps: cancel it.
    if (await page.locator('dialog.confirm[open]').count().catch(() => 0)) await page.keyboard.press('Escape').catch(() => {});
  },
});

function check(condition, message) { if (!condition) throw new Error(message); }

async function shot(name) {
  // A directory token shown once is masked: screenshots are build artifacts.
  await page.screenshot({ path: join(SHOTS, name + '.png'), fullPage: true, mask: [page.locator('#new-directory-token')] });
}

async function text(selector) { return (await page.locator(selector).first().innerText()).trim(); }

/** Every form control on the page has a label a screen reader can read. */
async function checkLabels() {
  const unlabeled = await page.evaluate(() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter((el) => el.offsetParent !== null)
    .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
    .map((el) => el.id || el.name || el.outerHTML.slice(0, 60)));
  check(unlabeled.length === 0, 'controls without a label: ' + unlabeled.join(', '));
}

async function go(hash, heading) {
  await page.click(`#nav a[href="${hash}"]`);
  await page.waitForFunction((h) => location.hash === h, hash);
  if (heading) await page.locator('h1', { hasText: heading }).first().waitFor();
}

async function scim(method, path, body, contentType = 'application/scim+json') {
  const r = await fetch(BASE + '/scim/v2' + path, {
    method,
    headers: { Authorization: 'Bearer ' + DIRECTORY_TOKEN, 'Content-Type': contentType, Accept: 'application/scim+json' },
    body,
  });
  await r.arrayBuffer();
  return r.status;
}

/** The admin API as a test checks it: status and parsed body. */
async function adminApi(method, path, body) {
  const r = await fetch(BASE + '/admin/api' + path, {
    method,
    headers: { Authorization: 'Bearer ' + ADMIN_TOKEN, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await r.text();
  let json = null;
  try { json = raw ? JSON.parse(raw) : null; } catch { json = raw; }
  return { status: r.status, body: json };
}

async function scimAs(token, method, path, body) {
  const r = await fetch(BASE + '/scim/v2' + path, {
    method,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/scim+json', Accept: 'application/scim+json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await r.text();
  return { status: r.status, body: raw ? JSON.parse(raw) : null };
}

async function newUser(userName, extra = {}) {
  const r = await scimAs(DIRECTORY_TOKEN, 'POST', '/Users', Object.assign({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true }, extra));
  check(r.status === 201, `creating ${userName} answered ${r.status}`);
  return r.body.id;
}

/** The roles a user holds in a project, from the admin API. */
async function rolesOf(userId, project) {
  const a = await adminApi('GET', `/users/${encodeURIComponent(userId)}/access`);
  check(a.status === 200, 'access of ' + userId + ' answered ' + a.status);
  return ((a.body.entries || []).find((e) => e.project === project)?.roles || []).map((r) => r.role);
}

/** The open confirmation dialog: it names the change, and Cancel (the safe choice) has focus. */
async function confirmation(mustSay) {
  const dialog = page.locator('dialog.confirm[open]');
  await dialog.waitFor();
  const said = await dialog.innerText();
  check(mustSay.test(said), `the confirmation does not say ${mustSay}: ${said}`);
  check(await page.evaluate(() => document.activeElement.id) === 'confirm-cancel', 'the confirmation does not focus Cancel');
  return dialog;
}

/** No element and no control value holds the secret. */
async function notInPage(secret) {
  return page.evaluate((t) => !document.documentElement.outerHTML.includes(t)
    && ![...document.querySelectorAll('input, textarea')].some((el) => el.value.includes(t)), secret);
}

async function fieldError(id, pattern) {
  await page.locator(`#${id}-error`, { hasText: pattern }).waitFor();
  check(await page.evaluate((f) => document.getElementById(f).getAttribute('aria-invalid') === 'true', id), `#${id} is not marked invalid`);
}

const T = Date.now().toString(36);
/** Priorities of this run's two rules: next to each other, and unlike any other test's. */
const P = 100_000 + Math.floor(Math.random() * 800_000);
const story = {
  company: 'acme-' + T, companyName: 'Acme ' + T, domain: `acme-${T}.example`,
  project: 'STORY-' + T.toUpperCase(), projectName: 'Story ' + T, pool: 'seats-' + T, role: 'vendor-agents',
  dir: null,
};

// --- the pages ------------------------------------------------------------------------------

await step('sign-in page is shown to a visitor without a token', async () => {
  await page.goto(BASE + '/admin/');
  await page.locator('#sign-in h1').waitFor();
  check(await page.locator('#nav').isHidden(), 'navigation is visible before sign-in');
  await checkLabels();
  await shot('01-sign-in');
  check(await page.evaluate(() => document.activeElement.id) === 'token', 'the token field is not focused');
  await page.keyboard.press('Shift+Tab');
  check((await page.evaluate(() => document.activeElement.textContent)) === 'Skip to content', 'the skip link is not the first stop');
});

await step('a wrong token is refused with a message', async () => {
  await page.fill('#token', WRONG_TOKEN);
  await page.press('#token', 'Enter');
  await page.locator('#sign-in-error', { hasText: 'not accepted' }).waitFor();
  check(await page.evaluate(() => sessionStorage.length === 0), 'a refused token was stored');
});

await step('signing in keeps the token in sessionStorage only, never in the URL', async () => {
  await page.fill('#token', ADMIN_TOKEN);
  await page.click('#sign-in-form button[type=submit]');
  await page.locator('h1', { hasText: 'Directories' }).waitFor();
  const storage = await page.evaluate(() => ({
    session: Object.values(sessionStorage), local: localStorage.length, cookie: document.cookie,
  }));
  check(storage.session.includes(ADMIN_TOKEN), 'token not in sessionStorage');
  check(storage.local === 0 && storage.cookie === '', 'something was written to localStorage or cookies');
  check(!leaks(page.url()), 'token in the page URL');
  check(await page.locator('#token').inputValue() === '', 'the token field still holds the token');
});

await step('directories list shows the directory with its health', async () => {
  const row = page.locator('#directories-table tr', { hasText: process.env.DIRECTORY_NAME || '' })
    .filter({ has: page.locator(`a[href="#/directories/${DIRECTORY_ID}"]`) });
  await row.waitFor();
  await checkLabels();
  // Keyboard: from the skip link, Tab walks the navigation to sign-out.
  await page.focus('.skip-link');
  const reached = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement.textContent.trim()));
  }
  for (const want of ['Directories', 'Companies', 'Mapping rules', 'Projects', 'Users and access', 'Audit log', 'Exports', 'Sign out']) {
    check(reached.includes(want), `Tab does not reach "${want}" (reached: ${reached.join(' | ')})`);
  }
  await shot('02-directories');
});

let statusAvailable = true;
await step('directory page shows health, counts and errors', async () => {
  await page.click(`#directories-table a[href="#/directories/${DIRECTORY_ID}"]`);
  await page.locator('#health-title, .notice-info').first().waitFor();
  if (await page.locator('#count-users').count() === 0) {
    statusAvailable = false;
    throw new Error('the directory page has no sync status: GET /admin/api/directories/{id}/status is missing on this server');
  }
  check(await page.locator('#recent-errors, #errors-title + .empty').count() > 0, 'no recent errors section');
});

await step(`a burst of ${BURST} users and a malformed request show up within ${FRESH_WITHIN_MS / 1000} s, without reload`, async () => {
  check(statusAvailable, 'no sync status on this server');
  const before = Number((await text('#count-users')).replace(/\D/g, ''));
  const errorsBefore = Number((await text('#count-errors')).replace(/\D/g, ''));
  await page.evaluate(() => { window.__notReloaded = true; });
  const tag = Date.now().toString(36);
  const creates = Array.from({ length: BURST }, (_, i) => JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: `burst-${tag}-${i}@burst.example`, displayName: `Burst ${i}`, active: true,
  }));
  const statuses = [];
  for (let i = 0; i < creates.length; i += 5) {
    statuses.push(...await Promise.all(creates.slice(i, i + 5).map((b) => scim('POST', '/Users', b))));
  }
  check(statuses.every((s) => s === 201), 'burst creates answered ' + [...new Set(statuses)].join(','));
  const malformed = await scim('POST', '/Users', '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": ');
  check(malformed === 400, 'the malformed request answered ' + malformed + ', not 400');
  const sent = Date.now();

  await page.waitForFunction((want) => {
    const el = document.getElementById('count-users');
    return el && Number(el.textContent.replace(/\D/g, '')) === want;
  }, before + BURST, { timeout: FRESH_WITHIN_MS });
  const countsAfter = Date.now() - sent;
  await page.waitForFunction((errs) => {
    const el = document.getElementById('count-errors');
    const table = document.getElementById('recent-errors');
    return el && Number(el.textContent.replace(/\D/g, '')) > errs && table && /400/.test(table.textContent);
  }, errorsBefore, { timeout: FRESH_WITHIN_MS });
  const errorAfter = Date.now() - sent;
  check(await page.evaluate(() => window.__notReloaded === true), 'the page was reloaded');
  const row = (await text('#recent-errors tbody tr')).replace(/\s+/g, ' ');
  check(/POST/.test(row) && /Users/.test(row) && /400/.test(row), 'newest error row is not the malformed POST: ' + row);
  notes.push(`burst of ${BURST} users visible after ${countsAfter} ms, the error after ${errorAfter} ms`);
  await shot('03-directory-after-burst');
});

await step('companies list shows member counts; a company shows its members and why', async () => {
  await go('#/companies', 'Companies');
  const link = page.locator(`#companies-table a[href="#/companies/${encodeURIComponent(COMPANY_KEY)}"]`);
  await link.waitFor();
  const row = await page.locator('#companies-table tr').filter({ has: page.locator(`a[href="#/companies/${encodeURIComponent(COMPANY_KEY)}"]`) }).innerText();
  check(/\b[1-9]\d*\b/.test(row.split('\t').slice(-2).join(' ')), 'no member count in the company row: ' + row);
  await page.locator('#mapping-issues').waitFor();
  await shot('04-companies');
  await link.click();
  await page.locator('#company-members').waitFor();
  check((await text('#company-members')).includes(USER_NAME), 'company members do not list ' + USER_NAME);
  await shot('05-company');
});

await step('project shows its bindings and effective access with provenance', async () => {
  await go('#/projects', 'Projects');
  await page.click(`#projects-table a[href="#/projects/${encodeURIComponent(PROJECT_KEY)}"]`);
  await page.locator('#project-bindings').waitFor();
  const bindings = await text('#project-bindings');
  check(bindings.includes(GROUP_NAME), 'bindings do not show group ' + GROUP_NAME);
  check(bindings.includes(COMPANY_KEY), 'bindings do not show company ' + COMPANY_KEY);
  const access = await text('#project-access');
  check(access.includes(USER_NAME), 'effective access does not list ' + USER_NAME);
  check(access.includes('via group') && access.includes('via company'), 'effective access does not say via what');
  await shot('06-project');
});

await step('"why does X have access to Y": search the user, pick the project, read the paths', async () => {
  await go('#/users', 'Users and access');
  await checkLabels();
  await page.fill('#user-search', USER_NAME);
  await page.press('#user-search', 'Enter');
  await page.locator('#user-results table, #user-results .empty, #user-results .notice').first().waitFor();
  if (await page.locator('#user-results .notice-info').count()) {
    notes.push('user search (GET /admin/api/users?search=) is not on this server: the page says so and offers lookup by id');
    await page.fill('#user-id', USER_ID);
    await page.press('#user-id', 'Enter');
  } else {
    const link = page.locator('#user-results-table a', { hasText: USER_NAME });
    await link.waitFor();
    await shot('07-user-search');
    await link.click();
  }
  await page.locator('#why-project').waitFor();
  await page.focus('#why-project');
  await page.selectOption('#why-project', PROJECT_KEY);
  await page.locator('#why-answer', { hasText: 'has access to ' + PROJECT_KEY }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'why-project', 'choosing a project moved the keyboard focus away');
  check(page.url().endsWith('?project=' + encodeURIComponent(PROJECT_KEY)), 'the address does not keep the chosen project');
  const why = await text('#why-answer');
  check(why.includes('via group ' + GROUP_NAME), 'the answer does not name the group: ' + why);
  check(why.includes('via company ' + COMPANY_KEY), 'the answer does not name the company: ' + why);
  await page.locator('#user-events, #access-history .empty').first().waitFor();
  await checkLabels();
  await shot('08-user-why');
});

await step('exports download through fetch with the bearer header; the audit log verifies', async () => {
  await go('#/exports', 'Exports');
  await checkLabels();
  const downloading = page.waitForEvent('download', { timeout: 10_000 }).catch(() => null);
  await page.click('form[data-export="access"] button[type=submit]');
  const result = page.locator('#access-result');
  await result.locator('text=/Downloaded|Not available|Could not/').first().waitFor();
  if (await result.locator('.notice-info').count()) {
    notes.push('exports are not on this server: the page says so');
  } else {
    const download = await downloading;
    check(download, 'no download started: ' + await result.innerText());
    const csv = readFileSync(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    check(lines.length >= 2, 'the access export has no data rows');
    check(csv.includes(USER_NAME), 'the access export does not list ' + USER_NAME);
  }
  await page.click('#verify-audit');
  await page.locator('#verify-result').locator('text=/Intact|Broken|Not available|Could not/').first().waitFor();
  const verify = await text('#verify-result');
  if (/Not available/.test(verify)) notes.push('audit verify is not on this server: the page says so');
  else check(/Intact/.test(verify), 'audit log did not verify: ' + verify);
  await shot('09-exports');
});

await step('creating a directory shows its token once', async () => {
  await go('#/directories', 'Directories');
  const name = 'dash-' + Date.now().toString(36);
  await page.fill('#new-directory-name', name);
  await page.selectOption('#new-directory-idp', 'entra');
  await page.click('form[aria-labelledby=new-directory-title] button[type=submit]');
  const token = await page.locator('#new-directory-token').inputValue();
  check(/^gwd_/.test(token), 'no directory token shown');
  SECRETS.push(token);
  const setup = await text('#idp-setup');
  check(setup.includes('Tenant URL') && setup.includes(BASE + '/scim/v2'), 'no Entra setup values next to the token: ' + setup);
  await page.locator('#directories-table a', { hasText: name }).waitFor({ timeout: 3000 });
  await shot('10-directory-created');
  const href = await page.locator('#directories-table a', { hasText: name }).getAttribute('href');
  story.dir = { id: href.split('/').pop(), name, token };
  await page.click('text=I have stored it');
  check(await page.locator('#new-directory-token').count() === 0, 'the token stays on the page');
  check(await notInPage(token), 'the token is still somewhere in the page after dismissal');
});

await step('directory: rename (checked before sending, refusal next to the field), rotate the token after a confirmation, disable and enable', async () => {
  check(story.dir, 'no directory was created');
  const { id } = story.dir;
  await page.click(`#directories-table a[href="#/directories/${id}"]`);
  await page.locator('#rename-form').waitFor();
  await checkLabels();
  check(await page.locator('#directory-guard').count() === 1, 'no place for the guard on the directory page');

  await page.fill('#directory-name', '');
  await page.click('#rename-form button[type=submit]');
  await fieldError('directory-name', 'Enter a name');
  check(await page.evaluate(() => document.activeElement.id) === 'directory-name', 'focus is not on the invalid field');
  if (process.env.DIRECTORY_NAME) {
    await page.fill('#directory-name', process.env.DIRECTORY_NAME);
    await page.click('#rename-form button[type=submit]');
    await fieldError('directory-name', 'exists already');
    check((await adminApi('GET', `/directories/${id}`)).body.name === story.dir.name, 'a refused rename changed the name');
  }
  const renamed = story.dir.name + '-renamed';
  await page.fill('#directory-name', renamed);
  await page.click('#rename-form button[type=submit]');
  await page.locator('h1', { hasText: renamed }).waitFor();
  check((await adminApi('GET', `/directories/${id}`)).body.name === renamed, 'the API does not show the new name');
  story.dir.name = renamed;

  await page.click('#rotate-token');
  await confirmation(/stops working/);
  await shot('11-confirm-rotate');
  await page.click('#confirm-ok');
  await page.waitForFunction(() => /^gwd_/.test(document.getElementById('new-directory-token')?.value || ''));
  const fresh = await page.locator('#new-directory-token').inputValue();
  SECRETS.push(fresh);
  check(fresh !== story.dir.token, 'rotation showed the old token');
  check((await text('#idp-setup')).includes('Tenant URL'), 'no setup values next to the new token');
  check((await scimAs(story.dir.token, 'GET', '/Users?count=1')).status === 401, 'the old token still works after rotation');
  check((await scimAs(fresh, 'GET', '/Users?count=1')).status === 200, 'the new token does not work');
  await shot('12-directory-token-rotated');
  await page.click('#dismiss-token');
  check(await notInPage(fresh), 'the rotated token stays in the page after dismissal');

  await page.click('#toggle-directory');
  await confirmation(/refused/);
  await page.click('#confirm-ok');
  await page.locator('#toggle-directory', { hasText: 'Enable directory' }).waitFor();
  check((await adminApi('GET', `/directories/${id}`)).body.status === 'disabled', 'the API does not show the directory disabled');
  check((await scimAs(fresh, 'GET', '/Users?count=1')).status === 401, 'a disabled directory still syncs');
  await page.click('#toggle-directory');
  await page.locator('#toggle-directory', { hasText: 'Disable directory' }).waitFor();
  check((await adminApi('GET', `/directories/${id}`)).body.status === 'active', 'the API does not show the directory enabled');
  check((await scimAs(fresh, 'GET', '/Users?count=1')).status === 200, 'an enabled directory does not sync');
  await shot('13-directory-manage');
});

await step('guard: a wave of deactivations trips it; the banner names the held users (release and settings for admins only); settings change through the form; a confirmed release revokes', async () => {
  const w = { company: 'wave-' + T, domain: `wave-${T}.example`, project: 'WAVE-' + T.toUpperCase() };
  const created = await adminApi('POST', '/directories', { name: 'guard-' + T, idp: 'okta' });
  check(created.status === 201, 'creating the directory answered ' + created.status);
  const dirId = created.body.id;
  const token = created.body.token;
  SECRETS.push(token);
  check((await adminApi('POST', '/companies', { key: w.company, name: 'Wave ' + T, domains: [w.domain] })).status === 201, 'no company');
  check((await adminApi('POST', '/projects', { key: w.project, name: 'Wave ' + T })).status === 201, 'no project');
  check((await adminApi('POST', `/projects/${w.project}/bindings`, { role: 'customers', company: w.company })).status === 201, 'no binding');
  const users = [];
  for (let i = 0; i < 4; i++) {
    const userName = `wave-${i}@${w.domain}`;
    const r = await scimAs(token, 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, active: true });
    check(r.status === 201, `creating ${userName} answered ${r.status}`);
    users.push({ id: r.body.id, userName });
  }
  for (const u of users) check((await rolesOf(u.id, w.project)).includes('customers'), `${u.userName} has no customers role`);
  const set = await adminApi('PATCH', `/directories/${dirId}`, { guard: { minimum: 1, percent: 1 } });
  check(set.status === 200 && set.body.guard.minimum === 1 && set.body.guard.percent === 1, 'the guard was not set: ' + JSON.stringify(set.body));

  // The page is open before the wave: the banner must come without a reload.
  await go('#/directories', 'Directories');
  await page.click(`#directories-table a[href="#/directories/${dirId}"]`);
  await page.locator('#guard-state-value', { hasText: 'armed' }).waitFor();
  check(await page.locator('#guard-banner').count() === 0, 'a banner is shown while the guard is armed');
  await checkLabels();
  // Threshold max(1, 1 % of 4) = 1: the first deactivation applies, the next two are held.
  for (const u of users.slice(0, 3)) {
    const r = await scimAs(token, 'PATCH', `/Users/${u.id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: false } }] });
    check(r.status === 200 && r.body.active === false, `deactivating ${u.userName} answered ${r.status}`);
  }
  const tripped = (await adminApi('GET', `/directories/${dirId}/status`)).body;
  check(tripped.guard.state === 'tripped' && tripped.guard.held === 2 && tripped.health === 'degraded', 'the API does not show the guard tripped: ' + JSON.stringify(tripped.guard));
  await page.locator('#guard-banner').waitFor({ timeout: FRESH_WITHIN_MS });
  check(await page.locator('#guard-summary[role=alert]').count() === 1, 'the banner is not announced (role=alert)');
  const summary = await text('#guard-summary');
  check(summary.includes('2 users') && summary.includes('now 1 revocation within 1 hour'), 'the banner does not say how many and why: ' + summary);
  await page.locator('#guard-held', { hasText: users[2].userName }).waitFor();
  const heldTable = await text('#guard-held');
  for (const u of users.slice(1, 3)) {
    check(heldTable.includes(u.userName) && heldTable.includes(`PATCH /scim/v2/Users/${u.id}`), `the banner does not list ${u.userName} with its cause: ${heldTable}`);
  }
  check(heldTable.includes(`${w.project} as customers`), 'the banner does not name the held access: ' + heldTable);
  check(!heldTable.includes(users[0].userName), 'the revoked (not held) user is listed as held');
  check((await text('#guard-release')) === 'Release 2 held revocations', 'the release button says ' + await text('#guard-release'));
  check((await text('#health-title')).includes('degraded'), 'the health card does not show degraded');
  await shot('25-guard-tripped');

  // Auditors see who is held but neither the release nor the settings; viewers see the banner only.
  for (const role of ['auditor', 'viewer']) {
    const issued = await adminApi('POST', '/tokens', { name: `guard-${role}-${T}`, role, expiresIn: '1d' });
    check(issued.status === 201, `creating a ${role} token answered ${issued.status}`);
    SECRETS.push(issued.body.token);
    const other = await context.newPage();
    try {
      await other.goto(BASE + '/admin/');
      await other.fill('#token', issued.body.token);
      await other.press('#token', 'Enter');
      await other.locator('h1', { hasText: 'Directories' }).waitFor();
      await other.locator(`#guard-tripped-${dirId}`).waitFor();
      await other.click(`#directories-table a[href="#/directories/${dirId}"]`);
      await other.locator('#guard-banner').waitFor();
      if (role === 'auditor') await other.locator('#guard-held', { hasText: users[1].userName }).waitFor();
      else await other.locator('#guard-held-box', { hasText: 'Auditors and admins see who is held' }).waitFor();
      await other.locator('#guard-state-value', { hasText: 'tripped' }).waitFor();
      check(await other.locator('#guard-release').count() === 0, `the ${role} is offered the release`);
      check(await other.locator('#guard-form').count() === 0, `the ${role} is offered the guard settings`);
    } finally {
      await other.close();
      await adminApi('DELETE', `/tokens/${issued.body.id}`);
    }
  }

  // The directories list shows it too.
  await go('#/directories', 'Directories');
  await page.locator(`#guard-tripped-${dirId}`, { hasText: '2 users held' }).waitFor();
  check((await text('#guards-tripped')).includes('guard-' + T), 'the list\u2019s alert does not name the directory');
  await page.click(`#directories-table a[href="#/directories/${dirId}"]`);
  await page.locator('#guard-banner').waitFor();

  // Settings: checked before sending, then saved.
  await page.fill('#guard-percent', '150');
  await page.click('#guard-form button[type=submit]');
  await fieldError('guard-percent', 'from 0 to 100');
  check((await adminApi('GET', `/directories/${dirId}`)).body.guard.percent === 1, 'a refused setting was sent');
  await page.fill('#guard-percent', '5');
  await page.fill('#guard-minimum', '2');
  await page.selectOption('#guard-window', 'PT30M');
  await page.click('#guard-form button[type=submit]');
  await page.locator('#guard-settings-saved', { hasText: 'Saved' }).waitFor();
  const saved = (await adminApi('GET', `/directories/${dirId}`)).body.guard;
  check(saved.enabled === true && saved.percent === 5 && saved.minimum === 2 && saved.window === 'PT30M', 'the API does not show the new settings: ' + JSON.stringify(saved));
  await page.locator('#guard-threshold', { hasText: '2 revocations' }).waitFor();

  // Release: the confirmation names who loses what; then the result takes focus.
  await page.click('#guard-release');
  const dialog = await confirmation(/2 users will lose access at once/);
  const losses = await dialog.locator('#release-losses').innerText();
  for (const u of users.slice(1, 3)) check(losses.includes(u.userName), `the confirmation does not name ${u.userName}: ${losses}`);
  check(losses.includes(`${w.project} as customers`), 'the confirmation does not say which access is lost: ' + losses);
  await shot('26-confirm-release');
  await page.click('#confirm-ok');
  await page.locator('#guard-release-message', { hasText: 'Released: 2 users' }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'guard-release-result', 'focus did not move to the release result');
  await page.locator('#guard-banner').waitFor({ state: 'detached' });
  await page.locator('#guard-state-value', { hasText: 'armed' }).waitFor();
  const after = (await adminApi('GET', `/directories/${dirId}/status`)).body;
  check(after.guard.state === 'armed' && after.guard.held === 0, 'the API does not show the guard armed again: ' + JSON.stringify(after.guard));
  for (const u of users.slice(0, 3)) check(!(await rolesOf(u.id, w.project)).includes('customers'), `${u.userName} kept customers after the release`);
  check((await rolesOf(users[3].id, w.project)).includes('customers'), 'the user the IdP kept active lost access');
});

await step('companies: add one (checked, refusal next to the key), edit its name and domains', async () => {
  await go('#/companies', 'Companies');
  await page.locator('#new-company').waitFor();
  await checkLabels();
  await page.click('#new-company button[type=submit]');
  await fieldError('new-company-key', 'Enter a key');
  await fieldError('new-company-name', 'Enter a name');
  await page.fill('#new-company-key', COMPANY_KEY);
  await page.fill('#new-company-name', 'Duplicate');
  await page.click('#new-company button[type=submit]');
  await fieldError('new-company-key', 'exists already');
  check((await adminApi('GET', `/companies/${COMPANY_KEY}`)).body.name !== 'Duplicate', 'a refused company changed the existing one');
  await page.fill('#new-company-key', story.company);
  await page.fill('#new-company-name', story.companyName);
  await page.fill('#new-company-domains', 'not a domain');
  await page.click('#new-company button[type=submit]');
  await fieldError('new-company-domains', 'not a domain');
  await page.fill('#new-company-domains', story.domain);
  await shot('14-company-add');
  await page.click('#new-company button[type=submit]');
  await page.locator('h1', { hasText: story.companyName }).waitFor();
  const created = await adminApi('GET', `/companies/${story.company}`);
  check(created.status === 200 && created.body.domains.includes(story.domain), 'the API does not show the new company: ' + JSON.stringify(created.body));

  story.danaName = `dana@${story.domain}`;
  story.danaId = await newUser(story.danaName);
  const extra = `more-${T}.example`;
  await page.fill('#edit-company-name', story.companyName + ' Ltd');
  await page.fill('#edit-company-domains', `${story.domain}\n${extra}`);
  await page.click('#edit-company button[type=submit]');
  await page.locator('h1', { hasText: story.companyName + ' Ltd' }).waitFor();
  const edited = (await adminApi('GET', `/companies/${story.company}`)).body;
  check(edited.name === story.companyName + ' Ltd', 'the API does not show the new name');
  check(edited.domains.length === 2 && edited.domains.includes(extra), 'the API does not show both domains: ' + edited.domains);
  await page.locator('#company-members', { hasText: story.danaName }).waitFor();
  await shot('15-company');
});

await step('mapping rules: preview who would move, save, reorder and delete, with the progress of placing users again', async () => {
  const org = `Orion ${T}`;
  story.orionName = `orion.${T}@elsewhere.example`;
  const orgUser = (userName) => newUser(userName, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { organization: org },
  });
  story.orionId = await orgUser(story.orionName);
  // More users than the server places inline (GANGWAY_REEVALUATE_SYNC_LIMIT, 25 in the suite):
  // saving the rule starts a background re-evaluation whose progress the page follows.
  const crew = 30;
  for (let i = 0; i < crew; i += 5) {
    await Promise.all(Array.from({ length: Math.min(5, crew - i) }, (_, j) => orgUser(`orion-${i + j}.${T}@elsewhere.example`)));
  }
  await go('#/rules', 'Mapping rules');
  await page.locator('#new-rule').waitFor();
  await checkLabels();
  await page.fill('#rule-priority', '');
  await page.click('#preview-rule');
  await fieldError('rule-priority', 'whole number');
  await fieldError('rule-equals', 'value');
  await fieldError('rule-company', 'Choose a company');
  await page.fill('#rule-priority', String(P));
  await page.selectOption('#rule-attribute', 'organization');
  await page.fill('#rule-equals', org);
  await page.selectOption('#rule-company', story.company);
  check(await page.locator('#save-rule').isDisabled(), 'a rule can be saved before its preview');
  await page.click('#preview-rule');
  await page.locator('#rule-preview-table', { hasText: story.orionName }).waitFor();
  const move = await page.locator('#rule-preview-table tr', { hasText: story.orionName }).innerText();
  check(move.includes(story.company), 'the preview does not say where the user would move: ' + move);
  check(!(await adminApi('GET', '/mapping-rules')).body.some((r) => r.company === story.company), 'the preview saved a rule');
  await shot('16-rule-preview');
  await page.click('#save-rule');
  await page.locator('#rules-table', { hasText: org }).waitFor();
  const rules = (await adminApi('GET', '/mapping-rules')).body;
  const orion = rules.find((r) => r.company === story.company && r.when.equals === org);
  check(orion && orion.priority === P, 'the API does not list the saved rule');
  await page.locator('#reevaluation[data-status="done"]').waitFor({ timeout: 20_000 });
  const progress = await text('#reevaluation-status');
  check(progress.includes(`${crew + 1} of ${crew + 1} checked`) && progress.includes(`${crew + 1} moved`),
    'the progress does not end with every matching user placed: ' + progress);
  const found = (await adminApi('GET', `/users?search=${encodeURIComponent(story.orionName)}`)).body.items;
  check(found.length === 1 && found[0].company === story.company, 'the saved rule did not place the user: ' + JSON.stringify(found));

  const pattern = `Nobody-${T}-*`;
  await page.fill('#rule-priority', String(P + 1));
  await page.click('#rule-kind-group');
  await page.fill('#rule-group', pattern);
  await page.selectOption('#rule-company', COMPANY_KEY);
  await page.click('#preview-rule');
  await page.locator('#rule-preview-summary', { hasText: 'Nobody would move' }).waitFor();
  await page.click('#save-rule');
  await page.locator('#rules-table', { hasText: pattern }).waitFor();
  const second = (await adminApi('GET', '/mapping-rules')).body.find((r) => r.when.groupName === pattern);
  check(second, 'the API does not list the second rule');
  await page.click(`#rule-${second.id}-up`);
  await page.waitForFunction(([a, b]) => {
    const t = document.getElementById('rules-table')?.innerText || '';
    return t.includes(a) && t.indexOf(a) < t.indexOf(b);
  }, [pattern, org]);
  const order = (await adminApi('GET', '/mapping-rules')).body.map((r) => r.id);
  check(order.indexOf(second.id) < order.indexOf(orion.id), 'the API order did not change: ' + order);
  await shot('17-rules');
  await page.click(`#rule-${second.id}-delete`);
  await confirmation(/placed again/);
  await page.click('#confirm-ok');
  await page.waitForFunction((p) => !(document.getElementById('rules-table')?.innerText || '').includes(p), pattern);
  check((await adminApi('GET', `/mapping-rules/${second.id}`)).status === 404, 'the deleted rule is still in the API');
});

await step('projects: create one, add a licensed role, set its seats, invite a company and a group, remove a binding after seeing who loses what', async () => {
  await go('#/projects', 'Projects');
  await page.locator('#new-project').waitFor();
  await checkLabels();
  await page.fill('#new-project-key', PROJECT_KEY);
  await page.fill('#new-project-name', 'Duplicate');
  await page.click('#new-project button[type=submit]');
  await fieldError('new-project-key', 'exists already');
  await page.fill('#new-project-key', story.project);
  await page.fill('#new-project-name', story.projectName);
  await page.click('#new-project button[type=submit]');
  await page.locator('h1', { hasText: story.projectName }).waitFor();
  check((await adminApi('GET', `/projects/${story.project}`)).status === 200, 'the API does not show the new project');
  await checkLabels();

  await page.fill('#new-role-name', story.role);
  await page.fill('#new-role-pool', story.pool);
  await page.click('#new-role button[type=submit]');
  await page.locator('#project-flash', { hasText: `Role ${story.role} added` }).waitFor();
  const roles = (await adminApi('GET', `/projects/${story.project}`)).body.roles;
  check(roles.some((r) => r.name === story.role && r.licencePool === story.pool), 'the API does not show the licensed role: ' + JSON.stringify(roles));

  const poolId = `pool-${story.pool}`;
  await page.fill(`#${poolId}-seats`, 'many');
  await page.click(`#${poolId}-form button[type=submit]`);
  await fieldError(`${poolId}-seats`, 'whole number');
  await page.fill(`#${poolId}-seats`, '1');
  await page.click(`#${poolId}-form button[type=submit]`);
  await page.locator('#project-flash', { hasText: 'used of 1' }).waitFor();
  check((await adminApi('GET', '/licence-pools')).body.find((p) => p.key === story.pool)?.seats === 1, 'the API does not show the seat limit');

  // Invite the company as customers: type part of its name, pick it, pick the role.
  await page.click('#invite-form button[type=submit]');
  await fieldError('invite-subject', 'Pick');
  await page.fill('#invite-subject', story.companyName.slice(0, 7).toLowerCase());
  await page.locator('#invite-choices button', { hasText: story.company }).click();
  await page.locator('#invite-chosen', { hasText: story.company }).waitFor();
  await page.selectOption('#invite-role', 'customers');
  await page.click('#invite-form button[type=submit]');
  await page.locator('#project-flash', { hasText: 'invited as customers' }).waitFor();
  check((await rolesOf(story.danaId, story.project)).includes('customers'), 'the invited company\u2019s member has no customers role');

  // Invite the IdP group with the keyboard only: search, arrow down, Enter.
  await page.check('#invite-type-group');
  await page.fill('#invite-subject', GROUP_NAME.toLowerCase());
  await page.locator('#invite-choices button', { hasText: GROUP_NAME }).waitFor();
  await page.focus('#invite-subject');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('#invite-chosen', { hasText: GROUP_NAME }).waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'invite-role', 'choosing a match does not move on to the role');
  await page.selectOption('#invite-role', story.role);
  await shot('18-project-invite');
  await page.click('#invite-form button[type=submit]');
  await page.locator('#project-flash', { hasText: 'waiting for a licence seat' }).waitFor();
  const bindings = (await adminApi('GET', `/projects/${story.project}/bindings`)).body;
  const groupBinding = bindings.find((b) => b.subject.type === 'group' && b.role === story.role);
  check(bindings.some((b) => b.subject.type === 'company' && b.subject.name === story.company && b.role === 'customers'), 'the API has no company binding');
  check(groupBinding && groupBinding.granted === 1 && groupBinding.leftOut.count === 1, 'the API does not show 1 seat given and 1 waiting: ' + JSON.stringify(groupBinding));
  const waiting = groupBinding.leftOut.users[0];
  await page.locator(`#${poolId}-waiting`, { hasText: waiting }).waitFor();
  await page.locator(`#${poolId}-usage`, { hasText: '1 user waiting' }).waitFor();
  await shot('19-project-pools');

  // Remove the group's binding: the confirmation names who loses the role.
  await page.click(`#unbind-${groupBinding.id}`);
  const dialog = await confirmation(new RegExp(`1 user will lose ${story.role}`));
  const losers = await dialog.locator('#unbind-losses li').allInnerTexts();
  check(losers.length === 1 && !losers.includes(waiting), 'the confirmation does not name the seat holder only: ' + losers);
  await shot('20-confirm-unbind');
  await page.click('#confirm-ok');
  await page.locator('#project-flash', { hasText: 'Binding removed' }).waitFor();
  check((await adminApi('GET', `/projects/${story.project}/bindings/${groupBinding.id}`)).status === 404, 'the binding is still in the API');
  const holder = (await adminApi('GET', `/users?search=${encodeURIComponent(losers[0])}`)).body.items[0];
  check(holder && !(await rolesOf(holder.id, story.project)).includes(story.role), 'the named user kept the role');
  await page.locator('#project-events-table', { hasText: 'revoked' }).waitFor();
  await shot('21-project');
});

await step('companies: retiring one first shows whose access it revokes', async () => {
  await go('#/companies', 'Companies');
  await page.click(`#companies-table a[href="#/companies/${encodeURIComponent(story.company)}"]`);
  await page.locator('#retire-company').click();
  const dialog = await confirmation(/will be revoked/);
  const losses = await dialog.locator('#retire-losses').innerText();
  check(losses.includes(story.danaName) && losses.includes('customers') && losses.includes(story.project), 'the confirmation does not name the loss: ' + losses);
  await shot('22-confirm-retire');
  await page.click('#confirm-ok');
  await page.locator('.facts .badge', { hasText: 'retired' }).waitFor();
  check((await adminApi('GET', `/companies/${story.company}`)).body.status === 'retired', 'the API does not show the company retired');
  check(!(await rolesOf(story.danaId, story.project)).includes('customers'), 'the retired company\u2019s member kept customers');
});

await step('users: search by company; audit log: filter, browse and verify', async () => {
  await go('#/users', 'Users and access');
  await page.locator(`#user-company option[value="${COMPANY_KEY}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#user-company', COMPANY_KEY);
  await page.click('form[role=search] button[type=submit]');
  await page.locator('#user-results-table', { hasText: USER_NAME }).waitFor();
  await shot('23-users-by-company');

  await go('#/audit', 'Audit log');
  await checkLabels();
  await page.fill('#audit-from', '2030-01-02T00:00:00');
  await page.fill('#audit-to', '2030-01-01T00:00:00');
  await page.click('#audit-filter button[type=submit]');
  await fieldError('audit-to', 'must not be before');
  await page.fill('#audit-from', '');
  await page.fill('#audit-to', '');
  await page.selectOption('#audit-target-type', 'company');
  await page.fill('#audit-target-id', story.company);
  await page.click('#audit-filter button[type=submit]');
  await page.locator('#audit-table', { hasText: 'company.retired' }).waitFor();
  const audit = await text('#audit-table');
  check(audit.includes('company.created') && audit.includes('company.updated'), 'the audit log misses the company\u2019s changes: ' + audit);
  await page.click('#verify-audit');
  await page.locator('#verify-result', { hasText: 'Intact' }).waitFor();
  await shot('24-audit');
});

await step('exports: every export downloads, also as JSON Lines as of an instant', async () => {
  await go('#/exports', 'Exports');
  for (const key of ['access-changes', 'users', 'deprovisioning']) {
    const downloading = page.waitForEvent('download');
    await page.click(`form[data-export="${key}"] button[type=submit]`);
    const download = await downloading;
    await page.locator(`#${key}-result`, { hasText: 'Downloaded' }).waitFor();
    const body = readFileSync(await download.path(), 'utf8');
    check(body.trim().split(/\r?\n/).length >= 1, `the ${key} export is empty`);
  }
  await page.selectOption('#access-project', PROJECT_KEY);
  await page.selectOption('#access-format', 'jsonl');
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  await page.fill('#access-at', `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`);
  const downloading = page.waitForEvent('download');
  await page.click('form[data-export="access"] button[type=submit]');
  const download = await downloading;
  const lines = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/).filter(Boolean).map((l) => JSON.parse(l));
  check(lines.length > 0 && lines.every((l) => l && typeof l === 'object'), 'the JSON Lines export has no JSON rows');
  check(lines.some((l) => Object.values(l).includes(USER_NAME)), 'the JSON Lines export as of now does not list ' + USER_NAME);
});

await step('signing out forgets the token', async () => {
  await page.click('#sign-out');
  await page.locator('#sign-in h1').waitFor();
  check(await page.evaluate(() => sessionStorage.length === 0), 'sessionStorage still holds something');
  await page.reload();
  await page.locator('#sign-in h1').waitFor();
  check(await page.locator('#view').isHidden(), 'data is shown after sign-out');
});

await step('no token leaked into URLs or the console, no script errors', async () => {
  check(problems.length === 0, problems.join('\n'));
});

await context.close();
rmSync(profile, { recursive: true, force: true });

for (const n of notes) console.log('note ' + n);
const failed = results.filter((r) => !r.ok).length;
console.log(`screenshots in ${SHOTS}`);
console.log(`run time ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`dashboard: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
