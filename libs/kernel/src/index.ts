// The framework-free core every layer may use, domain code included: no Nest, mongoose or kafkajs here
// (the layer check, .dependency-cruiser.cjs, enforces it), and no dependency on another workspace lib.
export * from './domain-errors';
export * from './calendar';
