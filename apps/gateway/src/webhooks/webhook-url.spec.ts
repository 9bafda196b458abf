import { webhookUrlProblem } from './webhook-url';

describe(webhookUrlProblem.name, () => {
  it('accepts https everywhere', () => {
    expect(webhookUrlProblem('https://reuser.example/hooks/openactes?x=1', true)).toBeNull();
    expect(webhookUrlProblem('https://reuser.example/hooks', false)).toBeNull();
  });

  it('accepts loopback http only outside production', () => {
    for (const url of ['http://localhost:8080/hook', 'http://127.0.0.1:9999/', 'http://[::1]:3000/x']) {
      expect(webhookUrlProblem(url, false)).toBeNull();
      expect(webhookUrlProblem(url, true)).toBe('url must use https');
    }
  });

  it('refuses plain http elsewhere, other schemes, credentials and non-URLs', () => {
    expect(webhookUrlProblem('http://reuser.example/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('http://127.0.0.2/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('ftp://reuser.example/hook', false)).toMatch(/https/);
    expect(webhookUrlProblem('https://user:pass@reuser.example/hook', false)).toBe('url must not carry credentials');
    expect(webhookUrlProblem('/relative/hook', false)).toBe('url must be an absolute URL');
  });
});
