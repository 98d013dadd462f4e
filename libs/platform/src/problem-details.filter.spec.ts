import { mongo, Error as MongooseError } from 'mongoose';

import { BusinessRuleError } from '@appliance-care/kernel';

import {
  isStoreUnavailable,
  ProblemDetailsFilter,
  STORE_RETRY_AFTER_SECONDS,
  storeUnavailableProblem,
} from './problem-details.filter';

describe('store unavailability → 503', () => {
  it.each([
    [
      'server selection',
      new mongo.MongoServerSelectionError('Server selection timed out after 5000 ms', { servers: new Map() } as never),
    ],
    ['network', new mongo.MongoNetworkError('connection 3 to 127.0.0.1:27017 closed')],
    [
      'network timeout (socketTimeoutMS)',
      new mongo.MongoNetworkTimeoutError('connection 3 to 127.0.0.1:27017 timed out'),
    ],
    ['operation timeout', new mongo.MongoOperationTimeoutError('Timed out during socket read (30000ms)')],
    ['not connected', new mongo.MongoNotConnectedError('Client must be connected before running operations')],
    ['topology closed', new mongo.MongoTopologyClosedError()],
    ['mongoose server selection', new MongooseError.MongooseServerSelectionError('Could not connect to any servers')],
    [
      'pool cleared (by name, as the driver raises it)',
      Object.assign(new Error('Connection pool for 127.0.0.1:27017 was cleared'), { name: 'MongoPoolClearedError' }),
    ],
    [
      'wait-queue timeout',
      Object.assign(new Error('Timed out while checking out a connection from connection pool'), {
        name: 'MongoWaitQueueTimeoutError',
      }),
    ],
    [
      'maxTimeMS expired on the server',
      new mongo.MongoServerError({ message: 'operation exceeded time limit', code: 50 }),
    ],
    [
      'mongoose buffering timeout',
      Object.assign(new Error('Operation `orders.findOne()` buffering timed out after 10000ms'), {
        name: 'MongooseError',
      }),
    ],
    ['a wrapped cause', new Error('repository failed', { cause: new mongo.MongoNetworkError('socket hang up') })],
    [
      'an aggregate that kept changing (libs/messaging untilWritten)',
      Object.assign(new Error('repair ticket R-1 kept changing concurrently'), { name: 'WriteConflictError' }),
    ],
  ])('%s is a 503', (_what, error) => {
    expect(isStoreUnavailable(error)).toBe(true);
    expect(storeUnavailableProblem(error)).toMatchObject({
      status: 503,
      title: 'Service Unavailable',
      code: 'store-unavailable',
    });
  });

  it.each([
    ['a duplicate key', new mongo.MongoServerError({ message: 'E11000 duplicate key error', code: 11000 })],
    ['a domain error', new BusinessRuleError('duplicate-serial', 'serial already registered')],
    ['a plain error', new Error('boom')],
    ['a cast error', new MongooseError.CastError('ObjectId', 'x', '_id')],
    ['not an error', 'string'],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => {
    expect(isStoreUnavailable(error)).toBe(false);
    expect(storeUnavailableProblem(error)).toBeUndefined();
  });

  it('answers 503 problem+json with Retry-After through the filter', () => {
    const sent: { status?: number; headers: Record<string, string>; type?: string; body?: unknown } = { headers: {} };
    const response = {
      status: (status: number) => {
        sent.status = status;
        return response;
      },
      setHeader: (name: string, value: string) => {
        sent.headers[name] = value;
        return response;
      },
      type: (type: string) => {
        sent.type = type;
        return response;
      },
      json: (body: unknown) => {
        sent.body = body;
        return response;
      },
    };
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({
        getResponse: () => response,
        getRequest: () => ({ url: '/api/v1/orders', originalUrl: '/api/v1/orders' }),
      }),
    };
    new ProblemDetailsFilter().catch(
      new mongo.MongoNetworkTimeoutError('connection 7 to 127.0.0.1:27017 timed out'),
      host as never,
    );
    expect(sent).toEqual({
      status: 503,
      headers: { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
      type: 'application/problem+json',
      body: expect.objectContaining({
        status: 503,
        title: 'Service Unavailable',
        code: 'store-unavailable',
        instance: '/api/v1/orders',
      }),
    });
  });
});
