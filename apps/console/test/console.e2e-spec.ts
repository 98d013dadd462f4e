import { customerJourney } from './customer.journey';
import { dispatcherJourney } from './dispatcher.journey';
import { libraryJourney } from './library.journey';
import { ConsoleSession } from './support/console-session';
import { technicianJourney } from './technician.journey';

/**
 * The console's browser tests: the services, the console server and Chromium started once for the
 * four journeys (a start each cost ~15 s of CPU, ~30 s under CI load), which run one after the other.
 * Each journey opens its own browser contexts and brings its own data (ids suffixed with the run, its
 * own customers and technicians), so it passes whichever journeys ran before it.
 */
const session = new ConsoleSession();

// at the top level, not in a describe: the tests keep their names ("console: the customer …")
beforeAll(() => session.start());
afterAll(() => session.stop());

// in the README's order; each brings its own data, so any order passes
dispatcherJourney(session);
technicianJourney(session);
customerJourney(session);
libraryJourney(session);
