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
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
  if (m.type() === 'error' && !/status of 40[14]/.test(m.text())) problems.push('console error: ' + redact(m.text()));
});
page.on('pageerror', (e) => problems.push('uncaught page error: ' + redact(e.message)));

function redact(text) {
  let out = String(text);
  for (const s of SECRETS) out = out.split(s).join('‹token›');
  return out;
}

async function step(name, fn) {
  const t = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - t} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name} (${Date.now() - t} ms)\n     ${redact(e.message).split('\n').join('\n     ')}`);
    const file = join(SHOTS, 'failure-' + name.replace(/[^a-z0-9]+/gi, '-').toLowerCase() + '.png');
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  }
}

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
  for (let i = 0; i < 7; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => document.activeElement.textContent.trim()));
  }
  for (const want of ['Directories', 'Companies', 'Projects', 'Users and access', 'Exports', 'Sign out']) {
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
  await page.locator('#directories-table a', { hasText: name }).waitFor({ timeout: 3000 });
  await shot('10-directory-created');
  await page.click('text=I have stored it');
  check(await page.locator('#new-directory-token').count() === 0, 'the token stays on the page');
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
