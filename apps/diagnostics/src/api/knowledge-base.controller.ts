import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@appliance-care/auth';
import { CategoryKnowledge, KnowledgeBase } from '@appliance-care/diagnostics';

@ApiTags('knowledge-base')
@ApiBearerAuth()
@Controller('api/v1/knowledge-base')
export class KnowledgeBaseController {
  constructor(private readonly knowledgeBase: KnowledgeBase) {}

  @Get()
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: 'The categories the knowledge base knows' })
  categories(): { categories: string[] } {
    return { categories: this.knowledgeBase.categories() };
  }

  @Get(':category')
  @Roles('technician', 'dispatcher')
  @ApiOperation({ summary: "A category's faults (ids to name in confirmedFault.faultId), with its version" })
  category(@Param('category') category: string): CategoryKnowledge {
    return this.knowledgeBase.forCategory(category);
  }
}
