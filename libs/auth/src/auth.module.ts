import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtAuthGuard } from './auth.guard';
import { loadAuthConfig, TokenVerifier } from './token.verifier';

/** Every route needs a bearer JWT unless marked @Public(). */
@Global()
@Module({
  providers: [
    { provide: TokenVerifier, useFactory: () => new TokenVerifier(loadAuthConfig()) },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
