// A Parley protocol v1 client built only from PROTOCOL.md.
// Usage: node client.mjs [ws://127.0.0.1:17720/]
// Env: PARLEY_USER_A / PARLEY_USER_B / PARLEY_PASSWORD override the account names and password.
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';

const URL = process.argv[2] || process.env.PARLEY_URL || 'ws://127.0.0.1:17720/';
const USER_A = process.env.PARLEY_USER_A || 'blind_ann';
const USER_B = process.env.PARLEY_USER_B || 'blind_bob';
const PASSWORD = process.env.PARLEY_PASSWORD || 'correct horse battery';
const TIMEOUT = 5000;
const VERBOSE = !!process.env.VERBOSE;

// ---------------------------------------------------------------- connection

class Conn {
  constructor(label) {
    this.label = label;
    this.frames = [];          // every decoded text frame received, in order
    this.waiters = [];         // {pred, resolve, reject, timer, from}
    this.pending = new Map();  // request id -> {resolve, reject, timer}
    this.nextId = 1;
    this.closed = null;        // {code, reason} once closed
  }

  open(url) {
    return new Promise((resolve, reject) => {
      this.ws = new WebSocket(url);
      this.ws.on('open', resolve);
      this.ws.on('error', reject);
      this.ws.on('message', (data, isBinary) => {
        if (isBinary) return; // voice tunnel only; not used here
        let f;
        try { f = JSON.parse(data.toString('utf8')); } catch { console.log(`[${this.label}] unreadable frame`); return; }
        if (VERBOSE) console.log(`[${this.label}] <- ${JSON.stringify(f)}`);
        f.payload = f.payload ?? {}; // "a missing or null payload reads as {}"
        this.frames.push(f);
        if (f.id !== undefined && this.pending.has(f.id)) {
          const p = this.pending.get(f.id);
          this.pending.delete(f.id);
          clearTimeout(p.timer);
          p.resolve(f);
        }
        for (const w of [...this.waiters]) {
          if (w.pred(f)) { this.waiters.splice(this.waiters.indexOf(w), 1); clearTimeout(w.timer); w.resolve(f); }
        }
      });
      this.ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() };
        if (VERBOSE) console.log(`[${this.label}] closed ${code} ${reason}`);
        for (const [, p] of this.pending) { clearTimeout(p.timer); p.reject(new Error(`connection closed ${code}`)); }
        this.pending.clear();
      });
    });
  }

  sendRaw(text) {
    if (VERBOSE) console.log(`[${this.label}] -> ${text}`);
    this.ws.send(text);
  }

  /** Sends a request and resolves with its reply (whatever the reply type, including error). */
  request(type, payload, { id } = {}) {
    const rid = id ?? `${this.label}-${this.nextId++}`;
    const frame = { type, id: rid, ts: Date.now() };
    if (payload !== undefined) frame.payload = payload;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.pending.delete(rid); reject(new Error(`no reply to ${type} (${rid}) within ${TIMEOUT} ms`)); }, TIMEOUT);
      this.pending.set(rid, { resolve, reject, timer });
      this.sendRaw(JSON.stringify(frame));
    });
  }

  /** Index to use with waitFor's `from` to only consider frames arriving after now. */
  mark() { return this.frames.length; }

  /** Resolves with the first frame (from index `from`) matching pred. Events may arrive before replies, so we look back. */
  waitFor(pred, { from = 0, timeout = TIMEOUT, what = 'frame' } = {}) {
    for (let i = from; i < this.frames.length; i++) if (pred(this.frames[i])) return Promise.resolve(this.frames[i]);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve, reject };
      w.timer = setTimeout(() => { this.waiters.splice(this.waiters.indexOf(w), 1); reject(new Error(`[${this.label}] timed out waiting for ${what}`)); }, timeout);
      this.waiters.push(w);
    });
  }

  /** Resolves true if no matching frame arrives (from index `from`) within ms. */
  async noneWithin(pred, ms, from) {
    try { await this.waitFor(pred, { from, timeout: ms }); return false; } catch { return true; }
  }

  close() { if (this.ws && !this.closed) this.ws.close(1000); }
}

// ---------------------------------------------------------------- checking

