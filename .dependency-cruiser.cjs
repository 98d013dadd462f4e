// The layer rules of docs/ARCHITECTURE.md, checked by `npm test` (tools/test.js) with dependency-cruiser:
//   npx depcruise --config .dependency-cruiser.cjs --output-type err-long apps libs tools
// Which service may import which project is @nx/enforce-module-boundaries' job (eslint.config.mjs);
// these rules look inside a project, at its layers, and at imports that bypass the project aliases.
'use strict';

const FRAMEWORKS = '@nestjs/[^/]+|mongoose|kafkajs';
// the workspace's own configuration at the root (tsconfig.base.json, jest.preset.js): in no project
const WORKSPACE_FILE = '^[^/]+$';

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-a-framework',
      severity: 'error',
      comment:
        'Domain code (libs/*/src/domain) is plain TypeScript tested without Nest, Kafka or Mongo: no @nestjs/*, ' +
        'mongoose or kafkajs. Domain errors come from @appliance-care/kernel.',
      from: { path: '^libs/[^/]+/src/domain/' },
      // resolved into node_modules, or (where node_modules is absent) the bare module name
      to: { path: [`(^|/)node_modules/(${FRAMEWORKS})/`, `^(${FRAMEWORKS})$`] },
    },
    {
      name: 'domain-imports-platform-or-messaging',
      severity: 'error',
      comment:
        'Domain code imports neither @appliance-care/platform (its barrel pulls in Nest and mongoose) nor ' +
        '@appliance-care/messaging (Kafka): take errors from @appliance-care/kernel, events from contracts.',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: '^libs/(platform|messaging)/' },
    },
    {
      name: 'domain-imports-application-or-persistence',
      severity: 'error',
      comment:
        'The domain is the inner layer: use cases (application/) and storage (persistence/) depend on it, not back.',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: '^libs/[^/]+/src/(application|persistence)/' },
    },
    {
      name: 'kernel-imports-something',
      severity: 'error',
      comment:
        'libs/kernel is what every layer may use, domain code included: it depends on nothing (no package, no ' +
        'other workspace lib), so importing it can never pull a framework in.',
      from: { path: '^libs/kernel/' },
      to: { pathNot: '^libs/kernel/' },
    },
    {
      name: 'application-injects-a-model',
      severity: 'error',
      comment:
        'Application code reaches storage through repositories (libs/*/src/persistence), not @InjectModel: ' +
        'no @nestjs/mongoose outside persistence/.',
      from: { path: '^libs/[^/]+/src/application/' },
      to: { path: ['(^|/)node_modules/@nestjs/mongoose/', '^@nestjs/mongoose$'] },
    },
    {
      name: 'application-imports-mongoose',
      severity: 'error',
      comment:
        'Use cases know no store: mongoose (its models, documents, sessions, even its types) stays in ' +
        'libs/*/src/persistence, behind the repositories the application code calls.',
      from: { path: '^libs/[^/]+/src/application/' },
      to: { path: ['(^|/)node_modules/mongoose/', '^mongoose$'] },
    },
    {
      name: 'kafka-outside-messaging',
      severity: 'error',
      comment:
        'libs/messaging is the only Kafka code: services, their libs and the platform publish and consume ' +
        'through it (outbox, relay, EventConsumer, the Nest transport), never with kafkajs directly.',
      from: {
        path: '^(apps|libs)/[^/]+/src/',
        pathNot: ['^libs/(messaging|testing|service-testing)/', '\\.(spec|int-spec|e2e-spec)\\.ts$'],
      },
      to: { path: ['(^|/)node_modules/kafkajs/', '^kafkajs$'] },
    },
    {
      name: 'relative-import-leaves-its-project',
      severity: 'error',
      comment:
        'A relative import stays inside its Nx project (apps/<name>, libs/<name>, tools): another project is ' +
        'imported by its alias (@appliance-care/<name>), so the module-boundary rule sees it.',
      from: { path: '^(apps|libs)/([^/]+)/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], pathNot: ['^$1/$2/', WORKSPACE_FILE] },
    },
    {
      name: 'relative-import-leaves-tools',
      severity: 'error',
      comment: 'tools/ is one Nx project: it imports apps and libs by their aliases, never by a relative path.',
      from: { path: '^tools/', pathNot: '^tools/bench/' },
      to: { dependencyTypes: ['local'], dependencyTypesNot: ['aliased'], pathNot: ['^tools/', WORKSPACE_FILE] },
    },
    {
      name: 'relative-import-leaves-tools',
      severity: 'error',
      comment:
        "tools/ is one Nx project; benchmarks may also start a service's AppModule in process (as " +
        'eslint.config.mjs allows), nothing else of another project by a relative path.',
      from: { path: '^tools/bench/' },
      to: {
        dependencyTypes: ['local'],
        dependencyTypesNot: ['aliased'],
        pathNot: ['^tools/', WORKSPACE_FILE, '^apps/[^/]+/src/app\\.module\\.ts$'],
      },
    },
    {
      name: 'console-app-imports-outside-itself',
      severity: 'error',
      comment:
        "The console's browser app (apps/console/src) talks to the services over HTTP only: it imports no " +
        'workspace lib (server code, secrets) and not the console server; only its own files and npm packages.',
      from: { path: '^apps/console/src/' },
      to: { dependencyTypesNot: ['npm', 'npm-dev', 'core'], pathNot: ['^apps/console/src/', '(^|/)node_modules/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // project configuration files (jest.config.js extends the root preset) are not code of the project
    exclude: { path: ['^(dist|\\.cache|\\.data|\\.run|\\.nx)/', '(^|/)jest\\.config\\.js$'] },
    tsConfig: { fileName: 'tsconfig.json' },
    // type-only imports count: a domain file must not even name mongoose's types
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
