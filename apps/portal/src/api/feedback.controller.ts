import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiConsumes, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';

import { Public } from '@appliance-care/auth';
import { ApiProblems, ApiZodBody, ApiZodResponse, isDomainError, parseOrThrow } from '@appliance-care/platform';
import {
  FeedbackGivenView,
  feedbackGivenViewSchema,
  FeedbackRecord,
  FeedbackService,
  feedbackSurveySchema,
} from '@appliance-care/portal';

import { PAGE_HEADERS, problemPage, surveyPage, thanksPage } from './feedback.pages';
import { feedbackAnswerSchema, fromForm } from './feedback.schemas';

const HTML = { 'text/html': { type: 'string', description: 'the same as a small HTML page (Accept: text/html)' } };
const GONE = ApiResponse({
  status: 410,
  description: 'the link has expired',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
});
const BAD_LINK: [404, string] = [
  404,
  'the link is forged, for something else, or names a job the portal does not know',
];
const ANSWERED: [409, string] = [409, 'feedback for this job was given already (once per job)'];

/** Browsers ask for HTML first; API clients (and no Accept at all) get JSON. */
const prefersHtml = (req: Request): boolean => req.accepts(['application/json', 'text/html']) === 'text/html';

const givenView = (record: FeedbackRecord): FeedbackGivenView => {
  const { feedbackId, kind, sourceId, workOrderId, technicianId, rating, comment, fixedFirstTime, givenAt } = record;
  return { feedbackId, kind, sourceId, workOrderId, technicianId, rating, comment, fixedFirstTime, givenAt };
};

/**
 * The survey behind the link in a completion mail. No bearer token: the signed link is the
 * credential, and a bad link is answered 404/409/410, never 401/403.
 */
@ApiTags('feedback')
@Public()
@Controller('api/v1')
export class FeedbackController {
  constructor(private readonly feedback: FeedbackService) {}

  @Get('feedback-links/:token')
  @ApiOperation({ summary: 'What a feedback link asks about: the job, the appliance, the technician, when' })
  @ApiParam({ name: 'token', description: "the link's signed token" })
  @ApiZodResponse(feedbackSurveySchema, {
    description: 'the survey (as an HTML form with Accept: text/html)',
    mediaTypes: HTML,
  })
  @ApiProblems(BAD_LINK, ANSWERED, 429, 503)
  @GONE
  async survey(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, async () => {
      const survey = await this.feedback.survey(token);
      if (prefersHtml(req)) res.status(200).set(PAGE_HEADERS).type('html').send(surveyPage(survey, token));
      else res.status(200).json(survey);
    });
  }

  @Post('feedback')
  @ApiOperation({ summary: "A customer's rating of a job through its feedback link: once per job" })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiZodBody(feedbackAnswerSchema)
  @ApiZodResponse(feedbackGivenViewSchema, {
    status: 201,
    description: 'stored; customer.feedback-given.v1 follows',
    mediaTypes: HTML,
  })
  @ApiProblems(400, BAD_LINK, ANSWERED, 413, 429, 503)
  @GONE
  async give(@Body() body: unknown, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.answer(req, res, async () => {
      const form = req.is('application/x-www-form-urlencoded') && body && typeof body === 'object';
      const { token, ...answer } = parseOrThrow(
        feedbackAnswerSchema,
        form ? fromForm(body as Record<string, unknown>) : body,
        'request body',
      );
      const record = await this.feedback.give(token, answer);
      if (prefersHtml(req)) res.status(201).set(PAGE_HEADERS).type('html').send(thanksPage(record));
      else res.status(201).json(givenView(record));
    });
  }

  /** A browser is told in a page what went wrong; an API client gets problem+json (the filter). */
  private async answer(req: Request, res: Response, run: () => Promise<void>): Promise<void> {
    // what a link shows is for its holder only: no cache keeps it, in JSON or as a page
    res.setHeader('Cache-Control', 'no-store');
    try {
      await run();
    } catch (err) {
      if (!isDomainError(err) || !prefersHtml(req)) throw err;
      res.status(err.status).set(PAGE_HEADERS).type('html').send(problemPage(err.status, err.message));
    }
  }
}
