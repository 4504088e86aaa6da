// Bench target: a minimal HTTP server, run in a child process so its CPU is never charged to the prober measured.
import http from 'node:http';

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('ok\n');
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') process.send?.({ port: address.port });
});

// The bench talks to us over IPC; when it goes away (even killed), so do we.
process.on('disconnect', () => process.exit(0));
