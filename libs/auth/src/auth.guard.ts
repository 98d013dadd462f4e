import {
  CanActivate,
  createParamDecorator,
  CustomDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';

import { hasRole, Principal, Role } from './principal';
import { InvalidTokenError, TokenVerifier } from './token.verifier';

const IS_PUBLIC = 'auth:public';
const ROLES_KEY = 'auth:roles';

/** No token needed (health, metrics, docs). */
export const Public = (): CustomDecorator => SetMetadata(IS_PUBLIC, true);

/** The caller needs at least one of these roles; admin always passes. */
export const Roles = (...roles: Role[]): CustomDecorator => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest().principal;
});

@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers?.authorization;
    const match = header?.match(/^Bearer ([A-Za-z0-9_\-.]+)$/);
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <jwt>)');
    try {
      request.principal = await this.verifier.verify(match[1]);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new UnauthorizedException(err.message);
      throw err;
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !hasRole(request.principal, 'admin', ...roles)) {
      throw new ForbiddenException(`this operation needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
