import { RawHttp } from './raw-http';
import { JSON_HEADERS, ScriptedServer } from './scripted-server';

describe('ScriptedServer', () => {
  const http = new RawHttp();
  let server: ScriptedServer;
  afterEach(() => server.close());
  afterAll(() => http.close());

  it('records each request and answers from the script, with the default headers under the script own', async () => {
    server = await ScriptedServer.start(
      (request, index) => ({ status: 200 + index, headers: { 'x-seen': request.path }, body: JSON.stringify({ echo: request.text }) }),
      {
        defaultHeaders: JSON_HEADERS,
      },
    );
    const first = await http.postJson(`${server.url}/one`, { a: 1 });
    const second = await http.send(`${server.url}/two`, 'GET');
    expect([first.status, second.status]).toEqual([200, 201]);
    expect(first.body).toEqual({ echo: '{"a":1}' });
    expect(first.headers).toMatchObject({ 'content-type': 'application/json', 'x-seen': '/one' });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /one', 'GET /two']);
  });

  it('resets the socket, or never answers, when told to', async () => {
    server = await ScriptedServer.start('reset');
    await expect(http.send(server.url, 'GET')).rejects.toThrow();
    server.answer('stall');
    const stalled = http.send(server.url, 'GET');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(2);
    await server.close();
    await expect(stalled).rejects.toThrow();
    server = await ScriptedServer.start();
    expect((await http.send(server.url, 'GET')).status).toBe(500);
  });
});
