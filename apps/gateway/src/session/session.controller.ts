import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CodedError } from '@openactes/domain';
import { AuditLog, UserStore, type AppUserEntity } from '@openactes/persistence';
import type { Request, Response } from 'express';
import { AppSettings, type Settings } from '../common/app-settings';
import { NoCsrf, Roles, type AuthenticatedRequest, type MaybeAuthenticatedRequest } from '../common/roles';
import { clearSessionCookie, sessionCookie, setSessionCookie } from '../common/session-cookie';
import { OidcClient, type OidcPending } from './oidc-client';
import { LoginDto, SessionDto } from './session.dto';

const OIDC_COOKIE = 'oa_oidc';
const CONSOLE_PATH = '/console/';

@ApiTags('session')
@Controller('api/v1/session')
export class SessionController {
  private readonly secure: boolean;

  constructor(
    private readonly users: UserStore,
    private readonly audit: AuditLog,
    @Inject(AppSettings) private readonly settings: Settings,
    @Inject(OidcClient) private readonly oidc: OidcClient | null,
  ) {
    this.secure = settings.publicBaseUrl.startsWith('https:');
  }

  @Post()
  @HttpCode(200)
  @Roles('public')
  @NoCsrf()
  @ApiOperation({ summary: 'Log in with a local account: sets the HttpOnly session cookie; 401 INVALID_CREDENTIALS; 429 RATE_LIMITED after 5 failures in 15 min' })
  @ApiOkResponse({ type: SessionDto })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const meta = { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
    const user = await this.users.checkPassword(body.username, body.password, meta);
    const opened = await this.users.openSession(user, { ...meta, method: 'password', replacing: sessionCookie(req) });
    setSessionCookie(res, opened.token, opened.expiresAt, this.secure);
    return { user: sessionUser(user), csrfToken: opened.csrfToken };
  }

  @Get()
  @Roles('clerk', 'reviewer', 'admin')
  @ApiOperation({ summary: 'The logged-in user and the CSRF token of the session; 401 UNAUTHENTICATED without a valid session' })
  @ApiOkResponse({ type: SessionDto })
  current(@Req() req: AuthenticatedRequest): SessionDto {
    return { user: req.principal.user!, csrfToken: req.csrfToken! };
  }

  @Delete()
  @HttpCode(204)
  @Roles('clerk', 'reviewer', 'admin')
  @ApiOperation({ summary: 'Log out: the session is deleted and the cookie cleared' })
  async logout(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const u = req.principal.user!;
    await this.users.closeSession(req.sessionToken!, { id: u.id, username: u.username } as AppUserEntity);
    clearSessionCookie(res, this.secure);
  }

  @Get('oidc')
  @Roles('public')
  @ApiOperation({ summary: 'Log in through the configured OpenID Connect provider (404 NOT_FOUND when none is configured)' })
  async oidcStart(@Res() res: Response): Promise<void> {
    const { url, pending } = await this.client().authorizationUrl();
    res.append('Set-Cookie', `${OIDC_COOKIE}=${this.settings.secrets.seal(JSON.stringify(pending))}; Path=/api/v1/session/oidc; HttpOnly; SameSite=Lax${this.secure ? '; Secure' : ''}; Max-Age=600`);
    res.redirect(302, url);
  }

  @Get('oidc/callback')
  @Roles('public')
  @ApiOperation({ summary: 'The provider\'s redirect: verifies the ID token, opens the session of the linked account, redirects to /console/' })
  async oidcCallback(
    @Req() req: MaybeAuthenticatedRequest,
    @Res() res: Response,
    @Query('code') code?: string,
    @Query('state') state?: string,
    @Query('error') error?: string,
  ): Promise<void> {
    const claims = await this.client().callback({ code, state, error }, this.pending(req));
    const subject = claims.sub as string;
    let user = await this.users.findByOidcSubject(subject);
    if (!user || !user.active) {
      await this.audit.append({ actor: `oidc:${subject}`, action: 'session.login_failed', subjectType: 'oidc_subject', subjectId: subject, outcome: 'rejected', details: { reason: user ? 'disabled' : 'not_linked' } });
      throw new CodedError('FORBIDDEN', 'No active account is linked to this identity: ask an administrator');
    }
    user = await this.applyClaims(user, claims);
    const opened = await this.users.openSession(user, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, method: 'oidc', replacing: sessionCookie(req) });
    res.append('Set-Cookie', `${OIDC_COOKIE}=; Path=/api/v1/session/oidc; HttpOnly; SameSite=Lax; Max-Age=0`);
    setSessionCookie(res, opened.token, opened.expiresAt, this.secure);
    res.redirect(302, CONSOLE_PATH);
  }

  /** The provider may carry the role and collectivities (OIDC_ROLE_CLAIM, OIDC_SIREN_CLAIM): they then override the account's. */
  private async applyClaims(user: AppUserEntity, claims: Record<string, unknown>): Promise<AppUserEntity> {
    const oidc = this.settings.oidc!;
    const role = oidc.roleClaim ? claims[oidc.roleClaim] : undefined;
    const sirensClaim = oidc.sirenClaim ? claims[oidc.sirenClaim] : undefined;
    const sirens = Array.isArray(sirensClaim) ? sirensClaim.map(String) : typeof sirensClaim === 'string' ? sirensClaim.split(/[,\s]+/) : undefined;
    const change = {
      ...(typeof role === 'string' && ['admin', 'reviewer', 'clerk'].includes(role) && role !== user.role ? { role: role as AppUserEntity['role'] } : {}),
      ...(sirens && sirens.join(',') !== user.sirens.join(',') ? { sirens } : {}),
    };
    return Object.keys(change).length ? this.users.update(user.id, change, `oidc:${user.oidcSubject}`) : user;
  }

  private client(): OidcClient {
    if (!this.oidc) throw new CodedError('NOT_FOUND', 'OpenID Connect login is not configured');
    return this.oidc;
  }

  private pending(req: Request): OidcPending | null {
    const raw = (req.headers.cookie ?? '').split(';').map((p) => p.trim()).find((p) => p.startsWith(`${OIDC_COOKIE}=`))?.slice(OIDC_COOKIE.length + 1);
    if (!raw) return null;
    try {
      return JSON.parse(this.settings.secrets.open(raw)) as OidcPending;
    } catch {
      return null;
    }
  }
}

export function sessionUser(user: Pick<AppUserEntity, 'id' | 'username' | 'displayName' | 'role' | 'sirens'>) {
  return { id: user.id, username: user.username, displayName: user.displayName, role: user.role, sirens: user.sirens };
}
