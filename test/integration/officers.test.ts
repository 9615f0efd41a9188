import { env, exports } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, sessions, users } from '../../schema/tables';
import { sha256Hex } from '../../worker/lib/tokens';
import { call, countRows, db, login, makeUnit, makeUser, ORIGIN, postForm, sessionCookie, signedIn } from '../fixtures';

const readUser = (id: string) => db().select().from(users).where(eq(users.id, id)).get();
const byLogin = (login: string) => db().select().from(users).where(eq(users.login, login)).get();
let n = 0;
const newLogin = () => `off.${Date.now().toString(36)}${n++}`;

describe('creating officers', () => {
  it('stores an officer without a password, shows the setup link and its QR code at once, and audits both', async () => {
    const { cookie } = await signedIn();
    const unit = await makeUnit();
    const login = newLogin();
    const res = await postForm('/admin/officers', { login, name: '张三', unitId: unit.id, phone: '0571-87001234' }, { cookie });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('已创建帮扶干部 张三');
    const token = new RegExp(`value="${ORIGIN}/setup/([A-Za-z0-9_-]{43})"`).exec(html)?.[1] ?? '';
    expect(token).not.toBe('');
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="张三 的设置密码二维码"/);
    const row = await byLogin(login);
    expect(row?.setupTokenHash).toBe(await sha256Hex(token));
    const setupAudit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, row?.id ?? ''), eq(auditLog.action, 'setup_link')))
      .all();
    expect(setupAudit).toHaveLength(1);
    expect(row).toMatchObject({
      name: '张三',
      role: 'officer',
      unitId: unit.id,
      phone: '0571-87001234',
      passwordHash: null,
      disabled: false,
    });
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.objectId, row?.id ?? ''), eq(auditLog.action, 'create')))
      .all();
    expect(audit).toHaveLength(1);
  });

  it('refuses invalid input with 422, field messages and the input kept, storing nothing', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('users');
    const res = await postForm('/admin/officers', { login: 'AB', name: '李'.repeat(41), unitId: '', phone: '12' }, { cookie });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('账号须为 3–32 个字符');
    expect(html).toContain('不能超过 40 个字符');
    expect(html).toContain('此项必填');
    expect(html).toContain('请填写有效的电话号码');
    expect(html).toContain('value="AB"');
    expect(await countRows('users')).toBe(before);
  });

  it('refuses an unknown field and an unknown or disabled unit with 422', async () => {
    const { cookie } = await signedIn();
    const before = await countRows('users');
    const extra = await postForm(
      '/admin/officers',
      { login: newLogin(), name: '王五', unitId: crypto.randomUUID(), role: 'admin' },
      { cookie },
    );
    expect(extra.status).toBe(422);
    const unknown = await postForm('/admin/officers', { login: newLogin(), name: '王五', unitId: crypto.randomUUID() }, { cookie });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain('请选择有效的选项');
    const off = await makeUnit();
    await postForm(`/admin/units/${off.id}/disable`, {}, { cookie });
    expect((await postForm('/admin/officers', { login: newLogin(), name: '王五', unitId: off.id }, { cookie })).status).toBe(422);
    expect(await countRows('users')).toBe(before);
  });

  it('answers a duplicate login with 409 on the login field, input kept', async () => {
    const { cookie, unit } = await signedIn();
    const existing = await makeUser({ login: newLogin() });
    const res = await postForm('/admin/officers', { login: existing.login, name: '赵六', unitId: unit.id }, { cookie });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain('该账号已被使用');
    expect(html).toContain('value="赵六"');
  });

  it('escapes a hostile name in the list', async () => {
    const { cookie, unit } = await signedIn();
    const login = newLogin();
    expect((await postForm('/admin/officers', { login, name: '"><svg onload=alert(1)>', unitId: unit.id }, { cookie })).status).toBe(200);
    const html = await (await call(`/admin/officers?q=${login}`, { cookie })).text();
    expect(html).toContain('&quot;>&lt;svg onload=alert(1)>');
    expect(html).not.toContain('<svg');
  });
});

