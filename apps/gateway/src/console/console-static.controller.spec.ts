import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Request, Response } from 'express';

describe('ConsoleStaticController', () => {
  const load = (dist: string) => {
    process.env.CONSOLE_DIST_DIR = dist;
    let mod: typeof import('./console-static.controller') | undefined;
    jest.isolateModules(() => {
      mod = jest.requireActual<typeof import('./console-static.controller')>('./console-static.controller');
    });
    delete process.env.CONSOLE_DIST_DIR;
    return new mod!.ConsoleStaticController();
  };
  const response = () => {
    const headers: Record<string, string> = {};
    const res = {
      sent: undefined as string | undefined,
      setHeader: (k: string, v: string) => void (headers[k.toLowerCase()] = v),
      sendFile: (file: string) => void (res.sent = file),
      redirect: jest.fn(),
    };
    return { res, headers };
  };

  it('answers 503 SERVICE_UNAVAILABLE, naming the build command, when the console is not built', () => {
    const sut = load(path.join(os.tmpdir(), 'no-console-dist-here'));
    const { res } = response();
    let thrown: unknown;
    try {
      sut.index({ path: '/console/' } as Request, res as unknown as Response);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((thrown as Error).message).toContain('npm run build:console');
    expect(res.sent).toBeUndefined();
  });

  it('serves index.html for any route that is not an asset, with the console CSP and no long cache', () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html>');
    const sut = load(dist);
    const { res, headers } = response();
    sut.file({ path: '/console/actes/123' } as Request, res as unknown as Response);
    expect(res.sent).toBe(path.join(dist, 'index.html'));
    expect(headers['cache-control']).toBe('no-cache');
    expect(headers['content-security-policy']).toContain("script-src 'self'");

    const redirect = response();
    sut.index({ path: '/console' } as Request, redirect.res as unknown as Response);
    expect(redirect.res.redirect).toHaveBeenCalledWith(301, '/console/');
  });
});
