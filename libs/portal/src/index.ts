export * from './domain/timeline-entry';
export * from './domain/timeline-event.mapper';
export * from './domain/appliance-status.projection';
export * from './persistence/timeline-entry.schema';
export * from './persistence/timeline.repository';
