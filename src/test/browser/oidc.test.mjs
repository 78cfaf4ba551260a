// People sign in to the dashboard through a real OpenID Connect provider (oidc-provider.mjs), in
// headless Chromium, once per role. Run by OidcSignInIT, which starts the provider and a Gangway
// configured for it (break-glass token off). For each person it checks: the company sign-in lands
// on the dashboard, the session cookie is HttpOnly and SameSite and invisible to scripts, the
// navigation and the controls offered fit the role, a change without the CSRF token is refused,
// a change the role may not make is refused with 403, and sign-out ends the session at Gangway
// (the old cookie no longer opens anything) and offers the IdP's sign-out. A person whose groups
// map to no role is turned away with a message. As the admin it creates one personal API token
// for the test's role matrix and writes it to RESULT_FILE (never to the output).
//
// Environment: GANGWAY_URL, OIDC_ISSUER, RESULT_FILE, CHROMIUM, SCREENSHOT_DIR.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, stepRunner } from './harness.mjs';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') { console.error(`oidc test: set ${name}`); process.exit(2); }
  return v;
};
const BASE = env('GANGWAY_URL').replace(/\/$/, '');
const ISSUER = env('OIDC_ISSUER').replace(/\/$/, '');
const RESULT_FILE = env('RESULT_FILE');
const CHROMIUM = env('CHROMIUM', '/usr/bin/chromium');
const SHOTS = env('SCREENSHOT_DIR');
mkdirSync(SHOTS, { recursive: true });

const results = [];
const problems = [];
const secrets = [];
function check(condition, message) { if (!condition) throw new Error(message); }
const redact = (t) => secrets.reduce((out, s) => out.split(s).join('‹secret›'), String(t));

const profile = mkdtempSync(join(tmpdir(), 'gangway-oidc-chromium-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
});

const run = stepRunner({
  results,
  redact,
  onFailure: async (name, page) => {
    if (page) await page.screenshot({ path: join(SHOTS, 'oidc-failure-' + name.replace(/[^a-z0-9]+/gi, '-') + '.png'), fullPage: true }).catch(() => {});
  },
});
const step = (name, page, fn) => run(name, fn, page);

/** Opens the dashboard in a fresh browser context and signs in at the IdP as `login`. */
async function signIn(login) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`${login}: uncaught page error: ${e.message}`));
  page.on('console', (m) => {
    if (page.url().startsWith(ISSUER)) return; // the IdP's own pages are not under test
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) problems.push(`${login}: console error: ${m.text()}`);
  });
  await page.goto(BASE + '/admin/');
  await page.locator('#oidc-sign-in').waitFor();
  check(await page.evaluate(() => document.activeElement.id) === 'oidc-sign-in', 'the company sign-in is not focused');
  await page.click('#oidc-sign-in');
  await page.waitForURL((u) => u.href.startsWith(ISSUER));
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any password');
  await page.click('button[type=submit]');
  // oidc-provider asks for consent the first time: continue.
  await page.waitForURL((u) => !u.href.startsWith(ISSUER) || /interaction/.test(u.pathname));
  if (page.url().startsWith(ISSUER)) await page.click('button[type=submit]');
  await page.waitForURL((u) => u.href.startsWith(BASE + '/admin/'));
  return { context, page };
}

