/**
 * The library's technical services: items (books, media, bound volumes) processed behind the scenes,
 * serial subscriptions checked in and claimed, volumes sent to the bindery, and the queue items that
 * carry this work to library technicians. One module per part, re-exported here.
 */
export * from './library-common.schema';
export * from './library-items.events';
export * from './library-serials.events';
export * from './library-work.events';
