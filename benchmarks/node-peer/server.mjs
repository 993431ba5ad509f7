// The peer for Parley's chat load: the usual few-line chat server on `ws`, doing per message what a
// minimal chat server does (parse, check, stamp id/time/author, serialise once, send to everyone)
// and nothing Parley does beyond that (no storage, no auth, no permissions, no rate limit).
// Usage: node server.mjs PORT   (prints "READY <port>" once listening; PORT 0 picks a free one)
import { WebSocketServer } from 'ws';

const port = Number(process.argv[2] ?? 0);
const wss = new WebSocketServer({ host: '127.0.0.1', port, maxPayload: 65536, perMessageDeflate: false });
let nextId = 1;

wss.on('connection', (socket) => {
  const author = { id: nextId++, name: 'user' + nextId };
  socket.on('message', (data, isBinary) => {
    if (isBinary) return;
    let envelope;
    try {
      envelope = JSON.parse(data.toString());
    } catch {
      return;
    }
    const p = envelope?.payload;
    if (envelope?.type !== 'chat.send' || typeof p?.text !== 'string' || p.text.length === 0) return;
    const now = Date.now();
    const id = nextId++;
    if (envelope.id) {
      socket.send(JSON.stringify({ type: 'chat.sent', id: envelope.id, ts: now, payload: { message: { id } } }));
    }
    const frame = JSON.stringify({
      type: 'chat.message', ts: now,
      payload: { message: { id, ts: now, channelId: p.channelId, authorId: author.id, authorName: author.name,
        text: p.text, deleted: false, nonce: p.nonce, reactions: [] } },
    });
    for (const client of wss.clients) {
      if (client.readyState === 1) client.send(frame);
    }
  });
});

wss.on('listening', () => {
  console.log('READY ' + wss.address().port);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
