import { S2lowClient } from '@openactes/connectors';
import { CodedError } from '@openactes/domain';

type Answer = Response | (() => Promise<Response>);

/** A client whose fetch answers from a queue and records what it was asked. */
function clientAnswering(answers: Answer[], options: { username?: string; password?: string; timeoutMs?: number; maxBytes?: number } = {}) {
  const requests: { url: URL; headers: Record<string, string>; redirect?: string }[] = [];
  const fetchStub = (async (url: URL, init?: RequestInit) => {
    requests.push({ url, headers: (init?.headers ?? {}) as Record<string, string>, redirect: init?.redirect });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (typeof next !== 'function') return next;
    return new Promise<Response>((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(init.signal!.reason as Error));
      next().then(resolve, reject);
    });
  }) as typeof fetch;
  const sut = new S2lowClient({ baseUrl: 'https://s2low.example.org/', fetch: fetchStub, ...options });
  return { sut, requests };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; retryable: boolean }> {
  const err = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CodedError);
  return { code: (err as CodedError).code, retryable: (err as CodedError).retryable };
}

describe(S2lowClient.name, () => {
  it('lists acknowledged transactions with the documented parameters and Basic auth', async () => {
    const { sut, requests } = clientAnswering(
      [json({ status_id: '4', authority_id: '2', offset: '0', limit: '3', transactions: [{ id: '7', subject: 'test', number: 'N1', date: '2024-05-07', nature_descr: 'Délibérations', classification: '3.4', type: '1' }] })],
      { username: 'megalis', password: 's3cret' },
    );
    const transactions = await sut.listActes({ statusId: 4, offset: 0, limit: 3, maxDate: '2024-06-01' });
    expect(transactions).toEqual([{ id: '7', subject: 'test', number: 'N1', date: '2024-05-07', natureDescr: 'Délibérations', classification: '3.4', type: '1' }]);
    const [{ url, headers, redirect }] = requests;
    expect(url.pathname).toBe('/modules/actes/api/list_actes.php');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status_id: '4', offset: '0', limit: '3', max_date: '2024-06-01' });
    expect(headers.authorization).toBe(`Basic ${Buffer.from('megalis:s3cret').toString('base64')}`);
    expect(redirect).toBe('manual');
  });

  it('maps the files list, first entry the Acte XML', async () => {
    const { sut, requests } = clientAnswering([
      json([
        { id: 19, name: '034-000000000-20240507-T01-AI-1-1_0.xml', posted_filename: '', mimetype: 'text/xml', size: 836, sign: '', code_pj: '' },
        { id: 20, name: '99_AI-034-000000000-20240507-T01-AI-1-1_1.pdf', posted_filename: 'arrete.pdf', mimetype: 'application/pdf', size: 3656, sign: '', code_pj: '99_AI' },
      ]),
    ]);
    const files = await sut.filesList('7');
    expect(files.map((f) => [f.id, f.codePj])).toEqual([['19', null], ['20', '99_AI']]);
    expect(requests[0].url.searchParams.get('transaction')).toBe('7');
    expect(requests[0].headers.authorization).toBeUndefined();
  });

  it('asks S²LOW for the ARActe by id, through the API', async () => {
    const { sut, requests } = clientAnswering([new Response('<actes:ARActe/>')]);
    expect((await sut.arActe('7')).toString()).toBe('<actes:ARActe/>');
    expect(Object.fromEntries(requests[0].url.searchParams)).toEqual({ id: '7', api: '1' });
  });

  it.each([
    [500, 'PLATFORM_UNAVAILABLE', true],
    [503, 'PLATFORM_UNAVAILABLE', true],
    [429, 'PLATFORM_UNAVAILABLE', true],
    [401, 'PLATFORM_AUTH_FAILED', false],
    [403, 'PLATFORM_AUTH_FAILED', false],
    [404, 'NOT_FOUND', false],
    [400, 'PLATFORM_BAD_RESPONSE', false],
  ])('maps HTTP %i to %s (retryable: %s)', async (status, code, retryable) => {
    const { sut } = clientAnswering([new Response('nope', { status })]);
    expect(await codeOf(sut.downloadFile('20'))).toEqual({ code, retryable });
  });

  it('treats a redirect to the login page as refused credentials, any other as a bad answer', async () => {
    const { sut } = clientAnswering([
      new Response(null, { status: 302, headers: { location: '/connexion-status' } }),
      new Response(null, { status: 302, headers: { location: '/modules/actes/index.php' } }),
    ]);
    expect((await codeOf(sut.arActe('7'))).code).toBe('PLATFORM_AUTH_FAILED');
    expect((await codeOf(sut.arActe('7'))).code).toBe('PLATFORM_BAD_RESPONSE');
  });

  it('reads S²LOW refusals sent as 200 "KO" bodies', async () => {
    const { sut } = clientAnswering([new Response("KO\nÉchec de l'authentification"), new Response("KO\nPas d'acquittement recu")]);
    expect((await codeOf(sut.filesList('7'))).code).toBe('PLATFORM_AUTH_FAILED');
    expect((await codeOf(sut.filesList('7'))).code).toBe('PLATFORM_BAD_RESPONSE');
  });

  it('refuses malformed JSON and unexpected shapes', async () => {
    const { sut } = clientAnswering([new Response('<html>maintenance</html>'), json({ transactions: 'none' }), json([{ name: 'x' }])]);
    expect((await codeOf(sut.listActes({ statusId: 4, offset: 0, limit: 3 }))).code).toBe('PLATFORM_BAD_RESPONSE');
    expect((await codeOf(sut.listActes({ statusId: 4, offset: 0, limit: 3 }))).code).toBe('PLATFORM_BAD_RESPONSE');
    expect((await codeOf(sut.filesList('7'))).code).toBe('PLATFORM_BAD_RESPONSE');
  });

  it('gives up after its per-call timeout, retryably, and on network errors', async () => {
    const { sut } = clientAnswering(
      [
        () => new Promise<Response>(() => undefined),
        () => Promise.reject(new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') })),
      ],
      { timeoutMs: 50 },
    );
    expect(await codeOf(sut.downloadFile('20'))).toEqual({ code: 'PLATFORM_UNAVAILABLE', retryable: true });
    expect(await codeOf(sut.downloadFile('20'))).toEqual({ code: 'PLATFORM_UNAVAILABLE', retryable: true });
  });

  it('refuses an answer over its size limit', async () => {
    const { sut } = clientAnswering([new Response(Buffer.alloc(2048)), new Response(Buffer.alloc(10))], { maxBytes: 1024 });
    expect((await codeOf(sut.downloadFile('20'))).code).toBe('PLATFORM_BAD_RESPONSE');
    expect((await sut.downloadFile('21')).length).toBe(10);
  });

  it('lets a cancellation by the caller through uncoded', async () => {
    const { sut } = clientAnswering([() => new Promise<Response>(() => undefined)]);
    const cancel = new AbortController();
    const pending = sut.downloadFile('20', cancel.signal);
    cancel.abort(new Error('activity cancelled'));
    await expect(pending).rejects.toThrow('activity cancelled');
  });

  it('never puts the credentials in an error', async () => {
    const { sut } = clientAnswering([new Response('nope', { status: 401 })], { username: 'megalis', password: 's3cret' });
    const err = (await sut.downloadFile('20').catch((e: unknown) => e)) as CodedError;
    expect(JSON.stringify({ message: err.message, details: err.details })).not.toMatch(/s3cret|megalis/);
  });
});
