// An HTTP client for tests that talk to real server processes (several on one database): it holds
// one session cookie and may send it to any of them, as a browser behind a load balancer would.

/** A server process the client can reach. */
export interface Reachable {
  url: string;
}

export interface Reply {
  status: number;
  body: unknown;
  /** The Retry-After header of a 429 or 503, else null. */
  retryAfter: string | null;
}

export class HttpClient {
  cookie = '';

  async call(server: Reachable, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { status: response.status, body: await response.json(), retryAfter: response.headers.get('retry-after') };
  }

  /** The call, which must succeed (any 2xx). */
  async ok(server: Reachable, method: string, path: string, body?: unknown): Promise<unknown> {
    const reply = await this.call(server, method, path, body);
    if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async signIn(server: Reachable, username: string, password: string): Promise<this> {
    await this.ok(server, 'POST', '/session', { username, password });
    return this;
  }
}
