/**
 * The supervisors' daily digest of a branch: what it lists and when it is due. Plain data and
 * functions; the job (application/library-digest.job.ts) reads the store and sends it.
 */

/** An issue claimed from its vendor and still not received. */
export interface LateSerial {
  subscriptionId: string;
  title: string;
  volume: number;
  number: number;
  /** YYYY-MM-DD the pattern predicted */
  expectedOn: string;
  claimCount: number;
  lastClaimedAt?: string;
}

/** An original record waiting for a librarian's approval. */
export interface WaitingApproval {
  itemId: string;
  title: string;
  barcode: string;
  /** the cataloguer's name when notifications knows them, else their id */
  submittedBy: string;
  submittedAt: string;
}

export interface BranchDigest {
  branch: string;
  /** YYYY-MM-DD (UTC) the digest is for (not `date`: the templates' date helper has that name) */
  day: string;
  lateSerials: LateSerial[];
  approvals: WaitingApproval[];
}

/** A supervisor of a branch, from configuration. */
export interface LibrarySupervisor {
  name: string;
  email: string;
  locale?: string;
}

/** branch → its supervisors */
export type LibrarySupervisors = Record<string, LibrarySupervisor[]>;

const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` (UTC) → minutes after midnight; refuses anything else, naming the variable. */
export function parseDigestTime(value: string, variable = 'LIBRARY_DIGEST_AT'): number {
  const match = TIME_OF_DAY.exec(value.trim());
  if (!match) throw new Error(`${variable}: "${value}" must be a time of day HH:MM (UTC)`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Which day's digest `now` may send: today's once its hour has come (UTC), none before. A day the
 * service was down for is not sent later (the digest is of the day it is read on): a restart later
 * the same day still sends it, the next day sends only the next day's.
 */
export function digestDue(now: Date, atMinutes: number): string | undefined {
  const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  return minutes >= atMinutes ? now.toISOString().slice(0, 10) : undefined;
}

/** The key of one branch's digest of one day: the run's once-key, and its notifications' source. */
export const digestRunId = (branch: string, date: string): string => `library-digest:${branch}:${date}`;

/** The digest, or undefined when the branch has nothing to report: then nobody is sent anything. */
export function composeDigest(
  branch: string,
  date: string,
  lateSerials: readonly LateSerial[],
  approvals: readonly WaitingApproval[],
): BranchDigest | undefined {
  if (!lateSerials.length && !approvals.length) return undefined;
  const serials = [...lateSerials].sort(
    (a, b) => a.expectedOn.localeCompare(b.expectedOn) || a.title.localeCompare(b.title) || a.number - b.number,
  );
  const waiting = [...approvals].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  return { branch, day: date, lateSerials: serials, approvals: waiting };
}

/** The recipient id of a branch's supervisor (stable while their address is). */
export const supervisorRecipientId = (branch: string, email: string): string =>
  `library-supervisor:${branch}:${email
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')}`;

/** The supervisors as configured: `{ "<branch>": [{ "name", "email" }] }`; an entry without both is refused. */
export function parseLibrarySupervisors(raw: unknown, source: string): LibrarySupervisors {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${source}: not an object of branches`);
  const supervisors: LibrarySupervisors = {};
  for (const [branch, list] of Object.entries(raw as Record<string, unknown>)) {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(branch) || !Array.isArray(list))
      throw new Error(`${source}: "${branch}" must be a branch code with a list of supervisors`);
    supervisors[branch] = list.map((entry: Record<string, unknown>) => {
      const { name, email, locale } = entry ?? {};
      if (typeof name !== 'string' || !name || typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email))
        throw new Error(`${source}: a supervisor of "${branch}" needs a name and an email address`);
      return { name, email, ...(typeof locale === 'string' ? { locale } : {}) };
    });
  }
  return supervisors;
}