/** What the page itself can do with its session: calls the admin API with the cookie (and the CSRF token when asked). */
async function call(page, method, path, body, withCsrf = true) {
  return page.evaluate(async ([method, path, body, withCsrf]) => {
    const headers = { Accept: 'application/json' };
    if (withCsrf && method !== 'GET') {
      const me = await (await fetch('/admin/api/session', { credentials: 'same-origin' })).json();
      headers['X-CSRF-Token'] = me.csrfToken;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch('/admin/api/' + path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    return { status: r.status, type: r.headers.get('content-type') || '', body: text ? JSON.parse(text) : null };
  }, [method, path, body, withCsrf]);
}

const NAV_ALL = ['Directories', 'Companies', 'Mapping rules', 'Projects', 'Users and access', 'Audit log', 'Exports'];
const PEOPLE = [
  { login: 'ann.admin', role: 'admin', nav: [...NAV_ALL, 'API tokens'], changes: true },
  { login: 'abe.auditor', role: 'auditor', nav: NAV_ALL, changes: false },
  { login: 'vic.viewer', role: 'viewer', nav: ['Directories', 'Projects', 'Users and access'], changes: false },
];
const result = {};

for (const person of PEOPLE) {
  let session = null;
  await step(`${person.role}: signs in through the IdP and lands on the dashboard`, null, async () => {
    session = await signIn(person.login);
    const { page } = session;
    await page.locator('h1', { hasText: 'Directories' }).waitFor();
    await page.locator('#who', { hasText: `role ${person.role}` }).waitFor();
    check((await page.locator('#who').innerText()).includes(`${person.login}@example.com`), 'the header does not name the person');
    await page.screenshot({ path: join(SHOTS, `oidc-${person.role}-directories.png`), fullPage: true });
  });
  if (!session) continue;
  const { context, page } = session;

  await step(`${person.role}: the session cookie is HttpOnly, SameSite and out of scripts' reach`, page, async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'gangway_session');
    check(cookie, 'no gangway_session cookie');
    check(cookie.httpOnly, 'the session cookie is not HttpOnly');
    check(cookie.sameSite === 'Lax' || cookie.sameSite === 'Strict', 'the session cookie has SameSite ' + cookie.sameSite);
    check(cookie.path === '/admin/', 'the session cookie path is ' + cookie.path);
    check(!cookie.secure, 'over plain HTTP the cookie cannot be Secure (it is set when Gangway sits behind TLS)');
    secrets.push(cookie.value);
    check(await page.evaluate(() => document.cookie) === '', 'scripts can read a cookie');
    check(await page.evaluate(() => sessionStorage.length + localStorage.length) === 0, 'something was stored in web storage');
  });

  await step(`${person.role}: offers the sections and controls of the role only`, page, async () => {
    const shown = await page.$$eval('#nav li:not([hidden]) a', (as) => as.map((a) => a.textContent.trim()));
    check(JSON.stringify(shown) === JSON.stringify(person.nav), `navigation shows ${shown.join(', ')}`);
    const create = await page.locator('#new-directory-name').count();
    check(person.changes ? create === 1 : create === 0, `the create-directory form is ${create ? '' : 'not '}offered`);
    await page.click('#nav a[href="#/projects"]');
    await page.locator('h1', { hasText: 'Projects' }).waitFor();
    await page.waitForTimeout(300);
    const newProject = await page.locator('#new-project').count();
    check(person.changes ? newProject === 1 : newProject === 0, `the new-project form is ${newProject ? '' : 'not '}offered`);
    if (person.role === 'viewer') {
      await page.goto(BASE + '/admin/#/exports');
      await page.locator('h1', { hasText: 'Directories' }).waitFor();
      check(await page.locator('form[data-export]').count() === 0, 'the viewer is shown the export forms');
    }
    await page.screenshot({ path: join(SHOTS, `oidc-${person.role}-projects.png`), fullPage: true });
  });

  await step(`${person.role}: a change without the CSRF token is refused`, page, async () => {
    const r = await call(page, 'POST', 'companies', { key: `csrf-${Date.now()}`, name: 'CSRF', domains: [] }, false);
    check(r.status === 403 && r.type.startsWith('application/problem+json'), `answered ${r.status} ${r.type}`);
    check(/CSRF/.test(r.body.detail), 'the refusal does not name the CSRF token');
  });

  await step(`${person.role}: the role decides what the session may change`, page, async () => {
    const key = `oidc-${person.role}-${Date.now()}`;
    const r = await call(page, 'POST', 'companies', { key, name: `Made by ${person.login}`, domains: [] });
    if (person.changes) {
      check(r.status === 201, `the admin could not add a company: ${r.status} ${JSON.stringify(r.body)}`);
    } else {
      check(r.status === 403 && r.type.startsWith('application/problem+json') && r.body.status === 403,
        `a ${person.role} adding a company got ${r.status}`);
      const after = await call(page, 'GET', 'companies');
      check(!after.body.some((c) => c.key === key), 'the refused company exists anyway');
    }
    const me = await call(page, 'GET', 'session');
    check(me.body.method === 'oidc' && me.body.role === person.role && me.body.subject === person.login, 'session says ' + JSON.stringify({ ...me.body, csrfToken: undefined }));
  });

  if (person.role === 'admin') {
    await step('admin: creates a personal API token for scripts on the tokens page (shown once)', page, async () => {
      const name = `matrix-${Date.now()}`;
      await page.click('#nav a[href="#/tokens"]');
      await page.locator('h1', { hasText: 'API tokens' }).waitFor();
      await page.fill('#new-token-name', name);
      await page.selectOption('#new-token-role', 'admin');
      await page.selectOption('#new-token-expires', '1d');
      await page.click('#new-token button[type=submit]');
      const field = page.locator('#new-api-token');
      await field.waitFor();
      const token = await field.inputValue();
      check(token.startsWith('gwp_'), 'no token shown');
      secrets.push(token);
      result.adminToken = token;
      await page.locator('#tokens-table tr', { hasText: name }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'oidc-admin-token-created.png'), fullPage: true, mask: [field] });
      await page.click('#dismiss-api-token');
      check(await page.locator('#new-api-token').count() === 0, 'the token is still on the page');
      const list = await call(page, 'GET', 'tokens');
      check(list.body.every((t) => t.token === undefined || t.token === null), 'the list shows a secret');
      check(list.body.some((t) => t.name === name && t.createdBy === 'person ann.admin@example.com'), 'the list does not name the creator');
    });
  }

  await step(`${person.role}: sign-out ends the session at Gangway and offers the IdP's`, page, async () => {
    const cookie = (await context.cookies()).find((c) => c.name === 'gangway_session');
    await page.click('#sign-out');
    await page.locator('#sign-in h1').waitFor();
    const offer = page.locator('#idp-sign-out a');
    await offer.waitFor();
    check((await offer.getAttribute('href')).startsWith(ISSUER + '/session/end?'), 'the IdP sign-out link is ' + await offer.getAttribute('href'));
    check(!(await context.cookies()).some((c) => c.name === 'gangway_session' && c.value), 'the session cookie is still set');
    const replay = await fetch(BASE + '/admin/api/session', { headers: { Cookie: `gangway_session=${cookie.value}` } });
    check(replay.status === 401, `the signed-out session still opens the API (${replay.status})`);
    await page.screenshot({ path: join(SHOTS, `oidc-${person.role}-signed-out.png`), fullPage: true });
  });
  await context.close();
}

await step('a person whose groups map to no role is turned away', null, async () => {
  const { context, page } = await signIn('nora.nobody');
  await page.locator('#sign-in-error', { hasText: 'no Gangway role' }).waitFor();
  check(await page.locator('#nav').isHidden(), 'the navigation is shown');
  check(!(await context.cookies()).some((c) => c.name === 'gangway_session'), 'a session cookie was set');
  await page.screenshot({ path: join(SHOTS, 'oidc-no-role.png'), fullPage: true });
  await context.close();
});

await step('no script errors', null, async () => { check(problems.length === 0, problems.join('\n')); });

await browser.close();
rmSync(profile, { recursive: true, force: true });
writeFileSync(RESULT_FILE, JSON.stringify(result));
const failed = results.filter((r) => !r.ok).length;
console.log(`oidc: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
