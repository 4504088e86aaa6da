// Bench target: a minimal HTTP server, run in a child process so its CPU is never charged to the prober measured.
//   /            "ok"                       (probe-http)
//   /login       JSON token + session cookie (probe-flow, step 1)
//   /bill        JSON bill, needs both      (probe-flow, step 2)
//   /confirm     JSON                        (probe-flow, step 3)
//   /page        a small HTML page           (probe-flow, browser check)
import http from 'node:http';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>网上营业厅</title></head>
<body><h1>中国移动网上营业厅</h1><p id="balance">余额 42.00 元</p><button id="pay">缴费</button></body></html>`;

function json(response: http.ServerResponse, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(200, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

const server = http.createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  request.resume();
  if (path === '/login')
    return json(response, { token: 'bench-token' }, { 'set-cookie': 'session=s1; Path=/' });
  if (path === '/bill') {
    const ok =
      request.headers.authorization === 'Bearer bench-token' &&
      (request.headers.cookie ?? '').includes('session=s1');
    return json(response, ok ? { totalYuan: 88.5 } : { error: 'no session' });
  }
  if (path === '/confirm') return json(response, { status: 'ok' });
  if (path === '/page') {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return response.end(PAGE);
  }
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('ok\n');
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') process.send?.({ port: address.port });
});

// The bench talks to us over IPC; when it goes away (even killed), so do we.
process.on('disconnect', () => process.exit(0));