const results = [];
class Fail extends Error {}
function check(cond, msg) { if (!cond) throw new Fail(msg); }
function expectType(reply, type) {
  if (reply.type !== type) {
    const detail = reply.type === 'error' ? ` (error ${reply.payload.code}: ${reply.payload.message})` : '';
    throw new Fail(`expected ${type}, got ${reply.type}${detail}`);
  }
  return reply.payload;
}
async function step(name, fn) {
  const notes = [];
  try {
    await fn(notes);
    results.push(true);
    console.log(`PASS ${name}${notes.length ? ' — ' + notes.join('; ') : ''}`);
  } catch (e) {
    results.push(false);
    console.log(`FAIL ${name} — ${e.message}${notes.length ? ' [' + notes.join('; ') + ']' : ''}`);
  }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- session helpers

async function connectAndSignIn(label, username, notes) {
  const c = new Conn(label);
  await c.open(URL);
  const hello = expectType(await c.request('hello', { protocol: 1, client: 'parley-blind-node/0.1' }), 'hello.ok');
  check(hello.protocol === 1, `hello.ok.protocol is ${hello.protocol}`);
  check(typeof hello.maxFrameBytes === 'number', 'hello.ok has no maxFrameBytes');
  if (hello.serverPasswordRequired) throw new Fail('server requires a server password; set one up or unset it');

  let reply = await c.request('auth.register', { username, password: PASSWORD });
  if (reply.type === 'error' && reply.payload.code === 'username_taken') {
    notes.push(`${username} exists, logging in`);
    // Failed logins from this IP (any username) throttle every later login, even a correct one,
    // and the wait is only given in the human-readable message; so back off 1, 2, 4 ... 32 s.
    for (let wait = 1000; ; wait *= 2) {
      reply = await c.request('auth.login', { username, password: PASSWORD });
      if (!(reply.type === 'error' && reply.payload.code === 'rate_limited') || wait > 32000) break;
      notes.push(`login rate_limited, retrying in ${wait / 1000} s`);
      await sleep(wait);
    }
  } else {
    notes.push(`registered ${username}`);
  }
  const ok = expectType(reply, 'auth.ok');
  check(typeof ok.token === 'string' && ok.token.length > 0, 'auth.ok without token');
  check(ok.self && ok.self.id > 0 && ok.self.name.toLowerCase() === username.toLowerCase(), 'auth.ok.self wrong');
  check(ok.channelId === 1, `auth.ok.channelId is ${ok.channelId}, expected lobby 1`);
  check(Array.isArray(ok.channels) && ok.channels.some((ch) => ch.id === 1 && ch.parentId === undefined), 'lobby missing from channels');
  check(Array.isArray(ok.users) && ok.users.some((u) => u.user.id === ok.self.id && u.presence === 'online'), 'self not online in users');
  check(Array.isArray(ok.unread), 'unread missing');
  // §16: auth.ok carries first pages, flags for more, and the room's size
  check(typeof ok.moreChannels === 'boolean' && typeof ok.moreUsers === 'boolean', 'moreChannels/moreUsers missing');
  check(ok.counts && ok.counts.channels >= 1 && ok.counts.online >= 1 && ok.counts.accounts >= 1, 'counts missing');
  const members = expectType(await c.request('members.list', { limit: 100 }), 'members.page');
  check(Array.isArray(members.members) && typeof members.hasMore === 'boolean', 'members.page malformed');
  check(typeof ok.lastMessageId === 'number', 'lastMessageId missing');
  notes.push(`id ${ok.self.id} role ${ok.self.role}`);
  c.self = ok.self;
  c.auth = ok;
  return c;
}

// ---------------------------------------------------------------- the run

let A, B, sent; // sent = the ChatMessage stored in step 2
const lobby = 1;

await step('1 connect, hello, register/login, auth.ok', async (notes) => {
  A = await connectAndSignIn('A', USER_A, notes);
});

await step('2 join lobby, create+join channel, chat.send with nonce, duplicate resend', async (notes) => {
  check(A, 'no connection from step 1');
  // join the lobby: we are already there after sign-in; the doc says ok also then.
  expectType(await A.request('channel.join', { channelId: lobby }), 'ok');

  // create + join a channel if our role may (manage on the lobby: admin/moderator by default)
  const m0 = A.mark();
  const created = await A.request('channel.create', { name: `blind-${Date.now() % 100000}`, description: 'made by the blind client' });
  if (created.type === 'error' && created.payload.code === 'forbidden') {
    notes.push(`role ${A.self.role} may not create channels (forbidden), skipped`);
  } else {
    const ch = expectType(created, 'channel.created').channel;
    check(ch && ch.parentId === lobby, 'created channel has wrong parent');
    if (ch.position !== 0) console.log(`NOTE DIFFERS from doc: channel.create without position gave position ${ch.position} (doc: default 0)`);
    await A.waitFor((f) => f.type === 'channel.added' && f.payload.channel.id === ch.id, { from: m0, what: 'channel.added' });
    const m1 = A.mark();
    const join = await A.request('channel.join', { channelId: ch.id });
    expectType(join, 'ok');
    await A.waitFor((f) => f.type === 'user.moved' && f.payload.userId === A.self.id && f.payload.toChannelId === ch.id,
      { from: m1, what: 'user.moved into new channel' });
    notes.push(`created+joined channel ${ch.id}`);
  }

  // chat in the lobby with a nonce
  const nonce = randomUUID();
  const text = `hello from the blind client ${new Date().toISOString()}`;
  const m2 = A.mark();
  const r = expectType(await A.request('chat.send', { channelId: lobby, text, nonce }), 'chat.sent');
  check(r.duplicate === false, `first send duplicate=${r.duplicate}`);
  check(r.message.nonce === nonce && r.message.text === text && r.message.channelId === lobby && r.message.authorId === A.self.id,
    'chat.sent message fields wrong');
  const ev = await A.waitFor((f) => f.type === 'chat.message' && f.payload.message.nonce === nonce, { from: m2, what: 'own chat.message' });
  check(ev.id === undefined, 'event carries an id');
  check(ev.payload.message.id === r.message.id, 'event message id differs from reply');
  sent = r.message;

  // resend with the same nonce
  const m3 = A.mark();
  const d = expectType(await A.request('chat.send', { channelId: lobby, text: text + ' (again)', nonce }), 'chat.sent');
  check(d.duplicate === true, `resend duplicate=${d.duplicate}`);
  check(d.message.id === sent.id && d.message.text === text, 'duplicate did not return the first stored message');
  const quiet = await A.noneWithin((f) => f.type === 'chat.message' && f.payload.message.nonce === nonce, 700, m3);
  check(quiet, 'duplicate send produced a chat.message event');
  notes.push(`message ${sent.id}, resend duplicate:true, no second event`);
});

await step('3 history paging, react, typing, read', async (notes) => {
  check(A && sent, 'nothing sent in step 2');
  // add a few newer messages so that paging with limit 2 really crosses pages
  for (let i = 0; i < 3; i++) {
    expectType(await A.request('chat.send', { channelId: lobby, text: `filler ${i}`, nonce: randomUUID() }), 'chat.sent');
  }
  // page back through the lobby, 2 at a time, until we find our message (or run out)
  let beforeId, pages = 0, found = false, lastOldest = Infinity;
  for (;;) {
    const p = expectType(await A.request('chat.history', { channelId: lobby, limit: 2, ...(beforeId ? { beforeId } : {}) }), 'chat.page');
    pages++;
    check(Array.isArray(p.messages) && p.messages.length <= 2, 'page too big');
    for (let i = 1; i < p.messages.length; i++) check(p.messages[i - 1].id < p.messages[i].id, 'page not oldest first');
    if (p.messages.length) { check(p.messages.at(-1).id < lastOldest, 'pages overlap'); lastOldest = p.messages[0].id; }
    if (p.messages.some((m) => m.id === sent.id)) found = true;
    if (found || !p.hasMore || pages >= 10 || !p.messages.length) break;
    beforeId = p.messages[0].id;
  }
  check(found, 'own message not found in the first pages of history');
  notes.push(`${pages} page(s)`);

  // react
  const m0 = A.mark();
  expectType(await A.request('chat.react', { messageId: sent.id, emoji: '👍', add: true }), 'ok');
  const re = await A.waitFor((f) => f.type === 'chat.reactions' && f.payload.messageId === sent.id, { from: m0, timeout: 1500, what: 'chat.reactions' })
    .catch(() => null);
  if (re) {
    const r = re.payload.reactions.find((x) => x.emoji === '👍');
    // §4 ReactionCount: counts per emoji and `me`, never the list of who (that is chat.reaction.users)
    check(r && r.count >= 1 && r.me === true, 'chat.reactions does not say we reacted (me)');
    const who = expectType(await A.request('chat.reaction.users', { messageId: sent.id, emoji: '👍' }), 'chat.reaction.page');
    check(who.users.some((u) => u.id === A.self.id) && who.total >= 1, 'chat.reaction.page does not list us');
    notes.push('reacted, chat.reactions seen (me), chat.reaction.users lists us');
  } else {
    notes.push('reacted (no chat.reactions: already reacted on an earlier run?)');
  }
  // the same twice is the same as once
  expectType(await A.request('chat.react', { messageId: sent.id, emoji: '👍', add: true }), 'ok');

  // typing
  expectType(await A.request('chat.typing', { channelId: lobby }), 'ok');

  // read marker
  expectType(await A.request('chat.read', { channelId: lobby, messageId: sent.id }), 'ok');
  notes.push('typing ok, read ok');
});

await step('4 second account sends a DM; first receives it', async (notes) => {
  check(A, 'no first connection');
  const mA = A.mark();
  B = await connectAndSignIn('B', USER_B, notes);
  // others are told B came online
  const st = await A.waitFor((f) => f.type === 'user.state' && f.payload.user.user.id === B.self.id && f.payload.user.presence === 'online',
    { from: mA, timeout: 2000, what: 'user.state for B' }).catch(() => null);
  notes.push(st ? 'A saw B come online' : 'A did NOT see user.state for B');

  // B types in the DM, A should see the indicator (channelId absent)
  const mT = A.mark();
  expectType(await B.request('chat.typing', { userId: A.self.id }), 'ok');
  const ty = await A.waitFor((f) => f.type === 'chat.typing.changed' && f.payload.userId === B.self.id && f.payload.active === true,
    { from: mT, timeout: 2000, what: 'typing' }).catch(() => null);
  if (ty) { check(ty.payload.channelId === undefined, 'DM typing carries channelId'); notes.push('A saw B typing'); }
  else notes.push('A did not see B typing (may still be active from an earlier run)');

  const nonce = randomUUID();
  const m1 = A.mark();
  const r = expectType(await B.request('chat.send', { userId: A.self.id, text: 'psst, a direct message', nonce }), 'chat.sent');
  check(r.message.toUserId === A.self.id && r.message.channelId === undefined, 'DM reply fields wrong');
  const ev = await A.waitFor((f) => f.type === 'chat.message' && f.payload.message.nonce === nonce, { from: m1, what: 'DM on A' });
  check(ev.payload.message.authorId === B.self.id && ev.payload.message.toUserId === A.self.id, 'DM event fields wrong');
  await B.waitFor((f) => f.type === 'chat.message' && f.payload.message.nonce === nonce, { from: 0, what: 'DM echo on B' });
  notes.push(`A received DM ${ev.payload.message.id}`);

  // A reads the DM conversation history too
  const p = expectType(await A.request('chat.history', { userId: B.self.id, limit: 5 }), 'chat.page');
  check(p.messages.some((m) => m.nonce === nonce), 'DM not in history');
  expectType(await A.request('chat.read', { userId: B.self.id, messageId: ev.payload.message.id }), 'ok');
});

await step('5 malformed frame and unknown type get documented errors; connection stays usable', async (notes) => {
  check(A && !A.closed, 'no open connection');
  // bad JSON -> error bad_json without id
  let m = A.mark();
  A.sendRaw('{not json');
  let e = await A.waitFor((f) => f.type === 'error' && f.id === undefined, { from: m, what: 'bad_json error' });
  check(e.payload.code === 'bad_json', `malformed JSON gave ${e.payload.code}`);

  // request without an id -> invalid_message without id
  m = A.mark();
  A.sendRaw('{"type":"ping"}');
  e = await A.waitFor((f) => f.type === 'error' && f.id === undefined, { from: m, what: 'invalid_message error' });
  check(e.payload.code === 'invalid_message', `id-less request gave ${e.payload.code}`);

  // unknown type -> unknown_type with our id
  let r = await A.request('chat.shout', { text: 'x' });
  check(r.type === 'error' && r.payload.code === 'unknown_type', `unknown type gave ${r.type} ${r.payload.code}`);

  // broken field -> invalid_field naming the field
  r = await A.request('chat.history', { channelId: 'one' });
  check(r.type === 'error' && r.payload.code === 'invalid_field', `wrong-type field gave ${r.payload.code}`);
  check(/channelId/.test(r.payload.message), `invalid_field message does not name the field: ${r.payload.message}`);

  // a client sending a reply type -> invalid_message
  r = await A.request('pong', { serverTime: 1 });
  check(r.type === 'error' && r.payload.code === 'invalid_message', `client pong gave ${r.payload.code}`);

  // hello after sign-in -> already_authenticated
  r = await A.request('hello', { protocol: 1 });
  check(r.type === 'error' && r.payload.code === 'already_authenticated', `hello after sign-in gave ${r.payload.code}`);

  // still usable
  const pong = expectType(await A.request('ping'), 'pong');
  check(typeof pong.serverTime === 'number', 'pong without serverTime');
  check(!A.closed, 'connection closed');
  notes.push('bad_json, invalid_message, unknown_type, invalid_field, already_authenticated; ping still answered');
});

await step('5b stage errors on a fresh connection (hello_required, conflict, not_authenticated; bad_credentials if PARLEY_TEST_BAD_LOGIN)', async (notes) => {
  const c = new Conn('C');
  await c.open(URL);
  try {
    let r = await c.request('ping');
    check(r.type === 'error' && r.payload.code === 'hello_required', `ping before hello gave ${r.type} ${r.payload.code}`);
    expectType(await c.request('hello', { protocol: 1 }), 'hello.ok');
    r = await c.request('hello', { protocol: 1 });
    check(r.type === 'error' && r.payload.code === 'conflict', `second hello gave ${r.payload.code}`);
    r = await c.request('chat.history', { channelId: 1 });
    check(r.type === 'error' && r.payload.code === 'not_authenticated', `history before sign-in gave ${r.payload.code}`);
    expectType(await c.request('ping'), 'pong');
    if (process.env.PARLEY_TEST_BAD_LOGIN) { // opt-in: failed logins throttle all logins from this IP for a while
      r = await c.request('auth.login', { username: 'no_such_user_xyz', password: 'wrong password' });
      check(r.type === 'error' && r.payload.code === 'bad_credentials', `bad login gave ${r.payload.code}`);
    }
    notes.push('all as documented');
  } finally { c.close(); }
});

// ---------------------------------------------------------------- document probes (informational, not counted)
// Claims of PROTOCOL.md outside the six required steps. Printed as NOTE lines; they do not change the exit code.

function note(ok, text) { console.log(`NOTE ${ok ? 'as documented' : 'DIFFERS from doc'}: ${text}`); }
async function probes() {
  // §10/§15: "today's server answers voice.start ... with unknown_type"
  if (A && !A.closed) {
    const r = await A.request('voice.start');
    note(r.type === 'error' && r.payload.code === 'unknown_type', `voice.start -> ${r.type}${r.type === 'error' ? ' ' + r.payload.code : ''}`);
    if (r.type === 'voice.ready') {
      const s = await A.request('voice.stop');
      console.log(`NOTE voice.stop -> ${s.type}${s.type === 'error' ? ' ' + s.payload.code : ''}`);
      const v = await A.request('voice.state', { selfMuted: true, deafened: false });
      console.log(`NOTE voice.state -> ${v.type}${v.type === 'error' ? ' ' + v.payload.code : ''}`);
      await A.request('voice.state', { selfMuted: false, deafened: false });
    }
    // §1: a frame over 65,536 bytes (but under 1 MiB) -> too_large, connection stays up
    const m = A.mark();
    A.sendRaw(JSON.stringify({ type: 'chat.send', id: 'big-1', payload: { channelId: 1, text: 'x'.repeat(70000), nonce: randomUUID() } }));
    const e = await A.waitFor((f) => f.type === 'error', { from: m, what: 'too_large' }).catch(() => null);
    const pong = await A.request('ping').catch(() => null);
    note(e && e.payload.code === 'too_large' && pong && pong.type === 'pong',
      `70 kB frame -> ${e ? e.payload.code + (e.id ? ' (id ' + e.id + ')' : ' (no id)') : 'nothing'}; ping afterwards ${pong ? pong.type : 'failed'}`);
  }
  // §3: a malformed request before hello gets invalid_field, not hello_required
  {
    const c = new Conn('D'); await c.open(URL);
    const r = await c.request('hello', { protocol: 'one' });
    note(r.type === 'error' && r.payload.code === 'invalid_field', `hello with protocol "one" -> ${r.payload.code}`);
    // §3: unsupported version -> error unsupported_version then close 4000
    const r2 = await c.request('hello', { protocol: 99 }).catch((x) => ({ type: 'closed', payload: {} }));
    await sleep(300);
    note(r2.payload.code === 'unsupported_version' && c.closed && c.closed.code === 4000,
      `hello protocol 99 -> ${r2.type} ${r2.payload.code ?? ''}, close ${c.closed ? c.closed.code : 'none'}`);
    // §5 session.closing: "The server does not send session.closing before ... unsupported version"
    const sc = c.frames.find((f) => f.type === 'session.closing');
    note(!sc, `before close 4000: ${sc ? 'server DID send session.closing reason ' + JSON.stringify(sc.payload.reason) : 'no session.closing'}`);
    c.close();
  }
  // §3: signing in again elsewhere replaces the older session (session.closing replaced, close 4002)
  if (B && !B.closed) {
    const mB = B.mark();
    const c = new Conn('B2'); await c.open(URL);
    expectType(await c.request('hello', { protocol: 1 }), 'hello.ok');
    const ok = await c.request('auth.login', { username: USER_B, password: PASSWORD });
    const sc = await B.waitFor((f) => f.type === 'session.closing', { from: mB, timeout: 2000, what: 'session.closing' }).catch(() => null);
    await sleep(300);
    note(ok.type === 'auth.ok' && sc && sc.payload.reason === 'replaced' && B.closed && B.closed.code === 4002,
      `second login of ${USER_B} -> ${ok.type}; old connection got ${sc ? 'session.closing ' + sc.payload.reason : 'no session.closing'}, close ${B.closed ? B.closed.code : 'none'}`);
    // §12 typing: "When a typist goes offline the server sends no active: false"
    if (A && !A.closed) {
      expectType(await c.request('chat.typing', { channelId: 1 }), 'ok');
      await A.waitFor((f) => f.type === 'chat.typing.changed' && f.payload.userId === B.self.id && f.payload.active, { from: 0, timeout: 1000 }).catch(() => null);
      const mA = A.mark();
      c.close();
      const off = await A.waitFor((f) => f.type === 'chat.typing.changed' && f.payload.userId === B.self.id && f.payload.active === false,
        { from: mA, timeout: 1500 }).catch(() => null);
      note(!off, `typist went offline -> ${off ? 'server DID send chat.typing.changed active:false' : 'no active:false'}`);
    } else c.close();
  }
  // §9 chat.read: "The marker feeds unread in the next auth.ok"
  if (A && !A.closed && sent) {
    A.close(); await sleep(300);
    const n = [];
    const A2 = await connectAndSignIn('A2', USER_A, n);
    const u = A2.auth.unread.find((x) => x.channelId === 1);
    // Own messages never count as unread, so with nothing unread the lobby has no entry at all.
    note(!u || u.lastReadId >= sent.id, `lobby unread after chat.read up to ${sent.id}: ${JSON.stringify(u ?? 'no entry (nothing unread)')}`);
    A2.close();
  }
}
try { await probes(); } catch (e) { console.log(`NOTE probes stopped: ${e.message}`); }

// ---------------------------------------------------------------- done

A?.close(); B?.close();
await sleep(200);
const passed = results.filter(Boolean).length;
console.log(`${passed === results.length ? 'PASS' : 'FAIL'} overall: ${passed}/${results.length} steps passed`);
process.exit(passed === results.length ? 0 : 1);
