import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';

import { ApiProblems, type ProblemStatus } from './openapi';

/** The error answers any operation of most controllers may give: bad input, no token, wrong role, limits, store. */
const COMMON_PROBLEMS: ProblemStatus[] = [400, 401, 403, 429, 503];

/**
 * What every HTTP controller of the services is: routes under api/v1/<path> (the tag unless given),
 * one OpenAPI tag, behind a bearer JWT, with the error answers its operations share (the common
 * ones unless given; `problems: []` when each operation names its own).
 */
export const ApiController = (
  tag: string,
  options: { path?: string; problems?: ProblemStatus[] } = {},
): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth(),
    Controller(['api/v1', options.path ?? tag].filter(Boolean).join('/')),
    ApiProblems(...(options.problems ?? COMMON_PROBLEMS)),
  );
