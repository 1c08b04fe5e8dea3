import { Agent, request } from 'node:http';

/** One request as sent on the wire: any method token, path, header and body bytes. */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 4 });

/** Sends what fetch would refuse to (odd methods, headers, bodies), over node:http. */
export function sendWire(baseUrl: string, req: WireRequest): Promise<WireResponse> {
  const { hostname, port } = new URL(baseUrl);
  // Node frames a GET body only when told its length.
  const headers = req.body ? { 'Content-Length': String(req.body.length), ...req.headers } : req.headers;
  return new Promise((resolve, reject) => {
    const r = request({ host: hostname, port, method: req.method, path: req.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end(req.body);
  });
}
