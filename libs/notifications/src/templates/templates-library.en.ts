import { MessageTemplate, TemplateName } from './template-names';

type LibraryTemplate = Extract<TemplateName, `library-${string}`>;

/** English texts of the library's messages (issue 21), kept apart from the appliance ones. */
export const LIBRARY_EN: Record<LibraryTemplate, MessageTemplate> = {
  // a patron's hold: the item came through processing and waits for them at its branch
  'library-item-shelf-ready': {
    subject: '{{title}} is ready for you at {{branch}}',
    text: 'Hello {{name}},\n\n{{title}} is ready for you at {{branch}} (call number {{callNumber}}). Ask at the desk for your hold {{holdId}}.\n\nThe library',
    html: '<p>Hello {{name}},</p><p><b>{{title}}</b> is ready for you at <b>{{branch}}</b> (call number {{callNumber}}). Ask at the desk for your hold {{holdId}}.</p>',
    sms: '{{title}} is ready for you at {{branch}}.',
  },
  // the daily digest of one branch for its supervisors: late serials (claimed, not in) and approvals waiting
  'library-supervisor-digest': {
    subject:
      'Library {{branch}} on {{day}}: {{lateSerials.length}} late serial(s), {{approvals.length}} approval(s) waiting',
    text:
      'Hello {{name}},\n\n' +
      '{{#if lateSerials.length}}Late serials (claimed from the vendor, not received):\n{{#each lateSerials}}- {{title}} vol. {{volume}} no. {{number}}, expected {{expectedOn}}, claimed {{claimCount}} time(s){{#if lastClaimedAt}}, last {{date lastClaimedAt}}{{/if}}\n{{/each}}\n{{/if}}' +
      '{{#if approvals.length}}Original cataloguing waiting for your approval:\n{{#each approvals}}- {{title}} (barcode {{barcode}}), submitted by {{submittedBy}} on {{date submittedAt}}\n{{/each}}\n{{/if}}' +
      'The library',
    html:
      '<p>Hello {{name}},</p>' +
      '{{#if lateSerials.length}}<p>Late serials (claimed from the vendor, not received):</p><ul>{{#each lateSerials}}<li><b>{{title}}</b> vol. {{volume}} no. {{number}}, expected {{expectedOn}}, claimed {{claimCount}} time(s){{#if lastClaimedAt}}, last {{date lastClaimedAt}}{{/if}}</li>{{/each}}</ul>{{/if}}' +
      '{{#if approvals.length}}<p>Original cataloguing waiting for your approval:</p><ul>{{#each approvals}}<li><b>{{title}}</b> (barcode {{barcode}}), submitted by {{submittedBy}} on {{date submittedAt}}</li>{{/each}}</ul>{{/if}}',
    sms: 'Library {{branch}}: {{lateSerials.length}} late serial(s), {{approvals.length}} approval(s) waiting.',
  },
};
