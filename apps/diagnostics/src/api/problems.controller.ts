import { Body, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { caseView, CaseView, caseViewSchema, ProblemIntake } from '@appliance-care/diagnostics';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  IdParam,
  ValidationFailedError,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { IDEMPOTENCY_KEY, problemRequestSchema } from './cases.schemas';

@ApiController('problems', { path: 'appliances' })
export class ProblemsController {
  constructor(private readonly intake: ProblemIntake) {}

  @Post(':applianceId/problems')
  @HttpCode(201)
  @Roles('customer', 'dispatcher')
  @ApiOperation({
    summary:
      'Report a problem with an appliance (a customer: only their own); ' +
      'triaged at once into remote guidance or a diagnostic visit',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'a retry with the same key and body returns the same case; another body: 422',
  })
  @ApiZodBody(problemRequestSchema, {
    example: { symptoms: 'water left in the drum after the wash', errorCode: 'E21', startedAt: '2026-12-03T07:30:00Z' },
  })
  @ApiZodResponse(caseViewSchema, {
    status: 201,
    description: 'the case, with triage (candidate faults and why) and its next step',
  })
  @ApiProblems(
    413,
    [404, "no such appliance, or another customer's"],
    [422, 'the Idempotency-Key was used with another body'],
  )
  async report(
    @IdParam('applianceId') applianceId: string,
    @Body(new ZodValidationPipe(problemRequestSchema, 'problem report')) body: z.infer<typeof problemRequestSchema>,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new ValidationFailedError('invalid Idempotency-Key header: 1 to 200 visible ASCII characters', [
        { field: 'Idempotency-Key', message: '1 to 200 visible ASCII characters' },
      ]);
    }
    return caseView(await this.intake.reportByCustomer(principal, applianceId, body, key));
  }
}
