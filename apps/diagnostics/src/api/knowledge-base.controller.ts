import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { z } from 'zod';

import { Roles } from '@appliance-care/auth';
import { CategoryKnowledge, categoryKnowledgeSchema, KnowledgeBase } from '@appliance-care/diagnostics';
import { ApiController, ApiZodResponse } from '@appliance-care/platform';

@ApiController('knowledge-base', { problems: [400, 401, 403, 429] })
export class KnowledgeBaseController {
  constructor(private readonly knowledgeBase: KnowledgeBase) {}

  @Get()
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: 'The categories the knowledge base knows' })
  @ApiZodResponse(z.object({ categories: z.array(z.string()) }), { description: 'the category names and aliases' })
  categories(): { categories: string[] } {
    return { categories: this.knowledgeBase.categories() };
  }

  @Get(':category')
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: "A category's faults (ids to name in confirmedFault.faultId), with its version" })
  @ApiZodResponse(categoryKnowledgeSchema, {
    description:
      "the category's faults and the safety rules of every category (an unknown category: the safety rules alone)",
  })
  category(@Param('category') category: string): CategoryKnowledge {
    return this.knowledgeBase.forCategory(category);
  }
}
