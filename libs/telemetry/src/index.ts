export * from './trace-context';
export { startTelemetry, telemetryEnabled } from './telemetry';
export * from './publish-spans';
