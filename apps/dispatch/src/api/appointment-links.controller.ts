import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { Public } from '@appliance-care/auth';
import { AppointmentLinks, appointmentLinkViewSchema, appointmentViewSchema } from '@appliance-care/dispatch';
import {
  ApiProblems,
  ApiZodBody,
  ApiZodResponse,
  isDomainError,
  isStoreUnavailable,
  parseOrThrow,
} from '@appliance-care/platform';

import { AppointmentFormInterceptor, isFormPost } from './appointment-form.interceptor';
import { appointmentPage, cancelledPage, movedPage, PAGE_SECURITY_POLICY, refusedPage } from './appointment-link.pages';
import { linkCancelBody, linkCancelInput, linkRescheduleInput, rescheduleInput } from './appointment.schemas';

const HTML = { 'text/html': { type: 'string', description: 'the same as a page, for a browser' } };

/** Whether the caller is a browser: Accept prefers text/html (a JSON client, or Accept: *\/*, gets JSON). */
const prefersHtml = (req: Request): boolean => req.accepts(['application/json', 'text/html']) === 'text/html';

/**
 * Runs the use case and answers a browser with a page (a refusal too, with its status); JSON
 * clients get JSON and problem+json as everywhere. The page never leaves the token in a cache.
 */
async function answer<T>(res: Response, html: boolean, run: () => Promise<T>, render: (result: T) => string) {
  // what a link shows is for its holder only: no cache keeps it, in JSON or as a page
  res.setHeader('Cache-Control', 'no-store');
  if (!html) return run();
  res.setHeader('Content-Security-Policy', PAGE_SECURITY_POLICY);
  res.type('html');
  try {
    return render(await run());
  } catch (err) {
    if (!isDomainError(err) || isStoreUnavailable(err)) throw err;
    res.status(err.status);
    return refusedPage(err.message);
  }
}

/**
 * The appointment links of booking mails and SMS: no login, the signed token is the credential
 * (purpose 'appointment'). Forged, for something else or for another customer's order: 404; expired
 * (at the visit's start): 410; the appointment changed since the link was sent: 409 — a link works
 * for one move, the confirmation of the move carries the next one. The token is redacted from the
 * request log and never logged here.
 */
@ApiTags('appointment-links')
@Controller('api/v1/appointment-links')
@Public()
@UseInterceptors(AppointmentFormInterceptor)
@ApiProblems(
  400,
  429,
  503,
  [404, 'the link is not valid: forged, for something else, or not for this customer’s work order'],
  [409, 'the appointment changed since the link was sent (moved, cancelled, started); or the window is taken'],
)
@ApiResponse({
  status: 410,
  description: 'the link has expired (at the start of the visit it was sent for)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
})
export class AppointmentLinksController {
  constructor(private readonly links: AppointmentLinks) {}

  @Get(':token')
  @ApiOperation({
    summary:
      'The appointment and the windows it may move to; a browser (Accept: text/html) gets a page with a form per ' +
      'window and a cancel form',
  })
  @ApiZodResponse(appointmentLinkViewSchema, { description: 'the appointment and its offers', mediaTypes: HTML })
  view(@Param('token') token: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    return answer(
      res,
      prefersHtml(req),
      () => this.links.view(token),
      (view) => appointmentPage(token, view),
    );
  }

  @Post(':token/reschedule')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Move the appointment to an offered window (JSON {slot}, or the form fields technicianId and start); ' +
      'the link then no longer works: the confirmation carries a new one',
  })
  @ApiZodBody(rescheduleInput)
  @ApiZodResponse(appointmentViewSchema, { description: 'the appointment, moved', mediaTypes: HTML })
  @ApiProblems([
    422,
    'the window could not be offered (past, beyond the days offered, the technician no longer qualifies)',
  ])
  reschedule(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const run = async () => {
      const link = await this.links.open(token);
      return this.links.reschedule(link, parseOrThrow(linkRescheduleInput, body, 'body').slot);
    };
    return answer(res, isFormPost(req), run, movedPage);
  }

  @Post(':token/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel the appointment (JSON, or the form field reason); the slot is freed' })
  @ApiZodBody(linkCancelBody, { required: false })
  @ApiZodResponse(appointmentViewSchema, { description: 'the appointment, cancelled', mediaTypes: HTML })
  cancel(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const run = async () => {
      const link = await this.links.open(token);
      return this.links.cancel(link, parseOrThrow(linkCancelInput, body, 'body').reason);
    };
    return answer(res, isFormPost(req), run, cancelledPage);
  }
}
