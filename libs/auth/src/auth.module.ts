import { Global, Module } from '@nestjs/common';

import { loadAuthConfig, TokenVerifier } from './token.verifier';

/**
 * The token verifier. `JwtAuthGuard` (every route needs a bearer JWT unless marked @Public()) is
 * registered as a global guard by PlatformModule, which sets the order of the global guards:
 * authentication before anything reads the request body.
 */
@Global()
@Module({
  providers: [{ provide: TokenVerifier, useFactory: () => new TokenVerifier(loadAuthConfig()) }],
  exports: [TokenVerifier],
})
export class AuthModule {}
