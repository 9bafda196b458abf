import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import type { Request, Response } from 'express';
import path from 'node:path';
import { Roles } from '../common/roles';
import { CONSOLE_DIST, consoleBuilt } from './console-dist';

/**
 * The console's own policy: its bundled script and stylesheet from /console/, API
 * calls to the same origin, no inline code. (React sets styles through the CSSOM,
 * which style-src does not govern.)
 */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const ASSET = /^assets\/[\w.-]+$/;

/**
 * Serves the built console (apps/console/dist) at /console/: hashed assets cached for
 * good, index.html for every other path (the console routes by hash), revalidated.
 */
@ApiExcludeController()
@Roles('public')
@Controller('console')
export class ConsoleStaticController {
  @Get()
  index(@Req() req: Request, @Res() res: Response): void {
    // Without the trailing slash relative links would resolve against /.
    if (!req.path.endsWith('/')) return res.redirect(301, '/console/');
    this.sendIndex(res);
  }

  @Get('*path')
  file(@Req() req: Request, @Res() res: Response): void {
    const rel = decodeURIComponent(req.path.replace(/^\/console\//, ''));
    if (!ASSET.test(rel)) return this.sendIndex(res);
    this.ensureBuilt();
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.sendFile(rel, { root: CONSOLE_DIST, maxAge: '365d', immutable: true, dotfiles: 'deny' }, (err?: Error) => {
      if (err && !res.headersSent) res.status(404).json({ code: 'NOT_FOUND', message: 'No such console file' });
    });
  }

  private sendIndex(res: Response): void {
    this.ensureBuilt();
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(CONSOLE_DIST, 'index.html'));
  }

  private ensureBuilt(): void {
    if (!consoleBuilt()) {
      throw new CodedError('SERVICE_UNAVAILABLE', 'The console is not built: run `npm run build:console` (npm start and the tests build it when missing)', {
        dist: 'apps/console/dist',
      });
    }
  }
}
