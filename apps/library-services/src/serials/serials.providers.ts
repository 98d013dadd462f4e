import { Provider, Type } from '@nestjs/common';

import {
  loadSerialsSettings,
  SerialQueries,
  SERIALS_SETTINGS,
  SerialsSettings,
  SerialSubscriptions,
  SubscriptionRepository,
} from '@appliance-care/library-services';

import { ClaimSweeper } from './claim.sweeper';
import { LateSerialsController } from './late-serials.controller';
import { SubscriptionsController } from './subscriptions.controller';

/** The serials part of the service: subscriptions, check-in, claims and the late list. */
export const SERIALS_CONTROLLERS: Type[] = [SubscriptionsController, LateSerialsController];

/** Its providers; `overrides` (tests) set the sweeper's pace and clock. */
export const serialsProviders = (overrides: Partial<SerialsSettings> = {}): Provider[] => [
  { provide: SERIALS_SETTINGS, useValue: { ...loadSerialsSettings(), ...overrides } },
  SubscriptionRepository,
  SerialSubscriptions,
  SerialQueries,
  ClaimSweeper,
];
