export * from './persistence/library.persistence';
