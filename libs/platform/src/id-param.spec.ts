import { Controller, Get, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { IdParam } from './id-param';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller('cases')
class CasesController {
  @Get(':caseId')
  get(@IdParam('caseId') caseId: string) {
    return { caseId };
  }
}

describe('IdParam', () => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [CasesController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter());
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });
  afterAll(() => app.close());

  it('passes an id in the contracts format through', async () => {
    const res = await fetch(`${url}/cases/CASE-2026.11:7`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ caseId: 'CASE-2026.11:7' });
  });

  it('answers 400 problem+json naming the parameter for anything else', async () => {
    for (const bad of ['bad%20id!', `${'x'.repeat(129)}`, '-leading-dash', '%24where']) {
      const res = await fetch(`${url}/cases/${bad}`);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { detail: string }).detail).toMatch(/^invalid caseId: /);
    }
  });
});