describe('listing and editing officers', () => {
  it('searches by name or login, filters by unit and pages', async () => {
    const { cookie } = await signedIn();
    const unit = await makeUnit();
    for (let i = 0; i < 21; i++) await makeUser({ unitId: unit.id });
    const other = await makeUser({ login: newLogin() });
    const page1 = await (await call(`/admin/officers?unit=${unit.id}`, { cookie })).text();
    expect(page1).toContain('共 21 条');
    expect(page1).toContain('下一页');
    const page2 = await (await call(`/admin/officers?unit=${unit.id}&page=2`, { cookie })).text();
    expect(page2).toContain('上一页');
    expect(page2).not.toContain('下一页');
    expect(page2.match(/<tbody>[\s\S]*<\/tbody>/)?.[0].match(/<tr>/g)).toHaveLength(1);
    const found = await (await call(`/admin/officers?q=${other.login}`, { cookie })).text();
    expect(found).toContain('共 1 条');
    expect(found).toContain(other.name);
    expect(await (await call(`/admin/officers?q=${encodeURIComponent(other.name)}`, { cookie })).text()).toContain(other.login);
  });

  it('updates name, unit and phone; 404 for an unknown id or an admin', async () => {
    const { cookie, user: admin } = await signedIn();
    const officer = await makeUser();
    const unit = await makeUnit();
    const form = (await call(`/admin/officers/${officer.id}/edit`, { cookie })).status;
    expect(form).toBe(200);
    const res = await postForm(`/admin/officers/${officer.id}`, { name: '钱七', unitId: unit.id, phone: '13800138000' }, { cookie });
    expect(res.status).toBe(303);
    expect(await readUser(officer.id)).toMatchObject({ name: '钱七', unitId: unit.id, phone: '13800138000', login: officer.login });
    const bad = await postForm(`/admin/officers/${officer.id}`, { name: '', unitId: unit.id, login: 'x' }, { cookie });
    expect(bad.status).toBe(422);
    expect((await readUser(officer.id))?.name).toBe('钱七');
    expect((await call(`/admin/officers/${crypto.randomUUID()}/edit`, { cookie })).status).toBe(404);
    expect((await call(`/admin/officers/${admin.id}/edit`, { cookie })).status).toBe(404);
    expect((await postForm(`/admin/officers/${admin.id}/disable`, {}, { cookie })).status).toBe(404);
    expect((await readUser(admin.id))?.disabled).toBe(false);
  });

  it('disabling revokes the sessions at once; enabling lets the officer sign in again', async () => {
    const { cookie } = await signedIn();
    const officer = await makeUser();
    const oc = await login(officer);
    expect((await postForm(`/admin/officers/${officer.id}/disable`, {}, { cookie })).status).toBe(303);
    expect(await db().select().from(sessions).where(eq(sessions.userId, officer.id)).all()).toHaveLength(0);
    expect((await call('/', { cookie: oc })).status).toBe(401);
    expect((await readUser(officer.id))?.disabled).toBe(true);
    expect((await postForm(`/admin/officers/${officer.id}/enable`, {}, { cookie })).status).toBe(303);
    expect(await login(officer)).toMatch(/^__Host-sid=/);
  });

  it('refuses officers on every officer admin route with 403', async () => {
    const { cookie } = await signedIn('officer');
    const other = await makeUser();
    expect((await call('/admin/officers', { cookie })).status).toBe(403);
    expect((await postForm(`/admin/officers/${other.id}/setup-link`, {}, { cookie })).status).toBe(403);
    expect((await postForm(`/admin/officers/${other.id}/disable`, {}, { cookie })).status).toBe(403);
    expect((await readUser(other.id))?.setupTokenHash).toBeNull();
  });
});

describe('password setup links', () => {
  it('shows the link once from APP_ORIGIN, stores only its hash, and works exactly once', async () => {
    const { cookie } = await signedIn();
    const unit = await makeUnit();
    const name = newLogin();
    await postForm('/admin/officers', { login: name, name: '孙八', unitId: unit.id }, { cookie });
    const officer = await byLogin(name);
    // The request arrives under another host name: the link must still point at APP_ORIGIN.
    const res = await exports.default.fetch(
      new Request(`https://evil.example/admin/officers/${officer?.id}/setup-link`, {
        method: 'POST',
        headers: { cookie, origin: ORIGIN, host: 'evil.example', 'content-type': 'application/x-www-form-urlencoded' },
        redirect: 'manual',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).not.toContain('evil.example');
    const link = html.match(/value="(https:\/\/[^"]+\/setup\/[A-Za-z0-9_-]+)"/)?.[1] ?? '';
    expect(link.startsWith(`${env.APP_ORIGIN}/setup/`)).toBe(true);
    expect(link.startsWith('https://bangfu.test/setup/')).toBe(true);
    const token = link.split('/setup/')[1] ?? '';
    const stored = await readUser(officer?.id ?? '');
    expect(stored?.setupTokenHash).toBe(await sha256Hex(token));
    expect(stored?.setupExpiresAt).toBeGreaterThan(Date.now() + 71 * 3600 * 1000);
    expect(JSON.stringify(await db().select().from(auditLog).all())).not.toContain(token);

    const page = await call(`/setup/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('name="password"');
    const set = await postForm(`/setup/${token}`, { password: 'a long enough secret', confirm: 'a long enough secret' });
    expect(set.status).toBe(303);
    expect(sessionCookie(set)).toMatch(/^__Host-sid=/);
    expect(await login({ login: name, password: 'a long enough secret' })).toMatch(/^__Host-sid=/);
    expect((await call(`/setup/${token}`)).status).toBe(404);
    expect((await readUser(officer?.id ?? ''))?.setupTokenHash).toBeNull();
  });

  it('a new link replaces the old one; none for a disabled or unknown officer', async () => {
    const { cookie } = await signedIn();
    const officer = await makeUser();
    const linkOf = async () =>
      (await (await postForm(`/admin/officers/${officer.id}/setup-link`, {}, { cookie })).text()).match(/\/setup\/([A-Za-z0-9_-]+)"/)?.[1];
    const first = await linkOf();
    const second = await linkOf();
    expect(first).not.toBe(second);
    expect((await call(`/setup/${first}`)).status).toBe(404);
    expect((await call(`/setup/${second}`)).status).toBe(200);
    await postForm(`/admin/officers/${officer.id}/disable`, {}, { cookie });
    expect((await postForm(`/admin/officers/${officer.id}/setup-link`, {}, { cookie })).status).toBe(409);
    expect((await postForm(`/admin/officers/${crypto.randomUUID()}/setup-link`, {}, { cookie })).status).toBe(404);
  });
});
