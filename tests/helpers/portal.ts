// A stand-in intranet portal for the browser suites: a loopback HTTP server on an origin of its own, whose
// pages the suite writes (frames of the wiki, widgets), so cross-origin rules are exercised for real.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Portal {
  origin: string;
  close(): Promise<void>;
}

/** Serves the HTML `page` returns for each request's query string, as text/html. */
export async function startPortal(page: (query: URLSearchParams) => string | Promise<string>): Promise<Portal> {
  const server = http.createServer(async (request, response) => {
    const html = await page(new URL(request.url ?? '/', 'http://portal').searchParams);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
