import { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';

import { launchChromium } from './browser';
import { ConsoleSystem } from './console-system';

/**
 * One system and one Chromium for every journey of console.e2e-spec.ts: a system start (eight
 * processes, the console build and server) costs ~15 s of CPU, so the journeys share it instead of
 * starting one each. The system exists from the start (its `run` names each journey's data when the
 * journeys are declared); the browser only once the spec's beforeAll launched it.
 */
export class ConsoleSession {
  readonly system = new ConsoleSystem();
  private launched?: Browser;

  get browser(): Browser {
    if (!this.launched) throw new Error('the browser is not launched (the spec starts it in beforeAll)');
    return this.launched;
  }

  async start(): Promise<void> {
    await this.system.start();
    this.launched = await launchChromium();
  }

  async stop(): Promise<void> {
    await this.launched?.close();
    await this.system.stop();
  }
}

/**
 * A journey's own browser contexts (each a person's session, cookies and storage of its own), closed
 * together in the journey's afterAll so that the next journey starts in a browser without them.
 */
export class JourneyContexts {
  private readonly opened: BrowserContext[] = [];

  constructor(private readonly session: ConsoleSession) {}

  async open(options: BrowserContextOptions): Promise<BrowserContext> {
    const context = await this.session.browser.newContext(options);
    this.opened.push(context);
    return context;
  }

  async close(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((context) => context.close()));
  }
}
