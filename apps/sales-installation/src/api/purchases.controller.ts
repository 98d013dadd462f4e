import { Body, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentPrincipal, Principal, Roles } from '@appliance-care/auth';
import { PurchaseRecorded } from '@appliance-care/contracts';
import { ApiController, ApiProblems, ApiZodBody, ApiZodResponse, ZodValidationPipe } from '@appliance-care/platform';
import {
  IdempotencyStore,
  PurchaseReceipt,
  purchaseReceiptSchema,
  purchaseRequestSchema,
  RecordPurchase,
} from '@appliance-care/sales-installation';

/** The /docs example: SPEC §4's purchase of one washing machine to install. */
const PURCHASE_EXAMPLE = {
  orderId: 'ORD-2026-000123',
  purchasedAt: '2026-11-28T10:15:00Z',
  customer: {
    id: 'C-1001',
    name: 'Ada Lovelace',
    email: 'ada@example.org',
    address: {
      line1: "12 St James's Square",
      city: 'London',
      postalCode: 'SW1Y 4JH',
      country: 'GB',
      region: 'london',
    },
  },
  items: [
    {
      sku: 'WM-8KG-1400',
      category: 'washing-machine',
      serialNumber: 'ACM-WM8-000001',
      warrantyMonths: 24,
      installation: { required: true },
    },
  ],
};

/** What a purchase can be refused for. */
const PURCHASE_PROBLEMS: Parameters<typeof ApiProblems> = [
  [
    400,
    "the purchase breaks its schema or a rule (e.g. an item to install without the customer's address); errors names each field",
  ],
  401,
  403,
  413,
  [409, 'a serial number is registered under another order, or the order id was used for another purchase'],
  [422, 'the Idempotency-Key was used with another body'],
  429,
  503,
];

@ApiController('purchases', { problems: [] })
export class PurchasesController {
  constructor(
    private readonly recordPurchase: RecordPurchase,
    private readonly idempotency: IdempotencyStore,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('sales-system')
  @ApiOperation({
    summary: 'Record a purchase (same body as the sales.purchase.recorded.v1 event data); processed once per orderId',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'same key and body: the same answer; same key, another body: 422',
  })
  @ApiZodBody(purchaseRequestSchema, {
    description: 'SPEC §4 purchase',
    example: PURCHASE_EXAMPLE,
  })
  @ApiZodResponse(purchaseReceiptSchema, {
    status: 202,
    description:
      'accepted: the appliances and installation jobs of the order (a replay with the same Idempotency-Key says Idempotent-Replayed: true)',
  })
  @ApiProblems(...PURCHASE_PROBLEMS)
  async record(
    @Body(new ZodValidationPipe(purchaseRequestSchema, 'purchase')) purchase: PurchaseRecorded,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PurchaseReceipt> {
    const answer = await this.idempotency.run(`purchases|${principal.sub}`, key, purchase, async () => ({
      status: 202,
      body: await this.recordPurchase.execute(purchase),
    }));
    res.status(answer.status);
    if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return answer.body;
  }
}
