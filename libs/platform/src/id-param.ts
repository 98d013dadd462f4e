import { Param } from '@nestjs/common';

import { idString } from '@appliance-care/contracts';

import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * A route parameter that holds an id, validated the one way every controller does: the id format of
 * the contracts (what every event carries), else 400 naming the parameter. `@IdParam('caseId') caseId`.
 */
export const IdParam = (name: string): ParameterDecorator => Param(name, new ZodValidationPipe(idString, name));
