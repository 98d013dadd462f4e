import { Body, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import {
  caseListSchema,
  CaseQueries,
  caseView,
  CaseView,
  caseViewSchema,
  CaseWorkflow,
} from '@appliance-care/diagnostics';
import {
  ApiController,
  ApiProblems,
  ApiZodBody,
  ApiZodQuery,
  ApiZodResponse,
  IdParam,
  ZodValidationPipe,
} from '@appliance-care/platform';

import { guidanceOutcomeSchema, listQuerySchema, resultsRequestSchema } from './cases.schemas';

@ApiController('cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly workflow: CaseWorkflow,
  ) {}

  @Get(':caseId')
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: 'A case with its triage and history (customers: their own; technicians: assigned to them)' })
  @ApiZodResponse(caseViewSchema, { description: 'the case' })
  @ApiProblems([404, "no such case, or not the caller's (another customer's, or not assigned to this technician)"])
  async get(@IdParam('caseId') caseId: string, @CurrentPrincipal() principal: Principal): Promise<CaseView> {
    return caseView(await this.queries.get(caseId, principal));
  }

  @Get()
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: "A customer's cases or a technician's assigned cases, newest first" })
  @ApiZodQuery(listQuerySchema)
  @ApiZodResponse(caseListSchema, { description: 'the cases found, newest first' })
  async list(
    @Query(new ZodValidationPipe(listQuerySchema, 'query')) query: z.infer<typeof listQuerySchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: CaseView[] }> {
    return { items: (await this.queries.list(query, principal)).map(caseView) };
  }

  @Post(':caseId/guidance-outcome')
  @HttpCode(200)
  @Roles('customer', 'dispatcher')
  @ApiOperation({
    summary:
      'The customer tells whether the remote guidance fixed it: fixed → resolved, not fixed → a diagnostic visit',
  })
  @ApiZodBody(guidanceOutcomeSchema, { example: { fixed: true } })
  @ApiZodResponse(caseViewSchema, { description: 'the case: resolved, or waiting for a diagnostic visit' })
  @ApiProblems(
    [404, "no such case, or another customer's"],
    [409, 'the case is not waiting for a guidance outcome (currentState tells where it is)'],
  )
  async guidanceOutcome(
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(guidanceOutcomeSchema, 'guidance outcome')) body: z.infer<typeof guidanceOutcomeSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    return caseView(await this.workflow.recordGuidanceOutcome(caseId, principal, body.fixed));
  }

  @Post(':caseId/results')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({
    summary: "The assigned technician's test results and diagnosis: resolved, no-fault-found or repair-required",
  })
  @ApiZodBody(resultsRequestSchema, {
    example: {
      tests: [{ name: 'drain pump winding resistance', passed: false, measurements: { ohms: 0 } }],
      outcome: 'repair-required',
      confirmedFault: { faultId: 'wm-drain-pump-failed' },
    },
  })
  @ApiZodResponse(caseViewSchema, { description: 'the completed case with its result' })
  @ApiProblems(
    [404, 'no such case, or not assigned to this technician'],
    [409, 'the case has no scheduled visit, or was completed with another outcome (currentState tells where it is)'],
  )
  async results(
    @IdParam('caseId') caseId: string,
    @Body(new ZodValidationPipe(resultsRequestSchema, 'test results')) body: z.infer<typeof resultsRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    return caseView(await this.workflow.recordResults(caseId, principal, body));
  }
}
