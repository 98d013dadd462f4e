import { MessageTemplate, TemplateName } from './template-names';

type LibraryTemplate = Extract<TemplateName, `library-${string}`>;

/** German texts of the library's messages (issue 21). */
export const LIBRARY_DE: Record<LibraryTemplate, MessageTemplate> = {
  'library-item-shelf-ready': {
    subject: '{{title}} liegt für Sie in {{branch}} bereit',
    text: 'Hallo {{name}},\n\n{{title}} liegt für Sie in {{branch}} bereit (Signatur {{callNumber}}). Fragen Sie an der Theke nach Ihrer Vormerkung {{holdId}}.\n\nIhre Bibliothek',
    html: '<p>Hallo {{name}},</p><p><b>{{title}}</b> liegt für Sie in <b>{{branch}}</b> bereit (Signatur {{callNumber}}). Fragen Sie an der Theke nach Ihrer Vormerkung {{holdId}}.</p>',
    sms: '{{title}} liegt für Sie in {{branch}} bereit.',
  },
  'library-supervisor-digest': {
    subject:
      'Bibliothek {{branch}} am {{day}}: {{lateSerials.length}} fehlende Zeitschriftenhefte, {{approvals.length}} Freigaben offen',
    text:
      'Hallo {{name}},\n\n' +
      '{{#if lateSerials.length}}Fehlende Hefte (beim Lieferanten reklamiert, nicht eingegangen):\n{{#each lateSerials}}- {{title}} Jg. {{volume}} Nr. {{number}}, erwartet {{expectedOn}}, {{claimCount}}× reklamiert{{#if lastClaimedAt}}, zuletzt {{date lastClaimedAt}}{{/if}}\n{{/each}}\n{{/if}}' +
      '{{#if approvals.length}}Originalkatalogisate zur Freigabe:\n{{#each approvals}}- {{title}} (Barcode {{barcode}}), eingereicht von {{submittedBy}} am {{date submittedAt}}\n{{/each}}\n{{/if}}' +
      'Ihre Bibliothek',
    html:
      '<p>Hallo {{name}},</p>' +
      '{{#if lateSerials.length}}<p>Fehlende Hefte (beim Lieferanten reklamiert, nicht eingegangen):</p><ul>{{#each lateSerials}}<li><b>{{title}}</b> Jg. {{volume}} Nr. {{number}}, erwartet {{expectedOn}}, {{claimCount}}× reklamiert{{#if lastClaimedAt}}, zuletzt {{date lastClaimedAt}}{{/if}}</li>{{/each}}</ul>{{/if}}' +
      '{{#if approvals.length}}<p>Originalkatalogisate zur Freigabe:</p><ul>{{#each approvals}}<li><b>{{title}}</b> (Barcode {{barcode}}), eingereicht von {{submittedBy}} am {{date submittedAt}}</li>{{/each}}</ul>{{/if}}',
    sms: 'Bibliothek {{branch}}: {{lateSerials.length}} fehlende Hefte, {{approvals.length}} Freigaben offen.',
  },
};
