import { Fault, Severity } from '@appliance-care/contracts';

import { CategoryKnowledge, KnowledgeFault } from './knowledge-base';

export interface TriageInput {
  category: string;
  errorCode?: string;
  symptoms?: string;
}

export interface RankedCandidate {
  fault: KnowledgeFault;
  score: number;
  matchedCode?: string;
  matchedKeywords: string[];
  /** why this candidate: the evidence and the prior */
  reason: string;
}

export type TriageRoute = 'guidance' | 'visit';

export interface TriageResult {
  knowledgeBaseVersion: string;
  /** best first; never empty (an unrecognised problem yields the category's generic fault) */
  candidates: RankedCandidate[];
  top: RankedCandidate;
  severity: Severity;
  route: TriageRoute;
  requiredSkill: string;
  durationMinutes: number;
  explanation: string;
}

/** Evidence weights: an exact error code says more than a symptom word. */
const CODE_WEIGHT = 2;
const KEYWORD_WEIGHT = 1;
const MAX_KEYWORDS_COUNTED = 3;

/** Lower case, apostrophes dropped ("won't" → "wont"), everything else non-alphanumeric a single space. */
function normaliseText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
}

const normaliseCode = (code: string): string => code.trim().toUpperCase().replace(/\s+/g, ' ');

function assess(fault: KnowledgeFault, code: string | undefined, text: string): RankedCandidate | undefined {
  const matchedCode = code ? fault.errorCodes.find((c) => normaliseCode(c) === code) : undefined;
  const matchedKeywords = fault.keywords.filter((k) => text.includes(normaliseText(k)));
  const evidence =
    (matchedCode ? CODE_WEIGHT : 0) + Math.min(matchedKeywords.length, MAX_KEYWORDS_COUNTED) * KEYWORD_WEIGHT;
  if (evidence === 0) return undefined;
  const because = [
    ...(matchedCode ? [`error code ${matchedCode}`] : []),
    ...(matchedKeywords.length ? [`symptoms ${matchedKeywords.map((k) => `"${k}"`).join(', ')}`] : []),
  ];
  const score = Math.round(fault.likelihood * evidence * 1000) / 1000;
  return {
    fault,
    score,
    matchedCode,
    matchedKeywords,
    reason: `${because.join(' and ')} match; likelihood ${fault.likelihood}; score ${score}`,
  };
}

/** A critical (safety) match outranks everything; otherwise the higher score, then the more likely. */
function compare(a: RankedCandidate, b: RankedCandidate): number {
  const critical = Number(b.fault.severity === 'critical') - Number(a.fault.severity === 'critical');
  return (
    critical || b.score - a.score || b.fault.likelihood - a.fault.likelihood || a.fault.id.localeCompare(b.fault.id)
  );
}

function unrecognised(knowledge: CategoryKnowledge, input: TriageInput): RankedCandidate {
  const code = input.errorCode ? ` (error code ${input.errorCode})` : '';
  return {
    fault: {
      id: 'unrecognised',
      component: 'unknown',
      description: `Not recognised remotely${code}: a technician must test the appliance`,
      errorCodes: [],
      keywords: [],
      likelihood: 1,
      severity: 'medium',
      requiredSkill: knowledge.defaultSkill,
      durationMinutes: 60,
      parts: [],
    },
    score: 0,
    matchedKeywords: [],
    reason: 'no error code or symptom in the knowledge base matched',
  };
}

/**
 * Ranks the knowledge base's candidate faults for a problem and decides the route: remote guidance
 * when the most likely fault is one the customer can fix, a diagnostic visit otherwise. A critical
 * match (gas, burning, shock) always sends a technician and never asks the customer to tinker.
 */
export function triage(knowledge: CategoryKnowledge, input: TriageInput): TriageResult {
  const code = input.errorCode ? normaliseCode(input.errorCode) : undefined;
  const text = normaliseText(input.symptoms ?? '');
  const ranked = knowledge.faults
    .map((f) => assess(f, code, text))
    .filter((c): c is RankedCandidate => c !== undefined)
    .sort(compare);
  const candidates = ranked.length ? ranked : [unrecognised(knowledge, input)];
  const top = candidates[0];
  const severity = top.fault.severity;
  const route: TriageRoute = severity !== 'critical' && top.fault.guidance ? 'guidance' : 'visit';
  const why =
    severity === 'critical'
      ? 'critical safety risk: urgent visit, no remote step'
      : route === 'guidance'
        ? 'the customer can fix the most likely fault with remote guidance'
        : 'the most likely fault needs a technician';
  return {
    knowledgeBaseVersion: knowledge.version,
    candidates,
    top,
    severity,
    route,
    requiredSkill: top.fault.requiredSkill,
    durationMinutes: top.fault.durationMinutes,
    explanation: `${top.fault.component}: ${top.reason}; ${why}`,
  };
}

/** A knowledge-base fault as the events carry it; the code only when the appliance reported it. */
export function toFault(fault: KnowledgeFault, code?: string): Fault {
  return {
    ...(code ? { code } : {}),
    component: fault.component,
    description: fault.description,
    ...(fault.excludedCause ? { excludedCause: fault.excludedCause } : {}),
  };
}
