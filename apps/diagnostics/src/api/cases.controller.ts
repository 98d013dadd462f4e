import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { CaseQueries, caseView, CaseView, CaseWorkflow } from '@appliance-care/diagnostics';
import { ZodValidationPipe } from '@appliance-care/platform';
import { guidanceOutcomeSchema, listQuerySchema, resultsRequestSchema } from './cases.schemas';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly queries: CaseQueries,
    private readonly workflow: CaseWorkflow,
  ) {}

  @Get(':caseId')
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: 'A case with its triage and history (customers: their own; technicians: assigned to them)' })
  @ApiResponse({ status: 404, description: 'no such case, or not yours' })
  async get(@Param('caseId') caseId: string, @CurrentPrincipal() principal: Principal): Promise<CaseView> {
    return caseView(await this.queries.get(caseId, principal));
  }

  @Get()
  @Roles('customer', 'technician', 'dispatcher')
  @ApiOperation({ summary: "A customer's cases or a technician's assigned cases, newest first" })
  @ApiQuery({ name: 'customerId', required: false })
  @ApiQuery({ name: 'technicianId', required: false })
  @ApiQuery({ name: 'applianceId', required: false })
  @ApiQuery({ name: 'state', required: false })
  @ApiQuery({ name: 'limit', required: false })
  async list(@Query(new ZodValidationPipe(listQuerySchema, 'query')) query: z.infer<typeof listQuerySchema>, @CurrentPrincipal() principal: Principal): Promise<{ items: CaseView[] }> {
    return { items: (await this.queries.list(query, principal)).map(caseView) };
  }

  @Post(':caseId/guidance-outcome')
  @HttpCode(200)
  @Roles('customer', 'dispatcher')
  @ApiOperation({ summary: 'The customer tells whether the remote guidance fixed it: fixed → resolved, not fixed → a diagnostic visit' })
  @ApiBody({ schema: { type: 'object', required: ['fixed'], example: { fixed: true } } })
  @ApiResponse({ status: 409, description: 'the case is not waiting for a guidance outcome (currentState tells where it is)' })
  async guidanceOutcome(
    @Param('caseId') caseId: string,
    @Body(new ZodValidationPipe(guidanceOutcomeSchema, 'guidance outcome')) body: z.infer<typeof guidanceOutcomeSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    return caseView(await this.workflow.recordGuidanceOutcome(caseId, principal, body.fixed));
  }

  @Post(':caseId/results')
  @HttpCode(200)
  @Roles('technician')
  @ApiOperation({ summary: "The assigned technician's test results and diagnosis: resolved, no-fault-found or repair-required" })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['tests', 'outcome'],
      example: {
        tests: [{ name: 'drain pump winding resistance', passed: false, measurements: { ohms: 0 } }],
        outcome: 'repair-required',
        confirmedFault: { faultId: 'wm-drain-pump-failed' },
      },
    },
  })
  @ApiResponse({ status: 403, description: 'the case is not assigned to you' })
  @ApiResponse({ status: 409, description: 'the case has no scheduled visit (currentState tells where it is)' })
  async results(
    @Param('caseId') caseId: string,
    @Body(new ZodValidationPipe(resultsRequestSchema, 'test results')) body: z.infer<typeof resultsRequestSchema>,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CaseView> {
    return caseView(await this.workflow.recordResults(caseId, principal, body));
  }
}
